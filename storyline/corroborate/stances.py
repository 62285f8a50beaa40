"""Actors' stances on issues, from the positions stage when it ran and from the sentences
otherwise, and the changes or conflicts between them across a story.

An actor is grouped with the country it speaks for (the role qualifiers the story gives it:
"U.S. President Donald Trump" speaks for the United States), so a president's and a government's
statements are one position. Opposite stances on one issue become a ``position_change`` when the
dates of both sides order them, and a ``position`` conflict when they do not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.corroborate.facts import affiliation, is_person, name_spans, role_mentions
from storyline.corroborate.lexicon import OPPOSE_CUES, SUPPORT_CUES
from storyline.corroborate.text import Sentence, fold, same_name, tokens
from storyline.records import Article

#: Issue words and the issue they name.
ISSUES = {"ceasefire": "ceasefire", "cease-fire": "ceasefire", "truce": "ceasefire",
          "sanctions": "sanctions", "peace deal": "peace deal", "peace agreement": "peace deal",
          "military aid": "military aid", "tariffs": "tariffs", "embargo": "embargo"}
_BOUNDARY = re.compile(r"\b(?:that|which|who|whom)\b|;|\bbut\b")
_PROPOSED_BY = re.compile(r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:-|['’]s\s)proposed\b")
_STANCE_WORDS = re.compile(
    r"(?<!\bthe )(?<!\ba )(?<!['’]s )(?<!-)\b(support\w*|back(?:s|ed|ing)?|endors\w*|propos(?:e|es|ed|ing)\b"
    r"|put forward|advocat\w*|in fav(?:o|ou)r"
    r"|wants?|welcom\w*|accept\w*|oppos\w*|reject\w*|against|criticiz\w*|criticis\w*|refus\w*"
    r"|dismiss\w*)\b", re.IGNORECASE)
_PRONOUNS = frozenset("i we you he she it they this that these those who".split())
_FULL = {"support": "support", "oppose": "oppose", "demand": "support", "offer": "support",
         "conditional": "support"}


@dataclass(frozen=True)
class Stance:
    """One actor's stance on one issue, as one article states it."""

    actor: str
    group: str
    issue: str
    stance: str
    article: Article
    start: int
    end: int
    text: str
    date: str | None


def affiliations(items: Sequence[tuple[Article, Sentence]]) -> dict[str, str]:
    """Person name → the country its role qualifiers name, across the story."""
    out: dict[str, str] = {}
    for article, sentence in items:
        for m in role_mentions(article, sentence):
            country = affiliation(article.text[m.start:m.end])
            if m.person and country:
                out.setdefault(m.person, country)
    for article, _ in items:
        for entity in article.entities:
            if entity.affiliation:
                out.setdefault(entity.name, entity.affiliation)
    return out


def _group(actor: str, known: dict[str, str]) -> str:
    country = affiliation(actor)
    if country:
        return country
    for person, place in known.items():
        if same_name(person, actor):
            return place
    return actor


def sentence_date(article: Article, sentence: Sentence) -> str | None:
    """The date of a sentence's statement: the article's publication date, else a resolved
    day- or month-level date mentioned in the sentence."""
    if article.published.value:
        return article.published.value
    for d in article.dates:
        if sentence.start <= d.start < sentence.end and d.resolved and d.value \
                and d.granularity in ("day", "month", "week"):
            return d.value
    return None


def _issue(text: str) -> str | None:
    low = fold(text)
    for word, issue in ISSUES.items():
        if re.search(rf"\b{re.escape(word)}\b", low):
            return issue
    return None


def _actors(article: Article, text: str, offset: int) -> list[str]:
    toks = tokens(text, offset)
    out = []
    for i, j in name_spans(toks):
        name = " ".join(t.text for t in toks[i:j]).removesuffix("'s").removesuffix("’s")
        if affiliation(name) or is_person(article, toks, i, j):
            out.append(name)
    return out


def sentence_stances(article: Article, sentence: Sentence, known: dict[str, str]) -> list[Stance]:
    """Stances a sentence states: actors in the clause before the first stance word, and
    proposers ("the U.S.-proposed ceasefire", "Trump's proposed cease-fire")."""
    issue = _issue(sentence.text)
    if issue is None:
        return []
    date = sentence_date(article, sentence)
    out: list[Stance] = []
    cue = _STANCE_WORDS.search(sentence.text)
    if cue is not None:
        word = cue.group(1).lower()
        stance = "oppose" if any(word.startswith(c[:5]) for c in OPPOSE_CUES) else "support"
        if not any(word.startswith(c[:4]) for c in SUPPORT_CUES + OPPOSE_CUES):
            stance = "support"
        clause_start = 0
        for b in _BOUNDARY.finditer(sentence.text, 0, cue.start()):
            clause_start = b.end()
        clause = sentence.text[clause_start:cue.start()]
        if re.search(r"\b(?:if|unless|whether)\b", clause, re.IGNORECASE):
            clause = ""  # a hypothetical stance is not a position
        if not word.startswith("propos") or "-" not in sentence.text[cue.start() - 1:cue.start()]:
            for actor in _actors(article, clause, sentence.start + clause_start):
                out.append(Stance(actor, _group(actor, known), issue, stance, article,
                                  sentence.start, sentence.end, sentence.text, date))
    for match in _PROPOSED_BY.finditer(sentence.text):
        actor = match.group(1)
        if affiliation(actor) or actor in known or any(same_name(actor, k) for k in known):
            out.append(Stance(actor, _group(actor, known), issue, "support", article,
                              sentence.start, sentence.end, sentence.text, date))
    return out


def record_stances(article: Article, sentences: Sequence[Sentence],
                   known: dict[str, str]) -> list[Stance]:
    """Stances from the positions stage's records."""
    out: list[Stance] = []
    for p in article.positions:
        name = (p.actor.name or "").strip()
        if not name[:1].isupper() or fold(name) in _PRONOUNS:
            continue  # an unresolved pronoun or a fragment is not an actor
        start, end = p.evidence
        sentence = next((s for s in sentences if s.start < end and start < s.end), None)
        if sentence is not None:
            start, end, text = sentence.start, sentence.end, sentence.text
            date = sentence_date(article, sentence)
        else:
            text, date = article.text[start:end].strip(), article.published.value
        issue = _issue(p.issue.replace("_", " ")) or fold(p.issue).replace("_", " ")
        out.append(Stance(name, _group(name, known), issue, _FULL.get(p.stance, "support"),
                          article, start, end, text, date))
    return out


@dataclass(frozen=True)
class StanceFinding:
    kind: str
    about: str
    sides: tuple[Stance, ...]


def unique(stances: Sequence[Stance]) -> list[Stance]:
    """One stance per (actor group, issue, stance, article, sentence): the positions stage and
    the sentence cues often find the same one."""
    seen: dict[tuple[str, str, str, str, int], Stance] = {}
    for s in stances:
        seen.setdefault((s.group, s.issue, s.stance, s.article.id, s.start), s)
    return list(seen.values())


def stance_conflicts(stances: Sequence[Stance]) -> list[StanceFinding]:
    """Opposite stances of one actor group on one issue across articles."""
    by_key: dict[tuple[str, str], list[Stance]] = defaultdict(list)
    for s in unique(stances):
        by_key[(s.group, s.issue)].append(s)
    out: list[StanceFinding] = []
    for (group, issue), items in sorted(by_key.items()):
        support = [s for s in items if s.stance == "support"]
        oppose = [s for s in items if s.stance == "oppose"]
        if not support or not oppose:
            continue
        if {s.article.id for s in support} == {s.article.id for s in oppose}:
            continue  # one article weighing both sides, not two reports that differ
        sides = tuple(_one_per_article(support) + _one_per_article(oppose))
        dates_s = [s.date for s in support if s.date]
        dates_o = [s.date for s in oppose if s.date]
        ordered = (len(dates_s) == len(support) and len(dates_o) == len(oppose)
                   and (max(dates_s) < min(dates_o) or max(dates_o) < min(dates_s)))
        kind = "position_change" if ordered else "position"
        out.append(StanceFinding(kind, f"{group} on {issue}", sides))
    return out


def _one_per_article(items: list[Stance]) -> list[Stance]:
    seen: dict[str, Stance] = {}
    for s in items:
        seen.setdefault(s.article.id, s)
    return list(seen.values())
