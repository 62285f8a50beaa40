"""Union-find that keeps the smallest member as each set's root (shared by the Spark dedupe's
families, its groups and its per-family verification)."""

from __future__ import annotations

from typing import Any


class UnionFind:
    """Disjoint sets over hashable, mutually comparable items; ``find`` adds unseen items."""

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
