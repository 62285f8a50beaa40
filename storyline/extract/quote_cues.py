"""Cue words of reported speech and the speaker (source) phrase of a cue, on a UD parse.

The lexicon lists verb lemmas that report speech or a stated position ("say", "warn",
"insist") and, separately, verbs of thought and perception that PolNeAR also annotates as
attribution ("believe", "think"): an indirect statement needs a clausal complement
(``ccomp``) or an "according to" phrase; a direct quote only needs the cue next to it.
The lists were built from the PolNeAR **train** split's cue words (frequency and precision of
each lemma as a cue when it governs a clause) plus common newswire verbs; see
``docs/benchmarks-quotes.md``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = ["EVIDENCE_VERBS", "OBJ_CUES", "XCOMP_CUES", "SPEECH_VERBS", "THOUGHT_VERBS", "FRAME_VERBS", "cue_lemma", "is_cue",
           "speaker_phrase", "subject_of"]

#: Verbs that report what someone said, wrote or stated.
SPEECH_VERBS: frozenset[str] = frozenset("""
say tell add write ask note report announce suggest argue tweet explain declare acknowledge
claim state warn insist reply respond recall concede admit stress emphasise emphasize confirm
deny predict promise vow pledge urge repeat remark elaborate observe comment complain mention
reiterate indicate signal assert contend maintain allege caution hint conclude testify counter
quip joke boast shout yell reveal answer agree propose demand accuse charge blame retort
explain estimate disclose specify affirm affirmed proclaim lament acknowledge threaten suggest
advise recommend predict assure admit complain concede interject muse opine posit told
describe write post reply respond continue point wonder question
read boom exclaim plead scream chant snap whisper recount gush marvel lecture
""".split())

#: Verbs of thought, belief and perception: attribution, but not speech.
THOUGHT_VERBS: frozenset[str] = frozenset("""
believe think hope fear expect feel worry know understand suspect doubt assume realize
realise figure reckon
""".split())

#: Verbs of finding and showing ("A poll shows that …", "the study found that …").
EVIDENCE_VERBS: frozenset[str] = frozenset("show find imply demonstrate recognize realize".split())

#: Verbs whose infinitive complement is the reported content ("vowed to fight on", "urged
#: Russia to agree"): PolNeAR train, precision >= 0.55 as a cue over >= 5 occurrences.
XCOMP_CUES: frozenset[str] = frozenset("""
decline vow promise call show expect ask refuse urge decide say tell pledge threaten
""".split())

#: Verbs whose object is the reported content ("criticized the plan", "cited the report"):
#: PolNeAR train, precision >= 0.6 over >= 5 occurrences (addressee verbs like "tell" left out).
OBJ_CUES: frozenset[str] = frozenset("""
note tout blast dismiss denounce praise highlight accuse congratulate cite recall tweet
reference hail argue discuss mention criticize criticise point express applaud acknowledge
describe announce explain repeat demand report slam prefer endorse decry condemn reiterate
""".split())

#: Verbs that frame a direct quote without a clause ("called it", "described it as").
FRAME_VERBS: frozenset[str] = frozenset("""
call describe label dub term brand characterize characterise deem praise criticize criticise
denounce decry dismiss condemn
""".split())

_SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
#: Edges climbed from a cue to the verb that holds its subject ("X tweeted, saying …").
_CLIMB = ("advcl", "xcomp", "conj", "parataxis", "dep")
_NOUNISH = ("NOUN", "PROPN", "PRON", "NUM", "X")


def cue_lemma(token: Token) -> str:
    """The lemma used to look a cue up (lower case; "said" → "say")."""
    lemma = token.lemma_.lower()
    if lemma in ("says", "said"):
        return "say"
    return lemma


def is_cue(token: Token, thought: bool = True) -> bool:
    """Whether ``token`` is a verb of speech (or, with ``thought``, of thought)."""
    if token.pos_ not in ("VERB", "AUX") and token.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return False
    lemma = cue_lemma(token)
    return lemma in SPEECH_VERBS or (thought and lemma in THOUGHT_VERBS | EVIDENCE_VERBS)


def subject_of(cue: Token) -> Token | None:
    """The grammatical subject of ``cue``; for "…, saying that", "X wants to say" or "X, in
    response, described … and suggested …" the subject of the governing verb (up to three
    steps up, never across a paragraph break); ``None`` when there is none."""
    token = cue
    for _ in range(4):
        for child in token.children:
            if child.dep_ in _SUBJECTS and not child.is_space:
                return child
        head = token.head
        if head.i == token.i or token.dep_ not in _CLIMB or head.is_space \
                or head.pos_ not in ("VERB", "AUX"):
            return None
        if any("\n" in t.text or "\n" in t.whitespace_
               for t in cue.doc[min(head.i, cue.i):max(head.i, cue.i)]):
            return None
        token = head
    return None


def speaker_phrase(head: Token, limit: Span | None = None) -> tuple[int, int]:
    """Token range [start, end) of the speaker noun phrase headed by ``head``.

    Keeps compounds, modifiers, possessives and "of"-phrases ("Joel Pollak of Breitbart
    California"), drops relative clauses, appositions set off by commas and trailing punctuation
    (PolNeAR source spans are names or short noun phrases)."""
    if head.pos_ == "PRON":
        return head.i, head.i + 1
    keep: list[Token] = [head]
    for child in head.children:
        if child.dep_ in ("acl:relcl", "appos", "punct", "cc", "conj", "acl", "parataxis",
                          "advmod", "dep", "case", "mark"):
            continue
        keep.extend(child.subtree)
    # and "X and Y said": keep a coordinated subject whole
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in _NOUNISH:
            keep.extend(t for t in child.subtree if t.dep_ not in ("acl:relcl", "appos"))
            keep.extend(c for c in head.children if c.dep_ == "cc")
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    # never cross a paragraph break
    for t in head.doc[start:head.i]:
        if "\n" in t.text or "\n" in t.whitespace_:
            start = t.i + 1
    for t in head.doc[head.i:end]:
        if "\n" in t.text or ("\n" in t.whitespace_ and t.i >= head.i):
            end = t.i + (0 if "\n" in t.text else 1)
            break
    # never cross a comma that sets off an apposition or clause
    for t in head.doc[start:head.i]:
        if t.text == "," and t.i < head.i:
            start = t.i + 1
    for t in head.doc[head.i:end]:
        if t.text in (",", "(", "—", "–") and t.i > head.i:
            end = t.i
            break
    # "White House press secretary Caroline Leavitt": a name right after a title noun the
    # parser made a second subject
    doc = head.doc
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].head.i in (
            head.head.i, end - 1, head.i) and doc[end].dep_ in ("nsubj", "flat", "compound",
                                                                 "appos"):
        end += 1
    # and a first name the parser left unattached ("said Caroline Leavitt")
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
            and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    if limit is not None:
        start, end = max(start, limit.start), min(end, limit.end)
    while end > start + 1 and head.doc[end - 1].is_punct:
        end -= 1
    while start < end - 1 and head.doc[start].is_punct:
        start += 1
    return start, end
