"""Clustering meeting mentions from many articles into real-world meetings.

Candidate pairs come only from shared blocking keys; each pair is scored, and pairs at or above the
threshold are joined best-first by a union-find that refuses clusters with dates more than a day apart,
two editions of one series, or two mentions from one article.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Hashable, Iterable, Iterator, Mapping, Sequence

from rapidfuzz import fuzz

from pipeline.merge.names import name_rules
from pipeline.merge.orgs import org_rules
from pipeline.merge.text import fold, ordinal_in, text_key, without_ordinal
from pipeline.merge.unionfind import ConstrainedUnionFind
from pipeline.models import Meeting
from pipeline.resources import RuleResources

if TYPE_CHECKING:
    from pipeline.merge.pairs import PairScorer

DUPLICATE_FOLD_SCORE = 1.0
SAME_LABEL_FROM = 92
DIFFERENT_LABEL_BELOW = 60
DAYS_INDEXED = 7
SURNAMES_PAIRED = 8
FULL_BLOCK_SIZE = 200
NEIGHBOURS_IN_LARGE_BLOCK = 50
IN_PERSON_KINDS = frozenset({"summit", "conference"})
_SMALL_WORDS = frozenset({"of", "the", "a", "an", "and", "for", "on", "in", "with", "'s", "s"})
PLACE_SUFFIXES = (" city", " prefecture", " province", " county", " district")


@dataclass(slots=True)
class MeetingFeatures:
    """The normalized facts of one meeting mention that matching looks at."""

    articles: frozenset[str]
    kind: str
    label: str
    ordinal: int | None
    start: int | None
    end: int | None
    city: str
    country: str
    surnames: frozenset[str]
    hosts: frozenset[str]
    core: frozenset[str] = frozenset()  # the label's distinctive words ("g7" of "meeting of G7 finance ministers")


def place_key(place: str | None) -> str:
    key = text_key(place)
    for suffix in PLACE_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
    return key.removeprefix("city of ")


def meeting_features(meeting: Meeting, person_ids: Mapping[str, str] | None = None,
                     rules: RuleResources | None = None) -> MeetingFeatures:
    """Features of one mention; with `person_ids` (mention id -> merged person id), participants are compared
    as merged people, so "Xi" and "Xi Jinping" count as one participant; otherwise by surname."""
    rules = rules or RuleResources.bundled()
    names, orgs = name_rules(rules), org_rules(rules)
    label = without_ordinal(fold(meeting.series or meeting.name or ""), rules)
    ordinal = meeting.ordinal or ordinal_in(meeting.name, rules)
    start = meeting.start_date.toordinal() if meeting.start_date else None
    end = meeting.end_date.toordinal() if meeting.end_date else start
    person_ids = person_ids or {}
    surnames = frozenset(person_ids.get(p.person_id or "") or names.parse(p.name).surname
                         for p in meeting.participants if names.tokens(p.name))
    city = place_key(meeting.location.city)
    return MeetingFeatures(
        articles=frozenset(source.article_id for source in meeting.sources),
        kind=meeting.kind,
        label=label,
        ordinal=ordinal,
        start=start,
        end=end,
        city=city,
        country=orgs.normalize_country(meeting.location.country),
        surnames=surnames,
        hosts=frozenset(orgs.normalize_org(host) for host in meeting.hosts),
        core=label_core(label, city, rules),
    )


def label_core(label: str, city: str, rules: RuleResources) -> frozenset[str]:
    """The words of a label that tell one meeting from another: without meeting nouns, words for officials and
    their portfolios, small words and the city ("meeting of G7 finance ministers" and "G7 meeting" both give g7)."""
    generic = rules.meeting_nouns.keys() | rules.delegate_nouns | rules.portfolio_words | _SMALL_WORDS
    words = frozenset(w for w in label.replace("'s", " ").split() if w not in generic and w not in city.split())
    return words


def date_gap(a: MeetingFeatures, b: MeetingFeatures) -> int | None:
    """Days between two mentions' date ranges (0 when they overlap); None when either date is unknown."""
    if a.start is None or b.start is None:
        return None
    return max(0, max(a.start, b.start) - min(a.end or a.start, b.end or b.start))


def labels_agree(a: str, b: str) -> bool:
    return bool(a and b) and (a == b or fuzz.token_sort_ratio(a, b) >= SAME_LABEL_FROM)


def same_label(a: MeetingFeatures, b: MeetingFeatures) -> bool:
    """Two labels for one meeting: alike as written, or with the same distinctive words."""
    return labels_agree(a.label, b.label) or bool(a.core and a.core == b.core)


def score_pair(a: MeetingFeatures, b: MeetingFeatures, max_gap: int = 1) -> float | None:
    """How strongly two mentions look like one meeting; None when they can never be one (dates more than
    `max_gap` days apart, different editions, or no shared edition, date or labelled place)."""
    if not a.articles.isdisjoint(b.articles):
        return None
    gap = date_gap(a, b)
    if gap is not None and gap > max_gap:
        return None
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return None
    same = same_label(a, b)
    same_edition = same and a.ordinal is not None and a.ordinal == b.ordinal
    same_city = bool(a.city and a.city == b.city)
    if not (same_edition or gap is not None or (same and same_city)):
        return None
    score = 0.0
    if same:
        score += 3.0 if same_edition else 1.5
    elif a.label and b.label and fuzz.token_sort_ratio(a.label, b.label) < DIFFERENT_LABEL_BELOW:
        score -= 1.5
    if gap is not None:
        score += 2.0 if gap == 0 else 1.0
    score += _participants_score(a.surnames, b.surnames, large=a.kind in LARGE_KINDS and b.kind in LARGE_KINDS)
    if a.city and b.city:
        score += 1.0 if same_city else -1.0
    if a.country and b.country:
        score += 0.3 if a.country == b.country else -2.0
    score += _kind_score(a.kind, b.kind)
    if not a.hosts.isdisjoint(b.hosts):
        score += 0.5
    return score


def _participants_score(a: frozenset[str], b: frozenset[str], large: bool = False) -> float:
    """Shared participants for, others against; at a conference or summit two reports name different few of
    many, so only what they share counts."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    if shared == 0:
        return 0.0 if large else -1.5
    if a <= b or b <= a:
        return 2.0 if shared >= 2 else 1.0
    return 1.0 if shared >= 2 or large else -1.0


LARGE_KINDS = frozenset({"conference", "summit"})


def _kind_score(a: str, b: str) -> float:
    if a == b:
        return 0.5
    if "call" in (a, b):
        other = b if a == "call" else a
        return -1.0 if other in IN_PERSON_KINDS else -0.5
    return 0.0


def blocking_keys(f: MeetingFeatures) -> Iterator[tuple[Hashable, int | None]]:
    """(key, day) pairs: mentions sharing a key, on the same or the next day, are compared."""
    if f.label and f.ordinal:
        yield ("edition", f.label, f.ordinal), None
    if f.label and f.city:
        yield ("label-place", f.label, f.city), None
    if f.core and f.city:
        yield ("core-place", f.core, f.city), None
    if f.start is None:
        return
    surnames = sorted(f.surnames)[:SURNAMES_PAIRED]
    dated: list[Hashable] = []
    if f.label:
        dated.append(("label", f.label))
    if f.city:
        dated.append(("place", f.city))
    if len(surnames) == 1:
        dated.append(("people", surnames[0]))
    dated.extend(("people", pair) for pair in combinations(surnames, 2))
    last = min(f.end or f.start, f.start + DAYS_INDEXED - 1)
    for key in dated:
        for day in range(f.start, last + 1):
            yield key, day


def meeting_blocks(features: Iterable[tuple[int, MeetingFeatures]]) -> dict[tuple[Hashable, int | None], list[int]]:
    """The blocks of (index, features) entries: each blocking key with the indices that have it."""
    blocks: dict[tuple[Hashable, int | None], list[int]] = {}
    for index, f in features:
        for key in blocking_keys(f):
            blocks.setdefault(key, []).append(index)
    return blocks


def block_pairs(blocks: Mapping[tuple[Hashable, int | None], list[int]],
                features: Mapping[int, MeetingFeatures] | Sequence[MeetingFeatures]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) sharing a block, or a dated block and the next day's block of the same key; an
    oversized block compares each mention with its next neighbours. A pair may come more than once."""
    for (key, day), members in blocks.items():
        group = members if day is None else members + blocks.get((key, day + 1), [])
        yield from _pairs_in(group, features)


def scored_pairs(blocks: Mapping[tuple[Hashable, int | None], list[int]],
                 features: Mapping[int, MeetingFeatures] | Sequence[MeetingFeatures], max_gap: int,
                 accept: float) -> list[tuple[float, int, int]]:
    """(score, i, j) for every pair of the blocks scoring at least `accept`, each pair once.

    Blocks of different keys can be scored apart (on different workers) and their pairs joined: a pair's score
    depends on the two mentions only."""
    scored = []
    seen: set[tuple[int, int]] = set()
    for pair in block_pairs(blocks, features):
        if pair in seen:
            continue
        seen.add(pair)
        score = score_pair(features[pair[0]], features[pair[1]], max_gap)
        if score is not None and score >= accept:
            scored.append((score, pair[0], pair[1]))
    return scored


def _pairs_in(group: list[int],
              features: Mapping[int, MeetingFeatures] | Sequence[MeetingFeatures]) -> Iterator[tuple[int, int]]:
    if len(group) <= FULL_BLOCK_SIZE:
        ordered = sorted(set(group))
        yield from combinations(ordered, 2)
        return
    ordered = sorted(set(group), key=lambda i: (features[i].start or 0, i))
    for position, a in enumerate(ordered):
        for b in ordered[position + 1: position + 1 + NEIGHBOURS_IN_LARGE_BLOCK]:
            yield (a, b) if a < b else (b, a)


@dataclass(slots=True)
class MeetingFacts:
    """What every union must keep true of a cluster: its articles, latest start and earliest end, editions, and
    names (a cluster never takes in a meeting whose name is like none of its own)."""

    articles: set[str]
    latest_start: int | None
    earliest_end: int | None
    editions: dict[str, int]
    labels: set[str]
    cores: set[frozenset[str]]


def _facts(f: MeetingFeatures) -> MeetingFacts:
    editions = {f.label: f.ordinal} if f.label and f.ordinal else {}
    return MeetingFacts(set(f.articles), f.start, f.end if f.start is not None else None, editions,
                        {f.label} if f.label else set(), {f.core} if f.core else set())


def _allowed(a: MeetingFacts, b: MeetingFacts, max_gap: int) -> bool:
    if not a.articles.isdisjoint(b.articles):
        return False
    starts = [s for s in (a.latest_start, b.latest_start) if s is not None]
    ends = [e for e in (a.earliest_end, b.earliest_end) if e is not None]
    if starts and ends and max(starts) - min(ends) > max_gap:
        return False
    if a.labels and b.labels and a.cores.isdisjoint(b.cores) and not any(
            fuzz.token_sort_ratio(x, y) >= DIFFERENT_LABEL_BELOW for x in a.labels for y in b.labels):
        return False
    small, big = sorted((a.editions, b.editions), key=len)
    return all(big.get(label, ordinal) == ordinal for label, ordinal in small.items())


def _combine(big: MeetingFacts, small: MeetingFacts) -> MeetingFacts:
    big.articles |= small.articles
    if small.latest_start is not None:
        big.latest_start = max(big.latest_start or small.latest_start, small.latest_start)
        big.earliest_end = min(big.earliest_end or small.earliest_end, small.earliest_end)  # type: ignore[type-var]
    big.editions.update(small.editions)
    big.labels |= small.labels
    big.cores |= small.cores
    return big


def _duplicate_fold_pairs(
    meetings: Sequence[Meeting], features: Sequence[MeetingFeatures], originals: Mapping[str, str], max_gap: int
) -> list[tuple[float, int, int]]:
    """Each meeting of a duplicate article paired with its best compatible match in the original article."""
    by_article: dict[str, list[int]] = {}
    for index, meeting in enumerate(meetings):
        for source in meeting.sources:
            by_article.setdefault(source.article_id, []).append(index)
    pairs = []
    for article_id in sorted(by_article):
        original = originals.get(article_id, article_id)
        if original == article_id or original not in by_article:
            continue
        for index in by_article[article_id]:
            scored = []
            for other in by_article[original]:
                score = _loose_score(features[index], features[other], max_gap)
                if score is not None and score >= DUPLICATE_FOLD_SCORE:
                    scored.append((score, other))
            if scored:
                best_score, best = max(scored, key=lambda item: (item[0], -item[1]))
                pairs.append((best_score + 100.0, min(index, best), max(index, best)))
    return pairs


def _loose_score(a: MeetingFeatures, b: MeetingFeatures, max_gap: int) -> float | None:
    """A pair score for a duplicate article's meeting, which needs no date or series anchor to match."""
    if not a.articles.isdisjoint(b.articles) or (a.ordinal and b.ordinal and a.ordinal != b.ordinal):
        return None
    gap = date_gap(a, b)
    if gap is not None and gap > max_gap:
        return None
    score = 1.0 if same_label(a, b) else 0.0
    if gap is not None:
        score += 1.0 if gap == 0 else 0.5  # a copy reports its meeting on the original's day
    score += _participants_score(a.surnames, b.surnames) + _kind_score(a.kind, b.kind)
    if a.city and b.city:
        score += 1.0 if a.city == b.city else -1.0
    return score


def cluster_meetings(meetings: Sequence[Meeting], originals: Mapping[str, str],
                     person_ids: Mapping[str, str] | None = None, rules: RuleResources | None = None,
                     pairs: PairScorer | None = None) -> list[list[int]]:
    """Clusters of indices into `meetings`, each one real-world meeting. `pairs` scores the candidate pairs
    (default: here, over all blocks at once)."""
    rules = rules or RuleResources.bundled()
    accept = rules.threshold("meeting_pair_accept_score")
    max_gap = int(rules.threshold("meeting_max_date_gap_days"))
    features = [meeting_features(m, person_ids, rules) for m in meetings]
    scored: list[tuple[float, int, int]] = _duplicate_fold_pairs(meetings, features, originals, max_gap)
    if pairs is None:
        scored += scored_pairs(meeting_blocks(enumerate(features)), features, max_gap, accept)
    else:
        scored += pairs.meeting_pairs(features, max_gap, accept)
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    sets = ConstrainedUnionFind([_facts(f) for f in features], lambda a, b: _allowed(a, b, max_gap), _combine)
    for _, a, b in scored:
        sets.union(a, b)
    return sets.clusters()
