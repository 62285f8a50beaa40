"""Name mentions from the NER of a parsed Doc, repaired and typed.

Repairs (each small, each tested): leading "the"/punctuation and trailing possessives or
lower-case words trimmed; titles swallowed into a name split off ("President Vladimir Putin");
spans cut at "|" and line breaks (page furniture); a person name cut short by the NER extended
over the following capitalised name word ("Dmitry" + "Peskov"); labels made consistent within
the document (a surname of a full PERSON name is a PERSON everywhere, "Trump" tagged MISC
included); gazetteer names (countries, capitals, demonyms, seats of government) typed from the
gazetteer and found where the NER missed them; headline lines in Title Case only keep names
also seen in running text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from storyline.extract.mentions.gazetteer import Place, is_natural_feature, lookup
from storyline.extract.mentions.gender import name_gender
from storyline.extract.mentions.roles import HONORIFICS, is_role_head
from storyline.resolve.names import fold

#: NER labels of the shipped model and of OntoNotes-style models, mapped to output types.
LABELS: dict[str, str] = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "LOC": "GPE",
                          "GPE": "GPE", "MISC": "MISC", "NORP": "NORP", "FAC": "FAC",
                          "EVENT": "EVENT"}
_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
_LEADING_DROP = {"the", "a", "an"}
_MAX_NAME_TOKENS = 8
_NOT_NAMES = frozenset({"VERB", "INTJ", "PRON", "ADV", "SCONJ", "DET", "AUX", "ADP", "CCONJ",
                        "PART", "NUM"})


@dataclass(frozen=True)
class NameSpan:
    """A name mention: token range ``[start, end)`` and characters ``[start_char, end_char)``."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    type: str
    place: Place | None = None
    headline: bool = False


def _strip_possessive(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space
                           or doc[start].lower_ in _LEADING_DROP):
        start += 1
    while end > start and doc[end - 1].text[:1].islower() and end - start > 1:
        end -= 1
    return start, end


def _cut_pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Split a token range at "|" tokens and line breaks."""
    pieces: list[tuple[int, int]] = []
    begin = start
    for i in range(start, end):
        token = doc[i]
        breaks = "|" in token.text or token.is_space and "\n" in token.text
        if breaks or "\n" in token.whitespace_ and i + 1 < end:
            stop = i if breaks else i + 1
            if stop > begin:
                pieces.append((begin, stop))
            begin = i + 1
    if end > begin:
        pieces.append((begin, end))
    return pieces


def _strip_titles(doc: Doc, start: int, end: int) -> int:
    """Move ``start`` past role words and honorifics swallowed into a PERSON name."""
    while end - start > 1 and (is_role_head(doc[start].text) or doc[start].lower_ in HONORIFICS
                               or (doc[start].text[:1].isupper()
                                   and lookup(doc[start].text) is not None
                                   and is_role_head(doc[start + 1].text))):
        start += 1
    return start


def _is_name_word(doc: Doc, i: int) -> bool:
    token = doc[i]
    return (token.text[:1].isupper() and token.is_alpha and token.pos_ in ("PROPN", "NOUN", "X")
            and not is_role_head(token.text) and lookup(token.text) is None
            and token.lower_ not in HONORIFICS)


def _extend_person(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Extend a person name over capitalised name words on its right on the same line."""
    while (end < len(doc) and end - start < 4 and _is_name_word(doc, end)
           and "\n" not in doc[end - 1].whitespace_):   # a parser sentence cut inside a name
        end += 1
    return start, end


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines written in Title Case (headlines, menus), which NER over-tags."""
    ranges: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        words = [w for w in line.split() if w[:1].isalpha()]
        if len(words) >= 3:
            capital = sum(1 for w in words if w[:1].isupper())
            small = {"a", "an", "the", "of", "on", "in", "for", "to", "and", "or", "over",
                     "with", "at", "by", "from"}
            content = [w for w in words if w.lower() not in small]
            if content and capital >= 0.85 * len(content) and not line.rstrip().endswith("."):
                ranges.append((offset, offset + len(line)))
        offset += len(line)
    return ranges


def _raw_spans(doc: Doc) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        for start, end in _cut_pieces(doc, ent.start, ent.end):
            start, end = _strip_possessive(doc, start, end)
            if end <= start or end - start > _MAX_NAME_TOKENS:
                continue
            if label == "PERSON" or is_role_head(doc[start].text):
                start = _strip_titles(doc, start, end)
            if label == "PERSON" and end - start == 1:    # "Dmitry" + "Peskov"
                start, end = _extend_person(doc, start, end)
            if end - start == 1 and (doc[start].pos_ in _NOT_NAMES or doc[start].is_stop):
                continue                        # "Look", "Oops", "Which" tagged as names
            if not any(doc[i].is_alpha for i in range(start, end)):
                continue
            spans.append((start, end, label))
    return spans


def _person_words(spans: list[tuple[int, int, str]], doc: Doc) -> tuple[set[str], set[str]]:
    """Folded full names and name words (first and last) of multi-word PERSON spans."""
    full: set[str] = set()
    words: set[str] = set()
    for start, end, label in spans:
        if label != "PERSON":
            continue
        names = [doc[i].text for i in range(start, end) if doc[i].is_alpha]
        if len(names) >= 2:
            full.add(fold(" ".join(names)))
            words.add(fold(names[-1]))
            words.add(fold(names[0]))
    return full, words


def _looks_like_person(doc: Doc, start: int, end: int) -> bool:
    """A known given name followed by capitalised proper nouns ("Melania Trump" tagged ORG)."""
    if not 2 <= end - start <= 3 or name_gender(doc[start].text) == "unknown":
        return False
    return all(doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() for i in range(start, end))


def _type_for(text: str, label: str, place: Place | None) -> str:
    if place is not None:
        return place.type
    if label == "GPE" and is_natural_feature(text):
        return "LOC"
    return label


def name_spans(doc: Doc) -> list[NameSpan]:
    """Repaired, typed, non-overlapping name mentions of ``doc`` in text order."""
    raw = _raw_spans(doc)
    full_names, name_words = _person_words(raw, doc)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for start, end, label in raw:
        key = fold(doc[start:end].text)
        votes[key][label] += 1
        if start > 0 and (is_role_head(doc[start - 1].text) and doc[start - 1].text[:1].isupper()
                          or doc[start - 1].lower_ in HONORIFICS):
            votes[key]["PERSON"] += 3       # "President Trump", "Mr. Trump": a person
            if end - start == 1:
                name_words.add(key)
    headlines = headline_lines(doc.text)
    taken = [False] * len(doc)
    found: list[NameSpan] = []

    def add(start: int, end: int, label: str) -> None:
        if any(taken[start:end]):
            return
        span = doc[start:end]
        key = fold(span.text)
        place = lookup(span.text)
        if key in full_names or (end - start == 1 and key in name_words) \
                or (place is None and _looks_like_person(doc, start, end)):
            label, place = "PERSON", None
        elif place is None and label != "PERSON":
            label = votes[key].most_common(1)[0][0] if votes.get(key) else label
            if label == "PERSON" and end - start == 1 and key not in name_words \
                    and votes[key]["PERSON"] * 2 <= sum(votes[key].values()):
                label = "MISC"
        elif place is None and label == "PERSON" and end - start == 1 \
                and votes[key]["PERSON"] * 2 < sum(votes[key].values()) and key not in name_words:
            label = votes[key].most_common(1)[0][0]
        if label == "MISC" and place is None and not span.text[:1].isupper():
            return
        in_headline = any(a <= span.start_char < b for a, b in headlines)
        for i in range(start, end):
            taken[i] = True
        found.append(NameSpan(start, end, span.start_char, span.end_char, span.text,
                              _type_for(span.text, label, place), place, in_headline))

    for start, end, label in raw:
        add(start, end, label)
    _add_missed(doc, add, full_names, name_words)
    found.sort(key=lambda s: s.start_char)
    body = {fold(s.text) for s in found if not s.headline}
    kept = [s for s in found if not s.headline or s.place is not None or fold(s.text) in body]
    return _split_hyphenated(doc, kept)


def _add_missed(doc: Doc, add: Callable[[int, int, str], None], full_names: set[str],
                name_words: set[str]) -> None:
    """Mentions the NER missed: known person name words and gazetteer names, Title Case only."""
    i = 0
    n = len(doc)
    while i < n:
        token = doc[i]
        if not (token.text[:1].isupper() and (token.is_alpha or "." in token.text)) \
                or token.lower_ in _LEADING_DROP:
            i += 1
            continue
        matched = 0
        for width in (3, 2, 1):
            if i + width > n:
                continue
            span = doc[i:i + width]
            if "\n" in span.text:
                continue
            key = fold(span.text)
            if width > 1 and key in full_names:
                add(i, i + width, "PERSON")
                matched = width
                break
            if width == 1 and key in name_words and token.pos_ in ("PROPN", "NOUN", "X"):
                add(i, i + 1, "PERSON")
                matched = 1
                break
            place = lookup(span.text)
            if place is not None and (span.text[-1:].isalpha() or span.text.endswith(".")):
                if width == 1 and token.is_sent_start and place.kind == "bloc_demonym":
                    continue
                add(i, i + width, "GPE")
                matched = width
                break
        i += max(matched, 1)


def _split_hyphenated(doc: Doc, spans: list[NameSpan]) -> list[NameSpan]:
    """"U.S.-proposed" tagged MISC → a GPE mention of "U.S."; "U.S.-Russia" → two mentions."""
    out: list[NameSpan] = []
    for span in spans:
        if span.place is None and "-" in span.text and span.end - span.start == 1:
            offset = span.start_char
            parts = []
            for part in span.text.split("-"):
                place = lookup(part)
                if place is not None and part[:1].isupper():
                    parts.append(replace(span, start_char=offset, end_char=offset + len(part),
                                         text=part, type=place.type, place=place))
                offset += len(part) + 1
            if parts:
                out.extend(parts)
                continue
        out.append(span)
    return out


def sentence_of(doc: Doc) -> list[int]:
    """Token index → sentence number: the parser's sentences, also cut at every line break
    (the parser often runs a sentence over a paragraph break)."""
    index = [0] * len(doc)
    number = 0
    for i, token in enumerate(doc):
        if i and (token.is_sent_start or "\n" in doc[i - 1].whitespace_
                  or "\n" in doc[i - 1].text):
            number += 1
        index[i] = number
    return index


def as_span(doc: Doc, name: NameSpan) -> Span:
    """The spaCy Span of a name mention (token range)."""
    return doc[name.start:name.end]
