"""One record per real-world event: events from different articles that describe the same
event merged, keeping every source (article, outlet, sentence).

Two events are the same when their PLOVER types match, their source actors match (same entity
id, or names that are spelling variants, or actors speaking for the same country), their targets
do not contradict, their resolved dates are equal (or one is unknown) and their locations do not
contradict. Negated and hypothetical events are never merged with asserted ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.corroborate.facts import affiliation
from storyline.corroborate.text import fold, same_name
from storyline.records import ActorRef, Article, Event, EventDate, Source


@dataclass(frozen=True)
class MergedEvent:
    """One real-world event and every report of it."""

    id: str
    story: str
    type: str
    source: ActorRef
    target: ActorRef | None
    location: str | None
    date: EventDate | None
    negated: bool
    hypothetical: bool
    sources: tuple[Source, ...]
    events: tuple[Event, ...] = field(default=(), compare=False)

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.article for s in self.sources))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "story": self.story, "type": self.type,
                "source": self.source.to_dict(),
                "target": self.target.to_dict() if self.target else None,
                "location": self.location, "date": self.date.to_dict() if self.date else None,
                "negated": self.negated, "hypothetical": self.hypothetical,
                "articles": list(self.articles), "sources": [s.to_dict() for s in self.sources]}


def _same_actor(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a.entity and b.entity and a.entity == b.entity:
        return True
    na, nb = a.name or "", b.name or ""
    if not na or not nb:
        return False
    if same_name(na, nb):
        return True
    ca, cb = affiliation(na), affiliation(nb)
    return ca is not None and ca == cb and (fold(na) in ("us", "u.s.") or ca == na or ca == nb
                                            or len(na.split()) == 1 and len(nb.split()) == 1)


def _compatible_target(a: ActorRef | None, b: ActorRef | None) -> bool:
    return a is None or b is None or _same_actor(a, b)


def _compatible_date(a: EventDate | None, b: EventDate | None) -> bool:
    if a is None or b is None or not a.resolved or not b.resolved or not a.value or not b.value:
        return True
    return a.value.startswith(b.value) or b.value.startswith(a.value)


def _compatible_place(a: str | None, b: str | None) -> bool:
    return not a or not b or same_name(a, b) or fold(a) in fold(b) or fold(b) in fold(a)


def same_event(a: Event, b: Event) -> bool:
    """Whether two event records describe the same real-world event."""
    return (a.type == b.type and a.negated == b.negated and a.hypothetical == b.hypothetical
            and _same_actor(a.source, b.source) and _compatible_target(a.target, b.target)
            and _compatible_date(a.date, b.date) and _compatible_place(a.location, b.location))


def _best_date(events: Sequence[Event]) -> EventDate | None:
    order = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}
    dated = [e.date for e in events if e.date is not None and e.date.resolved and e.date.value]
    if not dated:
        return next((e.date for e in events if e.date is not None), None)
    return min(dated, key=lambda d: order.get(d.granularity or "", 9))


def merge_events(story_id: str, articles: Sequence[Article]) -> list[MergedEvent]:
    """Group the story's event records into real-world events; each lists every source."""
    groups: list[list[tuple[Article, Event]]] = []
    for article in articles:
        for event in article.events:
            if event.historical:
                continue
            for group in groups:
                if any(same_event(event, other) for _, other in group):
                    group.append((article, event))
                    break
            else:
                groups.append([(article, event)])
    out = []
    for group in groups:
        events = [e for _, e in group]
        first = events[0]
        sources = tuple(Source(a.id, e.sentence[0], e.sentence[1],
                               a.text[e.sentence[0]:e.sentence[1]], a.outlet) for a, e in group)
        key = "\x1f".join([story_id, first.type] + [f"{s.article}:{s.start}" for s in sources])
        out.append(MergedEvent(
            id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16], story=story_id,
            type=first.type, source=first.source,
            target=next((e.target for e in events if e.target is not None), None),
            location=next((e.location for e in events if e.location), None),
            date=_best_date(events), negated=first.negated, hypothetical=first.hypothetical,
            sources=sources, events=tuple(events)))
    return out
