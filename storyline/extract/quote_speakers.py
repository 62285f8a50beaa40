"""Who said it: the speaker of a cue from the parse (subject, climbing through "…, saying"),
and frame patterns for when the parse fails ('"…," [Rep. Gwen Moore (D-Wis.)] said',
'"…," said [Robert McAtee]', '"…" ― [Jane Doe]', '[X], at a briefing, said: "…"')."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.extract.quote_cues import SPEECH_VERBS, cue_lemma, speaker_phrase, subject_of
from storyline.extract.quote_spans import (
    DASHES,
    NOT_SUBJECTS,
    SENT_END,
    SUBJECT_PRONOUNS,
    CharSpan,
    char_span,
    is_break,
    same_paragraph,
)

__all__ = ["adjacent_speaker", "clause_subject", "colon_speaker", "dash_speaker",
           "opening_subject", "frame_speaker",
           "left_frame_speaker", "source_spans", "speaker_for", "valid_speaker"]


def source_spans(doc: Doc, head: Token | None) -> tuple[CharSpan | None, CharSpan | None]:
    if head is None:
        return None, None
    start, end = speaker_phrase(head)
    return char_span(doc, start, end), char_span(doc, head.i, head.i + 1)


def valid_speaker(head: Token | None, cue: Token) -> bool:
    """A speaker head is a noun-like word in the cue's paragraph (parsers attach paragraph
    breaks and words of the neighbouring sentence as subjects)."""
    return (head is not None and not head.is_space and not head.is_punct
            and bool(head.text.strip())
            and head.pos_ in ("PROPN", "NOUN", "PRON", "NUM", "X", "ADJ", "DET")
            and (head.lower_ not in NOT_SUBJECTS or _reporting_pronoun(head, cue))
            and same_paragraph(head, cue))


def _reporting_pronoun(head: Token, cue: Token) -> bool:
    """"…," it added. / the department, which reported "…": "it" and "which" as the
    subject of a verb of speech stand for a text or an organisation (PolNeAR marks them)."""
    return (head.lower_ in ("it", "which") and head.head.i == cue.i
            and head.dep_ in ("nsubj", "nsubj:pass") and cue_lemma(cue) in SPEECH_VERBS)


def adjacent_speaker(cue: Token, frame_tokens: list[Token]) -> Token | None:
    """Pattern fallback when the parse gives no subject: the noun phrase just before the cue
    ("Trump has also said") or just after it ("said Trump")."""
    positions = {t.i for t in frame_tokens}
    doc = cue.doc
    j = cue.i - 1
    while j in positions and (doc[j].pos_ in ("AUX", "ADV", "PART") or doc[j].lower_ in (
            "also", "later", "then", "has", "have", "had")):
        j -= 1
    if j in positions and not doc[j].is_space and (
            doc[j].pos_ in ("PROPN", "NOUN") or doc[j].lower_ in SUBJECT_PRONOUNS):
        return doc[j]
    j = cue.i + 1
    head = None
    while j in positions and not doc[j].is_space and (
            doc[j].pos_ in ("PROPN", "NOUN", "DET", "ADJ") or doc[j].lower_ in SUBJECT_PRONOUNS):
        head = doc[j]
        if doc[j].pos_ == "PRON":
            break
        j += 1
    return head


def opening_subject(cue: Token) -> Token | None:
    """'\n\nHillary Clinton says …' when the parser took the paragraph break for a verb: the
    noun phrase that opens the paragraph or sentence right before the cue; its last noun."""
    doc = cue.doc
    j = cue.i - 1
    while j >= 0 and (doc[j].pos_ in ("AUX", "ADV", "PART") and doc[j].lower_ not in ("'s", "’s")):
        j -= 1
    head = doc[j] if j >= 0 and doc[j].pos_ in ("PROPN", "NOUN") else None
    if head is None:
        return None
    k = j
    while k >= 0 and cue.i - k <= 10 and (doc[k].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM")
                                          or doc[k].lower_ in ("'s", "’s", ".")) \
            and not is_break(doc[k]):
        k -= 1
    if k < 0 or is_break(doc[k]) or doc[k].is_sent_end or doc[k].text in SENT_END:
        return head
    return None


def dash_speaker(right: list[Token]) -> tuple[Token, Token] | None:
    """'"…" ― Jane Doe': a quote signed with a dash and a name; (name head, dash)."""
    if len(right) < 2 or right[0].text not in DASHES:
        return None
    head = None
    for tok in right[1:6]:
        if tok.pos_ == "PROPN" or (tok.is_title and tok.is_alpha):
            head = tok
        else:
            break
    return (head, right[0]) if head is not None else None


def colon_speaker(left: list[Token]) -> Token | None:
    """'Republican pollster Daron Shaw: "…"' / 'Trump: ‘I’m the Worst …’' / 'POLLS WERE
    RIGHT - Mark Blumenthal and Jon Cohen: "…"' / 'More from the report: "…"': a name right
    before the colon that opens the quote, with no verb between it and the start of the frame,
    a dash or "from"; the name's last word."""
    words = [t for t in left if not t.is_space]
    if len(words) < 2 or words[-1].text != ":":
        return None
    phrase: list[Token] = []
    for tok in reversed(words[:-1]):
        if tok.text in DASHES or tok.text == "-" or tok.lower_ == "from":
            break
        phrase.insert(0, tok)
    if not phrase or len(phrase) > 12 or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return None
    head = phrase[-1]
    return head if head.pos_ in ("PROPN", "NOUN") else None


def frame_speaker(cue: Token, right: list[Token]) -> Token | None:
    """Speaker of a quote from its frame after it: '"…," [Rep. Gwen Moore (D-Wis.)] said' →
    the words between the quote and the cue; '"…," said [Robert McAtee], one of …' → the
    words after the cue. Returns the phrase's head (its last name word)."""
    right = [t for t in right if not t.is_space or "\n" in t.text]   # "he\xa0told"
    if not right:
        return None
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
                                 SUBJECT_PRONOUNS):
                head = tok
        return head
    after = [t for t in right if t.i > cue.i]
    head = None
    for tok in after:
        if tok.pos_ in ("PROPN",) or (head is not None and tok.pos_ == "PROPN"):
            head = tok
        elif tok.lower_ in SUBJECT_PRONOUNS and head is None:
            return tok
        elif head is not None or tok.is_punct or tok.pos_ in ("ADP", "VERB", "AUX"):
            break
        elif tok.pos_ in ("NOUN", "DET", "ADJ"):
            head = tok if tok.pos_ == "NOUN" else head
    return head


def left_frame_speaker(cue: Token, left: list[Token]) -> Token | None:
    """'[Democratic nominee Hillary Clinton], at a later press gaggle, said, "…"': the noun
    phrase opening the frame, when the cue follows it."""
    head = None
    for tok in left:
        if tok.is_space and "\n" not in tok.text:
            continue
        if tok.i >= cue.i:
            break
        if tok.pos_ in ("PROPN", "NOUN") or (head is None and tok.lower_ in SUBJECT_PRONOUNS):
            head = tok
            if tok.pos_ == "PRON":
                break
        elif tok.pos_ in ("DET", "ADJ", "PUNCT") and head is None and tok.text != ",":
            continue
        else:
            break
    return head


def speaker_for(cue: Token | None, frame_tokens: list[Token],
                 owner: list[int] | None = None) -> Token | None:
    if cue is None:
        return None
    subject = subject_of(cue)
    if valid_speaker(subject, cue) and subject is not None and (
            owner is None or owner[subject.i] == -1):
        return subject
    return adjacent_speaker(cue, frame_tokens) or clause_subject(cue, owner)


def clause_subject(cue: Token, owner: list[int] | None = None) -> Token | None:
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
        if (tok.text in SENT_END and (not inside or closes)) or is_break(tok):
            break
        if not inside and tok.dep_ in ("nsubj", "nsubj:pass") and valid_speaker(tok, cue):
            found = tok
        j -= 1
    return found
