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

from storyline.extract.plover.actors import ActorIndex, is_actorlike, source_of
from storyline.extract.plover.issues import VAGUE, issue_key, issue_of_text
from storyline.extract.plover.markers import markers
from storyline.records import ActorRef, Article, Entity, Position

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
_ISSUE_CASES = frozenset({"for", "to", "on", "of", "about", "over"})
#: Verbs through which a stance noun is its subject's stance ("expressed support for").
_NOUN_CARRIERS = frozenset({"express", "voice", "pledge", "give", "offer", "declare", "announce",
                            "reiterate", "make", "issue", "present", "set", "lay", "signal",
                            "show", "convey", "state", "repeat", "outline", "put", "have"})
_PROPOSED = frozenset({"proposed", "suggested", "offered", "backed", "sponsored", "brokered",
                       "drafted"})
_CONDITION_HEADS = frozenset({"demand", "insist", "require", "condition", "set", "lay",
                              "outline", "attach", "want", "stipulate"})


def _phrase(token: Token) -> list[Token]:
    return sorted(token.subtree, key=lambda t: t.i)


_CLAUSAL = frozenset({"acl", "acl:relcl", "relcl", "advcl", "parataxis", "appos", "ccomp"})


def _core(token: Token) -> list[Token]:
    """A noun phrase without the clauses attached to it ("the idea [while outlining ...]")."""
    out = [token]
    for child in token.children:
        if child.dep_ not in _CLAUSAL and child.dep_ != "punct":
            out.extend(_core(child))
    return sorted(out, key=lambda t: t.i)


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return " ".join(doc.text[tokens[0].idx: tokens[-1].idx + len(tokens[-1].text)].split())


def _stance_of(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if token.tag_ == "VBN" and token.dep_ in ("amod", "acl"):
        return None   # "Russian-backed separatists", "the U.S.-proposed ceasefire"
    if token.pos_ in ("VERB", "AUX"):
        stance = STANCE_VERBS.get(lemma)
        if lemma == "want" and any(c.dep_ in ("obj", "dobj") for c in token.children) and \
                any(c.dep_ == "xcomp" for c in token.children):
            return "demand"   # "Washington wants Russia to agree to a ceasefire"
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
            if child.dep_ == "advcl" and "to" not in cases:
                continue   # "while outlining conditions": not the object of the stance
            phrases.append(_core(child) if child.pos_ in ("NOUN", "PROPN", "PRON") else
                           _phrase(child))
    if token.pos_ in ("NOUN", "PROPN"):
        if token.dep_ == "compound":   # "the ceasefire proposal"
            phrases.append(_phrase(token.head))
        if token.dep_ in ("obj", "dobj") and token.head.lemma_.lower() in _NOUN_CARRIERS:
            for child in token.head.children:   # "expressed support [for the ceasefire]"
                cases = {g.lower_ for g in child.children if g.dep_ in ("case", "mark")}
                if (child.dep_ == "obl" and cases & _ISSUE_CASES) or (
                        child.dep_ in ("advcl", "xcomp") and "to" in cases):
                    phrases.append(_phrase(child))   # "conveyed readiness [to discuss ...]"
    return [p for p in phrases if p]


def _issue(token: Token, recent: str | None) -> str | None:
    phrases = _issue_phrases(token)
    for phrase in phrases:
        found = issue_key(phrase)
        if found:
            return found
    if token.pos_ in ("NOUN", "PROPN") and token.lower_ != "for":
        return None
    vague = any(t.lemma_.lower() in VAGUE or t.pos_ == "PRON" for p in phrases for t in p
                if t.head not in p or t.head == t)
    return recent if vague else None


def _conditions(token: Token) -> str | None:
    """A condition on the stance: an if/only-if/contingent clause, or a coordinated clause that
    sets conditions ("supports it but demands that Ukraine stop mobilisation")."""
    stated = _trim(markers(token).condition)
    if stated:
        return stated
    for conj in token.children:
        if conj.dep_ not in ("conj", "advcl") or conj.pos_ not in ("VERB", "AUX"):
            continue   # "but demands that ...", "while outlining conditions"
        for tok in conj.subtree:
            if tok.lemma_.lower() in _CONDITION_HEADS:
                for child in tok.children:
                    if child.dep_ in ("ccomp", "acl", "xcomp", "obj", "nmod"):
                        inner = [t for t in child.subtree if t.dep_ != "mark" or t.i != child.i]
                        text = _text(sorted(inner, key=lambda t: t.i))
                        if text:
                            return text.removeprefix("that ").strip(" ,.")
    return None


def _trim(condition: str | None) -> str | None:
    """Cut a condition at a following contrast ("..., but no agreements ...")."""
    if not condition:
        return condition
    for stop in (", but ", " but ", "; ", " — "):
        at = condition.find(stop)
        if at > 0:
            condition = condition[:at]
    return condition.strip(" ,.") or None
    return None


def _actor(token: Token) -> Token | None:
    if token.lower_ == "for":   # "Putin was all for a ceasefire": the subject of "was"
        node = token.head
        while node.head != node and node.dep_ not in ("ROOT",):
            if any(c.dep_ == "nsubj" for c in node.children):
                break
            node = node.head
        return next((c for c in node.children if c.dep_ == "nsubj"), None)
    if token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            if child.dep_ in ("nmod:poss", "poss"):
                return child
        head = token.head
        if token.dep_ == "compound" and head.pos_ in ("NOUN", "PROPN"):
            for child in head.children:
                if child.dep_ in ("nmod:poss", "poss") or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                    return child
        if token.dep_ in ("obj", "dobj") and head.lemma_.lower() in _NOUN_CARRIERS:
            return source_of(head)
        return None
    return source_of(token)


def _proposed_issue(token: Token, index: ActorIndex) -> tuple[ActorRef, str] | None:
    """"Trump's proposed cease-fire", "the U.S.-proposed ceasefire": an offer by the possessor
    or by the name joined to the participle."""
    lower = token.lower_
    joined = next((p for p in _PROPOSED if lower.endswith("-" + p)), None)
    if lower not in _PROPOSED and joined is None:
        return None
    noun = token.head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if noun.dep_ in ("compound", "nummod", "amod") and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head   # "the U.S.-proposed 30-day ceasefire": "day" is a compound
    issue = issue_of_text(_text(_phrase(noun)))
    if issue is None:
        return None
    if joined is not None:   # one token "U.S.-proposed": the name is its first part
        name = token.text[: len(token.text) - len(joined) - 1]
        entity = index.entity_at(token.idx, token.idx + len(name))
        return (ActorRef(entity.id, entity.name) if entity else ActorRef(None, name)), issue
    for child in noun.children:
        if child.dep_ in ("nmod:poss", "poss"):
            return index.ref(child), issue
    prev = token.nbor(-1) if token.i > token.sent.start else None
    if prev is not None and prev.text == "-" and prev.i > token.sent.start:
        return index.ref(token.doc[prev.i - 1]), issue
    return None


#: Pronouns that name nobody unless the entities stage resolved them.
_UNRESOLVED = frozenset({"this", "that", "it", "its", "they", "their", "them", "we", "our", "us",
                         "i", "he", "she", "his", "her", "him", "you", "these", "those",
                         "which", "who"})
_DOUBT = frozenset({"skeptical", "sceptical", "doubtful", "unsure", "uncertain", "whether"})


def _in_condition(token: Token) -> bool:
    """Inside an if / unless / whether clause or a doubt ("skeptical about Russia accepting"):
    a hypothetical, not a position."""
    node = token
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children):
            return True
        if node.lower_ in _DOUBT:
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def _embedded(token: Token) -> bool:
    """The content of another stance ("wants Russia to [agree to] a ceasefire", "seeks to
    garner Russia's [backing]", "accepted the ceasefire [proposal]")."""
    node = token
    for _ in range(3):
        if node.dep_ not in ("obj", "dobj", "xcomp", "ccomp", "advcl", "nmod", "obl") or \
                node.head == node:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX", "NOUN") and _stance_of(node) is not None:
            return True
    return False


def _sentence_positions(sent: Span, index: ActorIndex, recent: str | None) -> list[Position]:
    out: list[Position] = []
    seen: set[tuple[str | None, str, str]] = set()
    for token in sent:
        proposed = _proposed_issue(token, index)
        if proposed is not None:
            actor = proposed[0]
            key = (actor.entity or actor.name, proposed[1], "offer")
            if actor.name and key not in seen:
                seen.add(key)
                out.append(Position(actor=actor, issue=proposed[1], stance="offer",
                                    evidence=(sent.start_char, sent.end_char)))
        stance = _stance_of(token)
        if stance is None or _in_condition(token) or _embedded(token):
            continue
        issue = _issue(token, recent)
        actor_token = _actor(token)
        if issue is None or actor_token is None:
            continue
        if not (is_actorlike(actor_token) or actor_token.pos_ == "PRON"):
            continue
        marks = markers(token)
        if marks.hypothetical and stance != "demand":
            continue
        condition = _conditions(token.head.head if token.lower_ == "for" else token)
        if marks.negated and stance == "support":
            stance = "oppose"
        elif condition and stance in ("support", "offer"):
            stance = "conditional"
        for actor_tok in [actor_token] + [c for c in actor_token.children
                                          if c.dep_ == "conj" and is_actorlike(c)]:
            actor = index.ref(actor_tok)
            key = (actor.entity or actor.name, issue, stance)
            if not actor.name or key in seen or (actor.entity is None and
                                                 actor.name.lower() in _UNRESOLVED):
                continue   # "this demands ...", an unresolved "we": no actor to report
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
