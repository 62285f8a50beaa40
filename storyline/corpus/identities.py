"""Corpus-wide entity identities as the corpus phase needs them, over
:class:`storyline.resolve.EntityResolver`: ``add`` an article's entities and get local id →
corpus-wide id; after the phase, ``relinks()`` says which local ids now belong to another
identity (a later article can merge two identities or make a surname ambiguous), and
``rows()`` gives the ``entities`` table.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from typing import Any

from storyline.records import Entity
from storyline.resolve import EntityResolver

STATE_FORMAT = "storyline.identities.v2"
MAX_ALIASES = 50
MAX_ROLES = 20


class Identities:
    """The resolver plus what the ``entity_articles`` table currently says for each local id."""

    def __init__(self, resolver: EntityResolver | None = None,
                 written: dict[str, str] | None = None, articles: int = 0,
                 mixed: set[str] | None = None) -> None:
        self.resolver = resolver or EntityResolver()
        #: local id → the corpus id last written for it
        self.written: dict[str, str] = written or {}
        #: local ids whose rows were written with more than one corpus id (all must be relinked)
        self.mixed: set[str] = mixed or set()
        self.articles = articles

    def add(self, article_id: str, entities: Iterable[Entity], *, story: str | None = None,
            outlet: str | None = None) -> dict[str, str]:
        """Local id → corpus-wide id for one article's entities (as of now)."""
        self.articles += 1
        links = self.resolver.add(article_id, entities, story=story, outlet=outlet)
        for local, canonical in links.items():
            if self.written.get(local, canonical) != canonical:
                self.mixed.add(local)
            self.written[local] = canonical
        return links

    def relinks(self) -> dict[str, str]:
        """Local ids whose rows do not all hold their current corpus-wide id: local → id."""
        changed = {}
        for local, written in self.written.items():
            now = self.resolver.canonical_id(local)
            if now != written or local in self.mixed:
                changed[local] = now
        self.written.update(changed)
        self.mixed.clear()
        return changed

    def rows(self) -> list[dict[str, Any]]:
        """The ``entities`` table (``n_mentions`` is filled in from the links by the store)."""
        return [{"id": e.id, "name": e.name, "type": e.type,
                 "aliases": list(e.aliases)[:MAX_ALIASES], "roles": list(e.roles)[:MAX_ROLES],
                 "affiliation": e.affiliation, "acts_for": e.acts_for,
                 "n_articles": len(e.articles), "merges": [m.to_dict() for m in e.merges]}
                for e in self.resolver.entities()]

    def count(self) -> int:
        return len({self.resolver.canonical_id(local) for local in self.written})

    def to_bytes(self) -> bytes:
        head = json.dumps({"format": STATE_FORMAT, "articles": self.articles,
                           "written": self.written, "mixed": sorted(self.mixed)},
                          ensure_ascii=False).encode()
        packed = zlib.compress(head)
        return len(packed).to_bytes(8, "big") + packed + self.resolver.to_bytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Identities:
        size = int.from_bytes(data[:8], "big")
        state = json.loads(zlib.decompress(data[8:8 + size]))
        body = data[8 + size:]
        if state.get("format") != STATE_FORMAT:
            raise ValueError(f"not a {STATE_FORMAT} state")
        return cls(EntityResolver.from_bytes(body), state["written"], state["articles"],
                   set(state.get("mixed", ())))
