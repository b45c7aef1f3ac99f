"""Parse stage: each article's spaCy Doc, from the parse cache or from `nlp.pipe`, one document's failure isolated.

It runs inside one process on one partition of articles (see `pipeline.stages.extract`); the engine runs
partitions in parallel, so `nlp.pipe` itself never starts processes.

Texts up to the chunk size go through one `nlp.pipe` stream in batches. A longer text is parsed in
paragraph-aligned pieces one at a time (memory stays that of one piece) and the pieces' Docs joined, so
offsets are those of the whole text. When the stream fails inside spaCy, the texts it had not yet given back
are parsed one at a time, and only a text that fails alone is rejected (stage "parse").
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.extract import statistical_only
from pipeline.models import Article, Reject
from pipeline.nlp.cache import ParseCache
from pipeline.nlp.chunks import join_docs, split_text


@dataclass
class ParseRun:
    """What the parse stage needs besides the articles, and what it reports back."""

    nlp: object
    cache: ParseCache
    batch_size: int
    chunk_chars: int
    rejects: list[Reject]
    parsed: int = 0
    failures: list[str] = field(default_factory=list)


def parsed_docs(articles: list[Article], run: ParseRun) -> Iterator[tuple[Article, object]]:
    """(article, Doc) for every article that parses, cached parses first; the others become rejects.

    The Docs are produced under `statistical_only(nlp)`; the caller may run the rule stage on each as it comes.
    """
    limit = max(1, min(run.chunk_chars, run.nlp.max_length))
    short, long = [], []
    for article in articles:
        doc = run.cache.load(article.text, run.nlp.vocab)
        if doc is not None:
            yield article, doc
        else:
            (long if len(article.text) > limit else short).append(article)
    with statistical_only(run.nlp):
        done: set[int] = set()
        try:
            for index, doc in _pipe(run, [(a.text, i) for i, a in enumerate(short)], run.batch_size):
                done.add(index)
                yield _parsed(run, short[index], doc)
        except Exception as exc:  # the stream itself broke: what is left is parsed one text at a time
            _note(run, "nlp.pipe", exc)
        for index, article in enumerate(short):
            if index not in done:
                yield from _parse_alone(run, article)
        for article in long:
            yield from _parse_in_pieces(run, article, limit)


def _parsed(run: ParseRun, article: Article, doc) -> tuple[Article, object]:
    run.cache.save(article.text, doc)
    run.parsed += 1
    return article, doc


def _parse_alone(run: ParseRun, article: Article) -> Iterator[tuple[Article, object]]:
    docs = _pipe_all(run, [article.text])
    if docs:
        yield _parsed(run, article, docs[0])
    else:
        _reject(run, article, "the spaCy pipeline failed on this text")


def _parse_in_pieces(run: ParseRun, article: Article, limit: int) -> Iterator[tuple[Article, object]]:
    pieces = split_text(article.text, limit)
    docs = _pipe_all(run, pieces)
    try:
        if len(docs) != len(pieces):
            raise ValueError("the spaCy pipeline failed on a piece of this text")
        doc = join_docs(docs, article.text)
    except ValueError as exc:
        _reject(run, article, str(exc))
        return
    yield _parsed(run, article, doc)


def _pipe(run: ParseRun, items: list[tuple[str, int]], batch_size: int) -> Iterator[tuple[int, object]]:
    if not items:
        return
    stream = run.nlp.pipe(items, as_tuples=True, batch_size=batch_size)
    for doc, index in stream:
        yield index, doc


def _pipe_all(run: ParseRun, texts: list[str]) -> list:
    """The Docs of `texts` parsed one at a time; fewer Docs than texts when one failed."""
    try:
        return [doc for _, doc in _pipe(run, [(text, i) for i, text in enumerate(texts)], 1)]
    except Exception as exc:
        _note(run, "nlp.pipe", exc)
        return []


def _note(run: ParseRun, name: str, error: Exception) -> None:
    run.failures.append(f"{name}: {type(error).__name__}: {str(error)[:200]}")


def _reject(run: ParseRun, article: Article, reason: str) -> None:
    detail = run.failures[-1] if run.failures else None
    run.rejects.append(Reject(source=article.source, stage="parse", reason=reason, detail=detail))
