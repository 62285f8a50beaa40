"""Entities of one article: name mentions, roles, and in-document resolution.

* :func:`extract_entities` — ``Doc`` → ``tuple[Entity, ...]``: people, organisations, places
  (``GPE`` for countries, cities and regions, ``LOC`` for natural locations and continents),
  demonyms (``NORP``) and other names (``MISC``), each with every mention (``kind`` ``name``,
  ``title`` or ``pronoun``), aliases, roles ("Kremlin spokesperson"), ``affiliation`` (the
  country the entity acts for) and ``acts_for`` (that country's entity id).
* :func:`entities_stage` — the registered parsed stage ``extract.entities.v1``.
* :func:`entity_id` — ``derived_id("entity", type, folded canonical name)``: the same name gets
  the same id in every article, before cross-article resolution (``storyline.resolve``).

How each part works: ``storyline/extract/mentions/`` (spans → grouping → titles → coref).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from storyline.extract.mentions.coref import resolve, resolve_it
from storyline.extract.mentions.grouping import Group, attach_roles, group_names
from storyline.extract.mentions.spans import name_spans, sentence_of
from storyline.extract.mentions.titles import title_mentions
from storyline.ids import derived_id
from storyline.records import Article, Entity, Mention
from storyline.registry import registry
from storyline.resolve.names import fold

__all__ = ["COMPONENT", "entities_stage", "entity_id", "extract_entities"]

#: The registered name of the stage.
COMPONENT = "extract.entities.v1"


def entity_id(type_: str, name: str) -> str:
    """The article-level id of an entity: the same type and name give the same id everywhere."""
    return derived_id("entity", type_, fold(name) or " ".join(name.lower().split()))


def _to_entity(group: Group) -> Entity:
    canonical = group.canonical
    mentions = [Mention(n.start_char, n.end_char, n.text, n.type, "name") for n in group.names]
    mentions += [Mention(start, end, text, group.type, kind)
                 for start, end, text, kind in group.extra]
    mentions.sort(key=lambda m: (m.start, m.end))
    affiliation = group.affiliation
    acts_for = entity_id("GPE", affiliation) if affiliation is not None else None
    if group.place is not None and group.place.kind == "country":
        acts_for = None                     # a country acts for itself
    return Entity(id=entity_id(group.type, canonical), name=canonical, type=group.type,
                  aliases=group.aliases, roles=tuple(group.roles), mentions=tuple(mentions),
                  affiliation=affiliation, acts_for=acts_for)


def extract_entities(doc: Doc) -> tuple[Entity, ...]:
    """Entities of a parsed article, in order of first mention; offsets index ``doc.text``."""
    if len(doc) == 0:
        return ()
    groups = group_names(name_spans(doc))
    role_tokens = attach_roles(doc, groups)
    name_tokens = {i for g in groups if g.type == "PERSON" for n in g.names
                   for i in range(n.start, n.end)}
    titles = title_mentions(doc, name_tokens | role_tokens)
    resolve(doc, groups, titles, sentence_of(doc), role_tokens)
    resolve_it(doc, groups)
    entities: dict[str, Entity] = {}
    for group in groups:
        entity = _to_entity(group)
        if entity.id in entities:        # two groups with one canonical name: keep them together
            entity = _merge(entities[entity.id], entity)
        entities[entity.id] = entity
    return tuple(entities.values())


def _merge(first: Entity, second: Entity) -> Entity:
    aliases = tuple(dict.fromkeys(first.aliases + second.aliases))
    return Entity(id=first.id, name=first.name, type=first.type,
                  aliases=tuple(a for a in aliases if a != first.name),
                  roles=tuple(dict.fromkeys(first.roles + second.roles)),
                  mentions=tuple(sorted(first.mentions + second.mentions,
                                        key=lambda m: (m.start, m.end))),
                  affiliation=first.affiliation or second.affiliation,
                  acts_for=first.acts_for or second.acts_for)


def entities_stage(article: Article, doc: Doc, settings: Any = None) -> Article:
    """Pipeline stage (kind ``parsed``): fill ``article.entities`` from the shared Doc."""
    return article.replace(entities=extract_entities(doc))


def _register() -> None:
    # The lead may also list the stage in ``registry.BUILTINS``; register only once.
    if COMPONENT not in registry.names():
        registry.register(COMPONENT, entities_stage)


_register()
