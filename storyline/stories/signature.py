"""Event signatures: what happened, to whom and where, as extra clustering features.

Two reports of one real-world event share its core — the same meeting (same participants,
same place), the same strike (same type, same place) — while two similar events differ in
place or participants. From an article's events (PLOVER type, source and target actors as
entity ids, location; background ``historical`` and ``hypothetical`` events left out) and its
place entities, :func:`signature_terms` builds weighted terms:

* ``p:<entity id>`` — a place (GPE, LOC, FAC) the article names, counted more in the lead;
* ``v:<TYPE>`` — an event type the article reports;
* ``x:<TYPE>|<entity id>`` — an event type with one of its actors (source or target), and
  ``x:<TYPE>@<place>`` with its location.

An event or place in the lead (the first ``lead_chars`` characters, where a news report says
what happened) counts ``lead_weight`` times. Pure functions over the per-article records.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.records import Article

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class EventCore:
    """The clustering view of one event: type, actor entity ids, location, offset."""

    type: str
    actors: tuple[str, ...]
    location: str | None
    start: int
    trigger: str | None = None


def cores_of_article(article: Article) -> tuple[list[tuple[str, int]], list[EventCore]]:
    """Place mentions ``(entity id, offset)`` and reported (not background) event cores."""
    places = [(e.id, m.start) for e in article.entities if e.type in PLACE_TYPES
              for m in e.mentions if m.kind == "name"]
    events = [EventCore(ev.type, tuple(a.entity for a in (ev.source, ev.target)
                                       if a is not None and a.entity),
                        ev.location, ev.sentence[0],
                        _trigger_word(ev.trigger.text if ev.trigger else ""))
              for ev in article.events if not (ev.historical or ev.hypothetical or ev.negated)]
    return places, events


def cores_of_output(record: Mapping[str, Any]) -> tuple[list[tuple[str, int]], list[EventCore]]:
    """The same from a ``storyline/1`` JSON record (malformed parts are skipped)."""
    places: list[tuple[str, int]] = []
    for e in record.get("entities") or ():
        if not isinstance(e, Mapping) or e.get("type") not in PLACE_TYPES or not e.get("id"):
            continue
        for m in e.get("mentions") or ():
            if isinstance(m, Mapping) and m.get("kind", "name") == "name":
                places.append((str(e["id"]), int(m.get("start") or 0)))
    events: list[EventCore] = []
    for ev in record.get("events") or ():
        if not isinstance(ev, Mapping) or not ev.get("type"):
            continue
        if ev.get("historical") or ev.get("hypothetical") or ev.get("negated"):
            continue
        actors = tuple(str(a["entity"]) for a in (ev.get("source"), ev.get("target"))
                       if isinstance(a, Mapping) and a.get("entity"))
        sentence = ev.get("sentence") if isinstance(ev.get("sentence"), Mapping) else {}
        trigger = ev.get("trigger") if isinstance(ev.get("trigger"), Mapping) else None
        events.append(EventCore(str(ev["type"]), actors, ev.get("location") or None,
                                int((sentence or {}).get("start") or 0),
                                _trigger_word(str((trigger or {}).get("text") or ""))))
    return places, events


def _trigger_word(text: str) -> str | None:
    """The stem of an event's trigger word ("killed" → "kill", "arrests" → "arrest")."""
    words = text.lower().split()
    if not words:
        return None
    word = words[-1]
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def signature_terms(places: Sequence[tuple[str, int]], events: Iterable[EventCore],
                    lead_chars: int = 300, lead_weight: float = 2.0
                    ) -> tuple[tuple[str, float], ...]:
    """Weighted signature terms (sub-linear counts, the lead counted ``lead_weight`` times),
    sorted by term so that the result does not depend on the order of the records."""
    counts: dict[str, list[float]] = {}

    def add(term: str, start: int) -> None:
        row = counts.setdefault(term, [0.0, 1.0])
        row[0] += 1
        if start < lead_chars:
            row[1] = lead_weight

    for pid, start in places:
        add("p:" + pid, start)
    for ev in events:
        add("v:" + ev.type, ev.start)
        if ev.trigger:
            add(f"v:{ev.type}:{ev.trigger}", ev.start)
        for actor in ev.actors:
            add(f"x:{ev.type}|{actor}", ev.start)
        if ev.location:
            add(f"x:{ev.type}@{ev.location.lower()}", ev.start)
    return tuple(sorted((t, round(w * (1.0 + math.log(n)), 6))
                        for t, (n, w) in counts.items()))
