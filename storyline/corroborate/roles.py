"""Roles and titles across a story: who holds a role according to each article, conflicts over
the holder ("U.S. special envoy Kurt Volker" vs "U.S. special envoy Steve Witkoff" at the same
Moscow meeting) and over a person's title ("the former U.S. president" vs "President Trump")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.corroborate.facts import RoleMention, role_mentions
from storyline.corroborate.lexicon import COUNTRIES, ROLE_HEADS, ROLE_MODIFIERS
from storyline.corroborate.text import Sentence, content_words, fold, same_name, split_sentences
from storyline.records import Article


@dataclass(frozen=True)
class Holding:
    """One article's statement that ``person`` holds ``role`` (or, unnamed, a bare title)."""

    article: Article
    sentence: Sentence
    mention: RoleMention
    surface: str


@dataclass(frozen=True)
class RoleFinding:
    kind: str
    about: str
    sides: tuple[tuple[Holding, str], ...]


def specific(role: str) -> bool:
    """A role precise enough to have one holder in a story: a head noun plus a qualifier
    ("us special envoy", "kremlin spokesperson"), not a bare "president"."""
    words = role.split()
    if len(words) < 2 or words[-1] not in ROLE_HEADS:
        return False
    return any(w in COUNTRIES or w in ROLE_MODIFIERS for w in words[:-1])


def holdings(items: Sequence[tuple[Article, Sentence]]) -> list[Holding]:
    """Every role mention of every sentence, plus title mentions the entity stage linked."""
    out: list[Holding] = []
    for article, sentence in items:
        for mention in role_mentions(article, sentence):
            out.append(Holding(article, sentence, mention, article.text[mention.start:mention.end]))
    for article in {a.id: a for a, _ in items}.values():
        out.extend(_entity_titles(article))
    return out


def _entity_titles(article: Article) -> list[Holding]:
    from storyline.corroborate.facts import normalise_role

    out: list[Holding] = []
    sentences = split_sentences(article.text, article.id)
    for entity in article.entities:
        for m in entity.mentions:
            if m.kind != "title":
                continue
            words = m.text.split()
            former = any(fold(w) == "former" for w in words)
            sentence = next((s for s in sentences if s.start <= m.start < s.end), None)
            if sentence is not None:
                mention = RoleMention(entity.name, normalise_role(words), former, m.start, m.end)
                out.append(Holding(article, sentence, mention, m.text))
    return out


def _clusters(names: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    for name in names:
        for group in groups:
            if any(same_name(name, other) for other in group):
                group.append(name)
                break
        else:
            groups.append([name])
    return groups


def _shared_context(a: Holding, b: Holding) -> bool:
    """Whether two holdings are about the same occasion: their sentences share a word beyond
    the role and the holders' names (the place, the counterpart, the event noun)."""
    skip = set(content_words(a.surface)) | set(content_words(b.surface))
    skip |= content_words(a.mention.person or "") | content_words(b.mention.person or "")
    shared = (content_words(a.sentence.text) & content_words(b.sentence.text)) - skip
    return len(shared) >= 1 and any(w.capitalize() in a.sentence.text or w.upper() in
                                    a.sentence.text for w in shared)


def holder_conflicts(found: Sequence[Holding]) -> list[RoleFinding]:
    """Different people named for the same specific role in different articles, about the
    same occasion."""
    by_role: dict[str, list[Holding]] = defaultdict(list)
    for h in found:
        if h.mention.person and not h.mention.former and specific(h.mention.role):
            by_role[h.mention.role].append(h)
    out: list[RoleFinding] = []
    for _role, hs in sorted(by_role.items()):
        groups = _clusters([h.mention.person or "" for h in hs])
        if len(groups) < 2:
            continue
        by_person = {}
        for g in groups:
            members = [h for h in hs if h.mention.person in g]
            by_person[g[0]] = members
        people = list(by_person)
        for i, p in enumerate(people):
            for q in people[i + 1:]:
                arts_p = {h.article.id for h in by_person[p]}
                arts_q = {h.article.id for h in by_person[q]}
                if arts_p & arts_q:
                    continue  # one article names both: the role has several holders
                pairs = [(x, y) for x in by_person[p] for y in by_person[q] if _shared_context(x, y)]
                if pairs:
                    x, y = pairs[0]
                    out.append(RoleFinding("name", x.surface, ((x, x.mention.person or ""),
                                                               (y, y.mention.person or ""))))
    return out


def title_conflicts(found: Sequence[Holding]) -> list[RoleFinding]:
    """A person called "former <role>" in one article and "<role>" in another."""
    holders: dict[str, list[Holding]] = defaultdict(list)
    for h in found:
        if h.mention.person and len(h.mention.role.split()) >= 1:
            holders[h.mention.role].append(h)
    out: list[RoleFinding] = []
    for h in found:
        if not h.mention.former:
            continue
        current = [c for c in holders.get(h.mention.role, []) if not c.mention.former
                   and c.article.id != h.article.id]
        person = h.mention.person or _resolve(h, current)
        if person is None:
            continue
        others = [c for c in current if same_name(c.mention.person or "", person)]
        if not others:
            continue
        seen: set[str] = set()
        sides: list[tuple[Holding, str]] = [(h, h.surface)]
        for c in others:
            if c.article.id not in seen:
                seen.add(c.article.id)
                sides.append((c, c.surface))
        out.append(RoleFinding("title", _full_name(person, others), tuple(sides)))
    return out


def _resolve(h: Holding, current: list[Holding]) -> str | None:
    """The one person the story names in ``h``'s role, if the article mentions them too."""
    groups = _clusters([c.mention.person or "" for c in current])
    if len(groups) != 1:
        return None
    surname = fold(groups[0][0].split()[-1])
    return groups[0][0] if surname in fold(h.article.text) else None


def _full_name(person: str, others: list[Holding]) -> str:
    names = [o.mention.person or "" for o in others] + [person]
    return max(names, key=lambda n: len(n.split()))
