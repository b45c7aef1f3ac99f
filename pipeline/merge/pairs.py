"""Where candidate pairs are scored: here over all blocks at once (the default), or by a `PairScorer` that
scores groups of blocks apart: `PartitionedPairs` in this process, `pipeline.engines.dask.DaskPairs` on a
cluster.

A pair's score depends on its two entries only, so blocks can be split between workers by their key: each
chunk of entries is routed to partitions by key (`route_*`), each partition scores its blocks
(`score_*_partition`), and joining the partitions' pairs (each pair once) gives exactly the pairs and scores
of the local run; the union-find that follows, in the calling process, gives the same clusters and ids.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from typing import Any, Hashable, Protocol, Sequence

from pipeline.merge.meetings import MeetingFeatures, blocking_keys
from pipeline.merge.memory import garbage_collector_paused
from pipeline.merge.meetings import scored_pairs as scored_meeting_pairs
from pipeline.merge.people import PersonFacts, PersonFeatures
from pipeline.merge.people import blocking_keys as person_blocking_keys
from pipeline.merge.people import scored_pairs as scored_people_pairs
from pipeline.resources import RuleResources

ScoredPair = tuple[float, int, int]


class PairScorer(Protocol):
    def meeting_pairs(self, features: Sequence[MeetingFeatures], max_gap: int, accept: float) -> list[ScoredPair]:
        """What `pipeline.merge.meetings.scored_pairs` gives over the blocks of all `features`."""

    def people_pairs(self, candidates: Sequence[tuple[int, PersonFeatures, PersonFacts]],
                     rules: RuleResources) -> list[ScoredPair]:
        """What `pipeline.merge.people.scored_pairs` gives over all `candidates`."""


class PartitionedPairs:
    """The partitioned job, run in this process step after step: chunks of entries are routed to `partitions`
    partitions by blocking key, then each partition is scored. `DaskPairs` runs the same steps on a cluster."""

    def __init__(self, partitions: int, chunks: int | None = None):
        self.partitions = max(1, partitions)
        self.chunks = max(1, chunks or partitions)

    def meeting_pairs(self, features: Sequence[MeetingFeatures], max_gap: int, accept: float) -> list[ScoredPair]:
        return self.scored(list(enumerate(features)), route_meetings, score_meeting_partition, max_gap, accept)

    def people_pairs(self, candidates: Sequence[tuple[int, PersonFeatures, PersonFacts]],
                     rules: RuleResources) -> list[ScoredPair]:
        return self.scored(list(candidates), route_people, score_people_partition, rules)

    def scored(self, entries: list, route: Callable, score: Callable, *args: Any) -> list[ScoredPair]:
        """Every partition's scored pairs, each pair once."""
        routed = [route(chunk, self.partitions) for chunk in chunked(entries, self.chunks)]
        return joined(score([part[number] for part in routed], *args) for number in range(self.partitions))


def chunked(entries: list, chunks: int) -> list[list]:
    """`entries` in at most `chunks` consecutive runs of about equal length."""
    size = max(1, -(-len(entries) // chunks))
    return [entries[start:start + size] for start in range(0, len(entries), size)]


def joined(partitions: Iterable[list[ScoredPair]]) -> list[ScoredPair]:
    """The pairs of all partitions, each once (a pair of mentions sharing blocks of two keys comes from both)."""
    pairs: set[ScoredPair] = set()
    for scored in partitions:
        pairs.update(scored)
    return list(pairs)


def key_partition(key: Hashable, partitions: int) -> int:
    """The partition of a blocking key: the same in every process (Python's own `hash` of a string is not)."""
    return zlib.crc32(repr(key).encode("utf-8", "surrogatepass")) % partitions


def route_meetings(entries: Sequence[tuple[int, MeetingFeatures]],
                   partitions: int) -> list[list[tuple[int, MeetingFeatures, list]]]:
    """Per partition, the (index, features, blocks) of the mentions with a block whose key goes there.

    Every block of a key lands in the key's partition, with its next day's block, and with all its members:
    an oversized block's neighbours are then those of the local run."""
    routed: list[dict[int, tuple[int, MeetingFeatures, list]]] = [{} for _ in range(partitions)]
    with garbage_collector_paused():
        for index, f in entries:
            for block in blocking_keys(f):
                target = routed[key_partition(block[0], partitions)]
                target.setdefault(index, (index, f, []))[2].append(block)
        return [list(part.values()) for part in routed]


def score_meeting_partition(parts: Sequence[Sequence[tuple[int, MeetingFeatures, list]]], max_gap: int,
                            accept: float) -> list[ScoredPair]:
    """The scored pairs of the blocks that `route_meetings` sent to one partition (`parts`: one list per chunk)."""
    blocks: dict = {}
    features: dict[int, MeetingFeatures] = {}
    with garbage_collector_paused():
        for part in parts:
            for index, f, keys in part:
                features[index] = f
                for block in keys:
                    blocks.setdefault(block, []).append(index)
        return scored_meeting_pairs(blocks, features, max_gap, accept)


def route_people(candidates: Sequence[tuple[int, PersonFeatures, PersonFacts]],
                 partitions: int) -> list[list[tuple[Hashable, int, PersonFeatures, PersonFacts]]]:
    """Per partition, (block, index, features, facts) for every block of a candidate whose key goes there."""
    routed: list[list[tuple[Hashable, int, PersonFeatures, PersonFacts]]] = [[] for _ in range(partitions)]
    with garbage_collector_paused():
        for index, f, facts in candidates:
            for block in person_blocking_keys(f):
                routed[key_partition(block, partitions)].append((block, index, f, facts))
        return routed


def score_people_partition(parts: Sequence[Sequence[tuple[Hashable, int, PersonFeatures, PersonFacts]]],
                           rules: RuleResources) -> list[ScoredPair]:
    """The scored pairs of the blocks that `route_people` sent to one partition (`parts`: one list per chunk)."""
    blocks: dict[Hashable, list[int]] = {}
    entries: dict[int, tuple[PersonFeatures, PersonFacts]] = {}
    with garbage_collector_paused():
        for part in parts:
            for block, index, f, facts in part:
                entries[index] = (f, facts)
                blocks.setdefault(block, []).append(index)
        return scored_people_pairs(blocks, entries, rules)
