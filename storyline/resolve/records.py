"""What the resolver keeps per distinct article-level entity, and what it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from storyline.extract.mentions.roles import role_head
from storyline.records import Entity
from storyline.resolve.names import fold, split_name


@dataclass
class NameRecord:
    """Everything seen of one article-level entity id (one type and folded name) in the corpus.
    Only grows (sets), so merge decisions never flip back and any order gives the same state."""

    id: str
    type: str
    name: str
    forms: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    acts_for: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(w for w in split_name(self.name) if len(w.strip(".")) > 1)

    @property
    def full(self) -> bool:
        """A person named by given name and surname (two or more words)."""
        return self.type == "PERSON" and len(self.words) >= 2

    @property
    def role_heads(self) -> set[str]:
        return {role_head(r) for r in self.roles}

    def update(self, entity: Entity, article: str, story: str | None,
               outlet: str | None) -> bool:
        """Add what one article says; True when the stories or roles grew (what the merge
        rules look at)."""
        before = (len(self.stories), len(self.roles))
        self.forms.update((entity.name, *entity.aliases))
        self.roles.update(entity.roles)
        if entity.affiliation:
            self.affiliations.add(entity.affiliation)
        if entity.acts_for:
            self.acts_for.add(entity.acts_for)
        self.articles.add(article)
        if story:
            self.stories.add(story)
        if outlet:
            self.outlets.add(outlet)
        return (len(self.stories), len(self.roles)) != before

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "name": self.name,
                **{k: sorted(getattr(self, k)) for k in _SETS}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NameRecord:
        return cls(id=data["id"], type=data["type"], name=data["name"],
                   **{k: set(data.get(k, ())) for k in _SETS})


_SETS = ("forms", "roles", "affiliations", "acts_for", "articles", "stories", "outlets")


@dataclass(frozen=True)
class Merge:
    """Why an article-level entity was merged into a canonical one."""

    entity: str
    name: str
    into: str
    evidence: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name, "into": self.into,
                "evidence": self.evidence, "confidence": self.confidence}


@dataclass(frozen=True)
class ResolvedEntity:
    """One real-world entity across the corpus."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    articles: tuple[str, ...]
    members: tuple[str, ...]
    affiliation: str | None = None
    acts_for: str | None = None
    merges: tuple[Merge, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type,
                "aliases": list(self.aliases), "roles": list(self.roles),
                "articles": list(self.articles), "members": list(self.members),
                "affiliation": self.affiliation, "acts_for": self.acts_for,
                "merges": [m.to_dict() for m in self.merges]}


def record_sort_key(record: NameRecord) -> tuple:
    """Order of preference for the canonical name of a cluster: full names with most words, then
    seen in most articles, then longest, then alphabetical (set-based: order-independent)."""
    return (-len(record.words), -len(record.articles), -len(record.name), fold(record.name),
            record.name)
