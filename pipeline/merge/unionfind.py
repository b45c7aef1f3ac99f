"""Union-find over record indices, where each cluster carries facts that can veto a union."""
from __future__ import annotations

from typing import Callable, Generic, TypeVar

ClusterFacts = TypeVar("ClusterFacts")


class ConstrainedUnionFind(Generic[ClusterFacts]):
    """Disjoint sets with per-cluster facts.

    `allowed(a, b)` decides whether two clusters' facts may join; `combine(big, small)` folds the smaller
    cluster's facts into the bigger one's (in place) and returns them.
    """

    def __init__(
        self,
        facts: list[ClusterFacts],
        allowed: Callable[[ClusterFacts, ClusterFacts], bool],
        combine: Callable[[ClusterFacts, ClusterFacts], ClusterFacts],
    ) -> None:
        self.parent = list(range(len(facts)))
        self.size = [1] * len(facts)
        self.facts: list[ClusterFacts | None] = list(facts)
        self._allowed = allowed
        self._combine = combine

    def find(self, item: int) -> int:
        root = item
        parent = self.parent
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def facts_of(self, item: int) -> ClusterFacts:
        return self.facts[self.find(item)]  # type: ignore[return-value]

    def union(self, first: int, second: int) -> bool:
        """Join the clusters of two items when their facts allow it; True if they are (now) one cluster."""
        a, b = self.find(first), self.find(second)
        if a == b:
            return True
        if not self._allowed(self.facts[a], self.facts[b]):  # type: ignore[arg-type]
            return False
        if self.size[a] < self.size[b]:
            a, b = b, a
        self.parent[b] = a
        self.size[a] += self.size[b]
        self.facts[a] = self._combine(self.facts[a], self.facts[b])  # type: ignore[arg-type]
        self.facts[b] = None
        return True

    def clusters(self) -> list[list[int]]:
        """Member indices of every cluster, each list ascending, clusters ordered by their first member."""
        groups: dict[int, list[int]] = {}
        for item in range(len(self.parent)):
            groups.setdefault(self.find(item), []).append(item)
        return sorted(groups.values(), key=lambda members: members[0])
