"""Candidate verb lemmas of an English word form, for words the tagger did not read as verbs.

:func:`verb_lemmas` undoes regular inflection ("released" → release, "stopped" → stop,
"carried" → carry, "bombs" → bomb) and looks up a small table of irregular past forms used in
news ("overran" → overrun, "struck" → strike). Candidates are only useful against a lexicon:
the caller keeps the first one that is a known trigger verb.
"""

from __future__ import annotations

__all__ = ["IRREGULAR", "verb_lemmas"]

#: Irregular past tenses and participles of event verbs (the regular ones are derived).
IRREGULAR = {
    "overran": "overrun", "struck": "strike", "stricken": "strike", "fought": "fight",
    "shot": "shoot", "took": "take", "taken": "take", "gave": "give", "given": "give",
    "sent": "send", "met": "meet", "held": "hold", "seized": "seize", "led": "lead",
    "threw": "throw", "thrown": "throw", "beat": "beat", "beaten": "beat", "blew": "blow",
    "blown": "blow", "withdrew": "withdraw", "withdrawn": "withdraw", "broke": "break",
    "broken": "break", "spoke": "speak", "spoken": "speak", "told": "tell", "sought": "seek",
    "brought": "bring", "bought": "buy", "sold": "sell", "made": "make", "began": "begin",
    "begun": "begin", "drove": "drive", "driven": "drive", "forbade": "forbid",
    "forbidden": "forbid", "swore": "swear", "sworn": "swear", "overthrew": "overthrow",
    "overthrown": "overthrow", "undertook": "undertake", "undertaken": "undertake",
    "forgave": "forgive", "forgiven": "forgive", "hit": "hit", "quit": "quit", "set": "set",
    "put": "put", "cut": "cut", "shut": "shut", "let": "let", "bid": "bid", "fled": "flee",
    "hid": "hide", "stole": "steal", "stolen": "steal", "slew": "slay", "slain": "slay",
    "bled": "bleed", "fed": "feed", "froze": "freeze", "frozen": "freeze", "rode": "ride",
    "wrote": "write", "written": "write", "won": "win", "lost": "lose", "paid": "pay",
    "said": "say", "laid": "lay", "bore": "bear", "borne": "bear", "upheld": "uphold",
    "withheld": "withhold", "overtook": "overtake", "overtaken": "overtake",
}


def verb_lemmas(form: str) -> tuple[str, ...]:
    """Possible verb lemmas of a lower-case word form, most likely first (may be empty)."""
    word = form.lower()
    if word in IRREGULAR:
        return (IRREGULAR[word],)
    out: list[str] = []
    if word.endswith("ied") and len(word) > 4:
        out.append(word[:-3] + "y")
    elif word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        out += [stem + "e", stem]   # "agreed" → agree, "condemned" → condemn
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])   # "stopped" → stop
    elif word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        out += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
    elif word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    elif word.endswith("es") and len(word) > 3:
        out += [word[:-1], word[:-2]]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append(word[:-1])
    return tuple(out)
