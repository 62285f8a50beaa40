"""Recipients (targets) of events: to whom it was done, read off the dependency parse.

:func:`target_of` searches the trigger's arguments breadth first for the nearest actor-like
word, with the conventions of event coders: giving verbs' "to" phrase, the named owner of a
thing acted on, a place only when no actor argument is named, never a coordinated clause with
its own subject (a reporting "..., officials told AFP").
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.extract.plover.actors import (
    OBJ_DEPS,
    PASS_SUBJ_DEPS,
    SUBJ_DEPS,
    between_of,
    is_actorlike,
    is_datelike,
    phrase_head,
    subject_of,
)

__all__ = ["TRANSFER_VERBS", "protest_target", "target_of"]

_BFS_DEPS = frozenset({"obj", "dobj", "iobj", "obl", "nmod", "xcomp", "ccomp", "nsubj",
                       "nsubj:pass", "conj", "nmod:poss", "compound", "amod", "appos", "acl",
                       "advcl", "obl:arg", "csubj"})


def target_of(trigger: Token, source: Token | None) -> Token | None:
    """The head token of the event's recipient (target), if the sentence names one: the nearest
    actor-like word among the trigger's arguments (passive subject, object, clausal subject,
    prepositional arguments), searched breadth first through its phrase ("imposed sanctions
    on the Taliban" → Taliban; "demanded that the US cancel ..." → US)."""
    skip: set[int] = set()
    if source is not None:   # a misparsed main verb hangs below its actor ("gunmen [killed] ...")
        own = {t.i for t in trigger.subtree} if source.is_ancestor(trigger) else set()
        skip.update(t.i for t in source.subtree if t.i not in own)
    skip.add(trigger.i)
    frontier = [c for c in trigger.children if c.dep_ in _BFS_DEPS and not _own_clause(c) and
                not (c.dep_ in ("nsubj",) and trigger.pos_ not in ("NOUN", "PROPN"))]
    if trigger.dep_ == "xcomp" and not any(c.dep_ in ("obj", "dobj") for c in trigger.children):
        frontier += [c for c in trigger.head.children if c.dep_ in ("obj", "dobj", "iobj")]
    if source is not None and between_of(trigger) == source:   # "between X and Y": Y
        other = next((c for c in source.children if c.dep_ == "conj"), None)
        if other is not None:
            return other
    if trigger.dep_ in ("amod", "compound") and trigger.head.i > trigger.i and \
            trigger.pos_ == "VERB":   # a misparsed past tense before its object
        frontier.append(trigger.head)
    if trigger.dep_ == "compound" and trigger.head.pos_ in ("NOUN", "PROPN"):
        frontier += [c for c in trigger.head.children if c.dep_ in ("nmod", "obl")]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("obj", "dobj"):
        frontier += [c for c in trigger.head.children if c.dep_ in ("obl", "iobj", "ccomp")
                     and c.i != trigger.i]
    recipient = _transfer_recipient(trigger, skip)
    if recipient is not None:
        return recipient
    fallback: Token | None = None
    place: Token | None = None
    late: Token | None = None
    # the trigger's adverbial clauses and time phrases ("after clashes between gangs", "if the
    # politicians ...", "..., inflicting casualties on mercenaries"): an actor there is context,
    # not the recipient, unless the trigger's own arguments name no one and no place
    adverbial = {t.i for c in trigger.children if c.dep_ == "advcl" for t in c.subtree}
    for depth in range(4):
        ordered = sorted(frontier, key=lambda t: (_rank(t, trigger), t.i))
        for cand in ordered:
            if cand.i in skip or is_datelike(cand):
                continue
            cases = {g.lower_ for g in cand.children if g.dep_ in ("case", "mark")}
            if cases & _NOT_TARGET_CASES and (depth == 0 or "by" not in cases):
                if "by" not in cases:
                    adverbial.update(t.i for t in cand.subtree)
                continue   # a passive agent is the source; "after his meeting with X" is context
            if not is_actorlike(cand):
                owner = _owner_of_thing(cand) if cand.dep_ in OBJ_DEPS + PASS_SUBJ_DEPS else None
                if owner is not None and owner.i not in skip:
                    return owner   # "praised Haiti's efforts", "demolished Palestinian homes"
                continue
            if depth == 0 and cases & _PLACE_CASES:
                place = place or phrase_head(cand)   # "killed five soldiers [in Kabul]"
                continue
            if cand.i in adverbial:
                late = late or phrase_head(cand)
                continue
            named = _named_inside(cand)
            if named is not None and named.dep_ in ("nmod:poss", "nmod") and named.head == cand:
                return named
            if named is not None:
                return phrase_head(cand)
            if fallback is None:   # a common actor noun ("peacekeepers"): a name deeper wins
                fallback = phrase_head(cand)
        frontier = [g for t in ordered if t.i not in skip for g in t.children
                    if g.dep_ in _BFS_DEPS and not _own_clause(g)]
        if not frontier:
            break
    return fallback or place or late or _that_clause_subject(trigger, skip)


def _that_clause_subject(trigger: Token, skip: set[int]) -> Token | None:
    """A noun trigger's content clause that the parser hung elsewhere ("its demand today that
    [Israel] ease restrictions"): the subject of the next "that" clause."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    for tok in trigger.doc[trigger.i + 1: min(trigger.i + 6, trigger.sent.end)]:
        if tok.lower_ == "that" and tok.dep_ == "mark":
            subj, _passive = subject_of(tok.head)
            if subj is not None and subj.i not in skip and is_actorlike(subj):
                return phrase_head(subj)
            return None
    return None


def _owner_of_thing(token: Token) -> Token | None:
    """The named or national owner of a thing acted on ("Haiti's efforts", "Israeli changes")."""
    for child in token.children:
        if child.dep_ in ("nmod:poss", "poss", "amod", "compound") and child.i < token.i and (
                child.ent_type_ in ("PERSON", "ORG", "LOC", "GPE", "NORP", "MISC")
                or child.pos_ == "PROPN"):
            return phrase_head(child) if child.dep_ in ("nmod:poss", "poss") else child
    return None


#: Prepositions of the place where something happened: a recipient only when no one else is.
_PLACE_CASES = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})


#: Verbs of giving: the recipient is the "to" phrase, not the thing given ("returned a
#: painting to Peru", "handed over equipment to the Ministry of Health").
TRANSFER_VERBS = frozenset({
    "give", "provide", "send", "deliver", "supply", "hand", "return", "extradite", "donate",
    "transfer", "ship", "sell", "grant", "contribute", "deploy", "dispatch", "airlift",
    "distribute", "surrender", "release", "lend", "loan", "allocate", "disburse",
})


def _transfer_recipient(trigger: Token, skip: set[int]) -> Token | None:
    if trigger.lemma_.lower() not in TRANSFER_VERBS or any(
            c.dep_ in ("obj", "iobj") and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")
            for c in trigger.children):
        return None   # "provided Whitkov with instructions": the named object receives
    for token in trigger.subtree:   # the parser often hangs "to X" inside the object phrase
        if token.i <= trigger.i or token.i in skip or token.dep_ not in (
                "obl", "obl:arg", "iobj", "nmod"):
            continue
        if not any(g.lower_ == "to" for g in token.children if g.dep_ == "case"):
            continue
        if (is_actorlike(token) or token.ent_type_ == "LOC") and _same_clause(token, trigger):
            return phrase_head(token)
    return None


def _same_clause(token: Token, trigger: Token) -> bool:
    """No clause boundary (a clausal complement, adverbial or coordinated clause) between a
    token and the trigger that governs it."""
    node = token
    while node != trigger and node.head != node:
        if node.dep_ in ("ccomp", "advcl", "parataxis", "csubj") or _own_clause(node):
            return False
        node = node.head
    return node == trigger


def _own_clause(token: Token) -> bool:
    """A coordinated verb with its own subject is another event ("lifted the blockade,
    officials told AFP"; "reject the changes, Erakat said"): its arguments are not this
    event's recipients."""
    if token.dep_ in ("ccomp", "advcl", "acl", "acl:relcl") and any(
            c.lower_ in ("where", "when", "while", "whereas") and c.dep_ in ("advmod", "mark")
            and c.i < token.i for c in token.children):
        return True   # "lifted a curfew in Montenegro [where 28 people have been killed]"
    return token.dep_ in ("conj", "parataxis") and token.pos_ in ("VERB", "AUX") and any(
        c.dep_ in SUBJ_DEPS + PASS_SUBJ_DEPS for c in token.children)


_NOT_TARGET_CASES = frozenset({"by", "after", "before", "during", "since", "following", "amid",
                               "despite", "via", "ahead"})


def _rank(token: Token, trigger: Token) -> int:
    if token.dep_ in ("nsubj", "nsubj:pass") and token.head.dep_ == "ccomp" and \
            token.head.head == trigger:
        return 0   # "demanded that [the United States] match the EU's support"
    order = {"nsubj:pass": 0, "iobj": 1, "obj": 1, "dobj": 1, "obl": 2, "nmod": 2,
             "ccomp": 3, "xcomp": 3}
    return order.get(token.dep_, 4)


def _named_inside(token: Token) -> Token | None:
    """``token`` itself if it is a name; else a name in its phrase ("Haiti's efforts" → Haiti)."""
    if token.ent_type_ or token.pos_ == "PROPN":
        return token
    for child in token.children:
        if child.dep_ in ("nmod:poss", "poss", "compound", "amod", "nmod") and (
                child.ent_type_ or child.pos_ == "PROPN"):
            return child
    return None


#: Where a protest happens, not whom it is against ("in Kirkuk", "outside Parliament").
_VENUE_CASES = frozenset({"in", "at", "outside", "near", "inside", "across", "throughout",
                          "through", "into", "on"})


def protest_target(trigger: Token, source: Token | None) -> Token | None:
    """Whom a protest is against: the first person, organisation or group named after the
    trigger in its sentence outside a venue phrase ("demonstrated in Kirkuk calling for
    independence from [Iraq]", "to demand reforms by [President Suharto]'s government")."""
    skip = {t.i for t in source.subtree} if source is not None else set()
    for tok in trigger.doc[trigger.i + 1: trigger.sent.end]:
        if tok.i in skip or is_datelike(tok) or not (tok.ent_type_ or tok.pos_ == "PROPN"):
            continue
        head = phrase_head(tok)
        if head.i in skip or (_in_venue(head, trigger) and tok.ent_type_ not in ("PERSON", "ORG")):
            continue
        return head
    return None


def _in_venue(token: Token, trigger: Token) -> bool:
    """Inside a place phrase of the trigger ("in [the northern city of Kirkuk]")."""
    node = token
    for _ in range(6):
        if any(g.dep_ == "case" and g.lower_ in _VENUE_CASES for g in node.children):
            return True
        if node.head == node or node.head == trigger:
            return False
        node = node.head
    return False
