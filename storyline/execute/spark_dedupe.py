"""Duplicate groups computed on Spark, equal to what the local :class:`DuplicateIndex` and the
runner's duplicate groups give for the same articles in the same order.

The local rule, restated so that no step needs every article on one node: articles are taken
in order (stored ones by ``seq``, then new ones by input position). Article *j*

1. is an **exact** duplicate of the first article with the same normalised-text hash, if that is
   not *j* itself;
2. otherwise (and when its text has words) it is an LSH entry: its **candidates** are the
   earlier LSH entries that share at least one MinHash band with it (bands and rows chosen by
   datasketch for ``dedupe.threshold`` and ``dedupe.num_perm``, exactly as ``MinHashLSH``);
   the ``max_candidates`` with the highest MinHash-estimated Jaccard (ties: earlier first) are
   verified with :func:`storyline.dedupe.verify.duplicate_score`; every one at or above
   ``dedupe.containment`` is a **near** match (``Match.id`` and ``Match.also`` locally).

Each article is linked to its matches (all earlier); a duplicate group is a connected component
of these links (the runner's :class:`~storyline.dedupe.groups.DuplicateGroups` merges the groups
an article bridges), and its canonical member is :func:`storyline.dedupe.choose_canonical` over
the members.

Distributed steps: group light rows by text hash (exact links, the keys of the LSH entries,
broadcast); band explode into light rows
``((band, band values), key)`` → group by band → one star of links per bucket → on the
driver, the connected components of the band-sharing graph ("families": every candidate of an
article is in its family), broadcast as key → family; the LSH entries grouped by family, and
within each family the local rule above run in order (candidates, top-k, verification);
components of the verified links (on the driver when there are at most a million links, else
by min-label propagation on the cluster); canonical choice per component. Shuffled data: ~40
bytes per article and band, and each LSH entry's fingerprint once (to its family's task).
The family map is held on the driver: one entry per article that shares a band with another.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHashLSH

from storyline.config import Settings
from storyline.dedupe import CanonicalCandidate, Fingerprint, choose_canonical
from storyline.dedupe.unionfind import UnionFind
from storyline.dedupe.verify import duplicate_score

Key = tuple[int, int, int]  # (0, seq, 0) for stored articles, (1, split, record) for new ones

#: Candidates verified per article (DuplicateIndex's default).
MAX_CANDIDATES = 32
#: Label-propagation rounds before giving up (longer chains of links are not realistic).
MAX_ROUNDS = 100


@dataclass(frozen=True)
class Entry:
    """One article as dedupe sees it: its order key, id, fingerprint bytes and date."""

    key: Key
    id: str
    fingerprint: bytes
    published: str | None


def band_ranges(settings: Settings) -> list[tuple[int, int]]:
    """The ``(start, end)`` MinHash slices datasketch's MinHashLSH hashes into its bands for
    these settings (its own optimal bands × rows for ``dedupe.threshold``)."""
    lsh = MinHashLSH(threshold=float(settings["dedupe.threshold"]), num_perm=int(settings["dedupe.num_perm"]))
    return [(int(start), int(end)) for start, end in lsh.hashranges]


Node = tuple[Key, str, int, "str | None"]  # (key, id, distinct shingles, published)


def node(entry: Entry) -> Node:
    """What grouping needs of an article: its order key, id, size and date."""
    return entry.key, entry.id, Fingerprint.from_bytes(entry.fingerprint).shingles, entry.published


def _light(entry: Entry) -> tuple[str, tuple[Node, bool]]:
    """What the exact step shuffles: ``(text hash, (node, has words))`` — not the fingerprint."""
    fp = Fingerprint.from_bytes(entry.fingerprint)
    return fp.text_hash, ((entry.key, entry.id, fp.shingles, entry.published), not fp.empty)


def _exact(group: tuple[str, Iterable[tuple[Node, bool]]]) -> Iterator[tuple[str, Any]]:
    """One text hash: later articles are exact duplicates of the first; the first is an LSH
    entry unless its text has no words. Yields ``("edge", (child node, parent node))`` and
    ``("lsh", key of the first)``."""
    members = sorted(group[1], key=lambda m: m[0][0])
    first, words = members[0]
    if words:
        yield "lsh", first[0]
    for other, _ in members[1:]:
        yield "edge", (other, first)


def _band_rows(ranges: list[tuple[int, int]]) -> Any:
    """An LSH entry → one light row per band: ``((band, band bytes), key)``."""
    def explode(entry: Entry) -> Iterator[tuple[tuple[int, bytes], Key]]:
        values = Fingerprint.from_bytes(entry.fingerprint).minhash
        for band, (start, end) in enumerate(ranges):
            yield (band, values[start:end].astype("<u4").tobytes()), entry.key
    return explode


def _stars(bucket: tuple[tuple[int, bytes], Iterable[Key]]) -> Iterator[tuple[Key, Key]]:
    """One band bucket → ``(member, first member)`` for every other member: the bucket's
    members are connected (a star spans what the bucket's pairs span)."""
    members = sorted(bucket[1])
    for other in members[1:]:
        yield other, members[0]


def _components(links: Iterable[tuple[Any, Any]]) -> dict[Any, Any]:
    """Union-find over ``links``: every endpoint → the smallest endpoint of its connected
    component (endpoints in order of first appearance)."""
    sets = UnionFind()
    for a, b in links:
        sets.union(a, b)
    return {x: sets.find(x) for x in sets.parent}


def _families(stars: list[tuple[Key, Key]]) -> dict[Key, Key]:
    """Connected components of the band-sharing graph (each LSH entry that shares a band with
    another → the smallest key of its component), on the driver."""
    return _components(stars)


def _family_matches(ranges: list[tuple[int, int]], containment: float, max_candidates: int) -> Any:
    """The LSH entries of one family (every candidate of a member is in its family) →
    ``(child node, parent node)`` for every verified match: each member's candidates are the
    earlier members sharing a band, the ``max_candidates`` best by estimated Jaccard (ties:
    earlier first) are verified, skipping candidates of a group already matched — exactly what
    :meth:`DuplicateIndex.query` verifies with the runner's groups. Every link of a member's
    group to earlier members is inside the family (exact copies only hang off one LSH entry), so
    the family's own union-find is that group; the groups found are those of verifying all."""
    def matches(family: tuple[Key, Iterable[Entry]]) -> Iterator[tuple[Node, Node]]:
        members = sorted(family[1], key=lambda e: e.key)
        fps = [Fingerprint.from_bytes(e.fingerprint) for e in members]
        buckets: list[dict[bytes, list[int]]] = [{} for _ in ranges]
        groups = UnionFind()
        for j, fp in enumerate(fps):
            bands = [fp.minhash[start:end].astype("<u4").tobytes() for start, end in ranges]
            found = sorted({i for band, value in enumerate(bands) for i in buckets[band].get(value, ())})
            for band, value in enumerate(bands):
                buckets[band].setdefault(value, []).append(j)
            if not found:
                continue
            stacked = np.stack([fps[i].minhash for i in found])
            estimate = (stacked == fp.minhash).mean(axis=1)
            order = np.lexsort((np.arange(len(found)), -estimate))[:max_candidates]
            child = node(members[j])
            matched: set[int] = set()
            for pos in order:
                group = groups.find(found[pos])
                if group in matched:
                    continue
                if duplicate_score(fp, fps[found[pos]]) >= containment:
                    matched.add(group)
                    yield child, node(members[found[pos]])
            for group in matched:
                groups.union(group, j)
    return matches


def _assign(members: Iterable[Node]) -> Iterator[tuple[Key, str, str | None]]:
    """One group → ``(key, id, duplicate_of)`` for each member."""
    people = list(members)
    canonical = choose_canonical([CanonicalCandidate(m[1], m[2], m[3]) for m in people])
    for member in people:
        yield member[0], member[1], (None if member[1] == canonical else canonical)


def _groups_local(edges: list[tuple[Node, Node]]) -> list[tuple[Key, str, str | None]]:
    """Connected components of the links and their canonical members, on the driver."""
    nodes: dict[str, Node] = {}
    for edge in edges:
        for n in edge:
            nodes.setdefault(n[1], n)
    roots = _components((a[1], b[1]) for a, b in edges)
    groups: dict[str, list[Node]] = {}
    for node_id, n in nodes.items():
        groups.setdefault(roots[node_id], []).append(n)
    return [row for members in groups.values() for row in _assign(members)]


def _groups_distributed(edges: Any, max_rounds: int = MAX_ROUNDS) -> Any:
    """The same on the cluster: every node takes the smallest id seen among itself and its
    neighbours' labels until nothing changes (rounds ≈ the longest chain of links), then one
    group-by per component."""
    links = edges.flatMap(lambda e: [(e[0][1], e[1][1]), (e[1][1], e[0][1])]).cache()
    labels = links.map(lambda kv: (kv[0], kv[0])).reduceByKey(min).cache()
    for _ in range(max_rounds):
        proposed = links.join(labels).map(lambda kv: (kv[1][0], kv[1][1])).union(labels).reduceByKey(min).cache()
        changed = proposed.join(labels).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels = proposed
        if changed == 0:
            break
    else:
        raise RuntimeError("duplicate components did not converge")
    nodes = edges.flatMap(lambda e: [(e[0][1], e[0]), (e[1][1], e[1])]).reduceByKey(lambda a, _b: a)
    return labels.join(nodes).map(lambda kv: kv[1]).groupByKey().flatMap(lambda g: _assign(g[1]))


def duplicate_of(entries: Any, settings: Settings, local_limit: int = 1_000_000) -> Any:
    """An RDD of ``(key, id, duplicate_of)`` for every member of a duplicate group among
    ``entries`` (an RDD of :class:`Entry`); articles in no group are absent.

    Links (one per verified match, carrying what the canonical choice needs) become groups on
    the driver when there are at most ``local_limit`` of them, else on the cluster."""
    rows = duplicate_rows(entries, settings, local_limit)
    if isinstance(rows, list):
        sc = entries.context
        return sc.parallelize(rows, max(1, min(sc.defaultParallelism, len(rows))))
    return rows


def duplicate_rows(entries: Any, settings: Settings, local_limit: int = 1_000_000) -> Any:
    """What :func:`duplicate_of` gives, as a list on the driver when the groups were made there
    (at most ``local_limit`` links), else as the RDD."""
    from pyspark import StorageLevel

    ranges = band_ranges(settings)
    containment = float(settings["dedupe.containment"])
    sc = entries.context
    persisted = not entries.is_cached  # read twice: light rows, then the LSH entries
    if persisted:
        entries = entries.persist(StorageLevel.MEMORY_AND_DISK)
    split = entries.map(_light).groupByKey().flatMap(_exact).cache()
    exact = split.filter(lambda t: t[0] == "edge").map(lambda t: t[1])
    firsts = sc.broadcast(set(split.filter(lambda t: t[0] == "lsh").map(lambda t: t[1]).collect()))
    lsh = entries.filter(lambda e: e.key in firsts.value)
    stars = lsh.flatMap(_band_rows(ranges)).groupByKey().flatMap(_stars).distinct().collect()
    family = sc.broadcast(_families(stars))
    near = (lsh.filter(lambda e: e.key in family.value)
            .map(lambda e: (family.value[e.key], e)).groupByKey()
            .flatMap(_family_matches(ranges, containment, MAX_CANDIDATES)))
    edges = exact.union(near).cache()
    if edges.count() <= local_limit:
        rows = _groups_local(edges.collect())
        for rdd in ([entries] if persisted else []) + [split, edges]:
            rdd.unpersist()
        return rows
    return _groups_distributed(edges)
