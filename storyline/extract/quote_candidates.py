"""Candidate attributions for the optional learned cue model (:mod:`quote_learned`).

Every verb (and every noun with a clause or "of/for/about …" phrase) whose complement could be
reported content becomes one :class:`Candidate`: the cue token, the *frame* that holds the
content (``ccomp`` "said that …", ``xcomp`` "vowed to …", ``obj`` "criticized the plan",
``obl`` "complained about …", ``acl``/``nmod`` for nouns: "his plan to …", "critic of …"),
the content token range and the source head. :func:`features` describes a candidate as sparse
string features (lemma, frame, subject kind, …) for a linear classifier.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.extract.quote_cues import (
    EVIDENCE_VERBS,
    OBJ_CUES,
    SPEECH_VERBS,
    THOUGHT_VERBS,
    XCOMP_CUES,
    cue_lemma,
)
from storyline.extract.quote_indirect import cue_speaker
from storyline.extract.quote_spans import content_range, is_break, same_paragraph

__all__ = ["Candidate", "candidates", "features"]

#: Verb frames in order of preference (the first one a verb has is its candidate).
_VERB_FRAMES = ("ccomp", "xcomp", "obj", "obl")
_NOUN_FRAMES = ("acl", "nmod")
_OBL_CASES = frozenset("about on of for over against with to at".split())
_STOP_DEPS = ("conj", "cc", "parataxis")
_PERSON_PRONOUNS = frozenset("he she they i we you".split())


@dataclass(frozen=True)
class Candidate:
    """A possible attribution: ``cue`` token index, ``frame``, content token range
    [``start``, ``end``) and the source head token index (or ``None``)."""

    cue: int
    frame: str
    start: int
    end: int
    source: int | None
    case: str = ""


def _right_phrase(cue: Token, target: Token) -> tuple[int, int] | None:
    """Words the cue governs from ``target`` on, up to a coordinated verb or clause."""
    stop = min((c.i for c in cue.children if c.dep_ in _STOP_DEPS and c.i > target.i),
               default=len(cue.doc))
    right = [t.i for t in cue.subtree if cue.i < t.i < stop and t.i >= min(
        x.i for x in target.subtree)]
    if not right:
        return None
    return min(right), max(right) + 1


def _frame_of(tok: Token) -> tuple[str, Token, str] | None:
    kids = [c for c in tok.children if c.i > tok.i and not c.is_space and not c.is_punct
            and same_paragraph(c, tok)]
    frames = _VERB_FRAMES if tok.pos_ in ("VERB", "AUX") else _NOUN_FRAMES
    for frame in frames:
        for child in kids:
            dep = child.dep_.split(":")[0]
            if dep != frame or (frame == "acl" and child.dep_ == "acl:relcl"):
                continue
            case = ""
            if frame in ("obl", "nmod"):
                case = next((c.lower_ for c in child.children if c.dep_ == "case"), "")
                if case not in _OBL_CASES:
                    continue
            return frame, child, case
    return None


def _noun_source(tok: Token) -> Token | None:
    poss = next((c for c in tok.children if c.dep_ == "nmod:poss"), None)
    if poss is not None:
        return poss
    head = tok.head
    if tok.dep_ in ("obj", "nsubj") and head.pos_ in ("VERB", "AUX"):
        return next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")
                     and c.i != tok.i), None)
    return None


def candidates(doc: Doc, skip: set[int]) -> list[Candidate]:
    """One candidate per verb or noun with a content-like complement; ``skip`` holds token
    indices that cannot be cues (already used, or inside quotation marks)."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.i in skip or tok.pos_ not in ("VERB", "NOUN", "AUX") or not tok.is_alpha:
            continue
        found = _frame_of(tok)
        if found is None:
            continue
        frame, child, case = found
        if frame == "ccomp" or frame == "acl":
            lo = min(t.i for t in child.subtree)
            span = (lo, max(t.i for t in child.subtree) + 1)
        elif frame in ("obl", "nmod"):
            idx = [t.i for t in child.subtree if not (t.dep_ == "case" and t.head.i == child.i)]
            span = (min(idx), max(idx) + 1)
        else:
            phrase = _right_phrase(tok, child)
            if phrase is None:
                continue
            span = phrase
        start, end = content_range(doc, *span)
        if end - start < 1 or any(is_break(t) for t in doc[start:end - 1]):
            continue
        if tok.pos_ == "NOUN":
            source = _noun_source(tok)
        else:
            source = cue_speaker(tok)
        out.append(Candidate(tok.i, frame, start, end,
                             source.i if source is not None else None, case))
    return out


def _subject_features(doc: Doc, cand: Candidate) -> list[str]:
    if cand.source is None:
        return ["s=none"]
    s = doc[cand.source]
    feats = [f"s.pos={s.pos_}"]
    if s.lower_ in _PERSON_PRONOUNS:
        feats.append("s=person-pron")
    elif s.ent_type_:
        feats.append(f"s.ent={s.ent_type_}")
    elif s.pos_ == "NOUN":
        feats.append(f"s.lemma={s.lemma_.lower()}")
    return feats


def features(doc: Doc, cand: Candidate, inside: Set[int] = frozenset()) -> list[str]:
    """Sparse string features of a candidate (all weights are learned on PolNeAR train);
    ``inside`` holds the tokens of contents the rules already report (a cue there is nested,
    and PolNeAR marks each token once)."""
    tok = doc[cand.cue]
    lemma = cue_lemma(tok)
    first = doc[cand.start].lower_
    n = cand.end - cand.start
    feats = [
        "bias", f"l={lemma}", f"f={cand.frame}", f"lf={lemma}|{cand.frame}",
        f"pos={tok.pos_}", f"dep={tok.dep_}", f"tag={tok.tag_}", f"c0={first}",
        f"fc0={cand.frame}|{first if first in ('that', 'to', 'whether', 'if', 'how') else '-'}",
        f"len={min(n, 20) // 4}",
    ]
    if cand.case:
        feats += [f"case={cand.case}", f"lc={lemma}|{cand.case}"]
    if any(c.dep_ == "advmod" and c.lower_ in ("not", "n't", "never") for c in tok.children):
        feats.append("neg")
    if lemma in SPEECH_VERBS:
        feats.append("lex=speech")
    if lemma in THOUGHT_VERBS | EVIDENCE_VERBS:
        feats.append("lex=thought")
    if lemma in OBJ_CUES | XCOMP_CUES:
        feats.append("lex=frame")
    feats += _subject_features(doc, cand)
    if cand.cue in inside:
        feats += ["nested", f"nested|{cand.frame}"]
    if any(t.text in ('"', "“", "”") for t in doc[cand.start:cand.end]):
        feats.append("c.quote")
    if cand.source is not None:
        feats.append(f"ls={lemma}|{'src' if doc[cand.source].pos_ in ('PROPN', 'PRON') else 'n'}")
    return feats
