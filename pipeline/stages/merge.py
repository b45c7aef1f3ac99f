"""Merge stage: every extracted article's records into one record per real-world meeting and person.

Ids of meetings and people already in the output folder are kept for the same things (`PreviousIds`).
"""
from __future__ import annotations

from pipeline.extract import ArticleRecords
from pipeline.merge import ArticleInfo, PairScorer, PreviousIds, merge
from pipeline.models import Article, Meeting, Person
from pipeline.resources import RuleResources


def merge_records(records: dict[str, ArticleRecords], articles: list[Article], previous_meetings: list[Meeting],
                  previous_people: list[Person], rules: RuleResources | None = None,
                  pairs: PairScorer | None = None) -> tuple[list[Meeting], list[Person]]:
    """`records` by article id; `articles` are all articles with their duplicate marks; `pairs` scores candidate
    pairs (default: in this process; the Dask engine's scores them on the cluster)."""
    meetings = [m for a in articles if a.id in records for m in records[a.id].meetings]
    people = [p for a in articles if a.id in records for p in records[a.id].people]
    infos = {a.id: ArticleInfo(id=a.id, published=a.published, status=a.status, duplicate_of=a.duplicate_of)
             for a in articles}
    return merge(meetings, people, infos, PreviousIds.from_records(previous_meetings, previous_people), rules,
                 pairs)
