"""Dedupe: exact and near-duplicate articles grouped, one canonical article per group.

Per article (pure, runs in worker processes): :func:`fingerprint` → :class:`Fingerprint`
(normalised-text hash, MinHash of word shingles, shingle sketch; ``to_bytes``/``from_bytes``).
Per corpus (in memory, rebuilt from stored fingerprints): :class:`DuplicateIndex` answers
``add(id, fp) -> Match | None``. Per group: :func:`choose_canonical` and :func:`reassign`.
See docs/dedupe.md.
"""

from storyline.dedupe.canonical import CanonicalCandidate, choose_canonical, reassign
from storyline.dedupe.fingerprint import Fingerprint, fingerprint
from storyline.dedupe.index import DuplicateIndex, Match

__all__ = [
    "CanonicalCandidate",
    "DuplicateIndex",
    "Fingerprint",
    "Match",
    "choose_canonical",
    "fingerprint",
    "reassign",
]
