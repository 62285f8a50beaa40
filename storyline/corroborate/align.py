"""Sentence alignment across articles and the differences between aligned sentences.

Two sentences from different articles are *aligned* when they report the same thing in mostly
the same words (a token-level ``SequenceMatcher`` ratio of at least ``ALIGN_RATIO``; candidates
come from an inverted index of content words, so only sentences sharing ``MIN_SHARED`` words are
compared). A word-level diff of an aligned pair then names what differs: a number, a date, a
place, a person or organisation name, a negation, or the wording inside a quotation (a quote
variant, not a contradiction). Paraphrased words elsewhere are ignored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from storyline.corroborate.facts import (
    affiliation,
    generic_word,
    is_date_word,
    is_number,
    is_person,
    is_place,
    label_at,
    name_spans,
    noun_after,
    number_value,
    quote_spans,
    title_case,
)
from storyline.corroborate.lexicon import MONTHS, NEGATIONS, WEEKDAYS
from storyline.corroborate.text import (
    STOPWORDS,
    Sentence,
    Token,
    content_words,
    fold,
    same_name,
    tokens,
)
from storyline.records import Article

#: Token-sequence similarity at which two sentences count as the same report (tuned on the
#: ECB+ planted-conflict dev topics, see docs/benchmarks-corroborate.md).
ALIGN_RATIO = 0.6
#: Content words two sentences must share to be compared at all.
MIN_SHARED = 3
#: Distinct content words (not dates, numbers or stopwords) two aligned sentences must share
#: word for word outside the differing slots.
MIN_CONTEXT = 3
#: More differing slots than this and two sentences are different reports in one template.
MAX_DIFFERENCES = 2
#: Cap on candidate partners per sentence (most shared words first).
MAX_CANDIDATES = 20


@dataclass(frozen=True)
class Side:
    """One side of a difference: the article, its sentence and the value it states there."""

    article: Article
    sentence: Sentence
    value: str


@dataclass(frozen=True)
class Difference:
    """The same slot with two values in two aligned sentences."""

    kind: str
    about: str
    left: Side
    right: Side


@dataclass(frozen=True)
class AlignedPair:
    left: tuple[Article, Sentence]
    right: tuple[Article, Sentence]
    ratio: float


def aligned_pairs(items: Sequence[tuple[Article, Sentence]],
                  ratio: float = ALIGN_RATIO) -> Iterator[AlignedPair]:
    """Pairs of sentences from different articles that report the same thing."""
    words = [content_words(s.text) for _, s in items]
    index: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            index[w].append(i)
    folded = [[t.lower for t in tokens(fold(s.text))] for _, s in items]
    for i, (article, sentence) in enumerate(items):
        shared: dict[int, int] = defaultdict(int)
        for w in words[i]:
            postings = index[w]
            if len(postings) > 200:  # a word in nearly every sentence says nothing
                continue
            for j in postings:
                if j > i and items[j][0].id != article.id:
                    shared[j] += 1
        best = sorted((j for j, n in shared.items() if n >= MIN_SHARED),
                      key=lambda j: -shared[j])[:MAX_CANDIDATES]
        for j in best:
            r = SequenceMatcher(None, folded[i], folded[j], autojunk=False).ratio()
            if r >= ratio:
                yield AlignedPair((article, sentence), items[j], r)


def _negations(toks: list[Token]) -> int:
    """Negation cues in a sentence, quoted words included (a quote denied is a contradiction)."""
    return sum(1 for t in toks if t.lower in NEGATIONS or t.lower.endswith("n't"))


def _negated_predicate(matcher: SequenceMatcher, tx: list[Token], ty: list[Token]) -> bool:
    """A negation added or dropped inside the aligned part ("was arrested" / "was not
    arrested"): a short differing segment with a negation cue on one side only, with words in
    common on both sides of it (not an extra clause at either end)."""
    ops = matcher.get_opcodes()
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal" or max(i2 - i1, j2 - j1) > 4:
            continue
        if _negations(tx[i1:i2]) % 2 == _negations(ty[j1:j2]) % 2:
            continue
        before = ops[k - 1] if k > 0 else None
        after = ops[k + 1] if k + 1 < len(ops) else None
        if before and after and before[0] == after[0] == "equal" \
                and before[2] - before[1] >= 2 and after[2] - after[1] >= 2:
            return True
    return False


def _inside(toks: list[Token], quoted: list[tuple[int, int]]) -> bool:
    return bool(toks) and any(s <= toks[0].start and toks[-1].end <= e + 1 for s, e in quoted)


def _name_at(article: Article, toks: list[Token], i1: int, i2: int) -> tuple[str, str] | None:
    """The whole name overlapping ``toks[i1:i2]`` and whether it is a place or a name."""
    for i, j in name_spans(toks):
        if i < max(i2, i1 + 1) and i1 < j:
            links = [k for k in range(i + 1, min(i1, j)) if toks[k].lower in ("of", "de")]
            if links:  # the change lies after "of": "Commission of [Turkmenistan]"
                i = links[-1] + 1
            text = " ".join(t.text for t in toks[i:j]).removesuffix("'s").removesuffix("’s")
            text = text.removesuffix("-based")
            if is_place(article, toks, i, j):
                return text, "place"
            if is_person(article, toks, i, j) or label_at(
                    article, toks[i].start, toks[j - 1].end) in ("ORG", "NORP"):
                return text, "name"
            return text, "other"
    return None


def variants_of_one_name(a: str, b: str) -> bool:
    """Spelling variants or longer/shorter forms of one name ("Betty Ford Center" / "Betty Ford
    Clinic", "Witkoff" / "Steve Whitkov"); not two names that only share a part while their
    own parts differ ("Silicon Valley" / "Napa Valley", "Commission of Turkmenistan" /
    "Commission of Yemen")."""
    if fold(a) in fold(b) or fold(b) in fold(a):
        return True
    if distinct_parts(a, b):
        return False
    if same_name(a, b):
        return True
    short, long_ = sorted((a, b), key=len)
    initials = "".join(w[0] for w in long_.split() if w[:1].isupper())
    if short.isupper() and short.replace(".", "") == initials:
        return True  # "HPA" for "Health Protection Agency"
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return len(wa & wb) * 2 >= min(len(wa), len(wb)) and len(wa & wb) >= 1 and min(
        len(wa), len(wb)) >= 2


def distinct_parts(a: str, b: str) -> bool:
    """Two names sharing a word whose remaining words are proper on both sides and unlike each
    other: different names with a common part, not one name spelt two ways."""
    wa, wb = fold(a).split(), fold(b).split()
    only_a = [w for w in wa if w not in wb]
    only_b = [w for w in wb if w not in wa]
    if not only_a or not only_b or len(only_a) + len(only_b) == len(wa) + len(wb):
        return False
    if all(generic_word(w) for w in only_a) or all(generic_word(w) for w in only_b):
        return False  # "Betty Ford Center" / "Clinic", "President Trump" / "Donald Trump"
    return not same_name(" ".join(only_a), " ".join(only_b))


def _label(article: Article, toks: list[Token], i1: int, i2: int) -> str | None:
    if i2 <= i1:
        return None
    label = label_at(article, toks[i1].start, toks[i2 - 1].end)
    return "PERSON" if label == "PER" else label


def _context(toks: list[Token], i1: int, width: int = 5) -> str:
    return " ".join(t.text for t in toks[max(0, i1 - width):i1])


def differences(pair: AlignedPair) -> list[Difference]:
    """What differs between two aligned sentences, slot by slot."""
    (a, x), (b, y) = pair.left, pair.right
    tx, ty = tokens(x.text, x.start), tokens(y.text, y.start)
    if title_case(tx) or title_case(ty):
        return []  # headlines: capitals do not mark names, words are dropped freely
    qx = [(q.start, q.end) for q in quote_spans(a, x)]
    qy = [(q.start, q.end) for q in quote_spans(b, y)]
    found: list[Difference] = []
    fx, fy = [t.lower for t in tx], [t.lower for t in ty]
    matcher = SequenceMatcher(None, fx, fy, autojunk=False)
    if _negated_predicate(matcher, tx, ty):
        neg_x = "negated" if _negations(tx) % 2 else "affirmed"
        neg_y = "negated" if _negations(ty) % 2 else "affirmed"
        found.append(Difference("negation", _about(tx), Side(a, x, neg_x), Side(b, y, neg_y)))
    shared = {fx[i] for tag, i1, i2, _, _ in matcher.get_opcodes() if tag == "equal"
              for i in range(i1, i2) if fx[i] not in STOPWORDS and fx[i][:1].isalpha()
              and not is_date_word(fx[i]) and len(fx[i]) > 2}
    if len(shared) < MIN_CONTEXT:
        return []  # too little in common beyond the slots: a template, not one report
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        sx, sy = tx[i1:i2], ty[j1:j2]
        diff = _classify(a, tx, i1, i2, b, ty, j1, j2)
        if diff is None and (_inside(sx, qx) or _inside(sy, qy)):
            found.append(Difference("quote_variant", _context(tx, i1),
                                    Side(a, x, _quote_text(a, x, sx)),
                                    Side(b, y, _quote_text(b, y, sy))))
            continue
        if diff is not None:
            kind, about, vx, vy = diff
            found.append(Difference(kind, about, Side(a, x, vx), Side(b, y, vy)))
    found = _dedupe(found)
    if len([d for d in found if d.kind != "quote_variant"]) > MAX_DIFFERENCES:
        return []  # one template, different reports (a list of dated comments, a table)
    return found


def _quote_text(article: Article, sentence: Sentence, seg: list[Token]) -> str:
    for q in quote_spans(article, sentence):
        if seg and q.start <= seg[0].start <= q.end:
            return q.text
    return " ".join(t.text for t in seg)


def _classify(a: Article, tx: list[Token], i1: int, i2: int, b: Article, ty: list[Token],
              j1: int, j2: int) -> tuple[str, str, str, str] | None:
    sx, sy = tx[i1:i2], ty[j1:j2]
    nx = [k for k in range(i1, i2) if is_number(tx[k].text) and not _in_date(a, tx, k)]
    ny = [k for k in range(j1, j2) if is_number(ty[k].text) and not _in_date(b, ty, k)]
    if nx and ny:
        vx, vy = number_value(tx[nx[0]].text), number_value(ty[ny[0]].text)
        if vx != vy:
            noun = noun_after(tx, nx[0]) or noun_after(ty, ny[0]) or _context(tx, i1, 3)
            return "number", noun, tx[nx[0]].text, ty[ny[0]].text
    dx = [k for k in range(i1, i2) if _in_date(a, tx, k)]
    dy = [k for k in range(j1, j2) if _in_date(b, ty, k)]
    if dx and dy:
        vx, vy = " ".join(t.text for t in sx), " ".join(t.text for t in sy)
        if not (_absolute(sx) or _absolute(sy)):
            return None  # "today" / "last night": relative to different publication days
        if fold(vx) != fold(vy):
            return "date", _context(tx, i1), vx, vy
        return None
    name_x, name_y = _name_at(a, tx, i1, i2), _name_at(b, ty, j1, j2)
    if name_x and name_y and any(t.text[:1].isupper() for t in sx) \
            and any(t.text[:1].isupper() for t in sy):
        (vx, kx), (vy, ky) = name_x, name_y
        if variants_of_one_name(vx, vy):
            return None
        kind = "place" if "place" in (kx, ky) else "name"
        if kind == "name" and "name" not in (kx, ky):
            return None  # neither side is a person: an attribution or a common noun
        if kind == "name" and (affiliation(vx) or affiliation(vy)):
            return None  # "Canadian", "U.S.": who acts, not a person's name
        if kind == "name" and {_label(a, tx, i1, i2), _label(b, ty, j1, j2)} >= {"PERSON", "ORG"}:
            return None  # "said Margaret Chan" / "said the WHO": who is credited, not a clash
        return kind, _context(tx, i1), vx, vy
    return None


def _absolute(seg: list[Token]) -> bool:
    """A date expression naming a weekday, month, year or day number (not just "today")."""
    return any(t.lower in MONTHS or t.lower.removesuffix("'s") in WEEKDAYS or t.text[:1].isdigit()
               for t in seg)


def _in_date(article: Article, toks: list[Token], k: int) -> bool:
    """A numeral that is part of a date or a time ("March 13", "13 March", "2014", "12:01")."""
    near = toks[max(0, k - 2):k + 3]
    text = article.text
    tok = toks[k]
    if _date_token(article, tok):
        return True
    if not is_number(tok.text):
        return False
    clock = bool(re.match(r"\s?:\s?\d", text[tok.end:tok.end + 4])
                 or re.search(r"\d\s?:\s?$", text[max(0, tok.start - 4):tok.start]))
    return clock or any(t.lower in MONTHS for t in near)


def _date_token(article: Article, tok: Token) -> bool:
    if is_date_word(tok.text):
        return True
    return any(d.start <= tok.start < d.end for d in article.dates)


def _about(toks: list[Token]) -> str:
    return " ".join(t.text for t in toks[:8])


def _dedupe(found: list[Difference]) -> list[Difference]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for d in found:
        key = (d.kind, fold(d.left.value), fold(d.right.value))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
