"""Slot recognisers over one sentence: numbers with their noun, dates, places, person names with
their roles/titles, quotations and negation. They read the article's extracted records where
those exist (entity mentions and their labels, date mentions, quotes) and fall back to surface
cues in the sentence text, so conflicts can be found before any extractor has run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.corroborate.lexicon import (
    COUNTRIES,
    DATE_WORDS,
    DEMONYMS,
    LOCATIVE,
    NUMBER_WORDS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    ROLE_SYNONYMS,
)
from storyline.corroborate.text import STOPWORDS, Sentence, Token, fold, stem, tokens
from storyline.records import Article

_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_QUOTE = re.compile(r"[\"“”]([^\"“”]{2,400})[\"“”]")
_PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})
_PERSON_LABELS = frozenset({"PERSON", "PER"})
_CONNECTORS = frozenset({"of", "de", "van", "von", "al", "bin", "la", "le", "du", "da", "-"})


@dataclass(frozen=True)
class RoleMention:
    """A role or title attached to a person in one sentence ("U.S. special envoy Steve Witkoff"),
    or, with ``person`` ``None``, a bare title ("the former U.S. president")."""

    person: str | None
    role: str
    former: bool
    start: int
    end: int


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation inside a sentence, with its speaker when one can be named."""

    text: str
    start: int
    end: int
    speaker: str | None


def is_number(word: str) -> bool:
    """True for numerals ("28", "1,200", "3.5") and number words ("three", "dozens")."""
    low = word.lower()
    return bool(re.fullmatch(r"\d[\d,.]*", low)) or low in NUMBER_WORDS or bool(
        re.fullmatch(r"\d+-\w+", low))


def number_value(word: str) -> str:
    """A comparable value for a numeral or number word."""
    low = word.lower().split("-")[0].replace(",", "")
    if low in NUMBER_WORDS:
        return str(NUMBER_WORDS[low])
    return low


def is_date_word(word: str) -> bool:
    low = word.lower().removesuffix("'s").removesuffix("’s")
    return low in DATE_WORDS or bool(_YEAR.match(low))


def is_capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and fold(tok.text) not in STOPWORDS


def _name_word(tok: Token) -> bool:
    """A capitalised word that can be part of a name (role nouns and dates end a name)."""
    return is_capitalised(tok) and not is_date_word(tok.text) and fold(tok.text) not in ROLE_HEADS


def label_at(article: Article, start: int, end: int) -> str | None:
    """The NER label of an entity mention overlapping ``[start, end)``, if the article has one."""
    for entity in article.entities:
        for mention in entity.mentions:
            if mention.start < end and start < mention.end:
                return entity.type if entity.type != "MISC" else mention.label
    return None


def title_case(toks: list[Token]) -> bool:
    """True for a headline in title case, where capitals do not mark names."""
    words = [t for t in toks if t.text[:1].isalpha() and len(t.text) > 3]  # "Into", "Over" too
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) > 0.8 * len(words)


def name_spans(toks: list[Token]) -> list[tuple[int, int]]:
    """Index ranges ``[i, j)`` of capitalised name sequences ("Vladimir Putin", "Bank of
    England"), skipping a lone capitalised word that only starts the sentence."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not _name_word(toks[i]):
            i += 1
            continue
        j = i + 1
        while j < len(toks) and not toks[j - 1].text.endswith(("'s", "’s")) \
                and toks[j].start == toks[j - 1].end + 1:
            if _name_word(toks[j]):
                j += 1
            elif toks[j].lower in _CONNECTORS and j + 1 < len(toks) and _name_word(toks[j + 1]):
                j += 2
            else:
                break
        spans.append((i, j))
        i = j
    return spans


def is_place(article: Article, toks: list[Token], i: int, j: int) -> bool:
    """Whether the name ``toks[i:j]`` is a place: by its NER label, else by a locative
    preposition before it or by being a known country, demonym or capital."""
    label = label_at(article, toks[i].start, toks[j - 1].end)
    if label in _PLACE_LABELS:
        return True
    if place_elsewhere(article, " ".join(t.text for t in toks[i:j])):
        return True  # "Qeshm" typed a person here, "on the island of Qeshm" further down
    if label in _PERSON_LABELS:
        return False
    if j - i == 1 and affiliation(toks[i].text) is not None \
            and fold(toks[i].text) not in DEMONYMS:
        return True
    if j < len(toks) and toks[j].lower in _PLACE_AFTER:
        return True  # "a Philadelphia native", "a Troy resident", "Kursk region"
    if toks[j - 1].lower.endswith("-based") or (
            j < len(toks) and toks[j].lower == "based"
            and "-" in article.text[toks[j - 1].end:toks[j].start]):
        return True  # "a New York-based firm"
    if j - i >= 2 and toks[j - 1].lower in _PLACE_HEADS:
        return True  # "Syntagma Square", "Promises Treatment Center", "Valley Hotel"
    if _coordinated_place(article, toks, i, j):
        return True  # "from Tiverton and Cullompton"
    if i > 1 and toks[i - 1].lower == "of" and toks[i - 2].lower in _PLACE_BEFORE:
        return True  # "the city of Sudzha"
    return i > 0 and toks[i - 1].lower in LOCATIVE and not _role_before(toks, i)


_STRICT_LOCATIVE = frozenset({"in", "near", "outside", "inside", "across", "throughout",
                              "within"})


def place_elsewhere(article: Article, name: str) -> bool:
    """Whether the article names ``name`` as a place somewhere (one sense per discourse): a
    mention of it with a place label, or right after "in"/"near"/… or "the city of"."""
    return _place_elsewhere(article.text, tuple((m.start, m.end) for e in article.entities
                                                if e.type in _PLACE_LABELS
                                                for m in e.mentions), name)


@lru_cache(maxsize=4096)
def _place_elsewhere(text: str, places: tuple[tuple[int, int], ...], name: str) -> bool:
    name = name.removesuffix("'s").removesuffix("’s")
    if len(name) < 3 or not name[:1].isupper():
        return False
    for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        start, end = match.span()
        if any(s <= start and end <= e for s, e in places):
            return True
        if text[end:end + 2] in ("'s", "’s"):
            continue  # "in Trump's view": the possessor, not a place
        before = text[max(0, start - 30):start].split()
        if before and (before[-1].lower() in _STRICT_LOCATIVE or (
                len(before) >= 2 and before[-1].lower() == "of"
                and before[-2].lower() in _PLACE_BEFORE)):
            return True
    return False


def _coordinated_place(article: Article, toks: list[Token], i: int, j: int) -> bool:
    """A name joined by "and"/"or" to a name that is a place by its label or a locative."""
    for a, b in name_spans(toks):
        if b + 1 == i and toks[b].lower in ("and", "or"):
            pass
        elif j + 1 == a and toks[j].lower in ("and", "or"):
            pass
        else:
            continue
        label = label_at(article, toks[a].start, toks[b - 1].end)
        if label in _PLACE_LABELS or (a > 0 and toks[a - 1].lower in LOCATIVE and label
                                      not in _PERSON_LABELS):
            return True
    return False


_PLACE_HEADS = frozenset("square street avenue road center centre hotel airport park bridge "
                         "church cathedral mosque hospital clinic school university stadium "
                         "arena mountain mount river lake island valley county province city "
                         "tower towers mall plaza palace prison port harbour harbor station "
                         "camp base building house".split())
_PLACE_AFTER = frozenset("native natives resident residents region province county district "
                         "state city town village border coast island islands area".split())
_PLACE_BEFORE = frozenset("city town village province region state county capital outskirts "
                          "suburb district".split())


_ORG_HEADS = frozenset("clinic commission committee council agency department ministry office "
                       "institute foundation association union company corporation group bank "
                       "party court service services authority board network news times post "
                       "team club league federation organisation organization".split())
_TITLES = frozenset("mr mrs ms miss dr sir lady lord st saint jr sr".split())


def generic_word(word: str) -> bool:
    """A word of a name that does not tell two names apart: a role or title ("President",
    "Mr"), a place or organisation head ("Center", "Commission"), a function word, an
    initial ("J.")."""
    low = fold(word).strip(".,")
    return (len(low) <= 2 or low in STOPWORDS or low in ROLE_HEADS or low in ROLE_MODIFIERS
            or low in _PLACE_HEADS or low in _ORG_HEADS or low in _TITLES)


def is_person(article: Article, toks: list[Token], i: int, j: int) -> bool:
    """Whether the name ``toks[i:j]`` is a person: by its NER label, else by a role noun in
    front of it or a two-to-three word shape that is not a place or organisation."""
    label = label_at(article, toks[i].start, toks[j - 1].end)
    if label is not None:
        return label in _PERSON_LABELS
    if _role_before(toks, i):
        return True
    words = [fold(t.text) for t in toks[i:j]]
    return (2 <= len(words) <= 3 and not any(w in COUNTRIES or w in ROLE_HEADS for w in words)
            and not is_place(article, toks, i, j))


def _role_before(toks: list[Token], i: int) -> bool:
    return i > 0 and fold(toks[i - 1].text) in ROLE_HEADS


def normalise_role(words: list[str]) -> str:
    """A comparison key for a role phrase: folded, synonyms merged, "the"/"former" dropped."""
    out = []
    for word in words:
        w = ROLE_SYNONYMS.get(fold(word), fold(word)).strip(".")
        w = ROLE_SYNONYMS.get(w, w)
        if w in ("the", "a", "an", "former", "then"):
            continue
        out.append(w)
    return " ".join(out)


def _role_left(toks: list[Token], text: str, head: int) -> int:
    """Walk left from a role head over its modifiers; return the first index of the phrase."""
    k = head
    while k > 0:
        prev = toks[k - 1]
        if text[prev.end:toks[k].start] != " ":
            break
        low = fold(prev.text)
        if low in ROLE_MODIFIERS or low in COUNTRIES or low.rstrip(".") in COUNTRIES:
            k -= 1
        elif prev.text[:1].isupper() and low not in STOPWORDS and not _is_name_end(toks, k - 1):
            k -= 1
        else:
            break
    return k


def _is_name_end(toks: list[Token], k: int) -> bool:
    """A capitalised token that ends a person name followed by a possessive ("Putin's")."""
    return toks[k].text.endswith(("'s", "’s"))


def role_mentions(article: Article, sentence: Sentence) -> list[RoleMention]:
    """Roles tied to named persons in ``sentence``, and bare titles ("the former president")."""
    toks = tokens(sentence.text, sentence.start)
    text = article.text
    found: list[RoleMention] = []
    if title_case(toks):
        return found
    spans = {i: j for i, j in name_spans(toks)}
    for h, tok in enumerate(toks):
        if fold(tok.text) not in ROLE_HEADS:
            continue
        left = _role_left(toks, text, h)
        former = any(fold(t.text) == "former" for t in toks[max(0, left - 1):h])
        role = normalise_role([t.text for t in toks[left:h + 1]])
        # prenominal: "special envoy Steve Witkoff"
        if h + 1 in spans and h + 1 < len(toks) and text[tok.end:toks[h + 1].start] == " ":
            j = spans[h + 1]
            person = " ".join(t.text for t in toks[h + 1:j]).removesuffix("'s").removesuffix("’s")
            found.append(RoleMention(person, role, former, toks[left].start, toks[j - 1].end))
            continue
        # appositive: "Kurt Volker, the US special envoy," / "adviser, Yuri Ushakov"
        before = text[:toks[left].start].rstrip()
        lead = toks[left - 1] if left > 0 else None
        if lead is not None and lead.lower in ("the", "a") and left >= 2:
            before = text[:lead.start].rstrip()
        if before.endswith(","):
            named = _name_ending_at(toks, len(before) - 1)
            if named:
                found.append(RoleMention(named, role, former, toks[left].start, tok.end))
                continue
        after = text[tok.end:tok.end + 2]
        if after.startswith(", ") and h + 1 in spans:
            j = spans[h + 1]
            person = " ".join(t.text for t in toks[h + 1:j])
            found.append(RoleMention(person, role, former, toks[left].start, toks[j - 1].end))
            continue
        if len(role.split()) >= 2 and lead is not None and lead.lower == "the":
            found.append(RoleMention(None, role, former, lead.start, tok.end))
    return found


def _name_ending_at(toks: list[Token], comma: int) -> str | None:
    """The capitalised name (two or more words) that ends right before offset ``comma``."""
    prior = [t for t in toks if t.end <= comma]
    if not prior or prior[-1].end != comma:
        return None
    words: list[str] = []
    for tok in reversed(prior):
        low = fold(tok.text)
        if is_capitalised(tok) and low not in ROLE_HEADS and low not in ROLE_MODIFIERS \
                and low not in COUNTRIES:
            words.insert(0, tok.text)
        else:
            break
    return " ".join(words) if len(words) >= 2 else None


def quote_spans(article: Article, sentence: Sentence) -> list[QuoteSpan]:
    """Quotations in ``sentence``: the article's quote records when present, else quoted text."""
    out: list[QuoteSpan] = []
    for quote in article.quotes:
        if sentence.start <= quote.start < sentence.end and quote.kind != "indirect":
            speaker = quote.speaker.name if quote.speaker else None
            out.append(QuoteSpan(quote.text, quote.start, quote.end, speaker))
    if out:
        return out
    toks = tokens(sentence.text, sentence.start)
    headline = title_case(toks)
    for match in _QUOTE.finditer(sentence.text):
        start, end = sentence.start + match.start(1), sentence.start + match.end(1)
        outside = [t for t in toks if t.end <= start - 1 or t.start >= end + 1]
        speaker = None if headline else _speaker_guess(article, outside)
        out.append(QuoteSpan(match.group(1), start, end, speaker))
    return out


def _speaker_guess(article: Article, toks: list[Token]) -> str | None:
    spans = [(i, j) for i, j in name_spans(toks)
             if not toks[j - 1].text.endswith(("'s", "’s"))]  # "Putin's remarks": not a speaker
    people = [(i, j) for i, j in spans if is_person(article, toks, i, j)]
    single = [(i, j) for i, j in spans if j - i == 1 and affiliation(toks[i].text) is None
              and not (i == 0 and toks[i].lower.endswith("ing"))]
    candidates = people or single
    cues = [k for k, t in enumerate(toks) if t.lower in _SPEECH]
    if cues and candidates:
        candidates = sorted(candidates, key=lambda span: min(
            min(abs(span[0] - c), abs(span[1] - 1 - c)) for c in cues))
    for i, j in candidates:
        return " ".join(t.text for t in toks[i:j]).removesuffix("'s").removesuffix("’s")
    return None


_SPEECH = frozenset("said says say stated told remarked added described called warned noted "
                    "declared announced insisted argued wrote asked replied".split())


def noun_after(toks: list[Token], i: int) -> str:
    """The noun a number counts: the first content word after it ("28 drones" → "drone",
    "27 Russian drones" → "drone" via the last word of a short modifier run)."""
    run: list[str] = []
    for tok in toks[i + 1:i + 4]:
        low = fold(tok.text)
        if low in STOPWORDS or is_number(low):
            break
        run.append(stem(low))
        if not tok.text[:1].isupper():
            break
    if "-" in toks[i].text:
        return stem(toks[i].text.split("-", 1)[1].lower())
    return run[-1] if run else ""


def affiliation(name: str) -> str | None:
    """The country a word or name stands for ("Washington", "U.S.", "Kremlin"), if any."""
    for word in [name, *name.replace("-", " ").split()]:
        key = fold(word).strip(".").removesuffix("'s")
        if key in COUNTRIES and (len(key.replace(".", "")) > 3 or word.replace(".", "").isupper()):
            return COUNTRIES[key]  # "US", "U.S." but not the word "us" or the magazine "Us"
    return None
