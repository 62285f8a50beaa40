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
    """One place an entity is mentioned. ``label`` is the NER label of the mention;
    ``kind`` says how it names the entity: ``name`` (a proper name), ``title`` ("the president"),
    ``pronoun`` ("he"), resolved within the article by ``extract.entities``."""

    start: int
    end: int
    text: str
    label: str
    kind: str = "name"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    #: What the entity acts for: "Russia" for Dmitry Peskov ("Kremlin spokesperson") or for
    #: "Moscow" used as an actor; ``acts_for`` is that entity's id when it is known.
    affiliation: str | None = None
    acts_for: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "mentions": [m.to_dict() for m in self.mentions],
            "affiliation": self.affiliation,
            "acts_for": self.acts_for,
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
    #: CAMEO root code ("04" CONSULT ...) alongside the PLOVER type.
    cameo: str | None = None
    #: Reported as background ("since the annexation of Crimea"), not today's news.
    historical: bool = False
    #: The words that triggered the event (the verb or noun), for highlighting.
    trigger: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "historical": self.historical,
            "trigger": self.trigger.to_dict() if self.trigger else None,
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
class Story:
    """A story (one real-world event or episode) or a storyline (a developing story over weeks);
    a story's ``parent`` is its storyline. ``start``/``end`` are ISO dates or ``None``."""

    id: str
    title: str
    level: Literal["story", "storyline"]
    articles: tuple[str, ...]
    parent: str | None = None
    start: str | None = None
    end: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "level": self.level, "parent": self.parent,
                "articles": list(self.articles), "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Source:
    """Where a claim or a conflict side is stated: an article, its outlet and the sentence."""

    article: str
    start: int
    end: int
    text: str
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "outlet": self.outlet, "start": self.start,
                "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Claim:
    """Who did or said what (``about``), aligned across the articles of a story: ``sources`` that
    state it; ``outlets`` counts independent outlets (reprints and syndicated copies once)."""

    id: str
    story: str
    kind: str
    about: str
    value: str
    sources: tuple[Source, ...]
    outlets: int = 1

    @property
    def single_source(self) -> bool:
        return self.outlets <= 1

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "story": self.story, "kind": self.kind, "about": self.about,
                "value": self.value, "outlets": self.outlets,
                "single_source": self.single_source,
                "sources": [s.to_dict() for s in self.sources]}


@dataclass(frozen=True)
class ConflictSide:
    article: str
    value: str
    text: str
    start: int | None = None
    end: int | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "value": self.value, "text": self.text,
                "start": self.start, "end": self.end, "date": self.date}


@dataclass(frozen=True)
class Conflict:
    """The same slot with different values across sources. ``kind``: name, number, date, place,
    title, negation, position_change, quote_variant, ..."""

    id: str
    story: str
    kind: str
    about: str
    sides: tuple[ConflictSide, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "story": self.story, "kind": self.kind, "about": self.about,
                "sides": [s.to_dict() for s in self.sides]}


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


# -- reading the JSON contract back into records ----------------------------------------------
def _span(d: dict[str, Any] | None) -> Span | None:
    return Span(d["start"], d["end"], d.get("text", "")) if d else None


def _actor(d: dict[str, Any] | None) -> ActorRef | None:
    return ActorRef(d.get("entity"), d.get("name")) if d else None


def _offsets(d: dict[str, Any]) -> tuple[int, int]:
    return (int(d["start"]), int(d["end"]))


def entity_from_dict(d: dict[str, Any]) -> Entity:
    return Entity(
        id=d["id"], name=d["name"], type=d["type"], aliases=tuple(d.get("aliases", ())),
        roles=tuple(d.get("roles", ())),
        mentions=tuple(Mention(m["start"], m["end"], m["text"], d["type"], m.get("kind", "name"))
                       for m in d.get("mentions", ())),
        affiliation=d.get("affiliation"), acts_for=d.get("acts_for"))


def quote_from_dict(d: dict[str, Any]) -> Quote:
    speaker = d.get("speaker") or {}
    return Quote(text=d["text"], start=d["start"], end=d["end"], kind=d["kind"],
                 speaker=ActorRef(speaker.get("entity"), speaker.get("name")) if speaker else None,
                 speaker_mention=_span(speaker.get("mention")), cue=d.get("cue"))


def event_from_dict(d: dict[str, Any]) -> Event:
    date = d.get("date")
    return Event(
        type=d["type"], source=_actor(d.get("source")) or ActorRef(None, None),
        sentence=_offsets(d["sentence"]), mode=d.get("mode"), target=_actor(d.get("target")),
        location=d.get("location"),
        date=EventDate(date.get("value"), date.get("granularity"), bool(date.get("resolved")))
        if date else None,
        negated=bool(d.get("negated")), hypothetical=bool(d.get("hypothetical")),
        future=bool(d.get("future")), condition=d.get("condition"), cameo=d.get("cameo"),
        historical=bool(d.get("historical")), trigger=_span(d.get("trigger")))


def position_from_dict(d: dict[str, Any]) -> Position:
    return Position(actor=_actor(d.get("actor")) or ActorRef(None, None), issue=d["issue"],
                    stance=d["stance"], evidence=_offsets(d["evidence"]),
                    condition=d.get("condition"))


def article_from_output(d: dict[str, Any]) -> Article:
    """The :class:`Article` a ``storyline/1`` JSON record describes (inverse of ``to_output``;
    ``text_hash`` is recomputed when the record does not carry it)."""
    from storyline.ids import text_hash

    published = d.get("published") or {}
    return Article(
        id=d["id"], input=d.get("input", ""), text=d.get("text", ""),
        text_hash=d.get("text_hash") or text_hash(d.get("text", "")),
        title=d.get("title"), outlet=d.get("outlet"), author=d.get("author"), url=d.get("url"),
        published=DateValue(published.get("value"), published.get("granularity"),
                            published.get("source", "unresolved")),
        removed=tuple(d.get("removed", ())), language=d.get("language"),
        supported=bool(d.get("supported", True)), duplicate_of=d.get("duplicate_of"),
        entities=tuple(entity_from_dict(e) for e in d.get("entities", ())),
        quotes=tuple(quote_from_dict(q) for q in d.get("quotes", ())),
        events=tuple(event_from_dict(e) for e in d.get("events", ())),
        positions=tuple(position_from_dict(p) for p in d.get("positions", ())),
        dates=tuple(DateMention(**m) for m in d.get("dates", ())))
