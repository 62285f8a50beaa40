"""Actor spans for events and positions: who did it (source); to whom is ``plover.targets``.

Works on the dependency parse (UD labels of the shipped model). :func:`actor_ref` maps a head
token to an :class:`~storyline.records.ActorRef`: the entity whose mention covers it when the
entities stage found one, else the normalised text of the name / noun phrase.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from storyline.records import ActorRef, Entity

__all__ = ["ActorIndex", "actor_span", "source_of", "is_actorish", "is_actorlike", "leading_actor",
           "next_actor", "instrument_owner", "reporter", "phrase_head", "subject_of", "between_of",
           "is_datelike", "ACTOR_NOUNS", "OBJ_DEPS", "PASS_SUBJ_DEPS", "SUBJ_DEPS"]

SUBJ_DEPS = ("nsubj", "csubj", "vocative", "dislocated", "expl")
PASS_SUBJ_DEPS = ("nsubj:pass", "nsubjpass")
OBJ_DEPS = ("obj", "dobj", "iobj")
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "its", "their", "his", "her",
                       "them", "him", "which", "who", "that", "this"})
_NAME_PARTS = frozenset({"compound", "flat", "flat:name", "nmod:desc", "amod", "nmod:poss",
                         "det:poss", "nummod"})
_UP = ("xcomp", "conj", "advcl", "acl")
#: Verbs whose complement carries the event but whose subject is the actor ("X plans to attack").
_CLAUSE_MAX_UP = 4


class ActorIndex:
    """Token offset → entity, from the mentions of the entities stage."""

    def __init__(self, entities: Sequence[Entity] = ()) -> None:
        self._spans: list[tuple[int, int, Entity]] = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: x[0])

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity whose mention covers the character range (the tightest one)."""
        best: tuple[int, Entity] | None = None
        for m_start, m_end, entity in self._spans:
            if m_start > end:
                break
            if m_start <= start and end <= m_end:
                width = m_end - m_start
                if best is None or width < best[0]:
                    best = (width, entity)
        return best[1] if best else None

    def ref(self, token: Token) -> ActorRef:
        """The actor named by the phrase headed by ``token``."""
        span = actor_span(token)
        entity = self.entity_at(token.idx, token.idx + len(token.text))
        if entity is None:
            for tok in span:
                if tok.pos_ == "PROPN" or tok.ent_type_:
                    entity = self.entity_at(tok.idx, tok.idx + len(tok.text))
                    if entity is not None:
                        break
        if entity is not None:
            return ActorRef(entity.id, entity.name)
        return ActorRef(None, normalise_name(span))


def normalise_name(span: Span | Sequence[Token]) -> str:
    """Text of an actor phrase without leading articles, quotes and trailing punctuation."""
    tokens = [t for t in span if not t.is_punct or t.text in ("-", ".", "&")]
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return ""
    text = tokens[0].doc.text[tokens[0].idx: tokens[-1].idx + len(tokens[-1].text)]
    return " ".join(text.split())


def actor_span(token: Token) -> list[Token]:
    """The name / noun phrase headed by ``token``: the named entity containing it, else the head
    with its name-like modifiers (compounds, flat names, titles, adjectives, possessors)."""
    if token.ent_type_:
        doc = token.doc
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                left = [t for t in token.lefts if t.dep_ in _NAME_PARTS and t.i < ent.start
                        and (t.ent_type_ or t.pos_ in ("PROPN", "ADJ", "NOUN"))]
                start = min([ent.start] + [t.i for t in left])
                end = ent.end
                for tok in doc[token.i + 1: ent.end]:   # "US cancel plans": NER ran on
                    if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.is_lower):
                        end = tok.i
                        break
                return list(doc[start: end])
    keep = [token]
    for child in token.lefts:
        if child.dep_ in _NAME_PARTS:
            keep.extend(t for t in child.subtree if not t.is_punct or t.text == "-")
    for child in token.rights:
        if child.dep_ in ("flat", "flat:name", "compound"):
            keep.extend(child.subtree)
        elif child.dep_ == "nmod" and any(g.lower_ in ("of", "in") for g in child.children
                                          if g.dep_ == "case"):
            sub = list(child.subtree)
            if len(sub) <= 6:
                keep.extend(sub)
    keep.sort(key=lambda t: t.i)
    return [t for t in keep if t.dep_ != "punct" or t.text == "-"]


def is_actorish(token: Token) -> bool:
    """A token that can head an actor phrase (a name, a nationality, a person or group noun)."""
    return bool(token.ent_type_) or token.pos_ in ("PROPN", "PRON", "NOUN") or (
        token.pos_ == "ADJ" and token.text[:1].isupper())


def subject_of(pred: Token) -> tuple[Token | None, bool]:
    """(subject, passive) of a predicate."""
    for child in pred.children:
        if child.dep_ in SUBJ_DEPS:
            return child, False
    for child in pred.children:
        if child.dep_ in PASS_SUBJ_DEPS:
            return child, True
    return None, False


def _agent(pred: Token) -> Token | None:
    for child in pred.children:
        if child.dep_ in ("obl:agent", "agent") or (
                child.dep_ == "obl" and any(g.lower_ == "by" for g in child.children
                                            if g.dep_ == "case")):
            return child
    return None


def _from_pronoun(token: Token) -> Token:
    """"Syria says it is willing ..." → Syria: a pronoun subject of a reported clause stands for
    the subject of the reporting verb when that one is a name."""
    if token.lower_ not in _PRONOUNS:
        return token
    node = token.head
    for _ in range(_CLAUSE_MAX_UP):
        if node.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "parataxis") or node.head == node:
            break
        node = node.head
        subj, _passive = subject_of(node)
        if subj is not None and subj.lower_ not in _PRONOUNS and is_actorish(subj):
            return subj
    return token


#: Passive-looking predicates whose grammatical subject is the actor ("he is prepared to ...").
_ACTIVE_PASSIVES = frozenset({"prepare", "determine", "commit", "set", "schedule", "expect",
                              "poise", "resolve", "oppose", "dedicate", "incline"})
_DATE_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                         "sunday", "today", "yesterday", "tomorrow", "tonight", "week", "month",
                         "year", "day", "night", "morning", "evening", "weekend", "afternoon",
                         "january", "february", "march", "april", "may", "june", "july",
                         "august", "september", "october", "november", "december", "time",
                         "earlier", "later", "hour", "hours", "days", "weeks", "months", "years",
                         "mid", "late", "early"})


def is_datelike(token: Token) -> bool:
    """A time word that the parser took for an argument ("Arafat Wednesday rejected")."""
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in _DATE_WORDS or (
        token.like_num and not any(c.pos_ in ("NOUN", "PROPN") for c in token.children))


def _resolve(subj: Token, trigger: Token) -> Token | None:
    if is_datelike(subj):
        return _left_fallback(trigger, exclude=subj)
    if subj.lemma_.lower() in INSTRUMENTS:   # "drones struck ...": whose drones?
        return instrument_owner(subj) or subj   # else the weapon itself, as coders do
    resolved = _from_pronoun(_relative(subj))
    if resolved.lower_ in _PRONOUNS and resolved.lower_ not in ("who", "which", "that", "this"):
        return _earlier_subject(resolved) or resolved
    return _named_apposition(_counted(resolved))


def _named_apposition(token: Token) -> Token:
    """A common noun followed by the name it describes is that name ("The rebel [Revolutionary
    United Front] (RUF) announced ...", "the militant group Hamas")."""
    if token.ent_type_ or token.pos_ != "NOUN" or any(
            c.dep_ in ("nmod:poss", "poss") for c in token.children):
        return token   # "Qatar's emir, Sheikh Hamad": the possessor already names the actor
    for child in token.children:
        if child.dep_ == "appos" and child.i > token.i and (child.ent_type_ or
                                                            child.pos_ == "PROPN"):
            return child
    return token


#: Number words heading a counted group ("tens of thousands of students").
_COUNTS = frozenset({"ten", "tens", "hundred", "hundreds", "thousand", "thousands", "million",
                     "millions", "dozen", "dozens", "score", "scores", "number", "some", "many",
                     "several", "most", "all", "both"})


def _counted(token: Token) -> Token:
    """The people counted, not the count: "Tens of thousands of students staged ..." →
    students (through nested "of" phrases)."""
    node = token
    for _ in range(3):
        if node.lemma_.lower() not in _COUNTS and node.lower_ not in _COUNTS:
            break
        inner = next((c for c in node.children if c.dep_ == "nmod" and any(
            g.lower_ == "of" for g in c.children if g.dep_ == "case")), None)
        if inner is None:
            break
        node = inner
    return node


def _earlier_subject(pronoun: Token) -> Token | None:
    """A named subject earlier in the sentence stands for a pronoun the parse did not link
    ("UNRWA said it had suspended ...", with "said" and "suspended" misattached)."""
    for tok in pronoun.doc[pronoun.sent.start: pronoun.i]:
        if tok.dep_ in ("nsubj", "nsubj:pass") and (tok.ent_type_ or tok.pos_ == "PROPN"):
            return tok
    return None


def source_of(trigger: Token) -> Token | None:
    """The head token of the event's actor (source)."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        return _noun_source(trigger)
    node = trigger
    for _ in range(_CLAUSE_MAX_UP):
        subj, passive = subject_of(node)
        if passive and subj is not None:
            agent = _agent(node)
            if agent is not None:
                return agent
            if node.lemma_.lower() in _ACTIVE_PASSIVES:
                return _resolve(subj, trigger)
            return _state_of(node)
        if subj is not None:
            if subj.dep_ == "csubj":
                return None
            return _resolve(subj, trigger)
        if node.dep_ == "xcomp" or (node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "to" for c in node.children)):
            # object control: "wants Russia to agree" → Russia
            controller = next((c for c in node.head.children if c.dep_ in OBJ_DEPS), None)
            if controller is not None and is_actorlike(controller) and controller.i < node.i \
                    and node.head.lemma_.lower() in OBJECT_CONTROL:
                return _resolve(controller, trigger)
        if node.dep_ in ("acl", "amod") and (node.tag_ != "VBN" or node.head.dep_ == "ROOT"
                                             or any(c.dep_ in OBJ_DEPS for c in node.children)):
            if node.head.i > node.i:   # "The military [imposed] martial law": head = object
                return leading_actor(node) or node.head
            return _acl_owner(node.head)   # "groups demanding that ..."; a misparsed main verb
        if node.dep_ == "parataxis" and node.head.i < node.i and node.head.dep_ == "ROOT" \
                and node.head.pos_ in ("PROPN", "NOUN") and is_actorlike(node.head):
            return node.head   # "Trump, who met Putin ..., [criticised] Zelensky"
        if node.dep_ not in _UP + ("csubj",) or node.head == node:
            break
        node = node.head
    return _left_fallback(trigger)


#: Acts of a state's authorities: reported in the passive without an agent, the country where
#: they happened acted ("a missionary was arrested in Lebanon" → Lebanon; coders code so).
_STATE_ACTS = frozenset({"arrest", "detain", "jail", "imprison", "expel", "deport", "sentence",
                         "execute", "ban", "convict", "charge", "indict", "prosecute", "try",
                         "extradite", "hang", "fine", "outlaw", "censor", "raid", "search"})


def _acl_owner(head: Token) -> Token:
    """Who acts in a clause hung under a noun or predicate: the noun itself, its subject when
    it is a predicate ("X and Y are [guilty] of violating ..."), or the group an "including"
    phrase belongs to ("Russian aircraft including [gunships] killed ...")."""
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is not None and any(c.dep_ == "cop" for c in head.children):
        return phrase_head(subj)
    if head.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in ("including", "like")
                                   for c in head.children):
        return head.head
    return head


def _state_of(pred: Token) -> Token | None:
    if pred.lemma_.lower() not in _STATE_ACTS:
        return None
    for child in pred.children:
        if child.dep_ == "obl" and child.ent_type_ in ("LOC", "GPE") and any(
                g.lower_ in ("in", "from", "by") for g in child.children if g.dep_ == "case"):
            return phrase_head(child)
    return None


def phrase_head(token: Token) -> Token:
    """The head of the name a token belongs to ("[Vladimir] Putin" → Putin, "US [envoy]")."""
    node = token
    for _ in range(4):
        if node.dep_ in ("flat", "flat:name", "compound", "nmod:desc", "amod") and \
                node.head.i > node.i and node.head.pos_ in ("PROPN", "NOUN"):
            node = node.head
        elif node.dep_ in ("flat", "flat:name") and node.head.i < node.i:
            node = node.head
        else:
            break
    return node


def _left_fallback(trigger: Token, exclude: Token | None = None) -> Token | None:
    """When the parse gives the trigger no subject: the nearest name to its left in the same
    clause (not inside a prepositional phrase) stands for the actor."""
    sent = trigger.sent
    start = sent.start
    if start > 0:   # a verbless fragment before ("Prime Minister Robert Mugabe | today accused")
        previous = trigger.doc[start - 1].sent
        if not any(t.pos_ in ("VERB", "AUX") for t in previous) and len(previous) <= 12:
            start = previous.start
    for i in range(trigger.i - 1, start - 1, -1):
        tok = trigger.doc[i]
        if tok.lower_ in (",", ";", ":", "that", "which", "who") and tok.dep_ != "nsubj":
            if tok.lower_ != "," or i < trigger.i - 6:
                break
        if exclude is not None and tok.i == exclude.i:
            continue
        if is_datelike(tok) or not (tok.ent_type_ or tok.pos_ == "PROPN"):
            continue
        head = phrase_head(tok)
        if any(c.dep_ == "case" for c in head.children):
            continue
        return head
    return None


#: Verbs whose object is the subject of their infinitive ("urged Russia to agree").
OBJECT_CONTROL = frozenset({
    "urge", "ask", "want", "persuade", "order", "force", "allow", "invite", "tell", "encourage",
    "call", "press", "pressure", "push", "request", "require", "permit", "authorize",
    "authorise", "instruct", "direct", "compel", "convince", "help", "expect", "need", "get",
    "advise", "warn", "beg", "implore", "appeal", "demand", "lead", "prompt", "enable",
})
#: Weapons and attacks as grammatical subjects: the actor is their owner, if named.
INSTRUMENTS = frozenset({"bomb", "missile", "drone", "rocket", "shell", "explosion", "attack",
                         "strike", "airstrike", "artillery", "mortar", "blast", "fire",
                         "bombing", "shelling", "raid", "barrage", "mine", "grenade"})


#: Owners of weapons named as a modifier ("government shelling", "army artillery").
_ARMED = frozenset({"government", "army", "regime", "military", "rebel", "militant",
                    "force", "police", "coalition", "insurgent", "navy"})


def instrument_owner(token: Token) -> Token | None:
    """Whose weapon: a possessor, a national or armed-group modifier, a "by" / "from" phrase."""
    for child in token.children:
        if child.dep_ in ("nmod:poss", "poss"):
            return child
        if child.dep_ in ("amod", "compound") and (child.ent_type_ or child.pos_ == "PROPN"
                                                   or (child.text[:1].isupper()
                                                       and not child.is_sent_start)
                                                   or child.lemma_.lower() in _ARMED):
            return child   # "Syrian government shelling" → government (with "Syrian")
        if child.dep_ == "nmod" and any(g.lower_ in ("by", "from") for g in child.children):
            return child
    return None


def _relative(token: Token) -> Token:
    """A relative pronoun subject ("who", "which") stands for the noun it modifies."""
    if token.lower_ in ("who", "which", "that") and token.head.dep_ in ("acl:relcl", "relcl"):
        return token.head.head
    return token


def _noun_source(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ in ("nmod:poss", "poss"):
            if child.lower_ in _PRONOUNS and noun.head != noun and noun.head.pos_ in ("VERB", "AUX"):
                return source_of(noun.head) or child
            return child
    for child in noun.children:
        if child.dep_ == "nmod" and any(g.lower_ == "by" for g in child.children if g.dep_ == "case"):
            return child
    for child in noun.lefts:
        if child.dep_ in ("amod", "compound") and (child.ent_type_ or child.pos_ == "PROPN"):
            return child
    between = between_of(noun)
    if between is not None:
        return between
    head = noun.head
    if noun.dep_ in OBJ_DEPS + ("obl",) and head.pos_ in ("VERB", "AUX") and \
            head.lemma_.lower() not in _NOT_AGENTIVE:
        return source_of(head)
    return None


#: Verbs whose subject did not take part in their noun object ("remarks followed a meeting").
_NOT_AGENTIVE = frozenset({"follow", "precede", "overshadow", "dominate", "mark", "cause"})


def between_of(noun: Token) -> Token | None:
    """"a meeting between Putin and Whitkov" → Putin (the parser may attach the phrase to the
    verb governing the noun)."""
    places = [noun] + ([noun.head] if noun.dep_ in OBJ_DEPS and noun.head != noun else [])
    for place in places:
        for child in place.children:
            if child.dep_ in ("nmod", "obl") and any(g.lower_ == "between" for g in child.children
                                                     if g.dep_ == "case"):
                return child
    return None


#: Common nouns that name actors (groups and people), for recipients without a proper name.
ACTOR_NOUNS = frozenset({
    "refugee", "civilian", "people", "soldier", "troop", "protester", "demonstrator", "rebel",
    "worker", "student", "militant", "guerrilla", "government", "force", "police", "army",
    "official", "leader", "minister", "president", "diplomat", "prisoner", "detainee",
    "journalist", "opposition", "insurgent", "militia", "militiaman", "fighter", "activist",
    "resident", "villager", "settler", "monitor", "inspector", "peacekeeper", "observer",
    "ally", "neighbor", "neighbour", "regime", "administration", "party", "faction", "group",
    "authority", "court", "parliament", "negotiator", "envoy", "ambassador", "hostage",
    "youth", "child", "farmer", "union", "council", "member", "partner", "country", "nation",
    "state", "side", "team", "company", "agency", "bank", "trader", "investor", "airline",
    "woman", "man", "follower", "national", "citizen", "captive", "crew", "sailor", "pilot",
    "delegation", "commander", "chief", "spokesman", "spokeswoman", "coalition", "alliance",
    "organization", "organisation", "committee", "commission", "movement", "community",
    "supporter", "voter", "employee", "victim", "migrant", "kurd", "palestinian", "israeli",
    "jihadist", "terrorist", "gunman", "attacker", "separatist", "ministry", "cabinet",
    "senate", "congress", "assembly", "embassy", "consulate", "military", "navy", "guard",
    # session 4: more people and bodies that act in political news
    "extremist", "radical", "islamist", "dissident", "rioter", "tribesman", "warlord", "junta",
    "pirate", "suspect", "officer", "policeman", "trooper", "marine", "paratrooper", "commando",
    "lawmaker", "legislator", "senator", "governor", "mayor", "judge", "prosecutor", "mediator",
    "delegate", "representative", "cleric", "emir", "king", "prince", "premier", "chancellor",
    "dictator", "ruler", "monarch", "mob", "crowd", "poacher", "smuggler", "kidnapper",
    # session 5: single-word agents of PETRARCH2's Phoenix.agents.txt (MIT, Open Event Data
    # Alliance) that were missing (police, crime, rebels, armed groups, opposition, courts,
    # legislatures, government, military, clergy, media, health, education, civilians)
    "peasant", "bandit", "assailant", "constable", "gendarme", "gendarmerie", "sheriff",
    "detective", "trafficker", "gangster", "gang", "cartel", "mafia", "criminal", "thief",
    "robber", "killer", "looter", "raider", "mercenary", "combatant", "hitman", "paramilitary",
    "regiment", "battalion", "brigade", "garrison", "infantry", "reservist", "admiral",
    "colonel", "lieutenant", "commandant", "bishop", "archbishop", "priest", "monk", "imam",
    "mullah", "rabbi", "missionary", "pilgrim", "clergy", "preacher", "lawyer", "attorney",
    "magistrate", "tribunal", "judiciary", "legislature", "parliamentarian", "reporter",
    "correspondent", "editor", "broadcaster", "blogger", "columnist", "doctor", "nurse",
    "physician", "medic", "surgeon", "teacher", "professor", "scholar", "academic",
    "businessman", "executive", "tycoon", "entrepreneur", "employer", "landlord", "politician",
    "candidate", "defector", "deserter", "mutineer", "reformer", "campaigner", "picketer",
    "dissenter", "returnee", "expatriate", "exile", "spy", "operative", "emissary", "consul",
    "emperor", "sultan", "sovereign", "despot", "tyrant", "autocrat", "bureaucrat",
    "firefighter", "tourist", "passenger", "immigrant", "guerilla", "insurgency", "politburo",
    "presidium", "worshipper", "believer", "landowner",
})


def is_actorlike(token: Token) -> bool:
    """A token that can name a recipient: a name, a nationality, an actor noun."""
    if is_datelike(token) or token.lower_ in _PRONOUNS - {"him", "her", "them"}:
        return False
    if token.ent_type_ in ("PERSON", "ORG", "LOC", "GPE", "NORP", "MISC", "FAC"):
        return True
    if token.pos_ == "PROPN":
        return True
    if token.pos_ == "ADJ" and token.text[:1].isupper() and token.i > token.sent.start:
        return True
    return token.pos_ == "NOUN" and token.lemma_.lower() in ACTOR_NOUNS


def leading_actor(trigger: Token) -> Token | None:
    """For a trigger the parser did not read as the main verb: the first name or actor noun of
    its sentence before it, outside prepositional phrases and dates ("Boko Haram jihadists
    [overran] ..." → Boko Haram)."""
    for tok in trigger.doc[trigger.sent.start: trigger.i]:
        if is_datelike(tok) or not is_actorlike(tok) or any(
                c.dep_ == "case" for c in tok.children) or tok.dep_ == "case":
            continue
        if tok.ent_type_:
            return tok
        head = phrase_head(tok)
        return head if head.i < trigger.i else tok
    return None


def next_actor(trigger: Token, skip: Token | None = None) -> Token | None:
    """The first name after a misparsed trigger, in its sentence ("overran a base in [Nigeria]")."""
    taken = {t.i for t in skip.subtree} if skip is not None else set()
    for tok in trigger.doc[trigger.i + 1: trigger.sent.end]:
        if tok.i not in taken and not is_datelike(tok) and (tok.ent_type_ or tok.pos_ == "PROPN"):
            return tok
    return None


_SAYING = frozenset({"say", "tell", "announce", "state", "insist", "declare", "stress", "add",
                     "reiterate", "warn", "write"})


def reporter(sent: Span) -> Token | None:
    """The named or actor-noun subject of the sentence's reporting verb ("..., Zelensky said")."""
    for token in sent:
        if token.lemma_.lower() in _SAYING and token.pos_ in ("VERB", "AUX"):
            subj, _passive = subject_of(token)
            if subj is not None and is_actorlike(subj):
                return phrase_head(subj)
    return None
