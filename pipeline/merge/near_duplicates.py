"""Finding articles that are the same story printed twice or lightly edited, with MinHash LSH."""
from __future__ import annotations

from typing import Iterable

from datasketch import MinHash, MinHashLSH

from pipeline.merge.text import fold

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


def find_near_duplicates(texts: Iterable[tuple[str, str]], threshold: float = 0.85) -> dict[str, str]:
    """{duplicate_id: original_id} for texts whose estimated 3-shingle Jaccard similarity reaches `threshold`.

    Texts are read one at a time; similar texts form groups, and each group's original is its
    lexicographically smallest id.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    signatures: dict[str, MinHash] = {}
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for article_id, text in texts:
        if article_id in signatures:
            continue
        signature = _signature(text)
        parent[article_id] = article_id
        for other in sorted(lsh.query(signature)):
            if signature.jaccard(signatures[other]) >= threshold:
                a, b = sorted((find(article_id), find(other)))
                parent[b] = a
        lsh.insert(article_id, signature)
        signatures[article_id] = signature
    groups: dict[str, list[str]] = {}
    for article_id in parent:
        groups.setdefault(find(article_id), []).append(article_id)
    result = {}
    for members in groups.values():
        original = min(members)
        result.update({member: original for member in members if member != original})
    return dict(sorted(result.items()))
