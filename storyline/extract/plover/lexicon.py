"""The PLOVER trigger lexicon (``triggers.txt``) and its matcher over a spaCy parse.

Each rule says: a word with this lemma (a verb, or a noun with ``n:``), optionally with a
particle / preposition child (``+for``) and an object-like child (``>talk``), starts an event of
a PLOVER type with a CAMEO code and a mode. :func:`match` returns the most specific rule that a
token satisfies (rules with more constraints first, then file order).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

__all__ = ["Rule", "load_rules", "match", "misparsed_past", "verb_reading", "loose_match",
           "PLOVER_TYPES"]

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")

_FILE = Path(__file__).resolve().parent / "triggers.txt"
#: Dependency labels of children that count as the trigger's "object" for ``>w`` constraints.
_OBJECT_DEPS = frozenset({"obj", "dobj", "obl", "nsubj:pass", "nsubjpass", "xcomp", "compound",
                          "amod", "nmod", "iobj", "advmod", "obl:npmod", "conj", "ccomp"})
_PARTICLE_DEPS = frozenset({"compound:prt", "prt", "case", "mark", "advmod"})


@dataclass(frozen=True)
class Rule:
    """One lexicon line: ``type`` / ``cameo`` / ``mode`` for a lemma with constraints."""

    type: str
    cameo: str
    mode: str | None
    lemma: str
    noun: bool
    particles: tuple[str, ...] = ()
    objects: tuple[frozenset[str], ...] = ()
    subjects: tuple[frozenset[str], ...] = ()
    strict: bool = False

    @property
    def specificity(self) -> int:
        return len(self.particles) + len(self.objects) + len(self.subjects)


def _word_set(word: str, synsets: dict[str, frozenset[str]], number: int) -> frozenset[str]:
    """The lemmas a constraint word stands for: itself, or the members of a ``&set``."""
    if not word.startswith("&"):
        return frozenset({word})
    if word not in synsets:
        raise ValueError(f"triggers.txt line {number}: unknown synonym set {word!r}")
    return synsets[word]


def _parse_line(line: str, number: int, synsets: dict[str, frozenset[str]]) -> Rule:
    head, _, pattern = line.partition("|")
    fields = head.split()
    words = pattern.split()
    if len(fields) != 3 or not words or fields[0] not in PLOVER_TYPES + ("STATEMENT",):
        raise ValueError(f"triggers.txt line {number}: cannot read {line!r}")
    first = words[0]
    noun = first.startswith("n:")
    return Rule(type=fields[0], cameo=fields[1], mode=None if fields[2] == "-" else fields[2],
                lemma=first[2:] if noun else first, noun=noun,
                particles=tuple(w[1:] for w in words[1:] if w.startswith("+")),
                objects=tuple(_word_set(w[1:], synsets, number) for w in words[1:]
                              if w.startswith(">")),
                subjects=tuple(_word_set(w[1:], synsets, number) for w in words[1:]
                               if w.startswith("<")),
                strict="!" in words[1:])


def _parse_synset(line: str, number: int) -> tuple[str, frozenset[str]]:
    """``&name = word word ...`` (multi-word members joined with ``_`` match their head word's
    lemma only through the rule's other constraints, so members are single lemmas)."""
    name, _, members = line.partition("=")
    words = frozenset(members.split())
    if not name.strip().startswith("&") or not words:
        raise ValueError(f"triggers.txt line {number}: cannot read synonym set {line!r}")
    return name.strip(), words


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> dict[tuple[str, bool], tuple[Rule, ...]]:
    """(lemma, is_noun) → rules, most specific first. Cached per path (read-only data)."""
    table: dict[tuple[str, bool], list[Rule]] = {}
    synsets: dict[str, frozenset[str]] = {}
    source = Path(path) if path else _FILE
    for number, raw in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("&"):
            name, members = _parse_synset(line, number)
            synsets[name] = members
            continue
        rule = _parse_line(line, number, synsets)
        table.setdefault((rule.lemma, rule.noun), []).append(rule)
    return {key: tuple(sorted(rules, key=lambda r: -r.specificity)) for key, rules in table.items()}


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    return lemma if lemma and lemma != "-pron-" else token.lower_


def _object_lemmas(token: Token) -> set[str]:
    """Lemmas of the trigger's object-like children and of their compounds / modifiers
    ("hold talks", "impose economic sanctions", "roadside bombing")."""
    found: set[str] = set()
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS:
            found.add(_lemma(child))
            found.add(child.lower_)
            for grand in child.children:
                if grand.dep_ in ("compound", "amod", "nmod", "obj"):
                    found.add(_lemma(grand))
    if token.dep_ in ("compound", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        found.add(_lemma(token.head))   # "cease-fire" parsed with "cease" as a compound
    for left in token.lefts:
        if left.dep_ in ("compound", "amod"):
            found.add(_lemma(left))
    return found


_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj"})


def _subject_lemmas(token: Token) -> set[str]:
    """Lemmas of the trigger's subject and its compounds ("Israeli jets", "a rocket"), or of
    the noun a participle modifies ("shells fired at the town")."""
    heads = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
    if not heads and token.dep_ in ("acl", "amod", "acl:relcl"):
        heads = [token.head]
    found: set[str] = set()
    for head in heads:
        found.update((_lemma(head), head.lower_, head.lower_.removesuffix("s")))   # "Rockets"
        found.update(_lemma(g) for g in head.children if g.dep_ in ("compound", "amod"))
    return found


def _any_object(token: Token) -> bool:
    return any(c.dep_ in ("obj", "dobj") for c in token.children)


def _actor_object(token: Token) -> bool:
    """The direct object names an actor (``>@``: "called Erdogan", "released prisoners")."""
    from storyline.extract.plover.actors import is_actorlike
    for child in token.children:
        if child.dep_ not in ("obj", "dobj", "nsubj:pass"):
            continue
        if is_actorlike(child) or any(g.dep_ == "nmod" and is_actorlike(g) for g in child.children
                                      if child.like_num or child.pos_ in ("NUM", "PRON")
                                      or child.lemma_.lower() in _QUANTITIES):
            return True   # "released three of the hostages"
    return False


#: Quantity heads of an actor phrase ("dozens of activists", "a group of prisoners").
_QUANTITIES = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
                         "million", "millions", "score", "scores", "number", "group", "batch",
                         "some", "several", "many", "all", "most", "rest"})


def _particles(token: Token) -> set[str]:
    found = {c.lower_ for c in token.children if c.dep_ in _PARTICLE_DEPS}
    for child in token.children:   # "call for X": "for" is the case marker of the obl / obj
        if child.dep_ in ("obl", "obj", "nmod", "advcl", "xcomp", "ccomp"):
            found.update(g.lower_ for g in child.children if g.dep_ in ("case", "mark"))
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.pos_ in ("ADP", "PART", "ADV"):
        found.add(nxt.lower_)
    return found


_INTENT_ADJ = frozenset({"ready", "willing", "prepared", "committed", "determined", "eager"})
_STATEMENT_ADJ = frozenset({"skeptical", "sceptical", "pessimistic", "optimistic", "confident",
                            "concerned", "hopeful", "worried", "sorry", "saddened", "grateful"})
INTENT_RULE = Rule(type="AGREE", cameo="030", mode=None, lemma="ready", noun=False)
STATEMENT_RULE = Rule(type="STATEMENT", cameo="012", mode=None, lemma="skeptical", noun=False)


def misparsed_past(token: Token) -> bool:
    """A past tense the parser took for a participle modifier: "guerrillas [wounded] two
    soldiers" (a participle modifier takes no direct object) or "forces have [tortured] ..."
    (an auxiliary on the noun)."""
    if any(c.dep_ in ("obj", "dobj") for c in token.children):
        return True
    if token.i > 0 and token.doc[token.i - 1].lower_ in ("have", "has", "had", "'ve"):
        return True   # "forces had [tortured] detainees" with "had" taken for the verb
    return any(c.dep_ == "aux" and c.lower_ in ("have", "has", "had") for c in token.head.children)


def _adjective_rule(token: Token) -> Rule | None:
    """"X is ready to contribute troops" (AGREE); "X is skeptical that ..." (a CAMEO 01
    comment, no PLOVER event)."""
    lemma = token.lower_
    if lemma in _INTENT_ADJ and any(c.dep_ in ("xcomp", "csubj", "advcl", "ccomp") and
                                    any(g.lower_ == "to" for g in c.children)
                                    for c in token.children):
        return INTENT_RULE
    if lemma in _STATEMENT_ADJ:
        return STATEMENT_RULE
    return None


def match(token: Token) -> Rule | None:
    """The lexicon rule ``token`` triggers, or ``None``."""
    if token.pos_ == "ADJ" or (token.tag_ == "VBN" and token.lower_ in _INTENT_ADJ):
        adjective = _adjective_rule(token)
        if adjective is not None:
            return adjective
    if token.tag_ == "VBG" and token.dep_ == "amod":
        return None   # "pressing questions"
    if _hyphenated(token) and token.tag_ in ("VBN", "JJ"):
        return None   # "Russia-backed", "US-led": a modifier, not an act
    if token.lower_ == "armed" and token.i + 1 < len(token.doc) and (
            token.doc[token.i + 1].pos_ in ("NOUN", "PROPN") or
            token.doc[token.i + 1].lower_ in _ARMED_NOUNS):
        return None   # "armed forces" (even with "forces" tagged a verb)
    if token.tag_ == "VBN" and token.dep_ in ("amod", "acl") and \
            token.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and token.head.dep_ != "ROOT" \
            and not misparsed_past(token):
        return None   # "government-backed troops", "a soldier killed in ...": a modifier
    if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ in ("VBN", "VBG")):
        noun = False
    elif token.pos_ in ("NOUN", "PROPN"):
        noun = True
    else:
        return None
    rules = load_rules().get((_lemma(token), noun))
    if not rules and noun:
        return _zero_derived(token)
    if not rules and not noun and token.tag_ == "VBN":
        rules = load_rules().get((token.lower_, noun))
    if not rules and not noun:   # a lemmatiser slip ("staged" → "stag")
        from storyline.extract.plover.inflect import verb_lemmas
        for lemma in verb_lemmas(token.lower_):
            rules = load_rules().get((lemma, False))
            if rules:
                break
    return _select(token, rules) if rules else None


_ARMED_NOUNS = frozenset({"forces", "force", "groups", "group", "men", "militants", "militia",
                          "militias", "gangs", "gang", "wing", "conflict", "struggle", "robbery",
                          "police", "services", "opposition", "rebels", "fighters"})


#: Verbs that turn a noun spelled like a verb into the act itself.
_LIGHT_VERBS = frozenset({"give", "make", "launch", "stage", "carry", "conduct", "mount",
                          "issue", "deliver", "extend", "pay", "wage", "undertake", "lodge"})


def _zero_derived(token: Token) -> Rule | None:
    """A noun spelled like a lexicon verb ("gave a warm [welcome]", "died as a result of
    [torture]") takes the verb's unconstrained rule when all of them agree on one type; the
    caller admits nouns only where they name an event (object of a support verb, ...)."""
    lemma = _lemma(token)
    if lemma.endswith("s") or token.lower_ != lemma or token.ent_type_ or token.pos_ != "NOUN":
        return None   # plurals ("calls", "orders") are things said, not acts; "March"
    if token.dep_ not in ("obj", "dobj") or token.head.lemma_.lower() not in _LIGHT_VERBS:
        return None   # only the object of a light verb: "gave a [welcome]", "made a [visit]"
    rules = [r for r in load_rules().get((lemma, False), ())
             if not (r.objects or r.particles or r.subjects or r.strict) and r.type != "STATEMENT"]
    if not rules or len({r.type for r in rules}) != 1:
        return None
    return rules[0]


def _hyphenated(token: Token) -> bool:
    """The second half of a hyphenated modifier ("Iran-backed", "US-led")."""
    return token.i > 0 and token.doc[token.i - 1].text == "-"


def verb_reading(token: Token) -> Rule | None:
    """The verb rule of a word the parser did not read as a verb ("Boko Haram jihadists
    [overran] a base", "Piccoli, ..., [condemned] terrorist attacks"): its lemma or an
    inflected form (``plover.inflect``) of a lexicon verb."""
    from storyline.extract.plover.inflect import verb_lemmas
    if _hyphenated(token):
        return None
    table = load_rules()
    for lemma in (_lemma(token), *verb_lemmas(token.lower_)):
        rules = table.get((lemma, False))
        if rules:
            return _select(token, rules)
    return None


def loose_match(token: Token) -> Rule | None:
    """The rule of a verb whose lexicon constraints were not met but whose every rule codes
    the same PLOVER type ("freed [at least 19 Christians]" with the object misparsed): the
    least specific one. Verbs with rules of several types ("give", "hold") never match."""
    rules = [r for r in load_rules().get((_lemma(token), False), ())
             if r.type != "STATEMENT" and not r.strict]
    if not rules or len({r.type for r in rules}) != 1 or any(r.particles for r in rules):
        return None   # a particle changes the sense ("step down" / "step up")
    return rules[-1]


def _select(token: Token, rules: tuple[Rule, ...]) -> Rule | None:
    """The most specific of ``rules`` whose constraints ``token`` satisfies."""
    objects: set[str] | None = None
    particles: set[str] | None = None
    subjects: set[str] | None = None
    for rule in rules:
        if rule.objects:
            objects = _object_lemmas(token) if objects is None else objects
            if not all(o & objects or ("@" in o and _actor_object(token)) or
                       ("*" in o and _any_object(token)) for o in rule.objects):
                continue
        if rule.subjects:
            subjects = _subject_lemmas(token) if subjects is None else subjects
            if not all(o & subjects for o in rule.subjects):
                continue
        if rule.particles:
            particles = _particles(token) if particles is None else particles
            if not all(p in particles for p in rule.particles):
                continue
        return rule
    return None
