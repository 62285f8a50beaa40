"""Attribution relations on a parsed article: content spans, the cue and the source (speaker).

:func:`find_attributions` returns one :class:`Attribution` per statement:

* **direct** — text between quotation marks that is speech: it stands as its own sentence or
  clause, next to a speech cue ("…," Trump said / X said: "…" / "…," said X), or with no cue
  at all (the speaker stays unknown). A quote split by its cue (``"…," he said. "…"``) and a
  quote that runs over paragraphs are **one** attribution with several content fragments.
* **partial** — a quoted fragment inside a sentence that reports someone's words
  (described it as "manipulative", will demand "ironclad security guarantees").
* **indirect** — reported speech without marks: a speech or thought verb with a clausal
  complement ("Peskov said that …", "X told reporters …", "X warned …"), or "according to X".

Quoted text that is not speech (scare quotes, titles) is returned by
:func:`classify_quoted` with role ``"scare"`` or ``"title"`` and never becomes an attribution.

Content offsets follow PolNeAR: for direct quotes ``marked`` keeps the quotation marks (what
PolNeAR annotates) and ``content`` drops them (what ``Quote`` records carry); indirect content
starts at the complementiser ("that …") as in PolNeAR.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.extract.quote_cues import (
    FRAME_VERBS,
    OBJ_CUES,
    SPEECH_VERBS,
    THOUGHT_VERBS,
    XCOMP_CUES,
    cue_lemma,
    is_cue,
    speaker_phrase,
    subject_of,
)
from storyline.extract.quote_marks import QuoteMarkSpan, find_quoted

__all__ = ["Attribution", "QuotedText", "classify_quoted", "find_attributions"]

CharSpan = tuple[int, int]
_SENT_END = {".", "!", "?"}
_OPENING_CLAUSE = {",", ":", "—", "–", "-"}
_COMPLEMENT_DEPS = ("ccomp",)
_ACCORDING = ("according",)
_SUBJECT_PRONOUNS = frozenset("he she they i we you".split())
_NOT_SUBJECTS = frozenset("it there that this which what them him her us me whom".split())


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


@dataclass
class _Frame:
    left: list[Token] = field(default_factory=list)
    right: list[Token] = field(default_factory=list)


def _quote_index(doc: Doc, quoted: list[QuoteMarkSpan]) -> list[int]:
    """For each token, the index of the quoted span it lies in (marks included), else -1."""
    owner = [-1] * len(doc)
    for q_index, q in enumerate(quoted):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        for i in range(span.start, span.end):
            if owner[i] == -1 or quoted[owner[i]].style == "single":
                owner[i] = q_index
    return owner


def _is_break(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_ or (
        token.is_space and "\n" in token.text)


def _frame(doc: Doc, span: Span, owner: list[int], me: int) -> _Frame:
    """Tokens around a quote in its pseudo-sentence, outside any quote (other quotes stop it)."""
    frame = _Frame()
    i = span.start - 1
    while i >= 0:
        tok = doc[i]
        if owner[i] != -1 and owner[i] != me:
            break
        if tok.text in _SENT_END or _is_break(tok):
            break
        frame.left.insert(0, tok)
        i -= 1
    inner_last = [t for t in span if not t.is_punct or t.text in _SENT_END]
    if inner_last and inner_last[-1].text in _SENT_END:
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is None or (nxt.text not in _DASHES and (
                not nxt.is_lower or inner_last[-1].text == ".")
                and not _short_cue_frame(doc, span.end)):
            return frame
    i = span.end
    while i < len(doc):
        tok = doc[i]
        if owner[i] != -1 and owner[i] != me:
            break
        if tok.is_space and "\n" in tok.text:
            break
        if tok.text in _SENT_END:
            break
        frame.right.append(tok)
        if _is_break(tok):
            break
        i += 1
    return frame


def _short_cue_frame(doc: Doc, i: int) -> bool:
    """'"… country?" Clinton said.': a short frame with a speech verb closes the sentence."""
    for tok in doc[i: i + 8]:
        if tok.text in _SENT_END or _is_break(tok) or tok.text in ('"', "“", "”"):
            return False
        if cue_lemma(tok) in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            return True
    return False


def _words(span: Span) -> int:
    return sum(1 for t in span if t.is_alpha or t.like_num)


def _titleish(span: Span) -> bool:
    words = [t for t in span if t.is_alpha]
    if not words:
        return True
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with"}
    capitalised = [t for t in words if t.text[0].isupper() or t.lower_ in small]
    return len(capitalised) == len(words) and words[0].text[0].isupper() and len(words) >= 2


def _so_called(token: Token) -> bool:
    """"so-called", "self-described": a hyphenated modifier, not a verb of speech."""
    doc = token.doc
    return token.i >= 1 and (doc[token.i - 1].text in ("-", "so-") or token.text.startswith(
        ("so-", "self-")) or (token.i >= 2 and doc[token.i - 2].lower_ == "so"
                              and doc[token.i - 1].text == "-"))


def _pick_cue(tokens: list[Token], quote: Span) -> Token | None:
    """The cue in a frame: a speech verb, preferring the one that governs the quote, then the
    nearest one (after the quote before before it)."""
    candidates = [t for t in tokens
                  if cue_lemma(t) in SPEECH_VERBS | THOUGHT_VERBS | FRAME_VERBS
                  and t.pos_ in ("VERB", "AUX", "NOUN", "PROPN") and not _so_called(t)]
    if not candidates:
        return None
    quote_tokens = set(range(quote.start, quote.end))

    def governs(t: Token) -> bool:
        return any(d.i in quote_tokens for d in t.subtree)

    def distance(t: Token) -> int:
        return t.i - quote.end if t.i >= quote.end else quote.start - t.i + 1

    ranked = sorted(candidates, key=lambda t: (not governs(t), distance(t)))
    return ranked[0]


def _according(tokens: list[Token]) -> Token | None:
    """The "X" of "according to X" in a frame, else ``None``."""
    for tok in tokens:
        if tok.lower_ in _ACCORDING:
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


def _char(doc: Doc, start: int, end: int) -> CharSpan:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _source(doc: Doc, head: Token | None) -> tuple[CharSpan | None, CharSpan | None]:
    if head is None:
        return None, None
    start, end = speaker_phrase(head)
    return _char(doc, start, end), _char(doc, head.i, head.i + 1)


def _same_paragraph(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return not any(_is_break(t) for t in a.doc[lo:hi])


def valid_speaker(head: Token | None, cue: Token) -> bool:
    """A speaker head is a noun-like word in the cue's paragraph (parsers attach paragraph
    breaks and words of the neighbouring sentence as subjects)."""
    return (head is not None and not head.is_space and not head.is_punct
            and head.pos_ in ("PROPN", "NOUN", "PRON", "NUM", "X", "ADJ", "DET")
            and head.lower_ not in _NOT_SUBJECTS
            and _same_paragraph(head, cue))


def _adjacent_speaker(cue: Token, frame_tokens: list[Token]) -> Token | None:
    """Pattern fallback when the parse gives no subject: the noun phrase just before the cue
    ("Trump has also said") or just after it ("said Trump")."""
    positions = {t.i for t in frame_tokens}
    doc = cue.doc
    j = cue.i - 1
    while j in positions and (doc[j].pos_ in ("AUX", "ADV", "PART") or doc[j].lower_ in (
            "also", "later", "then", "has", "have", "had")):
        j -= 1
    if j in positions and not doc[j].is_space and (
            doc[j].pos_ in ("PROPN", "NOUN") or doc[j].lower_ in _SUBJECT_PRONOUNS):
        return doc[j]
    j = cue.i + 1
    head = None
    while j in positions and not doc[j].is_space and (
            doc[j].pos_ in ("PROPN", "NOUN", "DET", "ADJ") or doc[j].lower_ in _SUBJECT_PRONOUNS):
        head = doc[j]
        if doc[j].pos_ == "PRON":
            break
        j += 1
    return head


_DASHES = ("―", "—", "--", "–")


def _dash_speaker(right: list[Token]) -> tuple[Token, Token] | None:
    """'"…" ― Jane Doe': a quote signed with a dash and a name; (name head, dash)."""
    if len(right) < 2 or right[0].text not in _DASHES:
        return None
    head = None
    for tok in right[1:6]:
        if tok.pos_ == "PROPN" or (tok.is_title and tok.is_alpha):
            head = tok
        else:
            break
    return (head, right[0]) if head is not None else None


def _frame_speaker(cue: Token, right: list[Token]) -> Token | None:
    """Speaker of a quote from its frame after it: '"…," [Rep. Gwen Moore (D-Wis.)] said' →
    the words between the quote and the cue; '"…," said [Robert McAtee], one of …' → the
    words after the cue. Returns the phrase's head (its last name word)."""
    before = [t for t in right if t.i < cue.i and not (t.is_punct and t.i == right[0].i)]
    while before and (before[-1].pos_ in ("AUX", "ADV", "PART") or before[-1].lower_ in (
            "also", "later", "then", "has", "have", "had", "once")):
        before.pop()
    if before:
        if any(t.pos_ in ("VERB",) for t in before) or len(before) > 12:
            return None
        depth = 0
        head = None
        for tok in before:
            if tok.text in ("(", "["):
                depth += 1
            elif tok.text in (")", "]"):
                depth -= 1
            elif tok.text == "," and head is not None:
                break
            elif depth == 0 and (tok.pos_ in ("PROPN", "NOUN") or tok.lower_ in
                                 _SUBJECT_PRONOUNS):
                head = tok
        return head
    after = [t for t in right if t.i > cue.i]
    head = None
    for tok in after:
        if tok.pos_ in ("PROPN",) or (head is not None and tok.pos_ == "PROPN"):
            head = tok
        elif tok.lower_ in _SUBJECT_PRONOUNS and head is None:
            return tok
        elif head is not None or tok.is_punct or tok.pos_ in ("ADP", "VERB", "AUX"):
            break
        elif tok.pos_ in ("NOUN", "DET", "ADJ"):
            head = tok if tok.pos_ == "NOUN" else head
    return head


def _left_frame_speaker(cue: Token, left: list[Token]) -> Token | None:
    """'[Democratic nominee Hillary Clinton], at a later press gaggle, said, "…"': the noun
    phrase opening the frame, when the cue follows it."""
    head = None
    for tok in left:
        if tok.i >= cue.i:
            break
        if tok.pos_ in ("PROPN", "NOUN") or (head is None and tok.lower_ in _SUBJECT_PRONOUNS):
            head = tok
            if tok.pos_ == "PRON":
                break
        elif tok.pos_ in ("DET", "ADJ", "PUNCT") and head is None and tok.text != ",":
            continue
        else:
            break
    return head


def _speaker_for(cue: Token | None, frame_tokens: list[Token],
                 owner: list[int] | None = None) -> Token | None:
    if cue is None:
        return None
    subject = subject_of(cue)
    if valid_speaker(subject, cue) and subject is not None and (
            owner is None or owner[subject.i] == -1):
        return subject
    return _adjacent_speaker(cue, frame_tokens) or _clause_subject(cue, owner)


def _clause_subject(cue: Token, owner: list[int] | None = None) -> Token | None:
    """Last resort: a subject-labelled noun earlier in the cue's sentence and paragraph with no
    other verb of speech in between ("Leavitt, referencing …, reiterated that …"); words
    inside quotation marks are skipped."""
    doc = cue.doc
    j = cue.i - 1
    found: Token | None = None
    while j >= 0 and cue.i - j <= 30:
        tok = doc[j]
        inside = owner is not None and owner[j] != -1
        closes = j + 1 < len(doc) and doc[j + 1].text in ('"', "”", "’", "''")
        if (tok.text in _SENT_END and (not inside or closes)) or _is_break(tok):
            break
        if not inside and tok.dep_ in ("nsubj", "nsubj:pass") and valid_speaker(tok, cue):
            found = tok
        j -= 1
    return found


def classify_quoted(doc: Doc) -> tuple[list[Attribution], list[QuotedText]]:
    """Quotation-mark spans of ``doc``: the attributions they make (direct and partial, in text
    order, split quotes joined) and a role for every quoted span."""
    quoted = find_quoted(doc.text)
    owner = _quote_index(doc, quoted)
    attributions: list[Attribution] = []
    roles: list[QuotedText] = []
    last_direct: tuple[int, int] | None = None          # (attribution index, quote end token)
    for q_index, q in enumerate(quoted):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        inner = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
        if span is None or inner is None or q.inner_end <= q.inner_start:
            continue
        if q.style == "single" and owner[span.start] != q_index:
            continue      # nested inside a double-quoted span
        frame = _frame(doc, span, owner, q_index)
        n_words = _words(inner)
        first_alpha = next((t for t in inner if t.is_alpha), None)
        starts_upper = first_alpha is not None and first_alpha.text[0].isupper()
        ends_sentence = any(t.text in _SENT_END | {","} for t in inner[-2:])
        left_open = not frame.left or frame.left[-1].text in _OPENING_CLAUSE
        sentence_like = left_open and (starts_upper or not frame.left) and (
            n_words >= 3 or ends_sentence)
        tokens = frame.right + frame.left
        cue = _pick_cue(tokens, span)
        according = None if cue is not None else _according(tokens)
        speaker = None
        if cue is not None and cue.i >= span.end:
            speaker = _frame_speaker(cue, frame.right)
        if speaker is None:
            speaker = _speaker_for(cue, tokens, owner) if cue is not None else according
        if speaker is None and cue is not None and cue.i < span.start:
            speaker = _left_frame_speaker(cue, frame.left)
        if cue is None and according is None:
            dashed = _dash_speaker(frame.right)
            if dashed is not None:
                speaker, cue_dash = dashed
                according = None
                cue = cue_dash
        marked = q.marked_parts or ((q.start, q.end),)
        content = q.parts or ((q.inner_start, q.inner_end),)
        prev = attributions[last_direct[0]] if last_direct is not None else None
        if last_direct is not None and prev is not None and _only_frame_between(
                doc, last_direct[1], span.start, prev.cue):
            same_cue = cue is not None and prev.cue == _char(doc, cue.i, cue.i + 1)
            resumes = sentence_like or (frame.left and frame.left[-1].text == ",")
            if resumes and (same_cue or (cue is None and according is None)):
                # the second half of a split quote, or the next paragraph of the same speech
                attributions[last_direct[0]] = Attribution(
                    prev.kind, prev.content + content, prev.marked + marked,
                    prev.source, prev.source_head, prev.cue, prev.cue_lemma)
                roles.append(QuotedText(q, "direct", last_direct[0]))
                last_direct = (last_direct[0], span.end)
                continue
        if sentence_like:
            if cue is None and according is None and n_words < 3 and frame.left:
                roles.append(QuotedText(q, "title" if _titleish(inner) else "scare"))
                continue
            source, head = _source(doc, speaker)
            cue_span = (_char(doc, cue.i, cue.i + 1) if cue is not None
                        else _char(doc, according.i, according.i + 1) if according is not None
                        else None)
            lemma = cue_lemma(cue) if cue is not None else (
                "according to" if according is not None else None)
            if according is not None:
                cue_span = _according_span(doc, according)
            attributions.append(Attribution("direct", content, marked, source, head,
                                            cue_span, lemma))
            roles.append(QuotedText(q, "direct", len(attributions) - 1))
            last_direct = (len(attributions) - 1, span.end)
            continue
        # embedded in a sentence: partial quote when someone is reported there, else not speech
        if _titleish(inner) and (cue is None or cue_lemma(cue) not in FRAME_VERBS):
            roles.append(QuotedText(q, "title"))
            continue
        if cue is None and according is None:
            sibling = _previous_in_sentence(doc, owner, span, roles)
            if sibling is not None and sibling.attribution is not None:
                # 'permit Ukraine to "receive weapons" or "train newly mobilized units"'
                prev = attributions[sibling.attribution]
                attributions.append(Attribution("partial", content, marked, prev.source,
                                                prev.source_head, prev.cue, prev.cue_lemma))
                roles.append(QuotedText(q, "partial", len(attributions) - 1))
                continue
            roles.append(QuotedText(q, "scare"))
            continue
        source, head = _source(doc, speaker)
        cue_span = (_char(doc, cue.i, cue.i + 1) if cue is not None
                    else _according_span(doc, according))
        lemma = cue_lemma(cue) if cue is not None else "according to"
        clause = _reported_phrase(doc, cue, span) if cue is not None else None
        attributions.append(Attribution("partial", content, marked, source, head,
                                        cue_span, lemma, clause=clause))
        roles.append(QuotedText(q, "partial", len(attributions) - 1))
    return attributions, roles


def _previous_in_sentence(doc: Doc, owner: list[int], span: Span,
                          roles: list[QuotedText]) -> QuotedText | None:
    """The quoted span just before ``span`` in the same sentence, joined to it by "and", "or"
    or a comma only."""
    if not roles or span.start == 0:
        return None
    i = span.start - 1
    while i >= 0 and owner[i] == -1 and span.start - i <= 3:
        if doc[i].lower_ not in ("and", "or", ",", "as", "well"):
            return None
        i -= 1
    if i < 0 or owner[i] == -1:
        return None
    last = roles[-1]
    return last if last.span.end <= doc[span.start].idx else None


def _reported_phrase(doc: Doc, cue: Token, quote: Span) -> CharSpan | None:
    """The words the cue governs after it, up to a coordinated verb, when they hold the quote:
    described 'it as "manipulative"', demand '"ironclad security guarantees" in any deal'."""
    if quote.start < cue.i:
        return None
    stop = min((c.i for c in cue.children if c.dep_ in ("conj", "cc", "parataxis")
                and c.i > cue.i), default=len(doc))
    right = [t.i for t in cue.subtree if cue.i < t.i < stop]
    if not right:
        return None
    start, end = _trim(doc, min(right), max(right) + 1)
    start = min(start, quote.start)
    end = max(end, quote.end)
    if end - start > 60 or any(_is_break(t) for t in doc[start:end - 1]):
        return None
    return _char(doc, start, end)


def _according_span(doc: Doc, according: Token | None) -> CharSpan | None:
    if according is None:
        return None
    for tok in doc[max(0, according.i - 12): according.i]:
        if tok.lower_ == "according":
            return tok.idx, tok.idx + len("according to") if doc[tok.i + 1].lower_ == "to" else (
                tok.idx + len(tok.text))
    return None


def _only_frame_between(doc: Doc, end_token: int, start_token: int,
                        cue: CharSpan | None) -> bool:
    """True when the text between two quotes is at most their attribution frame ("he said.",
    "said X, one of …, who …", with the first quote's cue in it) and paragraph breaks: no
    other sentence intervenes."""
    between = [t for t in doc[end_token:start_token] if not t.is_space]
    if sum(1 for t in between if t.text in _SENT_END) > 1:
        return False
    if len(between) <= 12:
        return True
    return (len(between) <= 60 and cue is not None
            and any(t.idx == cue[0] for t in between))


def _span_of(token: Token, skip: set[int] | None = None) -> tuple[int, int]:
    skip = skip or set()
    idx = [t.i for t in token.subtree if t.i not in skip]
    return min(idx), max(idx) + 1


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ('”', '"', "’")
                           or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_punct and doc[start].text not in ('“', '"', "‘")
                           or doc[start].is_space):
        start += 1
    return start, end


def _close_marks(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Extend a content span to the closing mark of a quote it opens (and the punctuation
    just inside it)."""
    opened = sum(1 for t in doc[start:end] if t.text in ('"', "“"))
    closed = sum(1 for t in doc[start:end] if t.text == "”")
    straight = sum(1 for t in doc[start:end] if t.text == '"')
    if closed < opened - straight or straight % 2 == 1:
        j = end
        while j < len(doc) and j - end < 3 and doc[j].is_punct and not _is_break(doc[j]):
            j += 1
            if doc[j - 1].text in ('"', "”"):
                return start, j
    return start, end


def _indirect(doc: Doc, cue: Token, content: tuple[CharSpan, ...]) -> Attribution:
    subject = subject_of(cue)
    if not valid_speaker(subject, cue):
        subject = _clause_subject(cue)
    source, head = _source(doc, subject)
    return Attribution("indirect", content, (), source, head, _char(doc, cue.i, cue.i + 1),
                       cue_lemma(cue))


def _parenthetical(cue: Token) -> bool:
    """"…, the agency said." / "The museum, Mr. Obama said, would …": a cue set off by a
    comma, attached (by the parser) below the reported clause."""
    if cue.dep_ == "parataxis":
        return True
    if cue.dep_ not in ("advcl", "conj", "ccomp") or cue.i < cue.head.i:
        return False
    first = min(t.i for t in cue.subtree)
    last = max(t.i for t in cue.subtree)
    doc = cue.doc
    after = doc[last + 1] if last + 1 < len(doc) else None
    return first > 0 and doc[first - 1].text == "," and (after is None or after.text in
                                                         _SENT_END or _is_break(after))


def _complement_phrase(cue: Token) -> tuple[int, int] | None:
    """Token range of a non-clausal content: the infinitive of "vowed to fight on" / "urged
    Russia to agree" (``XCOMP_CUES``) or the object of "criticized the plan" (``OBJ_CUES``),
    with what follows it in the cue's phrase, up to a coordinated verb."""
    lemma = cue_lemma(cue)
    kids = list(cue.children)
    target = None
    if lemma in XCOMP_CUES:
        target = next((c for c in kids if c.dep_ == "xcomp" and c.i > cue.i), None)
    if target is None and lemma in OBJ_CUES:
        target = next((c for c in kids if c.dep_ == "obj" and c.i > cue.i), None)
    if target is None:
        return None
    stop = min((c.i for c in kids if c.dep_ in ("conj", "cc", "parataxis", "advcl")
                and c.i > target.i), default=len(cue.doc))
    right = [t.i for t in cue.subtree if cue.i < t.i < stop]
    if not right:
        return None
    start, end = min(right), max(right) + 1
    if any(_is_break(t) for t in cue.doc[start:end - 1]):
        return None
    return start, end


def find_indirect(doc: Doc, taken: set[int], direct: list[Attribution]) -> list[Attribution]:
    """Indirect attributions: speech/thought verbs with a clausal complement, "according to".

    ``taken`` holds the token indices of cues already used by direct or partial quotes."""
    found: list[Attribution] = []
    direct_chars = [frag for a in direct if a.kind == "direct" for frag in a.marked]

    def mostly_quoted(start: int, end: int) -> bool:
        covered = sum(max(0, min(end, b) - max(start, a)) for a, b in direct_chars)
        return covered > 0.6 * max(1, end - start)

    for tok in doc:
        if tok.i in taken or not (is_cue(tok) or (tok.pos_ == "VERB" and cue_lemma(tok) in
                                                  OBJ_CUES | XCOMP_CUES)):
            continue
        complement = min((c for c in tok.children if c.dep_ in _COMPLEMENT_DEPS
                          and not c.is_space and not c.is_punct and _same_paragraph(c, tok)),
                         key=lambda c: abs(c.i - tok.i), default=None)
        if complement is None:
            # "told reporters that …" parsed as a clause attached to "reporters"
            complement = next((g for c in tok.children if c.dep_ in ("obj", "iobj")
                               for g in c.children if g.dep_ in ("acl", "ccomp", "acl:relcl")
                               and any(m.lower_ == "that" and m.dep_ == "mark"
                                       for m in g.children)), None)
        if complement is not None:
            start, end = _span_of(complement)
        elif _parenthetical(tok) and tok.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN") \
                and any(c.dep_ in ("nsubj", "nsubj:pass") for c in tok.children) \
                and _same_paragraph(tok, tok.head):
            # "The plan is rushed, he said." / "The plan, he said, is rushed."
            start, end = _span_of(tok.head, {t.i for t in tok.subtree})
            if tok.i < start or not any(doc[j].text == "," for j in range(start, tok.i + 1)):
                continue
            if tok.i < end:   # mid-sentence: the clause before the cue and after it
                cut_a = min(t.i for t in tok.subtree)
                cut_b = max(t.i for t in tok.subtree) + 1
                first = _trim(doc, start, cut_a)
                second = _close_marks(doc, *_trim(doc, cut_b, end))
                if first[1] > first[0] and second[1] - second[0] >= 2 \
                        and _same_paragraph(doc[start], doc[end - 1]):
                    parts = (_char(doc, *first), _char(doc, *second))
                    if not mostly_quoted(parts[0][0], parts[1][1]):
                        found.append(_indirect(doc, tok, parts))
                    continue
                end = cut_a
        else:
            phrase = _complement_phrase(tok)
            if phrase is None:
                continue
            start, end = phrase
        start, end = _close_marks(doc, *_trim(doc, start, end))
        if end <= start or end - start < 2:
            continue
        chars = _char(doc, start, end)
        if mostly_quoted(*chars):
            continue
        found.append(_indirect(doc, tok, (chars,)))
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        source_tok = _according(doc[tok.i: tok.i + 12])
        if source_tok is None:
            continue
        clause = source_tok.head
        while clause.head.i != clause.i and clause.pos_ not in ("VERB", "AUX"):
            clause = clause.head
        if clause.i == source_tok.i:
            continue
        phrase = set(range(*_span_of(source_tok))) | {tok.i, tok.i + 1}
        sent = tok.sent
        if all(t.i in phrase for t in clause.subtree):
            continue
        start, end = _span_of(clause, phrase)
        start, end = max(start, sent.start), min(end, sent.end)
        # the content is the side of the clause not holding "according to X"
        p_start, p_end = min(phrase), max(phrase) + 1
        if p_start - start > end - p_end:
            end = p_start
        else:
            start = p_end
        start, end = _trim(doc, start, end)
        if end - start < 2:
            continue
        chars = _char(doc, start, end)
        if mostly_quoted(*chars):
            continue
        source, head = _source(doc, source_tok)
        found.append(Attribution("indirect", (chars,), (), source, head,
                                 (tok.idx, doc[tok.i + 1].idx + 2), "according to"))
    return found


def _inside(cue: CharSpan | None, other: Attribution) -> bool:
    return cue is not None and any(a <= cue[0] and cue[1] <= b for a, b in other.content)


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution of ``doc`` in text order (direct, partial, indirect).

    An attribution reported inside another one's content ("Grushko said the Kremlin will
    demand …") points to it with ``nested_in`` when its cue is a verb of speech, and is dropped
    otherwise (the outer speaker's claim, not a statement). A partial quote inside an indirect
    statement takes that statement's speaker and points to it."""
    quoted, _roles = classify_quoted(doc)
    taken: set[int] = set()
    for a in quoted:
        if a.cue is not None and a.kind == "direct":
            cue_span = doc.char_span(a.cue[0], a.cue[1], alignment_mode="expand")
            if cue_span is not None:
                taken.update(range(cue_span.start, cue_span.end))
    indirect = find_indirect(doc, taken, quoted)
    outer_of: dict[int, int] = {}
    kept: list[Attribution] = []
    for a in indirect:
        holders = [o for o in indirect + quoted if o is not a and o.kind != "partial"
                   and _inside(a.cue, o)]
        if holders and a.cue_lemma not in SPEECH_VERBS:
            continue
        kept.append(a)
    merged = sorted(quoted + kept, key=lambda a: a.content[0])
    for k, a in enumerate(merged):
        if a.kind == "indirect":
            holders = [j for j, o in enumerate(merged) if j != k and o.kind != "partial"
                       and _inside(a.cue, o)]
            if holders:
                outer_of[k] = holders[0]
    result: list[Attribution] = []
    for k, a in enumerate(merged):
        container = outer_of.get(k)
        if a.kind == "partial":
            holders = [j for j, other in enumerate(merged)
                       if other.kind == "indirect" and j not in outer_of
                       and other.content[0][0] <= a.content[0][0]
                       and a.content[-1][1] <= other.content[-1][1]]
            if holders:
                container = min(holders, key=lambda j: merged[j].content[-1][1]
                                - merged[j].content[0][0])
                outer = merged[container]
                a = Attribution(a.kind, a.content, a.marked, outer.source, outer.source_head,
                                outer.cue, outer.cue_lemma)
        result.append(a if container is None else Attribution(
            a.kind, a.content, a.marked, a.source, a.source_head, a.cue, a.cue_lemma,
            container, a.clause))
    # container indices refer to ``merged`` == ``result`` order
    return result
