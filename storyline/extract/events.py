"""Political events coded in PLOVER, read off the dependency parse with a trigger lexicon.

* :func:`extract_events` — ``"Zelensky accused Putin of stalling"`` →
  ``Event(type="ACCUSE", mode="allege", cameo="112", source=Zelensky, target=Putin, ...)``.
  For each sentence: words of the lexicon (``plover/triggers.txt``) are triggers; a trigger
  embedded as the complement of another ("agreed to withdraw", "threatened to shell") is folded
  into the outer one (AGREE, THREATEN ``violence``); nouns are events only as the object of a
  support verb ("launched an offensive"), the subject of a harm verb ("a drone attack killed")
  or background ("since the annexation of Crimea", marked ``historical``). The actor is the
  subject (the agent of a passive, a possessor of a noun), the recipient the object or a
  prepositional argument; both map to the entities stage's entities when a mention covers them.
  Negated / hypothetical / future / condition come from ``plover.markers``; the date from the
  date expressions of the sentence (``dates.event_date``).
* :func:`events_stage` — the pipeline stage ``extract.events.v1``.
* :func:`main_event` — the one event a single-sentence coder would return (for evaluation).

Conventions and measured quality: ``docs/benchmarks-events.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.extract.dates import event_date
from storyline.extract.plover.actors import (
    ACTOR_NOUNS,
    ActorIndex,
    instrument_owner,
    is_actorlike,
    leading_actor,
    next_actor,
    reporter,
    source_of,
)
from storyline.extract.plover.inflect import IRREGULAR
from storyline.extract.plover.lexicon import (
    PLOVER_TYPES,
    Rule,
    load_rules,
    loose_match,
    match,
    verb_reading,
)
from storyline.extract.plover.markers import markers
from storyline.extract.plover.modes import assault_mode, consult_mode, embedded_mode
from storyline.extract.plover.targets import protest_target, target_of
from storyline.records import (
    UNRESOLVED_DATE,
    ActorRef,
    Article,
    DateMention,
    DateValue,
    Entity,
    Event,
)
from storyline.records import Span as TextSpan

__all__ = ["Trigger", "extract_events", "events_stage", "find_triggers", "main_event"]

#: Verbs that carry a noun event as their object ("launched an offensive", "imposed a curfew").
SUPPORT_VERBS = frozenset({
    "launch", "carry", "conduct", "stage", "hold", "mount", "make", "issue", "impose", "begin",
    "start", "resume", "step", "intensify", "continue", "announce", "declare", "order", "lodge",
    "file", "open", "have", "reach", "deliver", "pay", "sign", "approve", "extend", "escalate",
    "unleash", "renew", "level", "press", "reiterate", "repeat", "voice", "express", "send",
    "perform", "execute", "undertake", "wage", "initiate", "complete", "finish", "put", "set",
    "call", "give", "accept", "reject", "receive", "follow", "attend", "host",
    "speed", "accelerate", "expedite", "hasten", "tighten", "enforce", "expand", "widen",
})
#: Verbs whose subject may be a noun event ("a drone attack killed ...").
HARM_VERBS = frozenset({"kill", "injure", "wound", "hit", "strike", "destroy", "damage",
                        "erupt", "leave", "target", "claim", "rock", "shake", "flare",
                        "intensify", "rage", "spread"})
#: Verbs that report a noun event as happening ("riots are continuing", "talks resumed").
ASPECT_VERBS = frozenset({"continue", "begin", "start", "resume", "occur", "erupt", "end",
                          "escalate", "take", "break", "happen"})
_HISTORY_CASES = frozenset({"since", "after", "following", "during", "before", "prior"})
#: Wrappers that turn a cooperative action into an expression of intent (AGREE).
_INTENT_WRAPPERS = frozenset({"willing", "ready", "prepared", "offer", "agree", "promise",
                              "pledge", "vow", "commit", "undertake", "propose"})
_PURPOSE_WRAPPERS = frozenset({"send", "dispatch", "deploy", "fly", "order"})
_ACCEPTING = frozenset({"accept", "allow", "approve", "accede", "endorse", "back", "permit",
                        "admit", "grant"})
_COOPERATIVE = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE", "CONSULT", "SUPPORT"})
_FOLDING = ("xcomp", "ccomp", "csubj")
_VOWS = frozenset({"vow", "swear", "pledge", "promise", "threaten", "plan", "intend",
                   "prepare", "decide", "resolve"})
_CONFLICTUAL = frozenset({"SANCTION", "PROTEST", "COERCE", "ASSAULT", "MOBILIZE"})
#: Promises that turn into threats when what is promised is conflictual (PLOVER 3.11).
_SWEARING = frozenset({"vow", "swear", "pledge", "promise", "commit"})
#: Readiness for a conflictual act is a threat too ("is prepared to impose martial law").
_READY = frozenset({"ready", "prepared", "prepare", "willing"})
_REPORTING = frozenset({"say", "state", "announce", "declare", "insist", "reiterate",
                        "conclude", "tell", "stress", "add", "write", "remind"})
_DEMAND_RULE = Rule(type="REQUEST", cameo="100", mode=None, lemma="say", noun=False)


@dataclass(frozen=True)
class Trigger:
    """A word that starts an event, with its lexicon rule (type/CAMEO/mode possibly adjusted)."""

    token: Token
    type: str
    cameo: str
    mode: str | None
    misparsed: bool = False
    refusal: bool = False


def _noun_admissible(token: Token) -> bool:
    head = token.head
    cases = {c.lower_ for c in token.children if c.dep_ in ("case", "mark")}
    if cases & _HISTORY_CASES:
        return True
    if token.dep_ in ("obj", "dobj", "nsubj:pass", "obl", "xcomp") and head.lemma_.lower() in SUPPORT_VERBS:
        return True
    if token.dep_ in ("nsubj",) and head.lemma_.lower() in HARM_VERBS | ASPECT_VERBS:
        return True
    if token.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN") and head != token:
        return _noun_admissible(head)
    if token.dep_ == "ROOT" and any(c.lemma_.lower() in ASPECT_VERBS and c.pos_ == "VERB"
                                    for c in token.subtree if c.head.i in (token.i, c.i) or
                                    c.head.head.i == token.i):
        return True   # "Talks between the two sides [resumed]" parsed with "Talks" as the root
    return False


def _outer(token: Token, found: dict[int, Rule]) -> Token | None:
    """The trigger that embeds ``token`` as its complement, if any ("agreed to [withdraw]")."""
    node = token
    for _ in range(3):
        if not _complement(node) or node.head == node:
            return None
        node = node.head
        if node.i in found:
            return node
    return None


def _complement(token: Token) -> bool:
    """A clausal complement, or an infinitive the parser attached as an adverbial clause
    ("urged the EC [to support] ...")."""
    return token.dep_ in _FOLDING or (token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "to" for c in token.children))


def _wrapped_type(token: Token, rule: Rule) -> tuple[str, str, str | None]:
    """Intent and modality change the type (PLOVER manual 2.3, 3.4.2, 3.6.2):
    "is willing to withdraw" / "will provide aid" → AGREE; announced future withdrawals →
    CONCEDE; a conflictual act announced for the future or sworn ("will boycott ... unless",
    "vowed to fight") → THREATEN; "will not accept" → REJECT."""
    head = token.head
    wrapped = token.dep_ in ("xcomp", "csubj") and head.lemma_.lower() in _INTENT_WRAPPERS
    aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
    negated = any(c.dep_ in ("advmod", "neg", "part") and c.lower_ in ("not", "n't", "never")
                  for c in token.children)
    if token.pos_ == "NOUN" and token.dep_ in ("obj", "dobj") and \
            head.lemma_.lower() in SUPPORT_VERBS:   # "would tighten the [blockade]"
        aux |= {c.lower_ for c in head.children if c.dep_ == "aux"}
    future = bool(aux & {"will", "shall", "'ll", "would", "wo"}) or (
        token.dep_ == "xcomp" and head.lemma_.lower() in _VOWS) or (
        bool(aux & {"may", "might", "could"}) and _has_unless(token))   # "may halt ... if"
    if wrapped and rule.type in _CONFLICTUAL and not negated:   # "is prepared to impose"
        return "THREATEN", "130", embedded_mode("THREATEN", rule.type) or rule.mode
    if negated and (rule.type in ("AGREE", "SUPPORT") or token.lemma_.lower() in _ACCEPTING):
        return "REJECT", "120", None   # "will not accept", "did not agree"
    if negated and rule.type in ("RETREAT", "CONCEDE"):
        return "REJECT", "124", "yield"   # "will not lift sanctions": decline to yield
    if wrapped and rule.type in _COOPERATIVE:
        return "AGREE", "030", None
    if future and not negated:
        if rule.type == "CONSULT":
            return "AGREE", "036", None   # "would meet the mediator", "will visit Senegal"
        if rule.type in ("AID", "COOPERATE", "SUPPORT"):
            return "AGREE", "033" if rule.type == "AID" else "031", None
        if rule.type == "RETREAT":
            if rule.mode == "withdraw" and _has_unless(token):
                return "THREATEN", "136", "expel"
            return ("CONCEDE", "080", None) if rule.mode == "withdraw" else ("AGREE", "035", None)
        if rule.type in _CONFLICTUAL:
            return "THREATEN", "130", embedded_mode("THREATEN", rule.type) or rule.mode
    return rule.type, rule.cameo, rule.mode


def _has_unless(token: Token) -> bool:
    return any(g.lower_ in ("unless", "if") for c in token.children if c.dep_ == "advcl"
               for g in c.children if g.dep_ == "mark")


def _demand_by_modal(token: Token) -> bool:
    """"X said Libya must hand over ..." is a REQUEST by X (CAMEO 10)."""
    if token.lemma_.lower() not in _REPORTING or token.dep_ in ("acl", "amod"):
        return False
    for child in token.children:
        if child.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in ("must", "should")
                                         for a in child.children):
            return True
    return False


def find_triggers(sent: Span) -> list[Trigger]:
    """The event triggers of one sentence, embedded ones folded into their outer trigger."""
    found: dict[int, Rule] = {}
    nouns: list[tuple[Token, Rule]] = []
    for token in sent:
        rule = match(token)
        if rule is None and _demand_by_modal(token):
            rule = _DEMAND_RULE
        if rule is None:
            continue
        if rule.noun and not _noun_admissible(token):
            nouns.append((token, rule))
            continue
        found[token.i] = rule
    if not found:   # no verb carries an event: a noun argument of the main verb may
        for token, rule in nouns:
            if (token.dep_ in ("nsubj", "obj", "nsubj:pass") and token.head == sent.root and
                    sent.root.pos_ == "VERB") or _after_support_verb(token):
                found[token.i] = rule
                break
    if not found:
        root = sent.root
        loose = loose_match(root) if root.pos_ == "VERB" and _political_subject(root) else None
        if loose is not None:
            found[root.i] = loose
    misparsed = _misparsed_verb(sent) if not any(not r.noun for r in found.values()) else None
    if misparsed is not None:
        return [Trigger(misparsed[0], misparsed[1].type, misparsed[1].cameo, misparsed[1].mode,
                        misparsed=True)]
    # a noun trigger that is the object of a verb trigger is that verb's event
    for i in list(found):
        if i not in found:
            continue
        token = sent.doc[i]
        if found[i].noun and token.head.i in found and token.head.i != i and \
                token.dep_ in ("obj", "dobj", "nsubj:pass", "compound", "xcomp", "amod"):
            if token.head.lemma_.lower() in _PURPOSE_WRAPPERS:
                del found[token.head.i]   # "ordered patrols": the patrols are the event
            else:
                del found[i]
    # "sent experts to investigate": the purpose is the event, not the sending
    for i in list(found):
        token = sent.doc[i]
        if token.lemma_.lower() in _PURPOSE_WRAPPERS and _inner(token, found) is not None:
            del found[i]
    refused = _ruled_out(sent, found)
    if refused is not None:
        return [refused]
    triggers: list[Trigger] = []
    for i, rule in sorted(found.items()):
        token = sent.doc[i]
        if _outer(token, found) is not None:
            continue
        kind, cameo, mode = _wrapped_type(token, rule)
        inner = _inner(token, found)
        if inner is not None and kind == "AGREE" and inner.type in _CONFLICTUAL | {"THREATEN"} \
                and token.lemma_.lower() in _SWEARING | _READY:
            kind, cameo, mode = "THREATEN", "138", None   # "vowed to continue fighting",
            #                                              "is prepared to impose martial law"
        if inner is not None:
            mode = mode or embedded_mode(kind, inner.type)
        triggers.append(Trigger(token, kind, cameo, mode))
    return triggers


#: Idioms that refuse what precedes them ("lifting the sanctions is out of the question").
_RULED_OUT = ("out of the question", "out of question", "off the table", "not an option",
              "not on the table")


def _ruled_out(sent: Span, found: dict[int, Rule]) -> Trigger | None:
    """A cooperative act that the sentence rules out is a refusal (CAMEO 12, REJECT): the
    first such trigger before the idiom, verb or noun."""
    text = sent.text.lower()
    at = min((text.find(idiom) for idiom in _RULED_OUT if idiom in text), default=-1)
    if at < 0:
        return None
    limit = sent.start_char + at
    table = load_rules()
    for token in sent:
        if token.idx >= limit:
            break
        rule = found.get(token.i) or next((r for r in table.get(
            (token.lemma_.lower(), token.pos_ in ("NOUN", "PROPN")), ())), None)
        if rule is not None and rule.type in _COOPERATIVE | {"AGREE"}:
            yielding = rule.type in ("RETREAT", "CONCEDE")
            return Trigger(token, "REJECT", "124" if yielding else "120",
                           "yield" if yielding else None, refusal=True)
    return None


def _political_subject(verb: Token) -> bool:
    """The verb's subject is a political actor: a person, organisation or place name, or an
    actor noun ("government", "rebels"), not a product or a company's figure."""
    subj = source_of(verb)
    if subj is None:
        return False
    if subj.ent_type_ in ("PERSON", "LOC", "GPE", "NORP"):
        return True
    return subj.pos_ == "NOUN" and subj.lemma_.lower() in POLITICAL_NOUNS


#: Actor nouns of politics and conflict (the ACTOR_NOUNS without companies and markets).
POLITICAL_NOUNS = ACTOR_NOUNS - {"company", "bank", "trader", "investor", "airline", "team",
                                 "partner", "employee", "member", "man", "woman", "side",
                                 "agency", "union", "chief", "crew", "pilot"}


def _misparsed_verb(sent: Span) -> tuple[Token, Rule] | None:
    """The main verb of a sentence whose parse has no verb trigger, when the tagger took it for
    an adjective, adverb, noun or modifier ("Boko Haram jihadists [overran] a base", "X,
    Vice President of Y, [condemned] terrorist attacks"): the first lexicon verb form after an
    actor."""
    seen_actor = False
    for token in sent:
        if not seen_actor:
            seen_actor = is_actorlike(token) and token.dep_ != "case"
            continue
        if token.is_punct or token.like_num or (token.pos_ in ("VERB", "AUX") and
                                                token.dep_ not in ("amod", "acl", "ROOT")):
            continue
        if token.pos_ not in ("ADJ", "ADV", "NOUN", "VERB") or token.is_sent_start:
            continue
        if token.pos_ == "VERB" and token.dep_ in ("amod", "acl") and token.head.dep_ != "ROOT" \
                and not _after_a_name(token):
            continue   # "the 250 [required] for ...", "the [injured] people": a real modifier
        if not token.lower_.endswith("ed") and token.lower_ not in IRREGULAR:
            continue   # plural nouns ("orders", "calls") are not misparsed verbs
        rule = verb_reading(token)
        if rule is not None and rule.type in PLOVER_TYPES:
            return token, rule
    return None


def _after_support_verb(noun: Token) -> bool:
    """A noun event a few words after a support verb in a past or present form, whatever the
    parse made of them ("The U.S. military [launched] air and artillery [strikes]")."""
    for prev in noun.doc[max(noun.sent.start, noun.i - 5): noun.i]:
        if prev.tag_ in ("VBD", "VBN", "VBZ", "VBP") and prev.lemma_.lower() in SUPPORT_VERBS:
            return True
    return False


def _after_a_name(token: Token) -> bool:
    """A participle right after a name (or a date after one) and before its noun: a past tense
    the parser took for a modifier ("Jose Guimaraes, [conceded] defeat", "The Council on
    Wednesday [lifted] sanctions")."""
    if token.head.i < token.i:
        return False
    for prev in reversed(token.doc[token.sent.start: token.i]):
        if prev.is_punct:
            continue
        return prev.pos_ == "PROPN" or (prev.pos_ == "NOUN" and prev.lemma_.lower() in ACTOR_NOUNS)
    return False


def _inner(token: Token, found: dict[int, Rule]) -> Rule | None:
    for child in token.children:
        if _complement(child):
            if child.i in found:
                return found[child.i]
            for grand in child.children:
                if grand.dep_ in _FOLDING + ("conj",) and grand.i in found:
                    return found[grand.i]
    return None


def _location(trigger: Token, source: Token | None, target: Token | None) -> str | None:
    """A place named in the trigger's clause with "in" / "at" / "near" ("in Sudzha")."""
    skip = {t.i for t in (source, target) if t is not None}
    for child in trigger.children:
        if child.dep_ in ("obl", "nmod", "advmod", "obl:tmod") and child.i not in skip:
            cases = {g.lower_ for g in child.children if g.dep_ == "case"}
            if cases & {"in", "at", "near", "outside", "inside"} and (
                    child.ent_type_ in ("LOC", "GPE", "FAC") or child.pos_ == "PROPN"):
                if child.ent_type_ in ("DATE", "TIME"):
                    continue
                tokens = [t for t in child.subtree if t.dep_ not in ("case", "punct", "det")]
                tokens.sort(key=lambda t: t.i)
                if tokens:
                    return trigger.doc.text[tokens[0].idx: tokens[-1].idx + len(tokens[-1].text)]
    return None


def _mode(trigger: Trigger, sent: Span) -> str | None:
    if trigger.mode:
        return trigger.mode
    if trigger.type == "ASSAULT":
        return assault_mode(trigger.token)
    if trigger.type == "CONSULT":
        return consult_mode(trigger.token, sent)
    return None


def _date(dates: Sequence[DateMention], sent: Span, token: Token, published: DateValue):
    return event_date(dates, sent.start_char, sent.end_char, published, near=token.idx)


def _older_than_publication(value: str | None, published: DateValue) -> bool:
    if not value or not published.value or len(value) < 4 or not value[:4].isdigit():
        return False
    return int(value[:4]) < int(published.value[:4])


#: Subjects that cannot act: abstractions, plans and events ("a ceasefire could provide ...").
NON_AGENTS = frozenset({
    "ceasefire", "fire", "truce", "plan", "proposal", "concept", "idea", "compromise",
    "condition", "stipulation", "arrangement", "investment", "schedule", "agreement", "deal",
    "decision", "step", "process", "measure", "situation", "move", "development", "change",
    "question", "issue", "problem", "report", "statement", "comment", "remark", "signal",
    "policy", "program", "programme", "law", "bill", "resolution", "price", "market", "share",
    "stock", "rate", "economy", "growth", "demand", "supply", "sale", "cost", "figure",
    "number", "result", "data", "study", "survey", "poll", "view", "approach", "reaction",
    "response", "effort", "initiative", "framework", "talk", "conversation", "call", "meeting",
    "discussion", "dialogue",
    "visit", "summit", "negotiation", "sanction", "asset", "operation", "weather", "storm",
    "virus", "pandemic", "outbreak", "document", "letter", "news", "story", "article",
    "order", "aircraft", "plane", "airliner", "jetliner", "jet", "car", "vehicle", "train",
    "ship", "boat", "truck", "device", "phone", "product", "software", "feature", "index",
    "dollar", "currency", "crisis", "collapse", "accident", "crash", "flood", "earthquake", "disease", "cancer",
})
#: Crowds whose violence is a riot (CAMEO 145), not an armed assault.
_CROWDS = frozenset({"protester", "demonstrator", "rioter", "student", "crowd", "mob",
                     "youth", "supporter", "fan", "worker", "prisoner", "inmate", "villager"})
#: Texts that speak for their authors in verbal events.
_DOCUMENTS = frozenset({"report", "statement", "resolution", "letter", "document", "communique",
                        "declaration"})
_VERBAL = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})
#: Vehicles that are weapons when they attack ("jets bombed"), things in business news.
_WAR_MACHINES = frozenset({"jet", "aircraft", "plane", "helicopter", "ship", "boat", "vehicle",
                           "truck"})
#: Types a sentence can report without naming who acted ("drones were launched", "a man was
#: arrested"); other types without an actor are not coded.
DROP_ACTORLESS = False
_ACTORLESS = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})


def _real_warning(token: Token) -> bool:
    """"warned Russia", "warned that Washington will respond": a threat; "warned that the
    figure could rise" is not."""
    for child in token.children:
        if child.dep_ in ("obj", "dobj", "iobj") and (child.ent_type_ or child.pos_ == "PROPN"
                                                      or child.lemma_.lower() in ACTOR_NOUNS):
            return True
        if child.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in ("will", "would", "'ll")
                                         for a in child.children):
            subj = next((c for c in child.children if c.dep_ in ("nsubj", "expl")), None)
            if subj is not None and (subj.ent_type_ or subj.pos_ in ("PROPN", "PRON")):
                return True
    return False


def _object_is_thing(token: Token) -> bool:
    objs = [c for c in token.children if c.dep_ in ("obj", "dobj")]
    return bool(objs) and all(o.pos_ == "NOUN" and not o.ent_type_ and
                              o.lemma_.lower() not in ACTOR_NOUNS for o in objs)


def _not_an_actor(token: Token) -> bool:
    """A grammatical subject that cannot act ("a ceasefire could provide", "the plan requires")."""
    return token.pos_ == "NOUN" and not token.ent_type_ and token.lemma_.lower() in NON_AGENTS


def _event(trigger: Trigger, sent: Span, index: ActorIndex, dates: Sequence[DateMention],
           published: DateValue) -> Event | None:
    token = trigger.token
    src = leading_actor(token) if trigger.misparsed else source_of(token)
    if src is None and trigger.refusal:
        src = reporter(sent)   # "... is out of the question, US authorities said"
    if src is not None and _not_an_actor(src):
        if trigger.type in _VERBAL and src.lemma_.lower() in _DOCUMENTS:
            pass   # "The report accused the police ...", "a UN resolution demanded ..."
        elif trigger.type not in ("ASSAULT", "COERCE") or src.lemma_.lower() not in _WAR_MACHINES:
            return None
        else:
            src = instrument_owner(src) or src   # "Israeli jets bombed ..." → Israeli
    if trigger.type in ("ASSAULT", "COERCE") and src is not None and \
            src.lemma_.lower() in _CROWDS:
        trigger = Trigger(token, "PROTEST", "145", "riot")   # "protesters clashed with police",
        #                                                       "demonstrators stormed ..."
    if token.lemma_.lower() in ("warn", "caution") and not _real_warning(token):
        return None
    if token.lemma_.lower() == "fight" and (any(c.dep_ == "xcomp" for c in token.children) or
                                            _object_is_thing(token)):
        return None   # "fighting to stem off a crash", "fought cancer"
    if trigger.token.lemma_.lower() == "meet" and any(c.dep_ in ("nsubj:pass", "nsubjpass")
                                                       for c in trigger.token.children):
        return None   # "the plan was met with progress"
    tgt = (protest_target(token, src) if trigger.type == "PROTEST" else None) or \
        target_of(token, src)
    if tgt is None and trigger.misparsed:
        tgt = next_actor(token, src)
    marks = markers(token)
    date = _date(dates, sent, token, published)
    historical = marks.historical or (date.resolved and _older_than_publication(date.value, published))
    return Event(
        type=trigger.type,
        mode=_mode(trigger, sent),
        cameo=trigger.cameo,
        source=index.ref(src) if src is not None else ActorRef(None, None),
        target=index.ref(tgt) if tgt is not None else None,
        location=_location(token, src, tgt),
        date=date,
        negated=marks.negated,
        hypothetical=marks.hypothetical,
        future=marks.future,
        condition=marks.condition,
        historical=historical,
        trigger=TextSpan(token.idx, token.idx + len(token.text), token.text),
        sentence=(sent.start_char, sent.end_char),
    )


def extract_events(doc: Doc, entities: Sequence[Entity] = (), dates: Sequence[DateMention] = (),
                   published: DateValue | None = None,
                   statements: bool = False) -> tuple[Event, ...]:
    """Every PLOVER event of a parsed text, in text order. ``entities`` (from the entities
    stage) resolve actors; ``dates`` (from the dates stage) date events; ``published`` is the
    fallback date (flagged ``resolved=False``). With ``statements``, CAMEO 01 comments
    ("expressed condolences") are returned too, typed ``STATEMENT`` (not PLOVER events)."""
    index = ActorIndex(entities)
    pub = published or UNRESOLVED_DATE
    events: list[Event] = []
    for sent in doc.sents:
        for trigger in find_triggers(sent):
            if trigger.type != "STATEMENT" or statements:
                event = _event(trigger, sent, index, dates, pub)
                if event is not None:
                    events.append(event)
    return tuple(events)


def main_event(events: Sequence[Event], doc: Doc | None = None) -> Event | None:
    """The event a one-event-per-sentence coder would report: current before historical, then
    the trigger nearest the root of the parse (when ``doc`` is given), then one with an actor,
    then the first."""
    def depth(event: Event) -> int:
        token = _token_of(event, doc)
        if token is None:
            return 0
        node, steps = token, 0
        while node.head != node and steps < 20:
            node, steps = node.head, steps + 1
        return steps
    def relative(event: Event) -> bool:   # "Trump, who met Putin last week, criticised ..."
        token = _token_of(event, doc)
        return token is not None and any(t.dep_ in ("acl:relcl", "relcl") or _reduced(t)
                                         for t in [token, *token.ancestors])
    ranked = sorted(enumerate(events), key=lambda pair: (pair[1].historical, relative(pair[1]),
                                                         depth(pair[1]),
                                                         not pair[1].source.name, pair[0]))
    return ranked[0][1] if ranked else None


def _reduced(token: Token) -> bool:
    """A participle clause without its own subject or auxiliary, a background detail ("a
    letter [handed] over to the UN", "In a letter [handed] over ..., Iraq said ...")."""
    return token.dep_ in ("acl", "advcl") and token.tag_ == "VBN" and not any(
        c.dep_ in ("nsubj", "nsubj:pass", "aux", "aux:pass") for c in token.children)


def _token_of(event: Event, doc: Doc | None) -> Token | None:
    if doc is None or event.trigger is None:
        return None
    span = doc.char_span(event.trigger.start, event.trigger.end)
    return span.root if span is not None else None


def events_stage(article: Article, doc: Doc, settings: object = None) -> Article:
    """Pipeline stage ``extract.events.v1``: ``article.events`` from the shared parse."""
    events = extract_events(doc, article.entities, article.dates, article.published)
    return article.replace(events=events)
