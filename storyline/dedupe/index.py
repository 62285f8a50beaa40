"""The corpus-level duplicate index: exact hashes, MinHash LSH candidates, verified matches.

``DuplicateIndex.add(id, fingerprint)`` queries, then inserts:

1. the normalised-text hash is looked up: a hit is an ``exact`` match (score 1.0) and the
   article is not put into the LSH (its twin already is);
2. otherwise datasketch ``MinHashLSH`` (Jaccard threshold ``dedupe.threshold``) proposes
   candidates; they are ranked by MinHash-estimated Jaccard (ties: earlier added first) and at
   most ``max_candidates`` of them are verified by shingle containment
   (:mod:`storyline.dedupe.verify`); those at or above ``dedupe.containment`` are matches and the
   best one (highest score, then earliest added) is returned as a ``near`` match.

A caller that keeps duplicate groups passes ``group_of`` (article id → its group): once one
member of a group is verified, the other candidates from that group are not verified, since they
can only add the same group again. The set of groups matched is the same as verifying every
candidate (what the Spark executor does); only the work differs — real corpora hold many
near-copies of one story, so without this an article re-verifies every copy of its original.

The cost of one add is one LSH query, a vectorised Jaccard estimate over the candidates and at
most ``max_candidates`` verifications: it does not grow with the corpus (only with how many
near-identical articles share LSH buckets). Answers depend only on the sequence of adds, never
on hash seeds or set order, so a rebuilt index (:meth:`DuplicateIndex.load`) answers like the
one it replaces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from datasketch import MinHashLSH

from storyline.config import Settings
from storyline.dedupe.fingerprint import Fingerprint
from storyline.dedupe.verify import duplicate_score

MatchKind = Literal["exact", "near"]
#: Article id → id of its duplicate group (None: not known).
GroupOf = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Match:
    """The existing article a new one duplicates.

    ``id`` is the best match; ``kind`` is ``"exact"`` (same normalised text) or ``"near"``;
    ``score`` is 1.0 for exact matches and the verified shingle containment for near ones;
    ``also`` lists the other verified matches (best first), so a caller that keeps groups can
    merge groups that this article bridges.
    """

    id: str
    kind: MatchKind
    score: float
    also: tuple[str, ...] = ()


class DuplicateIndex:
    """In-memory duplicate index over fingerprints (see the module docstring)."""

    def __init__(self, settings: Settings | None = None, max_candidates: int = 32) -> None:
        settings = settings or Settings()
        self.threshold = float(settings["dedupe.threshold"])
        self.containment = float(settings["dedupe.containment"])
        self.num_perm = int(settings["dedupe.num_perm"])
        self.shingle = int(settings["dedupe.shingle"])
        self.max_candidates = max_candidates
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self._exact: dict[str, str] = {}
        self._ids: list[str] = []
        self._fps: list[Fingerprint] = []
        # row i: the MinHash of self._ids[i], for vectorised estimates (grown by doubling)
        self._sketches = np.empty((1024, self.num_perm), dtype=np.uint32)
        self._answers: dict[str, Match | None] = {}

    def __len__(self) -> int:
        return len(self._answers)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._answers

    def _check(self, fp: Fingerprint) -> None:
        if fp.shingle != self.shingle or fp.num_perm != self.num_perm:
            raise ValueError(
                f"fingerprint made with shingle={fp.shingle}, num_perm={fp.num_perm}; this index "
                f"uses shingle={self.shingle}, num_perm={self.num_perm} (re-fingerprint the articles)"
            )

    def candidates(self, fp: Fingerprint) -> list[int]:
        """Positions of the LSH candidates to verify, best estimated Jaccard first (bounded)."""
        hits = self._lsh.query(fp.lean_minhash())
        if not hits:
            return []
        found = np.fromiter(hits, dtype=np.int64, count=len(hits))
        estimate = (self._sketches[found] == fp.minhash).mean(axis=1)
        order = np.lexsort((found, -estimate))[: self.max_candidates]
        return [int(pos) for pos in found[order]]

    def query(self, fp: Fingerprint, group_of: GroupOf | None = None) -> Match | None:
        """The match ``fp`` would get, without adding it (``group_of``: see the module docstring)."""
        self._check(fp)
        twin = self._exact.get(fp.text_hash)
        if twin is not None:
            return Match(twin, "exact", 1.0)
        if fp.empty:
            return None
        scored = []
        matched_groups: set[str] = set()
        for pos in self.candidates(fp):
            group = group_of(self._ids[pos]) if group_of is not None else None
            if group is not None and group in matched_groups:
                continue
            score = duplicate_score(fp, self._fps[pos])
            if score >= self.containment:
                scored.append((-score, pos))
                if group is not None:
                    matched_groups.add(group)
        if not scored:
            return None
        scored.sort()
        best = scored[0]
        return Match(self._ids[best[1]], "near", -best[0],
                     tuple(self._ids[pos] for _, pos in scored[1:]))

    def add(self, article_id: str, fp: Fingerprint, group_of: GroupOf | None = None) -> Match | None:
        """Query, then insert. Adding an id again returns its first answer and changes nothing."""
        if article_id in self._answers:
            return self._answers[article_id]
        match = self.query(fp, group_of)
        self._answers[article_id] = match
        if match is not None and match.kind == "exact":
            return match
        self._exact.setdefault(fp.text_hash, article_id)
        if not fp.empty:
            pos = len(self._ids)
            self._ids.append(article_id)
            self._fps.append(fp)
            if pos == len(self._sketches):
                self._sketches = np.concatenate([self._sketches, np.empty_like(self._sketches)])
            self._sketches[pos] = fp.minhash
            self._lsh.insert(pos, fp.lean_minhash(), check_duplication=False)
        return match

    def load(self, items: Iterable[tuple[str, Fingerprint]], group_of: GroupOf | None = None) -> None:
        """Rebuild from stored fingerprints, in their original order (same as adding them)."""
        for article_id, fp in items:
            self.add(article_id, fp, group_of)
