"""Read+clean stage: each input file's documents become Articles with cleaned text, or rejects; one failure
stops nothing.

The input paths are walked here; the files are read and cleaned in partitions on the run's engine (in this
process for the local engine, on the workers for Dask), and come back as plain dicts.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from pipeline.clean import clean_document
from pipeline.engines import LOST, Engine, run_partitions
from pipeline.models import Article, Reject
from pipeline.read import RawDocument
from pipeline.read.iterate import read_file
from pipeline.read.paths import InputFile, iter_input_files
from pipeline.resources import RuleResources
from pipeline.stages.progress import Progress

FILES_PER_PARTITION = 16


@dataclass
class ReadArticles:
    articles: list[Article]
    rejects: list[Reject]
    files: list[str]  # the source of every file read


@dataclass(frozen=True)
class ReadTask:
    """One partition of files to read and clean, as plain data for a worker."""

    files: list[tuple[str, str]]  # (path, source)
    max_bytes: int
    resources: str | None


def read_and_clean(paths: Sequence[Path], root: Path, skip: Sequence[Path], max_bytes: int,
                   resources: str | None, engine: Engine, *, quiet: bool = True) -> ReadArticles:
    """The articles and rejects of every file under `paths` (sources relative to `root`; `skip` never walked)."""
    read = ReadArticles([], [], [])
    files: list[InputFile] = []
    for item in iter_input_files(paths, root, skip):
        if isinstance(item, Reject):
            read.rejects.append(item)
        else:
            files.append(item)
    read.files = [f.source for f in files]
    partitions = [files[start:start + FILES_PER_PARTITION] for start in range(0, len(files), FILES_PER_PARTITION)]
    by_source: dict[str, list[tuple[str, dict]]] = {}
    progress = Progress(len(files), quiet, "read")
    for items, result in run_partitions(engine, read_and_clean_partition, partitions,
                                        lambda items: _task(items, max_bytes, resources), heavy=False):
        if result is LOST:
            read.rejects.append(Reject(source=items[0].source, stage="read",
                                       reason="a worker process died reading this file"))
        else:
            by_source.update((item.source, records) for item, records in zip(items, result))
        progress.update(len(items))
    progress.close()
    for source in read.files:
        for kind, record in by_source.get(source, []):
            if kind == "article":
                read.articles.append(Article.model_validate(record))
            else:
                read.rejects.append(Reject.model_validate(record))
    return read


def _task(files: Sequence[InputFile], max_bytes: int, resources: str | None) -> ReadTask:
    return ReadTask([(str(f.path.absolute()), f.source) for f in files], max_bytes,
                    str(Path(resources).resolve()) if resources else None)


def read_and_clean_partition(task: ReadTask) -> list[list[tuple[str, dict]]]:
    """Per file of the task, its articles and rejects as ("article" or "reject", record dict)."""
    rules = RuleResources.load(task.resources)
    results = []
    for path, source in task.files:
        rejects: list[Reject] = []
        documents = read_file(InputFile(Path(path), source), max_bytes=task.max_bytes)
        articles = list(clean_documents(documents, rejects, rules))
        results.append([("article", a.model_dump()) for a in articles] + [("reject", r.model_dump()) for r in rejects])
    return results


def article_id(text: str, source: str | None = None) -> str:
    """Derived from the cleaned text; a duplicate or empty article also mixes in its source so ids stay unique."""
    data = text.encode("utf-8", "surrogatepass") + (f"\x00{source}".encode("utf-8", "surrogatepass") if source else b"")
    return f"a-{hashlib.sha1(data).hexdigest()[:16]}"


def clean_documents(documents: Iterable[RawDocument | Reject], rejects: list[Reject],
                    rules: RuleResources | None = None) -> Iterator[Article]:
    """Articles from the readers' documents; the readers' rejects and this stage's own go to `rejects`."""
    for item in documents:
        if isinstance(item, Reject):
            rejects.append(item)
            continue
        try:
            yield _article(item, rules)
        except ValidationError as exc:
            rejects.append(Reject(source=item.source, stage="validate", reason="article failed validation",
                                  detail=str(exc).splitlines()[0][:300]))
        except Exception as exc:  # a cleaning bug must not lose the input: it becomes a reject
            rejects.append(Reject(source=item.source, stage="clean", reason=f"cleaning failed: {type(exc).__name__}",
                                  detail=str(exc)[:300] or None))


def _article(document: RawDocument, rules: RuleResources | None) -> Article:
    cleaned = clean_document(document.text, title=document.title, published=document.published,
                             detect_title=document.format == "txt", rules=rules)
    empty = not cleaned.text.strip()
    return Article(id=article_id(cleaned.text, document.source if empty else None), source=document.source,
                   url=document.url, title=cleaned.title, published=cleaned.published, text=cleaned.text,
                   status="empty" if empty else "ok", dateline=cleaned.dateline, agency=cleaned.agency,
                   publisher=document.publisher, author=document.author, external_id=document.external_id, encoding=document.encoding,
                   encoding_errors=document.encoding_errors)
