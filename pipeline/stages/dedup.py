"""Dedup stage: exact and near-duplicate articles among the old and new ones together.

An exact duplicate (same cleaned text) is marked `duplicate` and not extracted: its original says it all.
A near-duplicate (MinHash similarity at or above the threshold) is marked `duplicate` in articles.jsonl too,
but it is still extracted: its records are folded into its original's by the merge, so a detail only the
copy gives is not lost.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.merge import find_near_duplicates
from pipeline.models import Article
from pipeline.nlp.cache import text_hash
from pipeline.stages.clean import article_id


@dataclass
class Deduplicated:
    articles: list[Article]
    to_extract: list[Article]


def deduplicate(articles: list[Article], near_duplicate_threshold: float) -> Deduplicated:
    marked = mark_exact_duplicates(articles)
    near = find_near_duplicates(((a.id, a.text) for a in marked if a.status == "ok"),
                                threshold=near_duplicate_threshold)
    marked = [a.model_copy(update={"status": "duplicate", "duplicate_of": near[a.id]}) if a.id in near else a
              for a in marked]
    return Deduplicated(marked, [a for a in marked if a.status == "ok" or a.id in near])


def mark_exact_duplicates(articles: list[Article]) -> list[Article]:
    """The first article of each text (by source) is the original; the others are its duplicates."""
    originals: dict[str, str] = {}
    out = []
    for a in sorted(articles, key=lambda a: a.source):
        if a.status == "empty":
            out.append(a)
            continue
        digest = text_hash(a.text)
        if digest in originals:
            out.append(a.model_copy(update={"status": "duplicate", "duplicate_of": originals[digest],
                                            "id": article_id(a.text, a.source)}))
        else:
            original = a.model_copy(update={"status": "ok", "duplicate_of": None, "id": article_id(a.text)})
            originals[digest] = original.id
            out.append(original)
    return out
