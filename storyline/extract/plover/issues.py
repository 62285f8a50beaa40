"""The issue lexicon of positions: surface wordings → one issue key, so that the same issue
matches across articles ("30-day ceasefire", "cease-fire", "truce", "a pause in military
actions" → ``ceasefire``).

Normalisation: the text of the stance's object phrase is lower-cased, hyphens and the
typographic apostrophe unified; the first issue whose pattern matches gives the key. Without a
match, the key is the lemma of the object's head noun with its compound / adjective modifiers
("peace process", "energy infrastructure"); ``None`` for pronouns and vague nouns ("it",
"the idea"), which the caller resolves to the issue of the preceding sentences.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

__all__ = ["ISSUES", "VAGUE", "issue_key", "issue_of_text"]

#: issue key → regular expression over normalised text (order matters: specific first).
ISSUES: tuple[tuple[str, str], ...] = (
    ("nato_membership", r"\bnato\b.{0,60}\b(membership|join|joining|accept\w*|aspiration\w*|"
                        r"alliance|accession)\b|\b(join|joining|membership in|accession to)\b"
                        r".{0,30}\bnato\b|\bneutral (status|stance)\b|\bout(side)? of nato\b|"
                        r"\boutside nato\b"),
    ("security_guarantees", r"\bsecurity (guarantee|assurance)s?\b|\bironclad\b.{0,20}guarantee"),
    ("ceasefire", r"\bcease ?-?fire\b|\bcease-?fires\b|\btruce\b|\barmistice\b|"
                  r"\bpause in (military actions|fighting|hostilities)\b|\bhalt(ing)? (the|to the)?"
                  r" ?fighting\b|\bsilence at the front\b|\b30-day (halt|pause)\b"),
    ("military_aid", r"\bmilitary (aid|assistance|support)\b|\bweapons? (shipments?|supplies|"
                     r"deliveries)\b|\barms (supplies|shipments|deliveries)\b|\breceive weapons\b"),
    ("intelligence_sharing", r"\bintelligence[- ]sharing\b|\bshar\w+ intelligence\b"),
    ("mobilization", r"\bmobili[sz]ation\b|\bmobili[sz]ed units\b"),
    ("troop_withdrawal", r"\btroop withdrawals?\b|\bwithdraw\w* (of )?(troops|forces)\b"),
    ("demilitarized_zone", r"\bdemilitari[sz]ed zone\b|\bbuffer zone\b"),
    ("territory", r"\bterritor(y|ies|ial)\b|\bcrimea\b|\bdonbas\b|\bland\b"),
    ("sanctions", r"\bsanctions?\b|\bembargo\b"),
    ("peace_deal", r"\bpeace (deal|agreement|arrangement|plan|accord|settlement|process)\b|"
                   r"\blasting peace\b|\bpermanent peace\b|\bpeaceful (means|resolution)\b|"
                   r"\bend(ing)? (to )?(the|this) (war|conflict)\b"),
    ("negotiations", r"\bnegotiations?\b|\btalks\b|\bdialogue\b|\bdirect meeting\b|\bsummit\b"),
    ("root_causes", r"\broot causes\b|\boriginal causes\b"),
)
_COMPILED = tuple((key, re.compile(pattern)) for key, pattern in ISSUES)
#: Object heads that stand for an issue named elsewhere ("supports the idea").
VAGUE = frozenset({"it", "this", "that", "idea", "proposal", "plan", "concept", "initiative",
                   "offer", "deal", "one", "them", "move", "step", "matter", "arrangement"})


#: Nouns that are not issues on their own ("in principle", "the side").
_NOT_ISSUES = frozenset({"principle", "side", "time", "way", "work", "part", "thing", "day",
                         "week", "month", "year", "people", "country", "leader", "president",
                         "official", "government", "reporter", "question", "issue", "point",
                         "collaboration", "term", "statement", "comment", "remark"})


_QUANTIFIERS = frozenset({"more", "further", "new", "any", "some", "additional", "other", "many",
                          "several", "few", "much", "such", "same", "certain", "numerous"})


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("‑", "-").split())


def issue_of_text(text: str) -> str | None:
    """The issue key a text mentions first (earliest in the text; lexicon order on ties)."""
    norm = _normalise(text)
    best: tuple[int, int, str] | None = None
    for rank, (key, pattern) in enumerate(_COMPILED):
        found = pattern.search(norm)
        if found and (best is None or (found.start(), rank) < best[:2]):
            best = (found.start(), rank, key)
    return best[2] if best else None


def issue_key(phrase: list[Token]) -> str | None:
    """Issue key of an object phrase: the lexicon, else the lemma head with its modifiers;
    ``None`` when the phrase is vague (a pronoun, "the idea")."""
    if not phrase:
        return None
    text = phrase[0].doc.text[phrase[0].idx: phrase[-1].idx + len(phrase[-1].text)]
    found = issue_of_text(text)
    if found:
        return found
    roots = [t for t in phrase if t.head not in phrase or t.head == t]
    head = roots[0] if roots else phrase[-1]
    if head.lemma_.lower() in VAGUE or head.pos_ in ("PRON", "DET"):
        return None
    if head.pos_ != "NOUN" or head.lemma_.lower() in _NOT_ISSUES or head.like_num:
        return None
    mods = [c for c in head.lefts if c.dep_ in ("compound", "amod")
            and c.pos_ in ("NOUN", "ADJ", "PROPN") and c.lower_ not in _QUANTIFIERS]
    if not mods:
        return head.lemma_.lower()
    doc = head.doc
    first = min(t.idx for m in mods for t in m.subtree)   # "long-term" is long - term
    left = " ".join(doc.text[first: head.idx].lower().split())
    return f"{left} {head.lemma_.lower()}".replace("- ", "-").replace(" -", "-")
