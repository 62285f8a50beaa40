"""Cross-article entity identities, built incrementally.

>>> resolver = EntityResolver()
>>> mapping = resolver.add(article.id, article.entities, story=story_id, outlet=article.outlet)
>>> mapping[local_id]          # the canonical id of that entity across the corpus
>>> resolver.entities()        # ResolvedEntity list: names, aliases, roles, articles, merges

Each article-level entity id (one type and folded name) is a :class:`NameRecord`. Full person
names are merged pairwise by :mod:`storyline.resolve.rules`, looking only at records that share a
blocking key (given-name key with the surname's transliteration key or Soundex), and only when a
record is new or its stories or roles grew, so the cost of an article does not grow with the
corpus. A surname-only name ("Trump") joins the one full name with that surname,
decided when asked, so a second "Trump" arriving later makes it ambiguous again. Other entities
merge when their names fold alike. ``to_bytes()`` / ``from_bytes()`` let a resumed run continue.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable

from storyline.records import Entity
from storyline.resolve.names import fold, translit_key
from storyline.resolve.records import Merge, NameRecord, ResolvedEntity, record_sort_key
from storyline.resolve.rules import (
    SAME_NAME_CONFIDENCE,
    SURNAME_ONLY_CONFIDENCE,
    blocking_keys,
    comparison_keys,
    same_person,
)

_FORMAT = 1


class EntityResolver:
    """Incremental, order-independent cross-article entity resolution."""

    def __init__(self) -> None:
        self._records: dict[str, NameRecord] = {}
        self._index: dict[str, set[str]] = {}
        self._parent: dict[str, str] = {}
        self._groups: dict[str, set[str]] = {}
        #: (a, b) record ids (a < b) → (evidence, confidence)
        self._edges: dict[tuple[str, str], tuple[str, float]] = {}

    # -- building ---------------------------------------------------------------------------

    def add(self, article_id: str, entities: Iterable[Entity], *, story: str | None = None,
            outlet: str | None = None) -> dict[str, str]:
        """Add one article's entities; returns local entity id → canonical id (as of now)."""
        local: list[str] = []
        changed: list[str] = []
        for entity in entities:
            if not isinstance(entity, Entity) or not entity.id or not entity.name:
                continue
            record = self._records.get(entity.id)
            if record is None:
                record = self._records[entity.id] = NameRecord(entity.id, entity.type,
                                                               entity.name)
                self._parent[entity.id] = entity.id
                self._groups[entity.id] = {entity.id}
                for key in blocking_keys(record):
                    self._index.setdefault(key, set()).add(entity.id)
                self._name_index(record)
            is_new = not record.articles
            if record.update(entity, article_id, story, outlet) or is_new:
                changed.append(entity.id)
            local.append(entity.id)
        for record_id in dict.fromkeys(changed):
            self._compare(self._records[record_id])
        return {record_id: self.canonical_id(record_id) for record_id in local}

    def _name_index(self, record: NameRecord) -> None:
        if record.type != "PERSON":
            self._index.setdefault("f:" + fold(record.name), set()).add(record.id)
            for other in sorted(self._index["f:" + fold(record.name)]):
                if other != record.id and self._records[other].type != "PERSON":
                    a, b = self._records[other], record
                    self._link(a.id, b.id, f"same name: {a.name!r} ({a.type}) ~ {b.name!r} "
                               f"({b.type})", SAME_NAME_CONFIDENCE)

    def _compare(self, record: NameRecord) -> None:
        if not record.full:
            return
        candidates: set[str] = set()
        for key in comparison_keys(record):
            candidates |= self._index.get(key, set())
        for other_id in sorted(candidates):
            if other_id == record.id:
                continue
            found = same_person(record, self._records[other_id])
            if found is not None:
                self._link(record.id, other_id, *found)

    def _link(self, a: str, b: str, evidence: str, confidence: float) -> None:
        pair = (a, b) if a < b else (b, a)
        if pair not in self._edges:
            self._edges[pair] = (evidence, confidence)
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            keep, drop = (ra, rb) if ra < rb else (rb, ra)
            self._parent[drop] = keep
            self._groups[keep] |= self._groups.pop(drop)

    def _find(self, record_id: str) -> str:
        root = record_id
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[record_id] != root:
            self._parent[record_id], record_id = root, self._parent[record_id]
        return root

    # -- reading ----------------------------------------------------------------------------

    def _cluster_of(self, record_id: str) -> str:
        """The union-find root, after attaching a surname-only person name to the one full
        name cluster with that surname (if there is exactly one)."""
        record = self._records[record_id]
        root = self._find(record_id)
        if record.type != "PERSON" or record.full or root != record_id:
            return root
        word = (record.words or (record.name,))[-1]
        holders = {self._find(other) for other in self._index.get("s:" + translit_key(word), ())
                   if self._records[other].full
                   and translit_key(self._records[other].words[-1]) == translit_key(word)}
        if len(holders) == 1:
            return next(iter(holders))
        return root

    def _members(self) -> dict[str, list[str]]:
        clusters: dict[str, list[str]] = {}
        for record_id in self._records:
            clusters.setdefault(self._cluster_of(record_id), []).append(record_id)
        return clusters

    def canonical_id(self, local_id: str) -> str:
        """The corpus-wide id of an article-level entity id (itself when unknown)."""
        if local_id not in self._records:
            return local_id
        members = self._cluster_members(self._cluster_of(local_id))
        return min((self._records[m] for m in members), key=record_sort_key).id

    def _cluster_members(self, root: str) -> set[str]:
        members = set(self._groups[root])
        for member in list(members):
            record = self._records[member]
            if record.full:
                for other in self._index.get("s:" + translit_key(record.words[-1]), ()):
                    if other not in members and not self._records[other].full \
                            and self._cluster_of(other) == root:
                        members.add(other)
        return members

    def entities(self) -> list[ResolvedEntity]:
        """Every canonical entity, sorted by id."""
        out = [self._resolved(members) for members in self._members().values()]
        return sorted(out, key=lambda e: e.id)

    def _resolved(self, members: list[str]) -> ResolvedEntity:
        records = sorted((self._records[m] for m in members), key=record_sort_key)
        head = records[0]
        types = sorted({r.type for r in records},
                       key=lambda t: (-sum(len(r.articles) for r in records if r.type == t), t))
        forms = sorted({f for r in records for f in r.forms} - {head.name})
        affiliations = sorted({a for r in records for a in r.affiliations})
        acts_for = sorted({a for r in records for a in r.acts_for})
        merges = []
        for record in records[1:]:
            evidence, confidence = self._evidence(record, members)
            merges.append(Merge(record.id, record.name, head.id, evidence, confidence))
        return ResolvedEntity(
            id=head.id, name=head.name, type=types[0], aliases=tuple(forms),
            roles=tuple(sorted({r for rec in records for r in rec.roles})),
            articles=tuple(sorted({a for r in records for a in r.articles})),
            members=tuple(r.id for r in records),
            affiliation=affiliations[0] if len(affiliations) == 1 else None,
            acts_for=self.canonical_id(acts_for[0]) if len(acts_for) == 1 else None,
            merges=tuple(merges))

    def _evidence(self, record: NameRecord, members: list[str]) -> tuple[str, float]:
        found = [self._edges[(min(record.id, m), max(record.id, m))] for m in members
                 if (min(record.id, m), max(record.id, m)) in self._edges]
        if found:
            return max(found, key=lambda e: (e[1], e[0]))
        if record.type == "PERSON" and not record.full:
            return (f"surname only: {record.name!r} is the surname of exactly one person in the "
                    "corpus", SURNAME_ONLY_CONFIDENCE)
        return ("linked through another name of this entity", 0.5)

    # -- persistence ------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The whole state, compressed JSON (records and merge edges)."""
        data = {"format": _FORMAT,
                "records": [self._records[k].to_dict() for k in sorted(self._records)],
                "edges": [[a, b, e, c] for (a, b), (e, c) in sorted(self._edges.items())]}
        return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"))

    @classmethod
    def from_bytes(cls, blob: bytes) -> EntityResolver:
        """Rebuild a resolver saved by :meth:`to_bytes`; raises ``ValueError`` on bad data."""
        try:
            data = json.loads(zlib.decompress(blob).decode("utf-8"))
            if data.get("format") != _FORMAT:
                raise ValueError(f"unknown resolver state format {data.get('format')!r}")
            resolver = cls()
            for item in data["records"]:
                record = NameRecord.from_dict(item)
                resolver._records[record.id] = record
                resolver._parent[record.id] = record.id
                resolver._groups[record.id] = {record.id}
                for key in blocking_keys(record):
                    resolver._index.setdefault(key, set()).add(record.id)
                if record.type != "PERSON":
                    resolver._index.setdefault("f:" + fold(record.name), set()).add(record.id)
            for a, b, evidence, confidence in data["edges"]:
                resolver._link(a, b, evidence, float(confidence))
        except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"not a saved entity resolver state: {exc}") from exc
        return resolver

    def __len__(self) -> int:
        return len(self._records)
