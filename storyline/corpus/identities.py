"""Corpus-wide entity identities as the corpus phase needs them: ``add`` an article's entities,
get back local id → corpus-wide id, and the rows of the ``entities`` table that changed.

Until a resolver merges spelling variants, an identity is the article-local id itself: the
extractor derives it from the entity type and normalised canonical name, so the same name is
the same identity in every article.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline.records import Entity

STATE_FORMAT = "storyline.identities.v1"


@dataclass
class _Identity:
    id: str
    name: str
    type: str
    aliases: dict[str, None] = field(default_factory=dict)
    roles: dict[str, None] = field(default_factory=dict)
    affiliation: str | None = None
    acts_for: str | None = None
    articles: int = 0
    mentions: int = 0


class Identities:
    """Aggregates every article's entities into one record per identity."""

    def __init__(self) -> None:
        self.known: dict[str, _Identity] = {}
        self.articles = 0
        self._changed: set[str] = set()
        self._renamed: dict[str, str] = {}

    def add(self, article_id: str, entities: Iterable[Entity], *, story: str | None = None,
            outlet: str | None = None) -> dict[str, str]:
        self.articles += 1
        links: dict[str, str] = {}
        for entity in entities:
            ident = self.known.get(entity.id)
            if ident is None:
                ident = self.known[entity.id] = _Identity(entity.id, entity.name, entity.type)
            for alias in (entity.name, *entity.aliases):
                if alias != ident.name:
                    ident.aliases.setdefault(alias)
            for role in entity.roles:
                ident.roles.setdefault(role)
            ident.affiliation = ident.affiliation or entity.affiliation
            ident.acts_for = ident.acts_for or entity.acts_for
            ident.articles += 1
            ident.mentions += len(entity.mentions)
            self._changed.add(ident.id)
            links[entity.id] = ident.id
        return links

    def take_renamed(self) -> dict[str, str]:
        renamed, self._renamed = self._renamed, {}
        return renamed

    def rows(self, *, changed_only: bool = False) -> list[dict[str, Any]]:
        wanted = self._changed if changed_only else self.known.keys()
        return [{"id": i.id, "name": i.name, "type": i.type, "aliases": list(i.aliases)[:50],
                 "roles": list(i.roles)[:20], "affiliation": i.affiliation,
                 "acts_for": i.acts_for, "n_articles": i.articles, "n_mentions": i.mentions,
                 "merges": []}
                for i in (self.known[k] for k in sorted(wanted) if k in self.known)]

    def clear_changes(self) -> None:
        self._changed.clear()

    def count(self) -> int:
        return len(self.known)

    def to_bytes(self) -> bytes:
        return json.dumps({"format": STATE_FORMAT, "articles": self.articles,
                           "known": [[i.id, i.name, i.type, list(i.aliases), list(i.roles),
                                      i.affiliation, i.acts_for, i.articles, i.mentions]
                                     for i in self.known.values()]},
                          ensure_ascii=False).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Identities:
        state = json.loads(data)
        out = cls()
        out.articles = state["articles"]
        for row in state["known"]:
            i = _Identity(row[0], row[1], row[2], dict.fromkeys(row[3]), dict.fromkeys(row[4]),
                          row[5], row[6], row[7], row[8])
            out.known[i.id] = i
        return out
