"""Frozen, serialisable records that flow through the pipeline.

``RawDocument`` (ingest) → ``Article`` (clean, then dedupe and the analysis stages fill in more).
The analysis records (``Mention``, ``Entity``, ``Quote``, ``Event``, ``Position``, ``DateMention``)
follow the JSON contract of ``OUTPUT.md``; ``Article.to_output()`` renders it.
Character offsets index into ``Article.text``, end exclusive.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

from storyline.errors import Rejected

SCHEMA = "storyline/1"

ContentType = Literal["text", "html"]
DateSource = Literal["metadata", "text", "unresolved"]


@dataclass(frozen=True)
class RawDocument:
    """One input as read, before cleaning.

    ``id`` is the content hash of the raw bytes; ``content`` is the decoded text or HTML;
    ``meta`` holds what the container said about it (``url``, ``title``, ``published``,
    ``outlet``, ``author``) from JSON fields, WARC headers or feed entries.
    """

    id: str
    input: str
    content: str
    content_type: ContentType
    meta: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None


@dataclass(frozen=True)
class DateValue:
    """A normalised date: ISO ``value`` (``2025-03-14``, ``2025-03``, ``2025-W11``), granularity."""

    value: str | None
    granularity: str | None
    source: DateSource = "unresolved"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "granularity": self.granularity, "source": self.source}


UNRESOLVED_DATE = DateValue(value=None, granularity=None, source="unresolved")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True)
class ActorRef:
    entity: str | None
    name: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name}


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    kind: Literal["direct", "partial", "indirect"]
    speaker: ActorRef | None = None
    speaker_mention: Span | None = None
    cue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        speaker: dict[str, Any] = (self.speaker.to_dict() if self.speaker
                                   else {"entity": None, "name": None})
        speaker["mention"] = self.speaker_mention.to_dict() if self.speaker_mention else None
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": speaker,
            "cue": self.cue,
        }


@dataclass(frozen=True)
class EventDate:
    value: str | None
    granularity: str | None
    resolved: bool

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "granularity": self.granularity, "resolved": self.resolved}


@dataclass(frozen=True)
class Event:
    type: str
    source: ActorRef
    sentence: tuple[int, int]
    mode: str | None = None
    target: ActorRef | None = None
    location: str | None = None
    date: EventDate | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    condition: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "location": self.location,
            "date": self.date.to_dict() if self.date else None,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "future": self.future,
            "condition": self.condition,
            "sentence": {"start": self.sentence[0], "end": self.sentence[1]},
        }


@dataclass(frozen=True)
class Position:
    actor: ActorRef
    issue: str
    stance: Literal["support", "oppose", "demand", "offer", "conditional"]
    evidence: tuple[int, int]
    condition: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor.to_dict(),
            "issue": self.issue,
            "stance": self.stance,
            "condition": self.condition,
            "evidence": {"start": self.evidence[0], "end": self.evidence[1]},
        }


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str | None
    granularity: str | None
    resolved: bool

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Article:
    """A cleaned article and everything the per-article stages found in it.

    ``id`` is the id of the raw document it came from; ``text_hash`` is the hash of its
    normalised text (equal for exact duplicates); ``language`` is an ISO 639-1 code or ``None``;
    ``supported`` is false for languages storyline does not analyse (stored, not analysed).
    """

    id: str
    input: str
    text: str
    text_hash: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: DateValue = UNRESOLVED_DATE
    removed: tuple[str, ...] = ()
    language: str | None = None
    supported: bool = True
    duplicate_of: str | None = None
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    positions: tuple[Position, ...] = ()
    dates: tuple[DateMention, ...] = ()

    def replace(self, **changes: Any) -> Article:
        return dataclasses.replace(self, **changes)

    def to_output(self) -> dict[str, Any]:
        """The per-article JSON of the public contract (OUTPUT.md, ``storyline/1``)."""
        return {
            "schema": SCHEMA,
            "id": self.id,
            "input": self.input,
            "outlet": self.outlet,
            "title": self.title,
            "author": self.author,
            "url": self.url,
            "published": self.published.to_dict(),
            "language": self.language,
            "supported": self.supported,
            "text": self.text,
            "removed": list(self.removed),
            "duplicate_of": self.duplicate_of,
            "rejected": None,
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "positions": [p.to_dict() for p in self.positions],
            "dates": [d.to_dict() for d in self.dates],
        }


def rejected_output(rejected: Rejected) -> dict[str, Any]:
    """The per-article JSON line for an input that was rejected (same keys, empty analysis)."""
    return {
        "schema": SCHEMA,
        "id": rejected.id,
        "input": rejected.input,
        "outlet": None,
        "title": None,
        "published": UNRESOLVED_DATE.to_dict(),
        "text": "",
        "removed": [],
        "duplicate_of": None,
        "rejected": rejected.to_dict(),
        "entities": [],
        "quotes": [],
        "events": [],
        "positions": [],
        "dates": [],
    }
