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

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from storyline.extract.quote_cues import FRAME_VERBS, SPEECH_VERBS, THOUGHT_VERBS, cue_lemma
from storyline.extract.quote_indirect import find_indirect, transcript_turns
from storyline.extract.quote_learned import (
    CueModel,
    content_tokens,
    learned_attributions,
    refine,
)
from storyline.extract.quote_marks import QuoteMarkSpan, find_quoted
from storyline.extract.quote_spans import (
    DASHES,
    SENT_END,
    Attribution,
    CharSpan,
    QuotedText,
    according_head,
    according_span,
    char_span,
    is_break,
    trim,
)
from storyline.extract.quote_speakers import (
    colon_speaker,
    dash_speaker,
    frame_speaker,
    left_frame_speaker,
    source_spans,
    speaker_for,
)

__all__ = ["Attribution", "QuotedText", "classify_quoted", "find_attributions"]

_OPENING_CLAUSE = {",", ":", "—", "–", "-"}

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


def _frame(doc: Doc, span: Span, owner: list[int], me: int) -> _Frame:
    """Tokens around a quote in its pseudo-sentence, outside any quote (other quotes stop it)."""
    frame = _Frame()
    i = span.start - 1
    colon_crossed = False
    while i >= 0:
        tok = doc[i]
        if owner[i] != -1 and owner[i] != me:
            break
        if is_break(tok) and not colon_crossed and not any(
                t.text.strip() for t in frame.left):
            # 'Dr. Ward stated:\n\n"…"': a colon frame closing the paragraph before
            j = i - (1 if tok.is_space else 0)
            while j >= 0 and doc[j].is_space:
                j -= 1
            if j >= 0 and doc[j].text == ":" and owner[j] == -1:
                colon_crossed = True
                frame.left = []
                i = j
                continue
        if tok.text in SENT_END or is_break(tok):
            break
        frame.left.insert(0, tok)
        i -= 1
    inner_last = [t for t in span if not t.is_punct or t.text in SENT_END]
    if inner_last and inner_last[-1].text in SENT_END:
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is None or (nxt.text not in DASHES and (
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
        if tok.text in SENT_END:
            break
        frame.right.append(tok)
        if is_break(tok):
            break
        i += 1
    return frame


def _short_cue_frame(doc: Doc, i: int) -> bool:
    """'"… country?" Clinton said.': a short frame with a speech verb closes the sentence."""
    for tok in doc[i: i + 8]:
        if tok.text in SENT_END or is_break(tok) or tok.text in ('"', "“", "”"):
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
        ends_sentence = any(t.text in SENT_END | {","} for t in inner[-2:])
        left_open = not frame.left or frame.left[-1].text in _OPENING_CLAUSE
        sentence_like = left_open and (starts_upper or not frame.left) and (
            n_words >= 3 or ends_sentence)
        tokens = frame.right + frame.left
        cue = None
        if frame.left and frame.left[-1].text == ":":
            cue = _pick_cue(frame.left, span)    # 'Peabody said: "…," adding that …'
        cue = cue or _pick_cue(tokens, span)
        according = None if cue is not None else according_head(tokens)
        speaker = None
        if cue is not None and cue.i >= span.end:
            speaker = frame_speaker(cue, frame.right)
        if speaker is None:
            speaker = speaker_for(cue, tokens, owner) if cue is not None else according
        if speaker is None and cue is not None and cue.i < span.start:
            speaker = left_frame_speaker(cue, frame.left)
        if cue is None and according is None:
            speaker = colon_speaker(frame.left)
        if cue is None and according is None and speaker is None:
            dashed = dash_speaker(frame.right)
            if dashed is not None:
                speaker, cue_dash = dashed
                according = None
                cue = cue_dash
        marked = q.marked_parts or ((q.start, q.end),)
        content = q.parts or ((q.inner_start, q.inner_end),)
        prev = attributions[last_direct[0]] if last_direct is not None else None
        if last_direct is not None and prev is not None and _only_frame_between(
                doc, last_direct[1], span.start, prev.cue):
            same_cue = cue is not None and prev.cue == char_span(doc, cue.i, cue.i + 1)
            resumes = sentence_like or (frame.left and frame.left[-1].text == ",")
            if resumes and (same_cue or (cue is None and according is None
                                         and speaker is None)):
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
            source, head = source_spans(doc, speaker)
            cue_span = (char_span(doc, cue.i, cue.i + 1) if cue is not None
                        else char_span(doc, according.i, according.i + 1) if according is not None
                        else None)
            lemma = cue_lemma(cue) if cue is not None else (
                "according to" if according is not None else None)
            if according is not None:
                cue_span = according_span(doc, according)
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
        source, head = source_spans(doc, speaker)
        cue_span = (char_span(doc, cue.i, cue.i + 1) if cue is not None
                    else according_span(doc, according))
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
    start, end = trim(doc, min(right), max(right) + 1)
    start = min(start, quote.start)
    end = max(end, quote.end)
    if end - start > 60 or any(is_break(t) for t in doc[start:end - 1]):
        return None
    return char_span(doc, start, end)


def _only_frame_between(doc: Doc, end_token: int, start_token: int,
                        cue: CharSpan | None) -> bool:
    """True when the text between two quotes is at most their attribution frame ("he said.",
    "said X, one of …, who …", with the first quote's cue in it) and paragraph breaks: no
    other sentence intervenes."""
    between = [t for t in doc[end_token:start_token] if not t.is_space]
    if sum(1 for t in between if t.text in SENT_END) > 1:
        return False
    if len(between) <= 12:
        return True
    return (len(between) <= 60 and cue is not None
            and any(t.idx == cue[0] for t in between))


def _inside(cue: CharSpan | None, other: Attribution) -> bool:
    return cue is not None and any(a <= cue[0] and cue[1] <= b for a, b in other.content)


def _quoted_tokens(doc: Doc, quoted: list[Attribution]) -> set[int]:
    """Token indices inside the quotation marks of direct and partial quotes."""
    inside: set[int] = set()
    for a in quoted:
        for start, end in a.marked or a.content:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                inside.update(range(span.start, span.end))
    return inside


def _learned(doc: Doc, model: CueModel, quoted: list[Attribution],
             indirect: list[Attribution]) -> list[Attribution]:
    """The cue model's attributions whose cue is not a rule cue nor inside quotation marks."""
    skip = _quoted_tokens(doc, quoted)
    for a in quoted + indirect:
        if a.cue is not None:
            span = doc.char_span(a.cue[0], a.cue[1], alignment_mode="expand")
            if span is not None:
                skip.update(range(span.start, span.end))
    return learned_attributions(doc, model, skip, content_tokens(doc, indirect))


def _coordinated(doc: Doc, a: Attribution, b: Attribution) -> bool:
    """Whether ``b``'s cue is a second verb of ``a``'s speaker: the same subject, or a
    subjectless verb the parser hung inside ``a``'s content whose tense is the cue's
    ("warned that the attacks would continue and said …")."""
    if b.source_head is not None and b.source_head == a.source_head:
        return True
    if a.cue is None or b.cue is None:
        return False
    cue_a = doc.char_span(*a.cue, alignment_mode="expand")
    cue_b = doc.char_span(*b.cue, alignment_mode="expand")
    if cue_a is None or cue_b is None:
        return False
    x, y = cue_a.root, cue_b.root
    return (y.dep_ == "conj" and y.tag_ == x.tag_ != y.head.tag_
            and not any(c.dep_.startswith("nsubj") for c in y.children))


def _split_coordinated(doc: Doc, indirect: list[Attribution]) -> list[Attribution]:
    """'Machado promised to keep campaigning [and said she would stand up to the attacks]':
    a second cue of the same speaker inside the tail of a content is the speaker's next
    statement, not part of the first; the first content ends before it and the second takes
    the first one's speaker."""
    out = list(indirect)
    for k, a in enumerate(indirect):
        if len(a.content) != 1 or a.source_head is None:
            continue
        start, end = a.content[0]
        tails = [m for m, b in enumerate(indirect) if b is not a and b.cue is not None
                 and start < b.cue[0] < end and b.content and b.content[-1][1] >= end - 1
                 and _coordinated(doc, a, b)]
        if not tails:
            continue
        m = min(tails, key=lambda m: indirect[m].cue[0])    # type: ignore[index]
        cut = indirect[m].cue[0]                             # type: ignore[index]
        span = doc.char_span(start, cut, alignment_mode="contract")
        if span is None or len(span) < 2:
            continue
        first, last = span.start, span.end
        while last > first and (doc[last - 1].is_punct or doc[last - 1].dep_ == "cc"
                                or doc[last - 1].is_space
                                or doc[last - 1].pos_ in ("AUX", "ADV", "PART")):
            last -= 1
        if last - first >= 2:
            out[k] = replace(out[k], content=(char_span(doc, first, last),))
            out[m] = replace(out[m], source=a.source, source_head=a.source_head)
    return out


def find_attributions(doc: Doc, cue_model: CueModel | None = None) -> list[Attribution]:
    """Every attribution of ``doc`` in text order (direct, partial, indirect).

    ``cue_model`` (optional, :mod:`storyline.extract.quote_learned`) adds indirect
    attributions whose cue the rules do not know.

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
    indirect += transcript_turns(doc, _quoted_tokens(doc, quoted))
    if cue_model is not None:
        indirect = [refine(doc, cue_model, a) for a in indirect] + _learned(
            doc, cue_model, quoted, indirect)
    indirect = _split_coordinated(doc, indirect)
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
            outer = [j for j, o in enumerate(merged) if j != k and o.kind != "partial"
                     and _inside(a.cue, o)]
            if outer:
                outer_of[k] = outer[0]
    result: list[Attribution] = []
    for k, a in enumerate(merged):
        container = outer_of.get(k)
        if a.kind == "partial":
            statements = [j for j, other in enumerate(merged)
                          if other.kind == "indirect" and j not in outer_of
                          and other.content[0][0] <= a.content[0][0]
                          and a.content[-1][1] <= other.content[-1][1]]
            if statements:
                container = min(statements, key=lambda j: merged[j].content[-1][1]
                                - merged[j].content[0][0])
                said = merged[container]
                a = Attribution(a.kind, a.content, a.marked, said.source, said.source_head,
                                said.cue, said.cue_lemma, clause=a.clause)
        result.append(a if container is None else Attribution(
            a.kind, a.content, a.marked, a.source, a.source_head, a.cue, a.cue_lemma,
            container, a.clause))
    # container indices refer to ``merged`` == ``result`` order
    return result
