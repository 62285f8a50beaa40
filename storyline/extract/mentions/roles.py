"""Role and title lexicon: the words of "Russian Deputy Foreign Minister", "White House press
secretary", "the Kremlin spokesman", plus honorifics and gendered words.

Data plus three small predicates; no per-article rules.
"""

from __future__ import annotations

#: Nouns that head a role or title ("minister", "spokesperson", "envoy").
ROLE_HEADS = frozenset("""
president vice-president premier prime minister chancellor secretary spokesperson spokesman
spokeswoman envoy adviser advisor aide ambassador diplomat negotiator governor mayor senator
congressman congresswoman congressperson representative lawmaker legislator mp deputy speaker
leader chief head director chair chairman chairwoman chairperson ceo cfo founder commander
general admiral colonel officer official king queen prince princess emperor monarch pope
cardinal bishop archbishop ayatollah imam rabbi sheikh emir sultan judge justice prosecutor
attorney lawyer counsel minister-president commissioner president-elect ruler dictator
strongman autocrat patriarch inspector auditor coordinator manager executive administrator
superintendent marshal sergeant lieutenant captain major prosecutor-general attorney-general
secretary-general ombudsman mediator analyst economist scientist professor researcher expert
correspondent reporter journalist editor columnist anchor host presenter author writer
coach captain player chancellor-elect premier-elect nominee candidate incumbent boss
""".split())

#: Words that may stand inside a role before its head ("Deputy Foreign", "press", "special").
ROLE_MODIFIERS = frozenset("""
deputy vice first second third acting interim former ex- outgoing incoming new top senior chief
special foreign defence defense interior finance economy economic trade justice health energy
education agriculture environment transport culture home state national security intelligence
military press presidential prime executive general principal assistant associate lead
permanent regional federal local provincial district municipal city supreme high constitutional
armed forces affairs international european political communications public relations
parliamentary opposition party majority minority senate house white kremlin government
administration ministry department council union nuclear peace chief-of-staff staff of the
defense-policy border guard guards army navy air force police emergency emergencies treasury
commerce labor labour homeland interior-ministry cabinet royal crown
""".split())

#: Honorifics: dropped from names, never kept as roles.
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir",
                        "dame", "lord", "lady", "madam", "mx", "mx."})

#: Role heads that say the person's gender.
MALE_WORDS = frozenset({"spokesman", "chairman", "congressman", "king", "prince", "emperor",
                        "sultan", "emir", "sheikh", "mr", "mr.", "sir", "lord", "pope",
                        "patriarch", "businessman", "father", "son", "husband", "brother"})
FEMALE_WORDS = frozenset({"spokeswoman", "chairwoman", "congresswoman", "queen", "princess",
                          "mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "madam",
                          "businesswoman", "mother", "daughter", "wife", "sister"})

#: A title noun used alone ("the leader") matches a person whose role head is one of these.
TITLE_COMPATIBLE: dict[str, frozenset[str]] = {
    "leader": frozenset({"president", "premier", "minister", "chancellor", "leader", "king",
                         "queen", "emperor", "ruler", "head", "dictator", "strongman",
                         "autocrat", "ayatollah", "emir", "sultan", "monarch", "chairman"}),
    "spokesman": frozenset({"spokesperson", "spokesman", "spokeswoman"}),
    "spokeswoman": frozenset({"spokesperson", "spokesman", "spokeswoman"}),
    "spokesperson": frozenset({"spokesperson", "spokesman", "spokeswoman"}),
    "diplomat": frozenset({"diplomat", "ambassador", "envoy", "minister", "secretary"}),
    "adviser": frozenset({"adviser", "advisor", "aide"}),
    "advisor": frozenset({"adviser", "advisor", "aide"}),
    "aide": frozenset({"adviser", "advisor", "aide"}),
}

#: Title nouns too generic to resolve on their own ("the official", "the expert").
GENERIC_TITLES = frozenset({"official", "officer", "expert", "analyst", "head", "chief",
                            "director", "representative", "candidate", "player", "author",
                            "writer", "researcher", "scientist", "journalist", "reporter"})


def is_role_head(word: str) -> bool:
    """True when ``word`` can head a role ("minister", "Spokesperson")."""
    return word.lower().strip(".") in ROLE_HEADS or word.lower() in ROLE_HEADS


def is_role_modifier(word: str) -> bool:
    """True when ``word`` can stand inside a role before its head."""
    return word.lower() in ROLE_MODIFIERS or is_role_head(word)


def title_matches(title_head: str, role_heads: set[str]) -> bool:
    """Whether a bare title ("the leader", "the president") can name a person with these role
    heads."""
    head = title_head.lower()
    if head in role_heads:
        return True
    return bool(TITLE_COMPATIBLE.get(head, frozenset()) & role_heads)


def role_head(role: str) -> str:
    """The head noun of a role phrase: its last role-head word ("Deputy Foreign Minister" →
    "minister"); the last word when none is known."""
    words = [w.lower().strip(",.") for w in role.replace("\u2019s", " ").replace("'s", " ").split()]
    for word in reversed(words):
        if word in ROLE_HEADS:
            return word
    return words[-1] if words else ""


#: Common nouns for people ("my father", "the man"): unnamed antecedents that block a pronoun
#: from jumping back to an earlier named person. Value: the gender they imply, if any.
PERSON_NOUNS: dict[str, str] = {
    **dict.fromkeys("""man boy father son husband brother uncle grandfather nephew gentleman
        king prince lord monk priest""".split(), "male"),
    **dict.fromkeys("""woman girl mother daughter wife sister aunt grandmother niece lady
        queen princess nun""".split(), "female"),
    **dict.fromkeys("""person child kid baby parent friend colleague neighbour neighbor teacher
        student doctor nurse patient soldier officer victim suspect driver worker resident
        witness owner customer guest stranger boss partner cousin relative spouse sibling
        teenager individual member player fan visitor passenger survivor citizen farmer
        pilot lawyer artist writer author singer actor actress
        """.split(), "unknown"),
}
