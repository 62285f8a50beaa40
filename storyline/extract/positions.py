"""Actor positions on issues: who supports, opposes, demands or offers what, and on which
condition.

* :func:`extract_positions` — ``"Kyiv accepts the 30-day ceasefire if Russia does the same"`` →
  ``Position(actor=Kyiv, issue="ceasefire", stance="conditional", condition="if Russia does
  the same")``. A stance word (verb: support / oppose / demand / offer families; noun: "support
  for", "opposition to", "demands", "proposal") whose object phrase names an issue of the issue
  lexicon (``plover/issues.py``; else the lemma head of the object) gives a position of the
  stance word's actor. A supporting or offering stance with a condition ("only if", "contingent
  on", "provided that", or a coordinated "but demands that ...") is ``conditional``; a negated
  support is ``oppose``. Vague objects ("supports the idea") take the issue of the preceding
  two sentences.
* :func:`positions_stage` — the pipeline stage ``extract.positions.v1``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from storyline.extract.plover.actors import ActorIndex, source_of
from storyline.extract.plover.issues import issue_key, issue_of_text
from storyline.extract.plover.markers import markers
from storyline.records import Article, Entity, Position

__all__ = ["STANCE_VERBS", "STANCE_NOUNS", "extract_positions", "positions_stage"]

STANCE_VERBS: dict[str, str] = {
    **dict.fromkeys(("support", "endorse", "back", "favor", "favour", "accept", "welcome",
                     "approve", "advocate", "embrace", "agree", "want", "desire", "champion",
                     "like"), "support"),
    **dict.fromkeys(("oppose", "reject", "dismiss", "resist", "refuse", "criticize",
                     "criticise", "condemn", "denounce", "veto", "rebuff", "decline"), "oppose"),
    **dict.fromkeys(("demand", "insist", "require", "urge", "press", "seek", "request",
                     "call"), "demand"),
    **dict.fromkeys(("offer", "propose", "suggest", "present", "pitch", "put", "float"),
                    "offer"),
}
STANCE_NOUNS: dict[str, str] = {
    **dict.fromkeys(("support", "backing", "endorsement", "readiness", "willingness",
                     "desire", "acceptance", "favor", "favour"), "support"),
    **dict.fromkeys(("opposition", "rejection", "resistance", "objection"), "oppose"),
    **dict.fromkeys(("demand", "condition", "stipulation", "precondition", "insistence",
                     "call", "request"), "demand"),
    **dict.fromkeys(("proposal", "offer", "initiative"), "offer"),
}
_OBJECT_DEPS = frozenset({"obj", "dobj", "xcomp", "ccomp", "obl", "nmod", "nsubj:pass",
                          "acl", "advcl"})
_ISSUE_CASES = frozenset({"for", "to", "on", "of", "about", "over", "in"})
_CONDITION_HEADS = frozenset({"demand", "insist", "require", "condition", "set", "lay",
                              "outline", "attach", "want", "stipulate"})


def _phrase(token: Token) -> list[Token]:
    return sorted(token.subtree, key=lambda t: t.i)


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return " ".join(doc.text[tokens[0].idx: tokens[-1].idx + len(tokens[-1].text)].split())


def _stance_of(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        stance = STANCE_VERBS.get(lemma)
        if lemma == "call" and not any(c.lower_ in ("for", "on") for c in token.subtree
                                       if c.dep_ in ("case", "compound:prt", "mark")):
            return None
        if lemma == "put" and not any(c.lower_ == "forward" for c in token.children):
            return None
        if lemma == "agree" and not any(c.dep_ in ("obl", "xcomp") for c in token.children):
            return None
        return stance
    if token.pos_ in ("NOUN", "PROPN"):
        return STANCE_NOUNS.get(lemma)
    if token.lower_ == "for" and token.i > 0 and token.nbor(-1).lower_ == "all":
        return "support"   # "Putin was all for a ceasefire"
    return None


def _issue_phrases(token: Token) -> list[list[Token]]:
    if token.lower_ == "for":
        return [_phrase(token.head)]
    phrases: list[list[Token]] = []
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS:
            cases = {g.lower_ for g in child.children if g.dep_ in ("case", "mark")}
            if child.dep_ in ("obl", "nmod") and not (cases & _ISSUE_CASES):
                continue
            phrases.append(_phrase(child))
    if token.pos_ in ("NOUN", "PROPN"):
        # "the U.S.-proposed 30-day ceasefire", "Trump's proposed cease-fire"
        phrases.append([t for t in token.head.subtree] if token.dep_ == "compound" else [])
    return [p for p in phrases if p]


def _issue(token: Token, recent: str | None) -> str | None:
    found: str | None = None
    for phrase in _issue_phrases(token):
        found = issue_key(phrase)
        if found:
            return found
    return recent


def _conditions(token: Token) -> str | None:
    """A condition on the stance: an if/only-if/contingent clause, or a coordinated clause that
    sets conditions ("supports it but demands that Ukraine stop mobilisation")."""
    stated = markers(token).condition
    if stated:
        return stated
    for conj in token.children:
        if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX"):
            continue
        for tok in conj.subtree:
            if tok.lemma_.lower() in _CONDITION_HEADS:
                for child in tok.children:
                    if child.dep_ in ("ccomp", "acl", "xcomp", "obj", "nmod"):
                        inner = [t for t in child.subtree if t.dep_ != "mark" or t.i != child.i]
                        text = _text(sorted(inner, key=lambda t: t.i))
                        if text:
                            return text.removeprefix("that ").strip(" ,.")
    return None


def _actor(token: Token) -> Token | None:
    if token.lower_ == "for":   # "Putin was all for a ceasefire": the subject of "was"
        node = token.head
        while node.head is not node and node.dep_ not in ("ROOT",):
            if any(c.dep_ == "nsubj" for c in node.children):
                break
            node = node.head
        return next((c for c in node.children if c.dep_ == "nsubj"), None)
    if token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            if child.dep_ in ("nmod:poss", "poss"):
                return child
        for left in token.lefts:
            if left.dep_ == "compound" and left.lemma_.lower() in ("proposed",):
                continue
        head = token.head
        if token.dep_ == "compound" and head.pos_ in ("NOUN", "PROPN"):
            for child in head.children:
                if child.dep_ in ("nmod:poss", "poss", "compound") and child.pos_ == "PROPN":
                    return child
        if head.pos_ in ("VERB", "AUX"):
            return source_of(head)
        return None
    return source_of(token)


def _sentence_positions(sent: Span, index: ActorIndex, recent: str | None) -> list[Position]:
    out: list[Position] = []
    seen: set[tuple[str | None, str, str]] = set()
    for token in sent:
        stance = _stance_of(token)
        if stance is None:
            continue
        issue = _issue(token, recent)
        actor_token = _actor(token)
        if issue is None or actor_token is None:
            continue
        actor = index.ref(actor_token)
        if not actor.name:
            continue
        marks = markers(token)
        condition = _conditions(token)
        if marks.negated and stance == "support":
            stance = "oppose"
        elif condition and stance in ("support", "offer"):
            stance = "conditional"
        key = (actor.entity or actor.name, issue, stance)
        if key in seen:
            continue
        seen.add(key)
        out.append(Position(actor=actor, issue=issue, stance=stance,  # type: ignore[arg-type]
                            evidence=(sent.start_char, sent.end_char), condition=condition))
    return out


def extract_positions(doc: Doc, entities: Sequence[Entity] = ()) -> tuple[Position, ...]:
    """Every actor position of a parsed text, in text order."""
    index = ActorIndex(entities)
    positions: list[Position] = []
    history: list[str | None] = []
    for sent in doc.sents:
        recent = next((i for i in reversed(history[-2:]) if i), None)
        positions.extend(_sentence_positions(sent, index, recent))
        history.append(issue_of_text(sent.text) or recent)
    return tuple(positions)


def positions_stage(article: Article, doc: Doc, settings: object = None) -> Article:
    """Pipeline stage ``extract.positions.v1``: ``article.positions`` from the shared parse."""
    return article.replace(positions=extract_positions(doc, article.entities))
