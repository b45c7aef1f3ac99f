"""`ingest`: read (files, web pages, feeds) → clean → dedup → parse (cached) → extract (cached) → merge → apply
reviews → write.

Each stage lives in its own module (see `pipeline.stages`); this module only runs them in order.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.fetch import WebDocuments, split_inputs
from pipeline.models import Article, Counts, Manifest, ModelInfo, Reject
from pipeline.nlp.identity import ModelIdentity
from pipeline.engines import check_engine, open_engine
from pipeline.engines.local import refuse_in_a_worker
from pipeline.read.paths import check_paths_exist
from pipeline.read.roots import InputRoot, choose_root
from pipeline.stages.clean import clean_documents, read_and_clean
from pipeline.stages.config import IngestConfig
from pipeline.stages.dedup import deduplicate
from pipeline.stages.extract import extract_records
from pipeline.stages.merge import merge_records
from pipeline.stages.reviews import apply_review_decisions
from pipeline.write import OutputFolder, Outputs, PreviousOutputs

__all__ = ["IngestConfig", "IngestSummary", "ingest"]


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
    written: bool = False
    stage_seconds: dict[str, float] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    unapplied_reviews: list[str] = field(default_factory=list)
    reviews_applied: str | None = None
    pages_fetched: int = 0
    pages_from_raw: int = 0
    requests: int = 0
    nothing_new: bool = False

    def line(self) -> str:
        if self.nothing_new:
            return f"nothing new{self._web()}; {self.seconds:.1f} s; outputs unchanged"
        return (f"{self.articles} articles ({self.duplicates} duplicates), {self.rejects} rejects, "
                f"{self.meetings} meetings, {self.people} people; parsed {self.parsed}, "
                f"extracted {self.extracted}{self._web()}; {self.seconds:.1f} s"
                + ("" if self.written else "; outputs unchanged"))

    def _web(self) -> str:
        if not (self.requests or self.pages_fetched or self.pages_from_raw):
            return ""
        return (f"; {self.pages_fetched} pages fetched, {self.pages_from_raw} read from raw/, "
                f"{self.requests} HTTP requests")


def ingest(paths: list[str | Path], out_dir: str | Path, config: IngestConfig | None = None, *,
           feeds: list[str] = (), quiet: bool = True, only_if_new: bool = False) -> IngestSummary:
    """Ingest the files, folders and http(s) URLs in `paths` and the new entries of the RSS/Atom `feeds` into
    `out_dir`; returns counts. Raises UserError on user mistakes.

    With `config.incremental` (the default) the articles already in `out_dir` are kept and the new ones merged
    in; an input file (or URL) ingested before replaces its old articles. `only_if_new`: stop after reading,
    changing nothing, when no input gave anything new. `config.engine` says where the per-document work runs
    (every usable core by default); see `IngestConfig` for the other settings and `pipeline.fetch` for the
    web inputs.
    """
    refuse_in_a_worker()
    config = config or IngestConfig()
    check_engine(config.engine, processes=config.processes, scheduler=config.scheduler)
    started = dt.datetime.now(dt.timezone.utc)
    summary = IngestSummary()
    clock = _StageClock(summary)
    urls, local = split_inputs(paths)
    inputs = check_paths_exist(local)
    on_wait = None if quiet else (lambda message: print(f"convene ingest: {message}", file=sys.stderr, flush=True))
    with OutputFolder.open(out_dir, wait=config.wait, on_wait=on_wait) as folder, \
            open_engine(config.engine, processes=config.processes, scheduler=config.scheduler,
                        preload=(config.model, config.resources, config.chunk_chars)) as engine:
        with clock("read+clean"):
            previous = folder.read_previous(repair=config.repair) if config.incremental else PreviousOutputs()
            root = choose_root(inputs, config.root, previous.root)
            read = read_and_clean(inputs, root.path, [folder.path], config.max_bytes, config.resources, engine,
                                  quiet=quiet)
            web = WebDocuments(urls, feeds, out_dir=folder.path, previous_feeds=previous.feeds,
                               known_urls=(a.source for a in previous.articles), settings=config.fetch,
                               max_bytes=config.max_bytes)
            read.articles.extend(clean_documents(web, read.rejects, config.rules))
            _count_web(summary, web)
            count = len(read.articles) + len(read.rejects)
            articles, rejects = _with_previous(previous, read.articles, read.rejects, read.files + web.files, root,
                                               summary)
            if only_if_new and _nothing_new(previous, len(articles) + len(rejects) - count, count, web):
                summary.nothing_new = True
                summary.seconds = clock.total()
                return summary
        with clock("dedup"):
            deduplicated = deduplicate(articles, config.near_duplicate_threshold)
        with clock("parse+extract"):
            extraction = extract_records(deduplicated.to_extract, folder.cache, config, engine, quiet=quiet)
        with clock("merge"):
            meetings, people = merge_records(extraction.records, deduplicated.articles, previous.meetings,
                                             previous.people, config.rules, engine.pair_scorer())
        with clock("reviews"):
            meetings, people, summary.unapplied_reviews, summary.reviews_applied = apply_review_decisions(
                folder.path, meetings, people)
        rejects += extraction.rejects
        _count(summary, deduplicated.articles, rejects, meetings, people, extraction)
        manifest = _manifest([*paths, *(f"--feed {url}" for url in feeds)], config, extraction.identity, summary,
                             started)
        with clock("write"):
            outputs = Outputs(deduplicated.articles, meetings, people, rejects, manifest,
                              root=str(root.path) if root.path else None, feeds=web.feed_states())
            summary.written = folder.commit(outputs)
    summary.seconds = clock.total()
    return summary


def _count_web(summary: IngestSummary, web: WebDocuments) -> None:
    summary.pages_fetched, summary.pages_from_raw, summary.requests = web.fetched, web.from_raw, web.requests
    summary.notices += web.notices


def _nothing_new(previous: PreviousOutputs, kept: int, read: int, web: WebDocuments) -> bool:
    """True when reading gave no article or reject, replaced no earlier one, and left every feed's state as it was."""
    return read == 0 and kept == len(previous.articles) + len(previous.rejects) and web.feed_states() == previous.feeds


def _count(summary: IngestSummary, articles: list[Article], rejects: list[Reject], meetings: list, people: list,
           extraction) -> None:
    summary.articles = sum(1 for a in articles if a.status != "duplicate")
    summary.duplicates = len(articles) - summary.articles
    summary.rejects, summary.meetings, summary.people = len(rejects), len(meetings), len(people)
    summary.parsed, summary.extracted = extraction.parsed, extraction.extracted


def _manifest(paths: list[str | Path], config: IngestConfig, identity: ModelIdentity | None, summary: IngestSummary,
              started: dt.datetime) -> Manifest:
    return Manifest(
        pipeline_version=__version__,
        model=ModelInfo(name=identity.name if identity else config.model or "unknown",
                        version=identity.version if identity else "unknown"),
        config_hash=_config_hash(config, identity.results_key if identity else ""),
        inputs=[str(p) for p in paths],
        counts=Counts(articles=summary.articles, duplicates=summary.duplicates, rejects=summary.rejects,
                      meetings=summary.meetings, people=summary.people),
        started=started.isoformat(timespec="seconds"),
        finished=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    )


def _with_previous(previous: PreviousOutputs, articles: list[Article], rejects: list[Reject], files: list[str],
                   root: InputRoot, summary: IngestSummary) -> tuple[list[Article], list[Reject]]:
    """The earlier articles and rejects (sources re-based on a moved root) that no file read now replaces."""
    summary.notices += [f"dropped {problem}" for problem in previous.dropped]
    if root.moved and (previous.articles or previous.rejects):
        summary.notices.append(f"sources are now relative to {root.path} (was {root.previous}); "
                               f"earlier sources were re-based")
    read_now = set(files)

    def kept(source: str) -> bool:
        file, _, record = source.rpartition("#")
        return source not in read_now and not (record.isdigit() and file in read_now)

    old_articles = [a.model_copy(update={"source": root.rebase(a.source)}) for a in previous.articles]
    old_rejects = [r.model_copy(update={"source": root.rebase(r.source)}) for r in previous.rejects]
    return ([a for a in old_articles if kept(a.source)] + articles,
            [r for r in old_rejects if kept(r.source)] + rejects)


def _config_hash(config: IngestConfig, results_key: str) -> str:
    relevant = f"{results_key}|{config.rules.fingerprint}|{config.chunk_chars}"
    return hashlib.sha256(relevant.encode()).hexdigest()[:16]


class _StageClock:
    """`with clock("name"):` adds the block's wall time to `summary.stage_seconds["name"]`."""

    def __init__(self, summary: IngestSummary):
        self.summary, self.start, self.name, self.began = summary, time.perf_counter(), "", 0.0

    def __call__(self, name: str) -> "_StageClock":
        self.name = name
        return self

    def __enter__(self) -> None:
        self.began = time.perf_counter()

    def __exit__(self, *exc_info) -> None:
        seconds = time.perf_counter() - self.began
        self.summary.stage_seconds[self.name] = self.summary.stage_seconds.get(self.name, 0.0) + seconds

    def total(self) -> float:
        return time.perf_counter() - self.start
