"""Rewrite an analysed article's entity ids to corpus-wide ids.

``apply_identities(article, resolver)`` maps every entity id of the article (``entities``,
``acts_for``, quote speakers, event sources and targets, position actors) through
:meth:`EntityResolver.canonical_id`; names follow the canonical entity's name. Mentions and
offsets are unchanged. Two article entities that resolve to one identity are merged.
"""

from __future__ import annotations

import dataclasses

from storyline.records import ActorRef, Article, Entity
from storyline.resolve.resolver import EntityResolver


def _ref(ref: ActorRef | None, ids: dict[str, str], names: dict[str, str]) -> ActorRef | None:
    if ref is None or ref.entity is None or ref.entity not in ids:
        return ref
    new = ids[ref.entity]
    return ActorRef(entity=new, name=names.get(new, ref.name))


def apply_identities(article: Article, resolver: EntityResolver) -> Article:
    """The article with corpus-wide entity ids (see the module docstring)."""
    ids = {e.id: resolver.canonical_id(e.id) for e in article.entities}
    canonical = {e.id: e for e in resolver.entities() if e.id in set(ids.values())}
    names = {cid: entity.name for cid, entity in canonical.items()}
    merged: dict[str, Entity] = {}
    for entity in article.entities:
        new_id = ids[entity.id]
        name = names.get(new_id, entity.name)
        acts_for = resolver.canonical_id(entity.acts_for) if entity.acts_for else None
        aliases = tuple(a for a in dict.fromkeys((entity.name, *entity.aliases)) if a != name)
        current = Entity(id=new_id, name=name, type=entity.type, aliases=aliases,
                         roles=entity.roles, mentions=entity.mentions,
                         affiliation=entity.affiliation, acts_for=acts_for)
        if new_id in merged:
            old = merged[new_id]
            current = dataclasses.replace(
                old, aliases=tuple(dict.fromkeys(old.aliases + current.aliases)),
                roles=tuple(dict.fromkeys(old.roles + current.roles)),
                mentions=tuple(sorted(old.mentions + current.mentions,
                                      key=lambda m: (m.start, m.end))),
                affiliation=old.affiliation or current.affiliation,
                acts_for=old.acts_for or current.acts_for)
        merged[new_id] = current
    quotes = tuple(dataclasses.replace(q, speaker=_ref(q.speaker, ids, names))
                   for q in article.quotes)
    events = tuple(dataclasses.replace(e, source=_ref(e.source, ids, names) or e.source,
                                       target=_ref(e.target, ids, names))
                   for e in article.events)
    positions = tuple(dataclasses.replace(p, actor=_ref(p.actor, ids, names) or p.actor)
                      for p in article.positions)
    return article.replace(entities=tuple(merged.values()), quotes=quotes, events=events,
                           positions=positions)
