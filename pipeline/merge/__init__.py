"""Merging the same meeting and the same person reported by several articles into one record each."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping

from pipeline.merge.ids import PreviousIds, assign_ids, mention_ids
from pipeline.merge.meetings import cluster_meetings
from pipeline.merge.memory import garbage_collector_paused
from pipeline.merge.near_duplicates import find_near_duplicates
from pipeline.merge.orgs import normalize_org
from pipeline.merge.pairs import PairScorer
from pipeline.merge.people import cluster_people
from pipeline.merge.reconcile import build_meeting, build_person
from pipeline.models import Meeting, Person
from pipeline.resources import RuleResources

__all__ = ["ArticleInfo", "PairScorer", "PreviousIds", "find_near_duplicates", "merge", "normalize_org"]


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What merging needs to know about an article."""

    id: str
    published: dt.date | None = None
    status: str = "ok"
    duplicate_of: str | None = None


def original_articles(articles: Mapping[str, ArticleInfo]) -> dict[str, str]:
    """Each duplicate article's original, following chains of duplicates; cycles stop at the smallest id."""
    originals: dict[str, str] = {}
    for article_id in articles:
        chain = [article_id]
        current = articles[article_id].duplicate_of
        while current and current not in chain:
            chain.append(current)
            info = articles.get(current)
            current = info.duplicate_of if info else None
        target = min(chain) if current else chain[-1]
        if target != article_id:
            originals[article_id] = target
    return originals


def merge(
    meetings: Iterable[Meeting],
    people: Iterable[Person],
    articles: Mapping[str, ArticleInfo],
    previous: PreviousIds | None = None,
    rules: RuleResources | None = None,
    pairs: PairScorer | None = None,
) -> tuple[list[Meeting], list[Person]]:
    """One record per real-world meeting and person, with references remapped to the merged ids.

    `rules` gives the word lists and thresholds (default: the bundled resources); `pairs` scores the candidate
    pairs of the blocks (default: here; `pipeline.engines.dask.DaskPairs` scores them on a Dask cluster, with
    the same result).

    Mention ids (each record's `id` and its sources' `mention_id`) must be unique across all articles.
    The cyclic garbage collector is paused meanwhile: merging builds no cycles, and at a million
    mentions its scans would cost more than a third of the time.
    """
    with garbage_collector_paused():
        return _merge(list(meetings), list(people), articles, previous, rules or RuleResources.bundled(), pairs)


def _merge(
    meetings: list[Meeting], people: list[Person], articles: Mapping[str, ArticleInfo], previous: PreviousIds | None,
    rules: RuleResources, pairs: PairScorer | None,
) -> tuple[list[Meeting], list[Person]]:
    previous = previous or PreviousIds()
    meeting_mentions = sorted(meetings, key=lambda m: m.id)
    person_mentions = sorted(people, key=lambda p: p.id)
    originals = original_articles(articles)

    person_clusters = [[person_mentions[i] for i in c]
                       for c in cluster_people(person_mentions, originals, rules, pairs)]
    person_ids = _id_map(person_clusters, assign_ids(person_clusters, previous.people))
    meeting_clusters = [[meeting_mentions[i] for i in c]
                        for c in cluster_meetings(meeting_mentions, originals, person_ids, rules, pairs)]
    meeting_ids = _id_map(meeting_clusters, assign_ids(meeting_clusters, previous.meetings))

    merged_people = [
        build_person(person_ids[c[0].id], c, meeting_ids, rules) for c in person_clusters
    ]
    people_by_id = {p.id: p for p in merged_people}
    merged_meetings = [
        build_meeting(meeting_ids[c[0].id], c, person_ids, people_by_id, rules) for c in meeting_clusters
    ]
    return sorted(merged_meetings, key=lambda m: m.id), sorted(merged_people, key=lambda p: p.id)


def _id_map(clusters: list[list[Meeting]] | list[list[Person]], ids: list[str]) -> dict[str, str]:
    """Every member's record id and mention ids -> its cluster's merged id."""
    mapping: dict[str, str] = {}
    for cluster, merged_id in zip(clusters, ids):
        for record in cluster:
            mapping[record.id] = merged_id
            for mention in mention_ids(record):
                mapping[mention] = merged_id
    return mapping
