"""Finding articles that are the same story printed twice or lightly edited, with MinHash LSH."""
from __future__ import annotations

from typing import Iterable

from datasketch import MinHash, MinHashLSH

from pipeline.merge.unionfind import ConstrainedUnionFind
from pipeline.resources import RuleResources, fold

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 3


def shingles(text: str) -> set[bytes]:
    """Overlapping 3-word sequences of the folded text (the whole text when shorter)."""
    words = fold(text).split()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def _signature(text: str) -> MinHash:
    signature = MinHash(num_perm=NUM_PERM, seed=SEED)
    signature.update_batch(sorted(shingles(text)))
    return signature


def find_near_duplicates(texts: Iterable[tuple[str, str]], threshold: float | None = None) -> dict[str, str]:
    """{duplicate_id: original_id} for texts whose estimated 3-shingle Jaccard similarity reaches `threshold`
    (default: `near_duplicate_similarity` of the bundled resources).

    Texts are read one at a time; similar texts form groups, and each group's original is its
    lexicographically smallest id.
    """
    if threshold is None:
        threshold = RuleResources.bundled().threshold("near_duplicate_similarity")
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    signatures: dict[str, MinHash] = {}
    ids: list[str] = []
    position: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []
    for article_id, text in texts:
        if article_id in signatures:
            continue
        signature = _signature(text)
        position[article_id] = len(ids)
        ids.append(article_id)
        for other in sorted(lsh.query(signature)):
            if signature.jaccard(signatures[other]) >= threshold:
                pairs.append((position[other], position[article_id]))
        lsh.insert(article_id, signature)
        signatures[article_id] = signature
    groups = ConstrainedUnionFind([None] * len(ids), lambda a, b: True, lambda a, b: a)
    for a, b in pairs:
        groups.union(a, b)
    result = {}
    for members in groups.clusters():
        names = [ids[i] for i in members]
        original = min(names)
        result.update({name: original for name in names if name != original})
    return dict(sorted(result.items()))
