"""Timelines of a story or storyline: dated events in order, granularity shown, undated apart.

Entries come from merged events (one per real-world event, every source kept). Where the events
stage has not run, sentences with a resolved date mention (day, week, month or year; durations
such as "30-day" are not dates) become entries, so a timeline exists from the dates stage alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.corroborate.events import MergedEvent
from storyline.corroborate.text import fold, split_sentences
from storyline.records import Article, Source, Story

_GRANULARITIES = ("day", "week", "month", "quarter", "season", "year", "decade")


@dataclass(frozen=True)
class TimelineEntry:
    """One point of a timeline; ``date`` is ISO (``2025-03-14``, ``2025-03``) or ``None``."""

    date: str | None
    granularity: str | None
    text: str
    kind: str  # "event" (a merged event) or "mention" (a dated sentence)
    sources: tuple[Source, ...]
    event: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "granularity": self.granularity, "text": self.text,
                "kind": self.kind, "event": self.event,
                "sources": [s.to_dict() for s in self.sources]}


@dataclass(frozen=True)
class Timeline:
    story: str
    level: str
    dated: tuple[TimelineEntry, ...]
    undated: tuple[TimelineEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"story": self.story, "level": self.level,
                "dated": [e.to_dict() for e in self.dated],
                "undated": [e.to_dict() for e in self.undated]}


def _event_entry(event: MergedEvent) -> TimelineEntry:
    target = f" → {event.target.name}" if event.target and event.target.name else ""
    text = event.sources[0].text if event.sources else f"{event.source.name}{target}"
    date = event.date.value if event.date and event.date.resolved else None
    return TimelineEntry(date, event.date.granularity if date and event.date else None, text,
                         "event", event.sources, event.id)


def _mention_entries(articles: Sequence[Article]) -> list[TimelineEntry]:
    out: dict[tuple[str, str], TimelineEntry] = {}
    for article in articles:
        sentences = split_sentences(article.text, article.id)
        for d in article.dates:
            if not d.resolved or not d.value or d.granularity not in _GRANULARITIES \
                    or d.value.startswith("P"):
                continue
            sentence = next((s for s in sentences if s.start <= d.start < s.end), None)
            if sentence is None:
                continue
            key = (d.value, fold(sentence.text))
            source = Source(article.id, sentence.start, sentence.end, sentence.text,
                            article.outlet)
            if key in out:
                prev = out[key]
                out[key] = TimelineEntry(prev.date, prev.granularity, prev.text, prev.kind,
                                         prev.sources + (source,))
            else:
                out[key] = TimelineEntry(d.value, d.granularity, sentence.text, "mention",
                                         (source,))
    return list(out.values())


def timeline(story: Story | None, articles: Sequence[Article],
             merged_events: Sequence[MergedEvent] = ()) -> Timeline:
    """The timeline of ``story`` (a story or a storyline) from its merged events, or from dated
    sentences when there are no events."""
    entries = [_event_entry(e) for e in merged_events]
    if not entries:
        entries = _mention_entries(articles)
    dated = sorted((e for e in entries if e.date), key=lambda e: (e.date or "", e.text))
    undated = [e for e in entries if not e.date]
    return Timeline(story.id if story else "", story.level if story else "story",
                    tuple(dated), tuple(undated))
