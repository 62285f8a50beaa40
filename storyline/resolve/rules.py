"""When two person names are the same person: the pairwise rules of the resolver.

Every rule needs given name and surname agreement of some kind; a shared surname or a shared
title alone never merges two people.

* ``variant`` (0.9): given names equal up to nicknames and transliteration (Mike / Michael,
  Dmitri / Dmitry) and surnames equal up to transliteration (Zelensky / Zelenskyy / Zelenskiy).
* ``misspelling`` (0.7): given names agree as above, surnames close in spelling (Soundex equal
  or edit distance ≤ 2, "Whitkov" / "Witkoff") **and** context agrees: a shared story and a
  shared role ("special envoy").

Records only grow, and every rule only asks for an overlap, so a decision never flips from
merge to no-merge: the identities do not depend on the order articles arrive in.
"""

from __future__ import annotations

from storyline.resolve.names import edit_distance, first_name_key, soundex, translit_key
from storyline.resolve.records import NameRecord

VARIANT_CONFIDENCE = 0.9
MISSPELLING_CONFIDENCE = 0.7
SURNAME_ONLY_CONFIDENCE = 0.6
SAME_NAME_CONFIDENCE = 0.8


def blocking_keys(record: NameRecord) -> set[str]:
    """Keys under which candidates for ``record`` are looked up (cost per article stays flat).

    ``s:`` surname key (every person: where a surname-only name finds its full name);
    ``v:`` given-name key + surname key and ``x:`` given-name key + surname Soundex (full names:
    the only pairs the rules can merge, so blocks stay small even for common surnames);
    ``n:`` the id itself for other entities (merged by name, see the resolver)."""
    if record.type != "PERSON":
        return {"n:" + record.id}
    words = record.words or (record.name,)
    last = words[-1]
    keys = {"s:" + translit_key(last)}
    if record.full:
        first = first_name_key(words[0])
        keys |= {f"v:{first}|{translit_key(last)}", f"x:{first}|{soundex(last)}"}
    return keys


def comparison_keys(record: NameRecord) -> set[str]:
    """The blocking keys whose records are compared pairwise with ``record``."""
    return {k for k in blocking_keys(record) if k[:2] in ("v:", "x:")}


def same_person(a: NameRecord, b: NameRecord) -> tuple[str, float] | None:
    """Evidence and confidence that two full person names name one person, else ``None``."""
    if not (a.full and b.full):
        return None
    if (a.name, a.id) > (b.name, b.id):
        a, b = b, a                     # the evidence reads the same whichever came first
    aw, bw = a.words, b.words
    if first_name_key(aw[0]) != first_name_key(bw[0]):
        return None
    last_a, last_b = translit_key(aw[-1]), translit_key(bw[-1])
    if last_a == last_b:
        return (f"spelling variant: {a.name!r} ~ {b.name!r} (same given name and surname up to "
                "transliteration and nicknames)", VARIANT_CONFIDENCE)
    close = soundex(aw[-1]) == soundex(bw[-1]) or edit_distance(last_a, last_b, 2) <= 2
    if not close:
        return None
    stories = a.stories & b.stories
    roles = a.role_heads & b.role_heads
    if not stories or not roles:
        return None
    return (f"misspelling with context: {a.name!r} ~ {b.name!r}, same role "
            f"({', '.join(sorted(roles))}) in the same story", MISSPELLING_CONFIDENCE)
