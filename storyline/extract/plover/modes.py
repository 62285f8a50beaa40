"""PLOVER modes that depend on the words around the trigger, and the quad class of a type.

The lexicon gives each rule a mode where the verb fixes it ("arrest" → COERCE ``arrest``); the
rest is read here: how a CONSULT happened (phone / visit / multilateral), which weapon an
ASSAULT used (PLOVER manual table 3.11), and what a REQUEST / REJECT / THREATEN is about when
it embeds another event ("threatened to shell" → THREATEN ``violence``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = ["QUAD", "quad_of_cameo", "assault_mode", "consult_mode", "embedded_mode"]

#: PLOVER type → quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
#: 4 material conflict), as in the PLOVER manual's "Quad category" sections.
QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

def quad_of_cameo(cameo: str | None, plover_type: str) -> int:
    """CAMEO quad class from the CAMEO root (01-02 neutral → 0, 03-05 verbal cooperation,
    06-08 material cooperation, 09-13 verbal conflict, 14-20 material conflict); the PLOVER
    type's quad when there is no code."""
    if cameo and cameo[:2].isdigit():
        root = int(cameo[:2])
        if root <= 2:
            return 0
        return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
    return QUAD.get(plover_type, 0)


_WEAPONS: tuple[tuple[str, frozenset[str]], ...] = (
    ("drone", frozenset({"drone", "drones", "uav", "uavs", "shahed", "kamikaze"})),
    ("aerial", frozenset({"airstrike", "airstrikes", "air", "aircraft", "jet", "jets", "warplane",
                          "warplanes", "helicopter", "helicopters", "bomber", "bombers",
                          "aerial", "glide"})),
    ("heavy-weapons", frozenset({"missile", "missiles", "rocket", "rockets", "artillery", "shell",
                                 "shells", "shelled", "shelling", "mortar", "mortars", "tank",
                                 "tanks", "ballistic", "howitzer", "barrage"})),
    ("suicide-attack", frozenset({"suicide"})),
    ("explosives", frozenset({"bomb", "bombs", "bombing", "explosive", "explosives", "ied",
                              "ieds", "mine", "mines", "grenade", "grenades", "landmine"})),
    ("firearms", frozenset({"gun", "guns", "gunfire", "rifle", "rifles", "shot", "shooting",
                            "gunmen", "gunman", "pistol", "sniper", "fire"})),
    ("primitive", frozenset({"knife", "knives", "machete", "machetes", "stone", "stones", "rock",
                             "rocks", "axe", "stabbed", "stabbing"})),
)
_MULTILATERAL = frozenset({"summit", "g7", "g-7", "g20", "g-20", "nato", "un", "u.n.",
                           "assembly", "council", "conference", "forum", "eu", "asean"})


def assault_mode(trigger: Token) -> str | None:
    """The weapon class of an ASSAULT from the words of the trigger's clause."""
    words = {t.lower_ for t in trigger.subtree} | {t.lower_ for t in trigger.head.subtree
                                                    if trigger.dep_ in ("obj", "nsubj", "obl")}
    words.add(trigger.lower_)
    for mode, cues in _WEAPONS:
        if words & cues:
            return mode
    return None


def consult_mode(trigger: Token, sent: Span) -> str | None:
    """phone / visit / multilateral for a CONSULT event, when the sentence says so."""
    words = {t.lower_ for t in sent}
    if words & {"phone", "telephone", "call", "videoconference", "video"}:
        return "phone"
    if trigger.lemma_.lower() in ("visit", "travel", "arrive", "fly", "host"):
        return "visit"
    if words & _MULTILATERAL:
        return "multilateral"
    return None


def embedded_mode(outer: str, inner: str) -> str | None:
    """The mode of a REQUEST / REJECT / THREATEN whose content is an event of type ``inner``."""
    if outer in ("REQUEST", "REJECT"):
        if inner in ("RETREAT", "CONCEDE"):
            return "yield"
        if inner in ("CONSULT",):
            return "meet"
        if inner in ("AID", "COOPERATE", "SUPPORT"):
            return "assist"
        return "change"
    if outer == "THREATEN":
        return {"ASSAULT": "violence", "SANCTION": "relations", "COERCE": "restrict",
                "REJECT": "relations", "MOBILIZE": "violence"}.get(inner)
    return None
