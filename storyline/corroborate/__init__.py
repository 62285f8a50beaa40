"""Corroboration: claims aligned across a story's articles, conflicts between sources, and one
record per real-world event.

    from storyline.corroborate import claims, conflicts, merge_events
    found = claims(story.id, articles, {a.id: a.duplicate_of for a in articles})
    disputes = conflicts(story.id, articles, found)      # storyline conflicts --format json
    events = merge_events(story.id, articles)

Pure functions over :mod:`storyline.records`; they read whatever the per-article stages filled in
(entities, quotes, events, positions, dates) and derive slots from the sentences themselves
otherwise, so they work before any extractor has run. See docs/benchmarks-corroborate.md.
"""

from __future__ import annotations

from storyline.corroborate.claims import claims
from storyline.corroborate.conflicts import conflicts
from storyline.corroborate.events import MergedEvent, merge_events, same_event
from storyline.corroborate.sources import count_outlets, source_groups

__all__ = [
    "MergedEvent",
    "claims",
    "conflicts",
    "count_outlets",
    "merge_events",
    "same_event",
    "source_groups",
]
