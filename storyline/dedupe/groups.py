"""Duplicate groups and their canonical member, kept by the corpus driver.

Rule for the canonical member: :func:`storyline.dedupe.canonical.choose_canonical`. A new
article joins the group of the article it duplicates; when it also duplicates members of other
groups (``Match.also``), those groups are merged, so copies that arrive before their original
still end in one group. Deterministic for a given input order, and rebuilt from the store
(``remember``) when a run resumes.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.dedupe.canonical import CanonicalCandidate, choose_canonical
from storyline.dedupe.fingerprint import Fingerprint


class DuplicateGroups:
    """Group membership: canonical id → members, and member id → canonical id."""

    def __init__(self) -> None:
        self.members: dict[str, list[CanonicalCandidate]] = {}
        self.canonical_of: dict[str, str] = {}

    def remember(self, article_id: str, duplicate_of: str | None, fp: Fingerprint,
                 published: str | None) -> None:
        """Record a stored article as it is (used to rebuild the groups on start)."""
        canonical = duplicate_of or article_id
        self.canonical_of[article_id] = canonical
        self.members.setdefault(canonical, []).append(CanonicalCandidate.of(article_id, fp, published))

    def add(self, article_id: str, fp: Fingerprint, published: str | None,
            duplicates: Sequence[str]) -> tuple[str | None, dict[str, str | None]]:
        """Record a new article that duplicates ``duplicates`` (best first; empty: none).

        Returns the new article's ``duplicate_of`` and ``{member: new duplicate_of}`` for every
        other member whose value changes (a better copy arrived, or groups were merged).
        """
        if not duplicates:
            self.remember(article_id, None, fp, published)
            return None, {}
        old_canonicals = list(dict.fromkeys(self.canonical_of.get(d, d) for d in duplicates))
        before = {m.id: (None if m.id == c else c) for c in old_canonicals for m in self.members[c]}
        merged = [m for c in old_canonicals for m in self.members.pop(c)]
        merged.append(CanonicalCandidate.of(article_id, fp, published))
        new = choose_canonical(merged)
        self.members[new] = merged
        changes: dict[str, str | None] = {}
        for member in merged:
            self.canonical_of[member.id] = new
            want = None if member.id == new else new
            if member.id != article_id and before.get(member.id) != want:
                changes[member.id] = want
        return (None if article_id == new else new), changes
