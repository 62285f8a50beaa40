"""Name mentions of one article grouped into entities, with roles attached to people.

People: full names (two or more words) group when their given names and surnames match up to
transliteration and nicknames ("Dmitri Peskov" / "Dmitry Peskov", "Mike" / "Michael Waltz"); a
single-word mention ("Peskov", "Volodymyr") joins the one full name it is part of, and stays an
entity of its own when it fits none or several (never guessed). Other names group by their
gazetteer entity ("US" / "U.S." / "United States") or their folded text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from storyline.extract.mentions.gazetteer import Place
from storyline.extract.mentions.gender import Gender, name_gender
from storyline.extract.mentions.roles import FEMALE_WORDS, MALE_WORDS, role_head
from storyline.extract.mentions.spans import NameSpan
from storyline.extract.mentions.titles import (
    appositive_role,
    preceding_appositive_role,
    prenominal_role,
    role_countries,
)
from storyline.resolve.names import first_name_key, fold, split_name, translit_key


@dataclass
class Group:
    """One entity of the article while it is being built."""

    type: str
    names: list[NameSpan] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    role_countries: list[str] = field(default_factory=list)
    place: Place | None = None
    gender: Gender = "unknown"
    #: Resolved title and pronoun mentions: (start_char, end_char, text, kind).
    extra: list[tuple[int, int, str, str]] = field(default_factory=list)

    @property
    def role_heads(self) -> set[str]:
        return {role_head(role) for role in self.roles}

    @property
    def affiliation(self) -> str | None:
        if self.place is not None and self.place.country is not None:
            return self.place.country
        if self.role_countries:
            return Counter(self.role_countries).most_common(1)[0][0]
        return None

    @property
    def canonical(self) -> str:
        if self.place is not None and self.place.kind in ("country", "org"):
            return self.place.canonical
        forms = Counter(_clean(n.text) for n in self.names)
        return max(forms, key=lambda f: (len(f.split()), len(f), forms[f], f))

    @property
    def aliases(self) -> tuple[str, ...]:
        canonical = self.canonical
        seen: list[str] = []
        for name in self.names:
            text = _clean(name.text)
            if text != canonical and text not in seen:
                seen.append(text)
        return tuple(seen)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _name_words(span: NameSpan) -> list[str]:
    return [w for w in split_name(span.text) if len(w.strip(".")) > 1]


def group_names(spans: list[NameSpan]) -> list[Group]:
    """Entities of the article in order of first mention."""
    groups: list[Group] = []
    full: dict[tuple[str, str], Group] = {}
    singles: list[NameSpan] = []
    others: dict[str, Group] = {}
    for span in spans:
        if span.type == "PERSON":
            words = _name_words(span)
            if len(words) >= 2:
                pair = (first_name_key(words[0]), translit_key(words[-1]))
                group = full.get(pair)
                if group is None:
                    group = full[pair] = Group("PERSON")
                    groups.append(group)
                group.names.append(span)
            else:
                singles.append(span)
            continue
        name_key = span.place.canonical if span.place is not None else fold(span.text)
        group = others.get(name_key)
        if group is None:
            group = others[name_key] = Group(span.type, place=span.place)
            groups.append(group)
        group.names.append(span)
    lone: dict[str, Group] = {}
    for span in singles:
        words = _name_words(span) or [span.text]
        word = words[0]
        matches = [g for (first, last), g in full.items()
                   if translit_key(word) == last or first_name_key(word) == first]
        if len(matches) == 1:
            matches[0].names.append(span)
            continue
        lone_key = translit_key(word)
        group = lone.get(lone_key)
        if group is None:
            group = lone[lone_key] = Group("PERSON")
            groups.append(group)
        group.names.append(span)
    for group in groups:
        group.names.sort(key=lambda s: s.start_char)
        if group.type != "PERSON":
            votes = Counter(n.type for n in group.names)
            group.type = group.place.type if group.place else votes.most_common(1)[0][0]
    groups.sort(key=lambda g: g.names[0].start_char)
    return groups


def attach_roles(doc: Doc, groups: list[Group]) -> set[int]:
    """Find each person's roles around their name mentions; returns the role tokens."""
    person_tokens = {i for g in groups if g.type == "PERSON" for n in g.names
                     for i in range(n.start, n.end)}
    role_tokens: set[int] = set()
    for group in groups:
        if group.type != "PERSON":
            continue
        for name in group.names:
            for found in (prenominal_role(doc, name.start, person_tokens),
                          appositive_role(doc, name.end, person_tokens),
                          preceding_appositive_role(doc, name.start, name.end, person_tokens)):
                if found is None:
                    continue
                start, end = found
                role = _clean(doc[start:end].text)
                if role and role not in group.roles:
                    group.roles.append(role)
                group.role_countries.extend(role_countries(doc, start, end))
                role_tokens.update(range(start, end))
        group.gender = _gender(group)
    return role_tokens


def _gender(group: Group) -> Gender:
    votes: Counter[Gender] = Counter()
    for name in group.names:
        words = _name_words(name)
        if len(words) >= 2:
            gender = name_gender(words[0])
            if gender != "unknown":
                votes[gender] += 1
    for role in group.roles:
        for word in role.lower().split():
            if word in MALE_WORDS:
                votes["male"] += 1
            elif word in FEMALE_WORDS:
                votes["female"] += 1
    if len(votes) == 1:
        return next(iter(votes))
    return "unknown"
