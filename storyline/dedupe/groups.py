"""Duplicate groups and their canonical member, kept by the corpus driver.

Rule for the canonical member: :func:`storyline.dedupe.canonical.choose_canonical`. A new
article joins the group of the article it duplicates; when it also duplicates members of other
groups (``Match.also``), those groups are merged, so copies that arrive before their original
still end in one group. Deterministic for a given input order, and rebuilt from the store
(``remember``) when a run resumes.

Each group keeps its best member, so an add costs the number of groups it touches plus the
members whose ``duplicate_of`` really changes (a group whose canonical member is replaced) —
not the size of the groups: a wire story with hundreds of reprints does not slow every later
reprint down.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.dedupe.canonical import CanonicalCandidate, canonical_key
from storyline.dedupe.fingerprint import Fingerprint


class DuplicateGroups:
    """Group membership: canonical id → members, and member id → canonical id."""

    def __init__(self) -> None:
        self.members: dict[str, list[CanonicalCandidate]] = {}
        self.canonical_of: dict[str, str] = {}
        self._best: dict[str, CanonicalCandidate] = {}

    def remember(self, article_id: str, duplicate_of: str | None, fp: Fingerprint,
                 published: str | None) -> None:
        """Record a stored article as it is (used to rebuild the groups on start)."""
        canonical = duplicate_of or article_id
        candidate = CanonicalCandidate.of(article_id, fp, published)
        self.canonical_of[article_id] = canonical
        self.members.setdefault(canonical, []).append(candidate)
        best = self._best.get(canonical)
        if best is None or canonical_key(candidate) < canonical_key(best):
            self._best[canonical] = candidate

    def add(self, article_id: str, fp: Fingerprint, published: str | None,
            duplicates: Sequence[str]) -> tuple[str | None, dict[str, str | None]]:
        """Record a new article that duplicates ``duplicates`` (best first; empty: none).

        Returns the new article's ``duplicate_of`` and ``{member: new duplicate_of}`` for every
        other member whose value changes (a better copy arrived, or groups were merged).
        """
        if not duplicates:
            self.remember(article_id, None, fp, published)
            return None, {}
        joined = list(dict.fromkeys(self.canonical_of.get(d, d) for d in duplicates))
        candidate = CanonicalCandidate.of(article_id, fp, published)
        best = min([self._best[c] for c in joined] + [candidate], key=canonical_key)
        new = best.id
        # the merged member list grows from the largest group's list (no copy of it)
        keep = max(joined, key=lambda c: len(self.members[c]))
        merged = self.members.pop(keep)
        changes: dict[str, str | None] = {}
        # ``keep``'s own members first, before other groups are appended to its list
        for old in [keep] + [c for c in joined if c != keep]:
            group = merged if old == keep else self.members.pop(old)
            del self._best[old]
            if old != new:  # every member of this group now points at the new canonical one
                for member in group:  # ``new`` is not in this group: none becomes canonical
                    self.canonical_of[member.id] = new
                    changes[member.id] = new
            if old != keep:
                merged.extend(group)
        merged.append(candidate)
        self.members[new] = merged
        self._best[new] = best
        self.canonical_of[article_id] = new
        return (None if article_id == new else new), changes
