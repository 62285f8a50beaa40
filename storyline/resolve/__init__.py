"""Cross-article entity identities: :class:`EntityResolver` (incremental, order-independent),
its records (:class:`ResolvedEntity`, :class:`Merge`) and the name keys it compares with."""

from storyline.resolve.apply import apply_identities
from storyline.resolve.records import Merge, ResolvedEntity
from storyline.resolve.resolver import EntityResolver

__all__ = ["EntityResolver", "Merge", "ResolvedEntity", "apply_identities"]
