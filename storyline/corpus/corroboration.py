"""The corroboration step of the corpus phase: for every story (and storyline) that changed,
claims aligned across its articles, conflicts between sources and merged events — computed over
the articles with their entity ids made corpus-wide, so "Zelensky" and "Zelenskyy" are one actor.

Storylines are corroborated too (a position change spans stories: for a ceasefire in March,
against it in December), up to ``corroborate.max_articles`` articles; a larger storyline is
covered by its stories only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.corroborate import MergedEvent, claims, conflicts, merge_events
from storyline.records import ActorRef, Article, Claim, Conflict

Canonical = Callable[[str], str]


def _actor(ref: ActorRef | None, canonical: Canonical) -> ActorRef | None:
    if ref is None or ref.entity is None:
        return ref
    return ActorRef(canonical(ref.entity), ref.name)


def with_corpus_ids(article: Article, canonical: Canonical, max_chars: int = 100_000) -> Article:
    """The article with every entity id (entities, speakers, actors) replaced by its
    corpus-wide id, and its text cut where the parse stopped (``nlp.max_chars``): nothing past
    it was analysed, and offsets into the kept part stay valid."""
    from storyline.nlp import analysed_length

    return article.replace(
        text=article.text[:analysed_length(article.text, max_chars)],
        entities=tuple(dataclasses.replace(e, id=canonical(e.id),
                                           acts_for=canonical(e.acts_for) if e.acts_for else None)
                       for e in article.entities),
        quotes=tuple(dataclasses.replace(q, speaker=_actor(q.speaker, canonical))
                     for q in article.quotes),
        events=tuple(dataclasses.replace(e, source=_actor(e.source, canonical) or e.source,
                                         target=_actor(e.target, canonical))
                     for e in article.events),
        positions=tuple(dataclasses.replace(p, actor=_actor(p.actor, canonical) or p.actor)
                        for p in article.positions))


@dataclass(frozen=True)
class Corroboration:
    """What corroboration found in one story or storyline."""

    articles: tuple[Article, ...]  # with corpus-wide entity ids
    claims: tuple[Claim, ...]
    conflicts: tuple[Conflict, ...]
    events: tuple[MergedEvent, ...]


def bounded(articles: Sequence[Article], cap: int) -> list[Article]:
    """At most ``cap`` articles of a story for corroboration: without duplicates (a reprint
    supports nothing its original does not) when there are more, then the first ``cap``."""
    chosen = list(articles)
    if len(chosen) > cap:
        chosen = [a for a in chosen if not a.duplicate_of] or chosen
    return chosen[:cap]


def corroborate_records(cluster_id: str, articles: Sequence[Article], canonical: Canonical,
                        max_chars: int = 100_000) -> Corroboration:
    ready = tuple(with_corpus_ids(a, canonical, max_chars) for a in articles)
    duplicate_of = {a.id: a.duplicate_of for a in ready}
    found = claims(cluster_id, ready, duplicate_of)
    return Corroboration(ready, tuple(found), tuple(conflicts(cluster_id, ready, found)),
                         tuple(merge_events(cluster_id, ready)))


def corroborate(cluster_id: str, articles: Sequence[Article], canonical: Canonical,
                max_chars: int = 100_000
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """``(claims, conflicts, merged events)`` of one story or storyline, as JSON-ready dicts."""
    found = corroborate_records(cluster_id, articles, canonical, max_chars)
    return ([c.to_dict() for c in found.claims], [c.to_dict() for c in found.conflicts],
            [e.to_dict() for e in found.events])
