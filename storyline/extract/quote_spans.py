"""Records and token helpers shared by the quote modules: the :class:`Attribution` and
:class:`QuotedText` records, character spans of tokens, paragraph breaks, content trimming and
"according to X"."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.extract.quote_marks import QuoteMarkSpan

__all__ = ["ACCORDING", "COMPLEMENT_DEPS", "DASHES", "NOT_SUBJECTS", "SENT_END",
           "SUBJECT_PRONOUNS", "Attribution", "CharSpan", "QuotedText", "according_head",
           "according_span", "char_span", "close_marks", "content_range", "is_break", "same_paragraph",
           "subtree_range", "trim"]

CharSpan = tuple[int, int]


SENT_END = {".", "!", "?"}


COMPLEMENT_DEPS = ("ccomp",)


ACCORDING = ("according",)


SUBJECT_PRONOUNS = frozenset("he she they i we you".split())


NOT_SUBJECTS = frozenset("it there that this which what them him her us me whom".split())


def is_break(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_ or (
        token.is_space and "\n" in token.text)


def according_head(tokens: list[Token]) -> Token | None:
    """The "X" of "according to X" in a frame, else ``None``."""
    for tok in tokens:
        if tok.lower_ in ACCORDING:
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                # the noun the phrase introduces: the nearest noun-like token after "to"
                for cand in tok.doc[tok.i + 2: min(len(tok.doc), tok.i + 10)]:
                    if cand.pos_ in ("PROPN", "NOUN", "PRON"):
                        head = cand
                        while (head.head.i != head.i and head.head.i > tok.i + 1
                               and head.head.pos_ in ("PROPN", "NOUN")
                               and head.dep_ in ("compound", "flat", "amod", "det", "nmod:poss")):
                            head = head.head
                        return head
    return None


def char_span(doc: Doc, start: int, end: int) -> CharSpan:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def same_paragraph(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return not any(is_break(t) for t in a.doc[lo:hi])


DASHES = ("―", "—", "--", "–")


def according_span(doc: Doc, according: Token | None) -> CharSpan | None:
    if according is None:
        return None
    for tok in doc[max(0, according.i - 12): according.i]:
        if tok.lower_ == "according":
            return tok.idx, tok.idx + len("according to") if doc[tok.i + 1].lower_ == "to" else (
                tok.idx + len(tok.text))
    return None


def subtree_range(token: Token, skip: set[int] | None = None) -> tuple[int, int]:
    skip = skip or set()
    idx = [t.i for t in token.subtree if t.i not in skip]
    return min(idx), max(idx) + 1


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ('”', '"', "’")
                           or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_punct and doc[start].text not in ('“', '"', "‘")
                           or doc[start].is_space):
        start += 1
    return start, end


def close_marks(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Extend a content span to the closing mark of a quote it opens (and the punctuation
    just inside it)."""
    opened = sum(1 for t in doc[start:end] if t.text in ('"', "“"))
    closed = sum(1 for t in doc[start:end] if t.text == "”")
    straight = sum(1 for t in doc[start:end] if t.text == '"')
    if closed < opened - straight or straight % 2 == 1:
        j = end
        while j < len(doc) and j - end < 3 and doc[j].is_punct and not is_break(doc[j]):
            j += 1
            if doc[j - 1].text in ('"', "”"):
                return start, j
    return start, end


@dataclass(frozen=True)
class Attribution:
    """One attribution relation. Spans are character offsets, end exclusive."""

    kind: str                                  #: "direct", "partial" or "indirect"
    content: tuple[CharSpan, ...]              #: content fragments (direct: without marks)
    marked: tuple[CharSpan, ...] = ()          #: direct/partial: the fragments with marks
    source: CharSpan | None = None             #: the speaker phrase
    source_head: CharSpan | None = None        #: its head word (for entity resolution)
    cue: CharSpan | None = None                #: the cue word(s)
    cue_lemma: str | None = None
    nested_in: int | None = None               #: index of the attribution that contains it
    #: partial quotes: the reported phrase around the fragment (what PolNeAR calls the
    #: content: 'it as "manipulative"'), when the parse gives one
    clause: CharSpan | None = None


@dataclass(frozen=True)
class QuotedText:
    """A span between quotation marks and what it is: speech ("direct", "partial") or not
    ("scare": a word held at a distance, "title": a name of a work or programme)."""

    span: QuoteMarkSpan
    role: str
    attribution: int | None = None             #: index into find_attributions' result


def content_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """An indirect content span as PolNeAR marks it: trimmed, closing a quotation it opens,
    and without a leading preposition ("called on [Trump to stop]", "accused him of [being
    asleep]", "complained about [his mic]")."""
    start, end = close_marks(doc, *trim(doc, start, end))
    while end - start > 1 and doc[start].pos_ == "ADP" and doc[start].dep_ in ("case", "mark") \
            and doc[start].lower_ not in ("that", "whether", "if"):
        start += 1
    return start, end
