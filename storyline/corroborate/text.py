"""Sentence and token helpers shared by claim alignment and conflict detection.

Corroboration works on :class:`~storyline.records.Article` records only (no spaCy ``Doc``), so it
splits sentences itself: a small rule-based splitter that keeps character offsets into the
article's ``text`` and does not break after common abbreviations ("U.S.", "Mr.", "Gen.").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt gov sen rep st jr sr inc ltd co corp vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec fig u.s u.k u.n e.u d.c a.m p.m".split())

_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+|\n+")
_L = r"[^\W\d_]"  # a letter, any script
_WORD = re.compile(rf"(?:{_L}\.){{2,}}|{_L}(?:{_L}|['’\-])*{_L}|{_L}|\d[\d,.]*\d|\d")

STOPWORDS = frozenset("""
a about above after again against all also an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself said says say told according also which that its
it's he's she's they've we've mr mrs ms
""".split())


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: ``start``/``end`` index ``text`` of the article."""

    article: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    """A word or number with its offsets inside the article text."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def _ends_with_abbreviation(text: str) -> bool:
    """True if ``text`` (up to a full stop) ends with an abbreviation or a single initial."""
    match = re.search(r"(?:^|[\s(\"“])([A-Za-z][A-Za-z.]*)\.$", text)
    if not match:
        return False
    word = match.group(1).lower()
    return word in _ABBREVIATIONS or len(word) == 1 or ("." in word and len(word) <= 5)


_TITLES = frozenset("mr mrs ms dr gen gov sen rep st prof col lt sgt capt jr sr".split())
_STARTERS = frozenset("the a an he she it they we i in on at but and this that there his her its "
                      "their after before when while however meanwhile".split())


def _sentence_break(piece: str, following: str) -> bool:
    """Whether a full stop ending ``piece`` ends the sentence, given the ``following`` text."""
    if not following[:1].isupper() and following[:1] not in "\"“'‘":
        return False
    if not _ends_with_abbreviation(piece):
        return True
    word = piece.rsplit(" ", 1)[-1].rstrip(".").lower()
    if word in _TITLES or len(word) == 1:
        return False
    nxt = following.split(" ", 1)[0].strip("\"“'‘").lower()
    return nxt in _STARTERS


def split_sentences(text: str, article: str = "") -> list[Sentence]:
    """Split ``text`` into sentences with offsets; newlines always end a sentence."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        piece = text[start:match.start() + 1].rstrip()
        if match.group(0)[0] == "." and "\n" not in match.group(0) \
                and not _sentence_break(piece, text[end:end + 20]):
            continue
        _append(sentences, text, start, match.start() + len(match.group(0).rstrip()), article)
        start = end
    _append(sentences, text, start, len(text), article)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, article: str) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2 and any(ch.isalnum() for ch in text[start:end]):
        out.append(Sentence(article, len(out), start, end, text[start:end]))


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Words and numbers of ``text`` with offsets shifted by ``offset``."""
    return [Token(m.group(0), m.start() + offset, m.end() + offset) for m in _WORD.finditer(text)]


def fold(text: str) -> str:
    """Lower-case, accents removed, curly quotes straightened: a comparison key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("’", "'").replace("‘", "'").lower()


def content_words(text: str) -> set[str]:
    """Lower-cased words of ``text`` that are not stopwords, crude plural-stripped."""
    out: set[str] = set()
    for tok in tokens(fold(text)):
        word = tok.text
        if word in STOPWORDS or len(word) < 2 or word[0].isdigit():
            continue
        out.add(stem(word))
    return out


def stem(word: str) -> str:
    """A very light stemmer: enough to match "drones"/"drone", "talks"/"talk"."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


def name_similarity(a: str, b: str) -> float:
    """Similarity of two names in [0, 1]: 1.0 for the same surname spelled alike."""
    fa, fb = fold(a).split(), fold(b).split()
    if not fa or not fb:
        return 0.0
    if fa[-1] == fb[-1]:
        return 1.0
    whole = SequenceMatcher(None, " ".join(fa), " ".join(fb)).ratio()
    last = SequenceMatcher(None, fa[-1], fb[-1]).ratio()
    return max(whole, last if len(fa[-1]) > 3 and len(fb[-1]) > 3 else 0.0)


def same_name(a: str, b: str, threshold: float = 0.8) -> bool:
    """True if ``a`` and ``b`` plausibly name the same person or place (spelling variants)."""
    return name_similarity(a, b) >= threshold
