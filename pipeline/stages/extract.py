"""Extract stage: each article's meetings and people, from the result cache or from the rules over its parse.

The articles to work on are cut into partitions (by characters, the same whatever the engine or the number
of processes) and each partition is parsed and run through the rules by `extract_partition`, in this process
or on a worker of the run's engine; workers load the spaCy pipeline once each, write the parse and result
caches in the output folder (each entry written whole under a unique name, then renamed into place), and
send back plain dicts.

The spaCy model is loaded only when some article's result is not cached. An article whose parse or rules
fail gets a reject (stage "parse", "extract" or "validate") and no records; so does one whose worker process
dies each time it parses it. A rule failure is cached like a result (the next run reports it again without
redoing the work); a parse failure is retried next run.
"""
from __future__ import annotations

import hashlib
import json
import threading
import weakref
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pydantic import ValidationError

from pipeline.engines import LOST, Engine, run_partitions
from pipeline.errors import UserError
from pipeline.extract import ArticleRecords, extract_article, load_pipeline
from pipeline.models import Article, Reject
from pipeline.nlp.cache import ParseCache, ResultCache
from pipeline.nlp.identity import ModelIdentity, RememberedIdentity, identify
from pipeline.stages.config import IngestConfig
from pipeline.stages.parse import ParseRun, parsed_docs
from pipeline.stages.progress import Progress

PARTITION_CHARS = 20_000
PARTITION_ARTICLES = 64
WORKERS_DISAGREE = ("the workers do not run the same spaCy model, rule resources and convene version; install the "
                    "same ones on every worker")


@dataclass
class Extraction:
    records: dict[str, ArticleRecords] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    identity: ModelIdentity | None = None
    parsed: int = 0
    extracted: int = 0


@dataclass(frozen=True)
class ExtractTask:
    """One partition of articles to extract, as plain data for a worker. `identity`: the model identity the
    caller expects (None: the worker finds it by loading the model)."""

    articles: list[dict]
    cache_dir: str
    model: str | None
    resources: str | None
    chunk_chars: int
    batch_size: int
    identity: dict | None


def extract_records(articles: list[Article], cache_dir: Path, config: IngestConfig, engine: Engine, *,
                    quiet: bool = True) -> Extraction:
    remembered = RememberedIdentity(cache_dir, config.model, config.chunk_chars, config.rules.fingerprint)
    result = Extraction(identity=remembered.load())
    outcomes: dict[str, dict] = {}
    if result.identity is not None and not engine.remote:  # remote workers read the cache themselves
        outcomes = _cached(articles, cache_dir, result.identity)
    missing = [a for a in articles if a.id not in outcomes]
    if missing:
        run = _PartitionRun(cache_dir, config, engine, result, quiet)
        found = run.extract(missing, result.identity)
        if found is None:  # the remembered identity was stale: every article is looked up again
            outcomes = {}
            found = run.extract(articles, None)
        outcomes.update(found)
        if run.identity != result.identity:
            result.identity = run.identity
            remembered.save(run.identity)
    for article in articles:
        outcome = outcomes.get(article.id)
        if outcome is None:
            continue
        if outcome.get("failed"):
            result.rejects.append(Reject(source=article.source, **outcome["failed"]))
        else:
            result.records[article.id] = ArticleRecords.from_json(outcome)
    return result


def result_key(article: Article, results_key: str) -> str:
    """A hash of what an article's records depend on: its content and the results key of model, rules and code."""
    payload = json.dumps([article.id, article.text, str(article.published), article.dateline, article.title,
                          results_key])
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def partitions(articles: Sequence[Article]) -> list[list[Article]]:
    """Consecutive articles up to `PARTITION_CHARS` characters or `PARTITION_ARTICLES` articles each (a longer
    article alone), the biggest partitions first so that the last ones to finish are short."""
    parts: list[list[Article]] = []
    current: list[Article] = []
    size = 0
    for article in articles:
        current.append(article)
        size += len(article.text)
        if size >= PARTITION_CHARS or len(current) >= PARTITION_ARTICLES:
            parts.append(current)
            current, size = [], 0
    if current:
        parts.append(current)
    return sorted(parts, key=lambda part: -sum(len(a.text) for a in part))


class _PartitionRun:
    """Runs `extract_partition` over partitions of articles on the engine and gathers what comes back."""

    def __init__(self, cache_dir: Path, config: IngestConfig, engine: Engine, result: Extraction, quiet: bool):
        self.cache_dir, self.config, self.engine, self.result, self.quiet = cache_dir, config, engine, result, quiet
        self.identity: ModelIdentity | None = None

    def extract(self, articles: list[Article], expected: ModelIdentity | None) -> dict[str, dict] | None:
        """Outcome per article id; parse rejects and counts go to the result. None, and nothing added to the result,
        if a worker found that the model identity is not `expected` (the articles are then extracted again)."""
        outcomes: dict[str, dict] = {}
        identities: set[ModelIdentity] = set()
        rejects: list[Reject] = []
        parsed = extracted = 0
        stale = False
        progress = Progress(len(articles), self.quiet, "extract")
        for items, answer in run_partitions(self.engine, extract_partition, partitions(articles),
                                            lambda items: self._task(items, expected)):
            progress.update(len(items))
            if answer is LOST:
                rejects.append(Reject(source=items[0].source, stage="parse",
                                      reason="a worker process died parsing this text"))
                continue
            if answer.get("stale"):
                stale = True
                continue
            identities.add(ModelIdentity(**answer["identity"]))
            if len(identities) > 1:
                raise UserError(WORKERS_DISAGREE)
            parsed += answer["parsed"]
            extracted += answer["extracted"]
            for article, item in zip(items, answer["items"]):
                if "reject" in item:
                    rejects.append(Reject.model_validate(item["reject"]))
                else:
                    outcomes[article.id] = item["outcome"]
        progress.close()
        if stale and expected is not None:
            return None
        self.result.rejects += rejects
        self.result.parsed += parsed
        self.result.extracted += extracted
        self.identity = next(iter(identities), expected)
        return outcomes

    def _task(self, articles: Sequence[Article], expected: ModelIdentity | None) -> ExtractTask:
        config = self.config
        return ExtractTask(articles=[a.model_dump() for a in articles], cache_dir=str(self.cache_dir.absolute()),
                           model=config.model, resources=str(Path(config.resources).resolve()) if config.resources
                           else None, chunk_chars=config.chunk_chars, batch_size=config.batch_size,
                           identity=asdict(expected) if expected else None)


_PIPELINE_LOCK = threading.Lock()  # one spaCy pipeline per process: tasks on threads of one worker take turns
# per loaded pipeline (dropped with it, so a later pipeline at the same address never takes its identity) and chunk size
_IDENTITIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def extract_partition(task: ExtractTask) -> dict:
    """Look up, parse and extract one partition of articles (on whichever process runs it).

    Returns {"identity", "items", "parsed", "extracted"}: per article {"outcome": result dict} or {"reject":
    parse reject dict}; or {"stale": True} when the loaded model's identity is not the expected one."""
    articles = [Article.model_validate(a) for a in task.articles]
    cache_dir = Path(task.cache_dir)
    with _PIPELINE_LOCK:
        nlp = None
        identity = ModelIdentity(**task.identity) if task.identity else None
        if identity is None:
            nlp, identity = _pipeline(task.model, task.resources, task.chunk_chars)
        outcomes = _cached(articles, cache_dir, identity)
        missing = [a for a in articles if a.id not in outcomes]
        rejects: list[Reject] = []
        parsed = 0
        if missing:
            if nlp is None:
                nlp, actual = _pipeline(task.model, task.resources, task.chunk_chars)
                if actual != identity:
                    return {"stale": True}
            parsed = _extract_missing(nlp, missing, cache_dir, identity, task, outcomes, rejects)
    rejected = {r.source: r.model_dump() for r in rejects}
    items = [{"outcome": outcomes[a.id]} if a.id in outcomes else {"reject": rejected[a.source]} for a in articles]
    return {"identity": asdict(identity), "items": items, "parsed": parsed, "extracted": len(missing) - len(rejects)}


def warm_pipeline(model: str | None, resources: str | None, chunk_chars: int) -> None:
    """Load the spaCy pipeline and its identity into this process's caches (so a worker forked from this process
    starts with them)."""
    _pipeline(model, resources, chunk_chars)


def _pipeline(model: str | None, resources: str | None, chunk_chars: int):
    nlp = load_pipeline(model, resources)
    by_chunk = _IDENTITIES.setdefault(nlp, {})
    if chunk_chars not in by_chunk:
        by_chunk[chunk_chars] = identify(nlp, chunk_chars=chunk_chars)
    return nlp, by_chunk[chunk_chars]


def _cached(articles: Sequence[Article], cache_dir: Path, identity: ModelIdentity) -> dict[str, dict]:
    results = ResultCache(cache_dir, identity.results_key)
    found = {}
    for article in articles:
        hit = results.load(result_key(article, identity.results_key))
        if hit is not None and _usable(hit):
            found[article.id] = hit
    return found


def _usable(outcome: dict) -> bool:
    try:
        if outcome.get("failed"):
            Reject(source="-", **outcome["failed"])
        else:
            ArticleRecords.from_json(outcome)
    except (ValidationError, TypeError):
        return False
    return True


def _extract_missing(nlp, missing: list[Article], cache_dir: Path, identity: ModelIdentity, task: ExtractTask,
                     outcomes: dict[str, dict], rejects: list[Reject]) -> int:
    """Parses and runs the rules over `missing`, filling `outcomes` and `rejects`; returns the number parsed."""
    results = ResultCache(cache_dir, identity.results_key)
    run = ParseRun(nlp=nlp, cache=ParseCache(cache_dir, identity.parse_key), batch_size=task.batch_size,
                   chunk_chars=task.chunk_chars, rejects=rejects)
    for article, doc in parsed_docs(missing, run):
        outcome = _run_rules(nlp, doc, article)
        results.save(result_key(article, identity.results_key), outcome)
        outcomes[article.id] = outcome
    return run.parsed


def _run_rules(nlp, doc, article: Article) -> dict:
    try:
        return extract_article(nlp, doc, article).to_json()
    except ValidationError as exc:
        failed = {"stage": "validate", "reason": "extracted record failed validation",
                  "detail": str(exc).splitlines()[0][:300]}
    except Exception as exc:  # a rule bug on one text must not stop the run
        failed = {"stage": "extract", "reason": f"rules failed: {type(exc).__name__}", "detail": str(exc)[:300] or None}
    return {"failed": failed}
