"""Conflicts within a story: the same slot with different values in different sources.

Kinds: ``name``, ``number``, ``date``, ``place`` and ``negation`` (from aligned sentences, and
role holders for names), ``title`` ("former U.S. president" vs "President"), ``position`` and
``position_change`` (an actor's opposite stances, ordered by date when dates allow), and
``quote_variant`` (one statement worded differently: a variant, not a contradiction).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from storyline.corroborate.align import Difference, aligned_pairs, differences
from storyline.corroborate.quotes import quote_items, variants
from storyline.corroborate.roles import RoleFinding, holder_conflicts, holdings, title_conflicts
from storyline.corroborate.stances import (
    Stance,
    StanceFinding,
    affiliations,
    record_stances,
    sentence_date,
    sentence_stances,
    stance_conflicts,
)
from storyline.corroborate.text import Sentence, fold, split_sentences, tokens
from storyline.records import Article, Claim, Conflict, ConflictSide

#: Sentences shorter than this many characters (captions, furniture) are not compared.
MIN_SENTENCE_CHARS = 25
#: Longer "sentences" are unsplit blobs (comment threads, tables, lists), not reports.
MAX_SENTENCE_CHARS = 600
#: A sentence shape (names and numbers masked) this often in one article is a template.
TEMPLATE_REPEATS = 3


def story_sentences(articles: Sequence[Article]) -> list[tuple[Article, Sentence]]:
    """Every comparable sentence of every analysed article, in article order."""
    out: list[tuple[Article, Sentence]] = []
    seen: set[str] = set()
    for article in articles:
        if article.id in seen or not article.text or not article.supported:
            continue
        seen.add(article.id)
        sentences = [s for s in split_sentences(article.text, article.id)
                     if MIN_SENTENCE_CHARS <= len(s.text) <= MAX_SENTENCE_CHARS
                     and not _CREDITS.search(s.text)]
        shapes = Counter(_shape(s.text) for s in sentences)
        out.extend((article, s) for s in sentences if shapes[_shape(s.text)] < TEMPLATE_REPEATS)
    return out


_CREDITS = re.compile(r"\b(?:reporting|editing|writing|additional reporting|compiled|produced)"
                      r" by\b|\b(?:photo|image)s?:|getty images|\(c\) |©"
                      r"|\b\d\d?:\d\d ?(?:am|pm)? ?(?:EDT|EST|BST|GMT|UTC|CET|JST|PDT|PST)\b",
                      re.IGNORECASE)


def _shape(text: str) -> str:
    """A sentence with its numbers and capitalised words masked: a shape repeated within one
    article is a template (comment headers, table rows), not separate reports."""
    return " ".join("#" if t.text[:1].isdigit() or t.text[:1].isupper() else t.lower
                    for t in tokens(text))


def conflict_id(story_id: str, kind: str, about: str, sides: Sequence[ConflictSide]) -> str:
    """A stable id from the story, kind and the sides' articles and values."""
    key = "\x1f".join([story_id, kind, fold(about)] + sorted(
        f"{s.article}:{fold(s.value)}:{s.start}" for s in sides))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _make(story_id: str, kind: str, about: str, sides: list[ConflictSide]) -> Conflict:
    return Conflict(id=conflict_id(story_id, kind, about, sides), story=story_id, kind=kind,
                    about=about, sides=tuple(sides))


def _from_difference(story_id: str, d: Difference) -> Conflict:
    sides = [ConflictSide(side.article.id, side.value, side.sentence.text, side.sentence.start,
                          side.sentence.end, sentence_date(side.article, side.sentence))
             for side in (d.left, d.right)]
    return _make(story_id, d.kind, d.about, sides)


def _from_role(story_id: str, f: RoleFinding) -> Conflict:
    sides = [ConflictSide(h.article.id, value, h.sentence.text, h.sentence.start, h.sentence.end,
                          sentence_date(h.article, h.sentence)) for h, value in f.sides]
    return _make(story_id, f.kind, f.about, sides)


def _from_stance(story_id: str, f: StanceFinding) -> Conflict:
    sides = [ConflictSide(s.article.id, f"{s.stance} ({s.actor})", s.text, s.start, s.end, s.date)
             for s in f.sides]
    if f.kind == "position_change":
        sides.sort(key=lambda s: s.date or "")
    return _make(story_id, f.kind, f.about, sides)


def conflicts(story_id: str, articles: Sequence[Article],
              claims: Sequence[Claim] = ()) -> list[Conflict]:
    """Every conflict among the ``articles`` of one story, each side citing its sentence.

    ``claims`` (from :func:`claims`) is accepted so callers can pass what they computed; the
    detection reads the articles themselves."""
    del claims  # detection works from the articles' sentences and records
    items = story_sentences(articles)
    out: list[Conflict] = []
    for pair in aligned_pairs(items):
        for d in differences(pair):
            out.append(_from_difference(story_id, d))
    found = holdings(items)
    for f in holder_conflicts(found) + title_conflicts(found):
        out.append(_from_role(story_id, f))
    known = affiliations(items)
    stances: list[Stance] = []
    for article in {a.id: a for a, _ in items}.values():
        sentences = [s for a, s in items if a.id == article.id]
        stances.extend(record_stances(article, sentences, known))
        for s in sentences:
            stances.extend(sentence_stances(article, s, known))
    for stance in stance_conflicts(stances):
        out.append(_from_stance(story_id, stance))
    for x, y in variants(quote_items(items)):
        sides = [ConflictSide(q.article.id, q.quote.text, q.sentence.text, q.sentence.start,
                              q.sentence.end, sentence_date(q.article, q.sentence)) for q in (x, y)]
        out.append(_make(story_id, "quote_variant", x.quote.speaker or "", sides))
    return _unique(out)


def _unique(found: list[Conflict]) -> list[Conflict]:
    seen: set[str] = set()
    out = []
    for c in found:
        if c.id not in seen:
            seen.add(c.id)
            out.append(c)
    return out
