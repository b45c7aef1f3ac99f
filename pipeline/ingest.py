"""`ingest`: read, clean, parse (cached), extract (cached), merge and write one output folder."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from pydantic import ValidationError

from pipeline import __version__
from pipeline.clean import clean_document
from pipeline.errors import UserError
from pipeline.resources import RuleResources
from pipeline.models import Article, Counts, Manifest, Meeting, ModelInfo, Person, Reject
from pipeline.nlp.cache import ParseCache, ResultCache
from pipeline.read import RawDocument, iter_documents
from pipeline.write import atomic_write_jsonl, atomic_write_text, read_jsonl

OUTPUT_FILES = ("articles.jsonl", "meetings.jsonl", "people.jsonl", "rejects.jsonl", "manifest.json")


@dataclass(frozen=True)
class IngestConfig:
    """Everything that decides what `ingest` writes (hashed into the cache keys) plus how it runs."""

    model: str | None = None
    resources: str | None = None
    batch_size: int = 8
    processes: int = 1
    max_bytes: int = 5_000_000
    incremental: bool = True

    @property
    def rules(self) -> RuleResources:
        return RuleResources.load(self.resources)

    def output_hash(self, model_key: str) -> str:
        relevant = {"model": model_key, "rules": self.rules.fingerprint, "code": _code_fingerprint(),
                    "version": __version__}
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


def _code_fingerprint() -> str:
    """A hash of the package's source files: any code change makes cached rule results stale."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class IngestSummary:
    articles: int = 0
    duplicates: int = 0
    rejects: int = 0
    meetings: int = 0
    people: int = 0
    parsed: int = 0
    extracted: int = 0
    seconds: float = 0.0
    unapplied_reviews: list[str] = field(default_factory=list)
    reviews_applied: str | None = None

    def line(self) -> str:
        return (f"{self.articles} articles ({self.duplicates} duplicates), {self.rejects} rejects, "
                f"{self.meetings} meetings, {self.people} people; parsed {self.parsed}, "
                f"extracted {self.extracted}; {self.seconds:.1f} s")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(text: str, source: str | None = None) -> str:
    """Derived from the cleaned text; an exact duplicate also mixes in its source so ids stay unique."""
    digest = hashlib.sha1(text.encode("utf-8") + (f"\x00{source}".encode() if source else b"")).hexdigest()
    return f"a-{digest[:16]}"


def _check_output_folder(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".convene-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise UserError(f"cannot write to output folder {out_dir}: {exc.strerror or exc}") from None


def _articles(documents: Iterator[RawDocument | Reject], rejects: list[Reject], rules: RuleResources) -> Iterator[Article]:
    seen: dict[str, str] = {}
    for item in documents:
        if isinstance(item, Reject):
            rejects.append(item)
            continue
        try:
            cleaned = clean_document(item.text, title=item.title, published=item.published,
                                     detect_title=item.format in ("txt",), rules=rules)
        except Exception as exc:  # a cleaning bug must not lose the input: it becomes a reject
            rejects.append(Reject(source=item.source, stage="clean", reason=f"cleaning failed: {type(exc).__name__}",
                                  detail=str(exc)[:300]))
            continue
        status, duplicate_of = "ok", None
        if not cleaned.text.strip():
            status = "empty"
        digest = text_hash(cleaned.text)
        if status == "ok" and digest in seen:
            status, duplicate_of = "duplicate", seen[digest]
        ident = article_id(cleaned.text, item.source if status == "duplicate" or status == "empty" else None)
        if status == "ok":
            seen[digest] = ident
        try:
            yield Article(id=ident, source=item.source, url=item.url, title=cleaned.title, published=cleaned.published,
                          text=cleaned.text, status=status, duplicate_of=duplicate_of, dateline=cleaned.dateline,
                          agency=cleaned.agency, publisher=item.publisher, external_id=item.external_id,
                          encoding=item.encoding)
        except ValidationError as exc:
            rejects.append(Reject(source=item.source, stage="validate", reason="article failed validation",
                                  detail=str(exc).splitlines()[0][:300]))


def _extraction_key(article: Article, output_hash: str) -> str:
    payload = json.dumps([article.id, article.text, str(article.published), article.dateline, article.title, output_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Progress:
    """A progress bar on a terminal, plain log lines otherwise, nothing with --quiet."""

    def __init__(self, total: int, quiet: bool, label: str):
        self.quiet, self.total, self.label, self.count = quiet, total, label, 0
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=label, unit="doc", file=sys.stderr, leave=False)

    def update(self, n: int = 1) -> None:
        self.count += n
        if self.bar is not None:
            self.bar.update(n)
        elif not self.quiet and self.total >= 50 and (self.count % 250 == 0 or self.count == self.total):
            print(f"{self.label}: {self.count}/{self.total}", file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _extract_all(articles: list[Article], out_dir: Path, config: IngestConfig, quiet: bool,
                 summary: IngestSummary, rejects: list[Reject]) -> tuple[list[Meeting], list[Person], dict]:
    """Per-article meetings and people, from the result cache where possible; parses only what is new.

    When every article's result is cached under the model used last time, the model is not even loaded."""
    from pipeline.extract import load_pipeline
    from pipeline.nlp.model import model_info

    todo = [a for a in articles if a.status not in ("empty", "duplicate")]
    model_key = _known_model_key(out_dir, config)
    cached = _cached_results(out_dir, todo, config, model_key) if model_key else {}
    missing = [a for a in todo if a.id not in cached]
    if missing or not model_key:
        nlp = load_pipeline(config.model, config.resources)
        info = model_info(nlp)
        if info.key != model_key:
            model_key = info.key
            _remember_model_key(out_dir, config, model_key, info)
            cached = _cached_results(out_dir, todo, config, model_key)
            missing = [a for a in todo if a.id not in cached]
        _extract_missing(nlp, missing, out_dir, config, model_key, cached, rejects, summary, quiet)
    meetings = [Meeting.model_validate(m) for a in todo for m in cached.get(a.id, {}).get("meetings", [])]
    people = [Person.model_validate(p) for a in todo for p in cached.get(a.id, {}).get("people", [])]
    return meetings, people, _model_meta(out_dir, config)


def _cached_results(out_dir: Path, articles: list[Article], config: IngestConfig, model_key: str) -> dict[str, dict]:
    results = ResultCache(out_dir, config.output_hash(model_key))
    output_hash = config.output_hash(model_key)
    found = {}
    for a in articles:
        hit = results.load(_extraction_key(a, output_hash))
        if hit is not None:
            found[a.id] = hit
    return found


def _extract_missing(nlp, missing: list[Article], out_dir: Path, config: IngestConfig, model_key: str,
                     cached: dict[str, dict], rejects: list[Reject], summary: IngestSummary, quiet: bool) -> None:
    """Run the rules over cached parses, and `nlp.pipe` (then the rules) over the texts never parsed."""
    from pipeline.extract import statistical_only

    parses = ParseCache(out_dir, model_key)
    results = ResultCache(out_dir, config.output_hash(model_key))
    output_hash = config.output_hash(model_key)
    progress = Progress(len(missing), quiet, "extract")
    to_parse = []
    for a in missing:
        doc = parses.load(text_hash(a.text), nlp.vocab) if parses.has(text_hash(a.text)) else None
        if doc is None:
            to_parse.append(a)
            continue
        _run_rules_for(nlp, doc, a, results, output_hash, cached, rejects, summary)
        progress.update()
    with statistical_only(nlp):
        stream = nlp.pipe(((a.text, a) for a in to_parse), as_tuples=True, batch_size=config.batch_size,
                          n_process=config.processes)
        for doc, a in stream:
            parses.save(text_hash(a.text), doc)
            summary.parsed += 1
            _run_rules_for(nlp, doc, a, results, output_hash, cached, rejects, summary)
            progress.update()
    progress.close()


def _run_rules_for(nlp, doc, article: Article, results: ResultCache, output_hash: str, cached: dict,
                   rejects: list[Reject], summary: IngestSummary) -> None:
    from pipeline.extract import extract_article

    try:
        result = extract_article(nlp, doc, article).to_json()
    except ValidationError as exc:
        rejects.append(Reject(source=article.source, stage="validate", reason="extracted record failed validation",
                              detail=str(exc).splitlines()[0][:300]))
        result = {"meetings": [], "people": []}
    results.save(_extraction_key(article, output_hash), result)
    cached[article.id] = result
    summary.extracted += 1


def _model_state_path(out_dir: Path) -> Path:
    return out_dir / ".cache" / "model.json"


def _known_model_key(out_dir: Path, config: IngestConfig) -> str | None:
    try:
        state = json.loads(_model_state_path(out_dir).read_text())
    except (OSError, ValueError):
        return None
    return state.get("key") if state.get("requested") == (config.model or "") else None


def _remember_model_key(out_dir: Path, config: IngestConfig, key: str, info) -> None:
    state = {"requested": config.model or "", "key": key, "name": info.name, "version": info.version}
    atomic_write_text(_model_state_path(out_dir), json.dumps(state, sort_keys=True))


def _model_meta(out_dir: Path, config: IngestConfig) -> dict:
    try:
        state = json.loads(_model_state_path(out_dir).read_text())
        return {"name": state["name"], "version": state["version"], "key": state["key"]}
    except (OSError, ValueError, KeyError):
        return {"name": config.model or "unknown", "version": "unknown", "key": ""}


def _previous_records(out_dir: Path) -> tuple[list[Meeting], list[Person], list[Article], list[Reject]]:
    def load(name, model):
        out = []
        for row in read_jsonl(out_dir / name):
            try:
                out.append(model.model_validate(row))
            except ValidationError:
                continue
        return out
    return (load("meetings.jsonl", Meeting), load("people.jsonl", Person), load("articles.jsonl", Article),
            load("rejects.jsonl", Reject))


def ingest(paths: list[str | Path], out_dir: str | Path, config: IngestConfig | None = None, *,
           quiet: bool = True, log: Callable[[str], None] | None = None) -> IngestSummary:
    """Ingest the files and folders in `paths` into `out_dir`; returns counts. Raises UserError on user mistakes.

    With `config.incremental` (the default), the articles already in `out_dir` are kept and the new ones merged
    in; an input whose source was ingested before replaces its old version.
    """
    from pipeline.merge import ArticleInfo, PreviousIds, find_near_duplicates, merge

    config = config or IngestConfig()
    started = dt.datetime.now(dt.timezone.utc)
    clock = time.perf_counter()
    out = Path(out_dir)
    documents = iter_documents(paths, max_bytes=config.max_bytes)
    _check_output_folder(out)
    summary = IngestSummary()
    rejects: list[Reject] = []
    articles = list(_articles(documents, rejects, config.rules))
    old_meetings, old_people, old_articles, old_rejects = _previous_records(out)
    if config.incremental:
        new_sources = {a.source for a in articles} | {r.source for r in rejects}
        articles = [a for a in old_articles if a.source not in new_sources] + articles
        rejects = [r for r in old_rejects if r.source not in new_sources] + rejects
        articles = _redo_exact_duplicates(articles)

    near = find_near_duplicates(((a.id, a.text) for a in articles if a.status == "ok"),
                                threshold=config.rules.threshold("near_duplicate_similarity"))
    for a in articles:
        if a.id in near and a.status == "ok":
            a.status, a.duplicate_of = "duplicate", near[a.id]

    extractable = [a if a.id not in near else a.model_copy(update={"status": "ok"}) for a in articles]
    meetings, people, model = _extract_all(extractable, out, config, quiet, summary, rejects)
    infos = {a.id: ArticleInfo(id=a.id, published=a.published, status=a.status, duplicate_of=a.duplicate_of)
             for a in articles}
    previous = PreviousIds.from_records(old_meetings, old_people)
    merged_meetings, merged_people = merge(meetings, people, infos, previous, config.rules)
    merged_meetings, merged_people, unapplied, summary.reviews_applied = _apply_reviews(out, merged_meetings, merged_people)
    summary.unapplied_reviews = unapplied

    summary.articles = sum(1 for a in articles if a.status != "duplicate")
    summary.duplicates = sum(1 for a in articles if a.status == "duplicate")
    summary.rejects = len(rejects)
    summary.meetings = len(merged_meetings)
    summary.people = len(merged_people)

    atomic_write_jsonl(out / "articles.jsonl", articles)
    atomic_write_jsonl(out / "meetings.jsonl", merged_meetings)
    atomic_write_jsonl(out / "people.jsonl", merged_people)
    atomic_write_jsonl(out / "rejects.jsonl", sorted(rejects, key=lambda r: (r.source, r.stage, r.reason)), sort_key="source")
    summary.seconds = time.perf_counter() - clock
    manifest = Manifest(
        pipeline_version=__version__,
        model=ModelInfo(name=model["name"], version=model["version"]),
        config_hash=config.output_hash(model.get("key", "")),
        inputs=[str(p) for p in paths],
        counts=Counts(articles=summary.articles, duplicates=summary.duplicates, rejects=summary.rejects,
                      meetings=summary.meetings, people=summary.people),
        started=started.isoformat(timespec="seconds"),
        finished=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    )
    atomic_write_text(out / "manifest.json", json.dumps(manifest.model_dump(mode="json"), indent=2, sort_keys=True) + "\n")
    return summary


def _redo_exact_duplicates(articles: list[Article]) -> list[Article]:
    """Re-mark exact duplicates over old and new articles together (the first source in sorted order wins)."""
    seen: dict[str, str] = {}
    out = []
    for a in sorted(articles, key=lambda a: a.source):
        digest = text_hash(a.text)
        if a.status in ("ok", "duplicate") and a.text.strip():
            if digest in seen and seen[digest] != a.id:
                a = a.model_copy(update={"status": "duplicate", "duplicate_of": seen[digest],
                                         "id": article_id(a.text, a.source)})
            else:
                a = a.model_copy(update={"status": "ok", "duplicate_of": None, "id": article_id(a.text)})
                seen[digest] = a.id
        out.append(a)
    return out


def _apply_reviews(out: Path, meetings: list[Meeting], people: list[Person]) -> tuple[list[Meeting], list[Person], list[str], str | None]:
    try:
        from pipeline.review.decisions import apply_reviews
    except ImportError:
        return meetings, people, [], None
    result = apply_reviews(out, meetings, people)
    return result.meetings, result.people, list(result.unapplied), result.summary.line() if result.summary.logged else None
