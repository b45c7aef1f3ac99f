"""Extract stage: each article's meetings and people, from the result cache or from the rules over its parse.

The spaCy model is loaded only when some article's result is not cached. An article whose parse or rules
fail gets a reject (stage "parse", "extract" or "validate") and no records. A rule failure is cached like a
result (the next run reports it again without redoing the work); a parse failure is retried next run.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from pipeline.extract import ArticleRecords, extract_article, load_pipeline
from pipeline.models import Article, Reject
from pipeline.nlp.cache import ParseCache, ResultCache
from pipeline.nlp.identity import ModelIdentity, RememberedIdentity, identify
from pipeline.stages.config import IngestConfig
from pipeline.stages.parse import ParseRun, parsed_docs
from pipeline.stages.progress import Progress


@dataclass
class Extraction:
    records: dict[str, ArticleRecords] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    identity: ModelIdentity | None = None
    parsed: int = 0
    extracted: int = 0


def extract_records(articles: list[Article], cache_dir: Path, config: IngestConfig, *, quiet: bool = True) -> Extraction:
    remembered = RememberedIdentity(cache_dir, config.model, config.chunk_chars, config.rules.fingerprint)
    result = Extraction(identity=remembered.load())
    cached = _cached(articles, cache_dir, result) if result.identity else {}
    missing = [a for a in articles if a.id not in cached]
    if result.identity is None or missing:
        nlp = load_pipeline(config.model, config.resources)
        identity = identify(nlp, chunk_chars=config.chunk_chars)
        if identity != result.identity:
            result.identity = identity
            remembered.save(identity)
            cached = _cached(articles, cache_dir, result)
            missing = [a for a in articles if a.id not in cached]
        _extract_missing(nlp, missing, cache_dir, config, result, cached, quiet)
    for article in articles:
        outcome = cached.get(article.id)
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


def _cached(articles: list[Article], cache_dir: Path, result: Extraction) -> dict[str, dict]:
    results = ResultCache(cache_dir, result.identity.results_key)
    found = {}
    for article in articles:
        hit = results.load(result_key(article, result.identity.results_key))
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


def _extract_missing(nlp, missing: list[Article], cache_dir: Path, config: IngestConfig, result: Extraction,
                     cached: dict[str, dict], quiet: bool) -> None:
    identity = result.identity
    results = ResultCache(cache_dir, identity.results_key)
    parse_rejects: list[Reject] = []
    run = ParseRun(nlp=nlp, cache=ParseCache(cache_dir, identity.parse_key), batch_size=config.batch_size,
                   processes=config.processes, chunk_chars=config.chunk_chars, rejects=parse_rejects)
    progress = Progress(len(missing), quiet, "extract")
    for article, doc in parsed_docs(missing, run):
        outcome = _run_rules(nlp, doc, article)
        results.save(result_key(article, identity.results_key), outcome)
        cached[article.id] = outcome
        result.extracted += 1
        progress.update()
    result.rejects.extend(parse_rejects)
    progress.close()
    result.parsed = run.parsed


def _run_rules(nlp, doc, article: Article) -> dict:
    try:
        return extract_article(nlp, doc, article).to_json()
    except ValidationError as exc:
        failed = {"stage": "validate", "reason": "extracted record failed validation",
                  "detail": str(exc).splitlines()[0][:300]}
    except Exception as exc:  # a rule bug on one text must not stop the run
        failed = {"stage": "extract", "reason": f"rules failed: {type(exc).__name__}", "detail": str(exc)[:300] or None}
    return {"failed": failed}
