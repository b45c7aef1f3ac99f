"""Merging with the candidate pairs scored partition by partition (as the Dask engine's workers score them):
the same pairs, clusters and ids as the one-process merge."""
from __future__ import annotations

import pytest
from helpers import synthetic_mentions


def test_pairs_scored_in_partitions_are_the_local_pairs_and_give_the_same_records(monkeypatch):
    from pipeline.merge import meetings as meeting_rules
    from pipeline.merge import merge
    from pipeline.merge.pairs import PartitionedPairs
    from pipeline.resources import RuleResources

    monkeypatch.setattr(meeting_rules, "FULL_BLOCK_SIZE", 6)  # so that oversized blocks compare neighbours only
    monkeypatch.setattr(meeting_rules, "NEIGHBOURS_IN_LARGE_BLOCK", 3)
    meetings, people, articles = synthetic_mentions(6000)
    features = [meeting_rules.meeting_features(m) for m in meetings]
    blocks = meeting_rules.meeting_blocks(enumerate(features))
    assert max(len(members) for members in blocks.values()) > meeting_rules.FULL_BLOCK_SIZE
    rules = RuleResources.bundled()
    local = meeting_rules.scored_pairs(blocks, features, 1, rules.threshold("meeting_pair_accept_score"))
    assert len(local) > 100
    partitioned = PartitionedPairs(partitions=5, chunks=3)
    assert sorted(partitioned.meeting_pairs(features, 1, rules.threshold("meeting_pair_accept_score"))) == sorted(local)

    expected = merge(meetings, people, articles)
    assert merge(meetings, people, articles, pairs=partitioned) == expected


@pytest.mark.parametrize("size, chunks, lengths", [
    (10, 3, [4, 4, 2]),  # rounded up, so never more runs than asked for
    (9, 3, [3, 3, 3]),
    (2, 4, [1, 1]),  # fewer entries than runs: one entry each
    (0, 3, []),
])
def test_entries_are_cut_into_consecutive_runs_of_about_equal_length(size, chunks, lengths):
    from pipeline.merge.pairs import chunked

    runs = chunked(list(range(size)), chunks)
    assert [len(run) for run in runs] == lengths
    assert [entry for run in runs for entry in run] == list(range(size))
