"""Which article of a duplicate group is the canonical one, and what changes when one arrives.

Rule (deterministic from content, never from arrival order):

1. the fullest text wins: the most distinct word shingles (``Fingerprint.shingles``; a reprint
   that dropped paragraphs loses to the full copy; page furniture counts too, which is why the
   clean stage removes it first);
2. ties: the earliest publication date (ISO strings compare in time order; a missing date loses
   to any date);
3. ties: the smallest article id.

Every other member's ``duplicate_of`` points at the canonical one; the canonical article has
``duplicate_of = None``. :func:`reassign` says which members must change when a better copy
joins a group, so the store updates only those rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.dedupe.fingerprint import Fingerprint


@dataclass(frozen=True)
class CanonicalCandidate:
    """One group member as the canonical choice sees it: ``size`` is its distinct shingle count,
    ``published`` an ISO date (or ``None``)."""

    id: str
    size: int
    published: str | None = None

    @classmethod
    def of(cls, article_id: str, fp: Fingerprint, published: str | None = None) -> CanonicalCandidate:
        return cls(article_id, fp.shingles, published)


def canonical_key(c: CanonicalCandidate) -> tuple[int, bool, str, str]:
    """Sort key: the canonical member of a group is the one with the smallest key."""
    return (-c.size, c.published is None, c.published or "", c.id)


def choose_canonical(members: Sequence[CanonicalCandidate]) -> str:
    """The id of the canonical member (see the module docstring)."""
    if not members:
        raise ValueError("a duplicate group has at least one member")
    return min(members, key=canonical_key).id


def reassign(
    members: Sequence[CanonicalCandidate], current: Mapping[str, str | None]
) -> dict[str, str | None]:
    """The ``duplicate_of`` values that must change: ``{id: new duplicate_of}``.

    ``current`` maps member ids to their stored ``duplicate_of`` (a new member may be missing);
    the result names every member whose value differs from the canonical assignment, the new
    canonical itself mapping to ``None``.
    """
    canonical = choose_canonical(members)
    changes: dict[str, str | None] = {}
    for m in members:
        want = None if m.id == canonical else canonical
        if m.id not in current or current[m.id] != want:
            changes[m.id] = want
    return changes
