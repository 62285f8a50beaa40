"""Quotes and their speakers: direct, partial and indirect speech, each tied to the speaker
mention and, through ``article.entities``, to a canonical entity.

* :func:`extract_quotes` — ``Doc`` (+ entities) → ``tuple[Quote, ...]`` in text order.
* :func:`quotes_stage` — the parsed pipeline stage (``"extract.quotes.v1"``).
* :func:`quoted_spans` — every span between quotation marks with its role: ``direct``,
  ``partial``, or not speech: ``scare`` (a word held at a distance) or ``title``.

Conventions (``docs/benchmarks-quotes.md``):

* ``Quote.start``/``end``/``text`` is the content **without** the quotation marks for direct and
  partial quotes; for indirect speech it is the reported clause without a leading "that".
* A quote split by its cue (``"…," he said. "…"``) gives **two** ``Quote`` records (one per
  span, exact offsets), with the same speaker and cue; a quote running over paragraphs gives
  one record per paragraph as well. :func:`storyline.extract.quote_attribution.find_attributions`
  keeps them together as one attribution with several fragments (what PolNeAR scores).
* A partial quote inside an indirect statement ("He said the war "must end NOW"") is reported
  twice: the indirect clause and the verbatim fragment (kind ``partial``), same speaker.
* The speaker is the subject of the cue verb, the X of "according to X", or the speaker of the
  quote just before (continuations); ``speaker_mention`` is that phrase. ``speaker`` is the
  entity whose mention covers the phrase's head word (names, titles, pronouns resolved by
  ``extract.entities``), else ``ActorRef(None, None)``; a quote with no speaker at all has
  ``speaker=None`` and ``speaker_mention=None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from storyline.errors import ConfigError
from storyline.extract.quote_attribution import (
    Attribution,
    QuotedText,
    classify_quoted,
    find_attributions,
)
from storyline.extract.quote_learned import CueModel, load_cue_model
from storyline.records import ActorRef, Article, Entity, Quote, Span

__all__ = ["Attribution", "QuotedText", "extract_quotes", "quoted_spans", "quotes_stage",
           "resolve_speaker"]

_COMPLEMENTISERS = ("that ", "That ")


def resolve_speaker(head: tuple[int, int], phrase: tuple[int, int],
                    entities: Sequence[Entity]) -> ActorRef:
    """The entity whose mention covers the speaker's head word (else the one overlapping the
    phrase most); ``ActorRef(None, None)`` when no mention does."""
    best: tuple[int, Entity] | None = None
    for entity in entities:
        for mention in entity.mentions:
            if mention.start <= head[0] and head[1] <= mention.end:
                return ActorRef(entity.id, entity.name)
            overlap = min(mention.end, phrase[1]) - max(mention.start, phrase[0])
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, entity)
    if best is not None:
        return ActorRef(best[1].id, best[1].name)
    return ActorRef(None, None)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _to_quotes(text: str, attribution: Attribution, entities: Sequence[Entity]) -> list[Quote]:
    speaker: ActorRef | None = None
    mention: Span | None = None
    if attribution.source is not None and attribution.source_head is not None:
        s, e = attribution.source
        mention = Span(s, e, text[s:e])
        speaker = resolve_speaker(attribution.source_head, attribution.source, entities)
    quotes: list[Quote] = []
    for start, end in attribution.content:
        if attribution.kind == "indirect":
            for word in _COMPLEMENTISERS:
                if text.startswith(word, start):
                    start += len(word)
                    break
        start, end = _strip(text, start, end)
        if end <= start:
            continue
        kind: Any = attribution.kind
        quotes.append(Quote(text=text[start:end], start=start, end=end, kind=kind,
                            speaker=speaker, speaker_mention=mention, cue=attribution.cue_lemma))
    return quotes


def extract_quotes(doc: Doc, entities: Sequence[Entity] = (),
                   cue_model: CueModel | None = None) -> tuple[Quote, ...]:
    """Every quote of ``doc`` (direct, partial, indirect) with its speaker, in text order.

    ``entities`` are the article's entities (``extract.entities``); offsets index ``doc.text``.
    ``cue_model`` is the optional learned cue model (:mod:`storyline.extract.quote_learned`,
    not shipped). An empty or unparsable document gives ``()``."""
    if doc is None or len(doc) == 0:
        return ()
    text = doc.text
    quotes: list[Quote] = []
    for attribution in find_attributions(doc, cue_model):
        quotes.extend(_to_quotes(text, attribution, entities))
    quotes.sort(key=lambda q: (q.start, q.end))
    return tuple(quotes)


def quoted_spans(doc: Doc) -> list[QuotedText]:
    """Every span between quotation marks in ``doc`` and its role (``direct``, ``partial``,
    ``scare``, ``title``): how scare quotes and titles are told apart from speech."""
    if doc is None or len(doc) == 0:
        return []
    return classify_quoted(doc)[1]


def quotes_stage(article: Article, doc: Doc, settings: Any = None) -> Article:
    """Pipeline stage ``extract.quotes.v1`` (kind ``"parsed"``): fill ``article.quotes``.

    Reads ``text`` and ``entities``; the Doc is the shared parse of ``article.text`` (it may
    cover only a prefix of a very long text: quotes are found in the parsed part). A
    ``quotes.cue_model`` setting, when set, names the learned cue model (loaded once per
    process); without it (the default) the stage uses the rules only."""
    path = str(settings["quotes.cue_model"]) if settings is not None else ""
    cue_model = _cue_model(path) if path else None
    return article.replace(quotes=extract_quotes(doc, article.entities, cue_model))


@lru_cache(maxsize=4)
def _cue_model(path: str) -> CueModel:
    model = load_cue_model(path)
    if model is None:
        raise ConfigError(f"quotes.cue_model: no quote cue model at {path!r}",
                          hint="build one with `python -m storyline.extract.quote_learned`, or "
                               "leave quotes.cue_model empty for the rules only")
    return model
