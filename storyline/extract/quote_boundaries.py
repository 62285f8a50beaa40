"""Where an indirect content ends: the learned boundary part of the optional cue model.

A parse subtree often runs past what the speaker said: "… in 2012[, but still lost the
election]", "… the attacks[ and said she would stand up …]", "… a former Miss Universe[,
saying it shows …]". :func:`end_options` lists the places a content may end (its full extent
and every comma, coordinator, subordinator or coordinated/adverbial verb inside it);
:func:`end_features` describes one option for a linear model that picks the most likely end.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.extract.quote_cues import SPEECH_VERBS, cue_lemma
from storyline.extract.quote_spans import trim

__all__ = ["end_features", "end_options"]

_CUT_PUNCT = frozenset({",", ";", "--", "—", "–", "(", ":"})


def _is_cut(doc: Doc, p: int) -> bool:
    tok = doc[p]
    if tok.text in _CUT_PUNCT or tok.dep_ == "cc":
        return True
    if tok.pos_ == "SCONJ" and tok.dep_ == "mark":
        return True
    return tok.pos_ == "VERB" and tok.dep_ in ("advcl", "conj") and tok.tag_ in ("VBG", "VBD",
                                                                               "VBZ")


def end_options(doc: Doc, start: int, end: int) -> list[int]:
    """Exclusive token ends a content [start, end) may have, the full end first (at most
    eight, nearest the full end kept)."""
    options = [end]
    for p in range(end - 1, start + 1, -1):
        if _is_cut(doc, p):
            cut = trim(doc, start, p)[1]
            if cut > start + 1 and cut not in options:
                options.append(cut)
        if len(options) >= 8:
            break
    return options


def _verb_after(doc: Doc, p: int, end: int) -> Token | None:
    return next((t for t in doc[p:min(end, p + 4)] if t.pos_ in ("VERB", "AUX")), None)


def end_features(doc: Doc, cue: Token, start: int, end: int, option: int) -> list[str]:
    """Sparse features of ending the content [start, end) at ``option``."""
    if option == end:
        nxt = doc[end] if end < len(doc) else None
        return ["e=full", f"e.full.next={nxt.text if nxt is not None and nxt.is_punct else '-'}"]
    at = doc[option]
    while at.is_punct and at.i + 1 < end and at.text not in _CUT_PUNCT:
        at = doc[at.i + 1]
    word = at.lower_ if at.is_punct or at.pos_ in ("CCONJ", "SCONJ") or at.dep_ == "cc" \
        else at.pos_
    after = doc[at.i + 1] if at.i + 1 < end else None
    verb = _verb_after(doc, at.i + 1 if at.is_punct or at.dep_ == "cc" else at.i, end)
    feats = ["e=cut", f"e.w={word}", f"e.dep={at.dep_}",
             f"e.next={after.lower_ if after is not None and after.pos_ in ('CCONJ', 'SCONJ', 'PRON', 'DET') else after.pos_ if after is not None else '-'}",
             f"e.left={min(option - start, 24) // 4}", f"e.right={min(end - option, 24) // 4}",
             f"e.cue={cue.pos_}"]
    if verb is not None:
        subj = any(c.dep_.startswith("nsubj") for c in verb.children)
        feats += [f"e.v.dep={verb.dep_}", f"e.v.tag={verb.tag_}", f"e.v.subj={subj}",
                  f"e.v.head_is_cue={verb.head.i == cue.i}"]
        if cue_lemma(verb) in SPEECH_VERBS:
            feats.append("e.v.speech")
    if at.head.i == cue.i:
        feats.append("e.on_cue")
    return feats
