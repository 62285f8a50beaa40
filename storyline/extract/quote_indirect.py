"""Indirect speech: a verb of speech or thought with a clausal complement ("Peskov said
that …", "X told reporters that …"), a parenthetical cue ("…, the agency said."), an object or
infinitive content of an attitude verb ("criticized the plan", "vowed to fight on"), and
"according to X"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.extract.quote_cues import OBJ_CUES, XCOMP_CUES, cue_lemma, is_cue, subject_of
from storyline.extract.quote_spans import (
    COMPLEMENT_DEPS,
    SENT_END,
    Attribution,
    CharSpan,
    according_head,
    char_span,
    close_marks,
    is_break,
    same_paragraph,
    subtree_range,
    trim,
)
from storyline.extract.quote_speakers import (
    adjacent_speaker,
    clause_subject,
    opening_subject,
    source_spans,
    valid_speaker,
)

__all__ = ["complement_phrase", "cue_speaker", "find_indirect", "indirect_attribution", "parenthetical",
           "transcript_turns"]


def cue_speaker(cue: Token) -> Token | None:
    """The speaker head of an indirect cue: its subject; for a parenthetical cue with none,
    the noun just before it; the noun phrase opening the sentence; a subject earlier in the
    sentence."""
    subject = subject_of(cue)
    if valid_speaker(subject, cue):
        return subject
    before = list(cue.doc[cue.sent.start:cue.i + 1])
    return (adjacent_speaker(cue, before) if parenthetical(cue) else None) \
        or opening_subject(cue) or clause_subject(cue)


def indirect_attribution(doc: Doc, cue: Token, content: tuple[CharSpan, ...]) -> Attribution:
    source, head = source_spans(doc, cue_speaker(cue))
    return Attribution("indirect", content, (), source, head, char_span(doc, cue.i, cue.i + 1),
                       cue_lemma(cue))


def parenthetical(cue: Token) -> bool:
    """"…, the agency said." / "The museum, Mr. Obama said, would …": a cue set off by a
    comma, attached (by the parser) below the reported clause."""
    if cue.dep_ == "parataxis":
        return True
    if cue.dep_ not in ("advcl", "conj", "ccomp") or cue.i < cue.head.i:
        return False
    first = min(t.i for t in cue.subtree if not t.is_punct)   # the comma may hang below
    last = max(t.i for t in cue.subtree)
    doc = cue.doc
    after = doc[last + 1] if last + 1 < len(doc) else None
    return first > 0 and doc[first - 1].text == "," and (after is None or after.text in
                                                         SENT_END or is_break(after))


def complement_phrase(cue: Token) -> tuple[int, int] | None:
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
    if any(is_break(t) for t in cue.doc[start:end - 1]):
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
        complement = min((c for c in tok.children if c.dep_ in COMPLEMENT_DEPS
                          and not c.is_space and not c.is_punct and same_paragraph(c, tok)),
                         key=lambda c: abs(c.i - tok.i), default=None)
        if complement is None:
            # "told reporters that …" parsed as a clause attached to "reporters"
            complement = next((g for c in tok.children if c.dep_ in ("obj", "iobj")
                               for g in c.children if g.dep_ in ("acl", "ccomp", "acl:relcl")
                               and any(m.lower_ == "that" and m.dep_ == "mark"
                                       for m in g.children)), None)
        if complement is not None:
            start, end = subtree_range(complement)
        elif parenthetical(tok) and tok.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN") \
                and any(c.dep_ in ("nsubj", "nsubj:pass") for c in tok.children) \
                and same_paragraph(tok, tok.head):
            # "The plan is rushed, he said." / "The plan, he said, is rushed."
            start, end = subtree_range(tok.head, {t.i for t in tok.subtree})
            if tok.i < start or not any(doc[j].text == "," for j in range(start, tok.i + 1)):
                continue
            if tok.i < end:   # mid-sentence: the clause before the cue and after it
                cut_a = min(t.i for t in tok.subtree)
                cut_b = max(t.i for t in tok.subtree) + 1
                first = trim(doc, start, cut_a)
                second = close_marks(doc, *trim(doc, cut_b, end))
                if first[1] > first[0] and second[1] - second[0] >= 2 \
                        and same_paragraph(doc[start], doc[end - 1]):
                    parts = (char_span(doc, *first), char_span(doc, *second))
                    if not mostly_quoted(parts[0][0], parts[1][1]):
                        found.append(indirect_attribution(doc, tok, parts))
                    continue
                end = cut_a
        else:
            phrase = complement_phrase(tok)
            if phrase is None:
                continue
            start, end = phrase
        start, end = close_marks(doc, *trim(doc, start, end))
        if end <= start or end - start < 2:
            continue
        chars = char_span(doc, start, end)
        if mostly_quoted(*chars):
            continue
        found.append(indirect_attribution(doc, tok, (chars,)))
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        source_tok = according_head(list(doc[tok.i: tok.i + 12]))
        if source_tok is None:
            continue
        clause = source_tok.head
        while clause.head.i != clause.i and clause.pos_ not in ("VERB", "AUX"):
            clause = clause.head
        if clause.i == source_tok.i:
            continue
        held = set(range(*subtree_range(source_tok))) | {tok.i, tok.i + 1}
        sent = tok.sent
        if all(t.i in held for t in clause.subtree):
            continue
        start, end = subtree_range(clause, held)
        start, end = max(start, sent.start), min(end, sent.end)
        # the content is the side of the clause not holding "according to X"
        p_start, p_end = min(held), max(held) + 1
        if p_start - start > end - p_end:
            end = p_start
        else:
            start = p_end
        start, end = trim(doc, start, end)
        if end - start < 2:
            continue
        chars = char_span(doc, start, end)
        if mostly_quoted(*chars):
            continue
        source, head = source_spans(doc, source_tok)
        found.append(Attribution("indirect", (chars,), (), source, head,
                                 (tok.idx, doc[tok.i + 1].idx + 2), "according to"))
    return found


def transcript_turns(doc: Doc, taken: set[int]) -> list[Attribution]:
    """Interview transcripts: a paragraph opening with a speaker label in capitals
    ("PENCE: Well, look, …", "WALLACE: …") is that speaker's turn, without quotation marks.
    ``taken`` holds tokens already inside a quotation."""
    found: list[Attribution] = []
    for tok in doc:
        if tok.i in taken or not (tok.i == 0 or is_break(doc[tok.i - 1])) or tok.is_space:
            continue
        label = []
        j = tok.i
        while j < len(doc) and j - tok.i < 4 and doc[j].is_alpha and doc[j].is_upper \
                and len(doc[j].text) > 1:
            label.append(j)
            j += 1
        if not label or j >= len(doc) or doc[j].text != ":":
            continue
        end = j + 1
        while end < len(doc) and not is_break(doc[end]):
            end += 1
        end = min(end + 1, len(doc))
        start, end = trim(doc, j + 1, end)
        if end - start < 2 or any(i in taken for i in range(start, end)):
            continue
        found.append(Attribution("indirect", (char_span(doc, start, end),), (),
                                 char_span(doc, label[0], label[-1] + 1),
                                 char_span(doc, label[-1], label[-1] + 1),
                                 char_span(doc, j, j + 1), ":"))
    return found
