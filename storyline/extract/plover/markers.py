"""PLOVER's auxiliary modes read off the parse: negated, hypothetical, future, a condition,
and historical (background) reports.

All functions look at the trigger and at the clauses that govern it (``X plans to attack``,
``X would only agree if ...``), never beyond its sentence.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["Markers", "markers", "governors"]

from dataclasses import dataclass

_NEG = frozenset({"not", "n't", "never", "no", "nor", "neither"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "can", "must", "'d"})
_INTENT = frozenset({"plan", "intend", "expect", "prepare", "schedule", "set", "aim", "hope",
                     "seek", "want", "wish", "consider", "mull", "weigh", "due", "poised",
                     "likely", "ready", "willing", "eager", "anticipate", "go"})
_HYPOTHETICAL = frozenset({"if", "whether", "unless", "suppose", "imagine", "possible",
                           "possibly", "perhaps", "maybe", "potential", "potentially"})
_CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing", "once", "until"})
_CONDITION_PHRASES = ("contingent on", "contingent upon", "conditional on", "conditional upon",
                      "on condition that", "on the condition that", "in exchange for",
                      "provided that", "providing that", "as long as", "so long as",
                      "subject to", "only if", "only when", "only after", "in return for")
#: A noun event under "since" / "prior to" is background ("since the annexation of Crimea");
#: "after" / "following" name the recent context of the news and are not marked.
_HISTORY_CASES = frozenset({"since", "prior"})
_GOVERN = ("xcomp", "ccomp", "conj", "advcl", "acl")


@dataclass(frozen=True)
class Markers:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    condition: str | None = None
    historical: bool = False


def governors(trigger: Token, limit: int = 3) -> list[Token]:
    """The trigger and the predicates that embed it as a complement ("agreed [to] withdraw")."""
    chain = [trigger]
    node = trigger
    for _ in range(limit):
        if node.dep_ not in ("xcomp",) or node.head == node:
            break
        node = node.head
        chain.append(node)
    return chain


def _children(tokens: list[Token]) -> list[Token]:
    return [c for t in tokens for c in t.children]


def _negated(trigger: Token, chain: list[Token]) -> bool:
    for tok in chain:
        for child in tok.children:
            if child.dep_ in ("neg", "advmod", "det", "aux", "part") and child.lower_ in _NEG:
                return True
            if child.dep_ == "det" and child.lower_ == "no":
                return True
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head != trigger:
        head = trigger.head
        if head.pos_ in ("VERB", "AUX") and any(c.lower_ in _NEG for c in head.children
                                                if c.dep_ in ("advmod", "neg", "part")):
            return True
    return False


def _future(chain: list[Token]) -> bool:
    for tok in chain:
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "aux:pass")}
        if aux & _FUTURE_AUX:
            return True
        if tok.lemma_.lower() in _INTENT and tok is not chain[0]:
            return True
    first = chain[0]
    if first.dep_ == "xcomp" and first.head.lemma_.lower() == "go" and first.head.tag_ == "VBG":
        return True
    return False


def _condition_clause(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("advcl", "obl", "nmod", "advmod", "acl"):
            marks = {g.lower_ for g in child.children if g.dep_ in ("mark", "case", "advmod")}
            if marks & _CONDITION_MARKS or child.lower_ in ("contingent", "conditional",
                                                            "provided", "providing"):
                return child
    return None


def _condition_text(trigger: Token, chain: list[Token]) -> str | None:
    sent = trigger.sent
    for tok in chain:
        clause = _condition_clause(tok)
        if clause is not None:
            tokens = sorted(clause.subtree, key=lambda t: t.i)
            start, end = tokens[0], tokens[-1]
            # include a preceding "only" ("only if Russia agrees")
            if start.i > sent.start and start.nbor(-1).lower_ == "only":
                start = start.nbor(-1)
            text = sent.doc.text[start.idx: end.idx + len(end.text)]
            return " ".join(text.strip(" ,.;").split())
    lowered = sent.text.lower()
    for phrase in _CONDITION_PHRASES:
        at = lowered.find(phrase)
        if at >= 0 and sent.start_char + at > trigger.idx:
            tail = sent.text[at:]
            for stop in (";", " — ", " - ", ". "):
                cut = tail.find(stop)
                if cut > 0:
                    tail = tail[:cut]
            return " ".join(tail.strip(" ,.;").split())
    return None


def _hypothetical(trigger: Token, chain: list[Token]) -> bool:
    for tok in chain:
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "aux:pass")}
        if aux & _MODAL_AUX:
            return True
        for child in tok.children:
            if child.dep_ == "advmod" and child.lower_ in _HYPOTHETICAL:
                return True
    top = chain[-1]
    if top.dep_ == "advcl" and any(c.lower_ in ("if", "unless", "whether")
                                   for c in top.children if c.dep_ == "mark"):
        return True
    if any(c.lower_ in ("if", "whether") for c in top.children if c.dep_ == "mark"):
        return True
    if trigger.pos_ in ("NOUN", "PROPN"):
        return any(c.lower_ in ("potential", "possible", "proposed", "planned", "any")
                   for c in trigger.children if c.dep_ in ("amod", "det"))
    return False


def _historical(trigger: Token, chain: list[Token]) -> bool:
    if trigger.pos_ in ("NOUN", "PROPN"):
        cases = {c.lower_ for c in trigger.children if c.dep_ in ("case", "mark")}
        if cases & _HISTORY_CASES:
            return True
        head = trigger.head
        if trigger.dep_ in ("nmod", "conj") and head.pos_ == "NOUN":
            return _historical(head, [head]) if head != trigger else False
        return False
    for tok in chain:
        aux = [c for c in tok.children if c.dep_ in ("aux", "aux:pass")]
        if tok.tag_ == "VBN" and any(a.lower_ == "had" for a in aux):
            return True
    return False


def markers(trigger: Token) -> Markers:
    """The auxiliary modes of the event triggered by ``trigger``."""
    chain = governors(trigger)
    condition = _condition_text(trigger, chain)
    return Markers(negated=_negated(trigger, chain),
                   hypothetical=_hypothetical(trigger, chain),
                   future=_future(chain),
                   condition=condition,
                   historical=_historical(trigger, chain))
