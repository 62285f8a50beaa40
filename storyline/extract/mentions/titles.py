"""Roles of named people ("Kremlin spokesperson Dmitry Peskov", "Kurt Volker, the US special
envoy,", "Putin's foreign affairs adviser, Yuri Ushakov") and bare title mentions ("the
president", "the Russian leader", "the Kremlin spokesman").

Token patterns over the role lexicon; the parse is not trusted for these (appositions are often
misparsed), only for the part of speech of capitalised words.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.extract.mentions.gazetteer import lookup
from storyline.extract.mentions.roles import HONORIFICS, is_role_head, is_role_modifier

_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
_DETERMINERS = ("the", "a", "an")
_CLOSERS = {",", ".", ";", ":", ")", "\u2014", "-", "--"}
_MAX_ROLE_TOKENS = 8


@dataclass(frozen=True)
class TitleMention:
    """A definite title naming a person ("the Russian leader"): tokens ``[start, end)``, its head
    noun and the countries its modifiers name."""

    start: int
    end: int
    head: str
    countries: frozenset[str]


def _role_word(doc: Doc, j: int, blocked: set[int]) -> bool:
    token = doc[j]
    if j in blocked or token.is_space or token.lower_ in _DETERMINERS:
        return False
    if is_role_modifier(token.text) and (token.text[:1].islower() or token.pos_ != "PROPN"
                                         or is_role_head(token.text)
                                         or token.lower_ in ("white", "house")):
        return True
    return token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ", "NOUN")


def _walk_left(doc: Doc, head: int, blocked: set[int]) -> int:
    """Leftmost token of the role phrase ending at ``head``."""
    start = head
    j = head - 1
    while j >= 0 and head - j < _MAX_ROLE_TOKENS:
        if "\n" in doc[j].whitespace_ or "\n" in doc[j].text:
            break
        if doc[j].text in _POSSESSIVE and j > 0 and doc[j - 1].text[:1].isupper() \
                and j - 1 not in blocked:
            start = j - 1                      # "Ukraine's President", "Putin's adviser"
            j -= 2
            continue
        if doc[j].lower_ == "of" and j > 0 and is_role_head(doc[j - 1].text):
            j -= 1                              # "Secretary of State"
            continue
        if not _role_word(doc, j, blocked):
            break
        start = j
        j -= 1
    return start


def prenominal_role(doc: Doc, start: int, blocked: set[int]) -> tuple[int, int] | None:
    """The role right before a name starting at token ``start`` ("U.S. special envoy")."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in HONORIFICS:
        i -= 1
    if i < 0 or "\n" in doc[i].whitespace_:
        return None
    head = i
    if not is_role_head(doc[i].text):
        # "Secretary of State Marco Rubio"
        if i >= 2 and doc[i - 1].lower_ == "of" and is_role_head(doc[i - 2].text) \
                and doc[i].text[:1].isupper():
            head = i
        else:
            return None
    if doc[head].tag_ in ("NNS", "NNPS") and doc[head].text.endswith("s") \
            and not doc[head].lower_.endswith("ss"):
        return None                             # "officials Mark and John"
    return _walk_left(doc, head, blocked), i + 1


def appositive_role(doc: Doc, end: int, blocked: set[int]) -> tuple[int, int] | None:
    """The role after a name and a comma ("Kurt Volker, the US special envoy, ...")."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    k = end + 1
    if k < len(doc) and doc[k].lower_ in _DETERMINERS:
        k += 1
    begin = k
    last_head = None
    while k < len(doc) and k - begin < _MAX_ROLE_TOKENS:
        token = doc[k]
        if is_role_head(token.text):
            last_head = k
        elif not (_role_word(doc, k, blocked) or token.text in _POSSESSIVE
                  or token.lower_ == "of"):
            break
        k += 1
    if last_head is None or last_head + 1 != k:
        return None
    if k < len(doc) and doc[k].text not in _CLOSERS and not doc[k].is_sent_start:
        return None
    return begin, k


def preceding_appositive_role(doc: Doc, start: int, end: int,
                              blocked: set[int]) -> tuple[int, int] | None:
    """The role before "<role>, <name>," ("Putin's foreign affairs adviser, Yuri Ushakov,")."""
    if start < 2 or doc[start - 1].text != "," or not is_role_head(doc[start - 2].text):
        return None
    if end < len(doc) and doc[end].text not in _CLOSERS and not doc[end].is_sent_start:
        return None
    head = start - 2
    if doc[head].tag_ in ("NNS", "NNPS"):
        return None
    return _walk_left(doc, head, blocked), head + 1


def role_countries(doc: Doc, start: int, end: int) -> list[str]:
    """Countries named by the words of a role ("Kremlin" → Russia, "U.S." → United States)."""
    countries: list[str] = []
    i = start
    while i < end:
        matched = False
        for width in (3, 2, 1):
            if i + width <= end:
                place = lookup(doc[i:i + width].text)
                if place is not None and place.country is not None:
                    countries.append(place.country)
                    i += width
                    matched = True
                    break
        if not matched:
            i += 1
    return countries


def title_mentions(doc: Doc, blocked: set[int]) -> list[TitleMention]:
    """Definite singular titles not attached to a name: "the president", "the Russian leader"."""
    found: list[TitleMention] = []
    for token in doc:
        i = token.i
        if i in blocked or not is_role_head(token.text) or token.tag_ in ("NNS", "NNPS"):
            continue
        if i + 1 < len(doc) and (doc[i + 1].lower_ == "of" or doc[i + 1].text[:1].isupper()
                                 and doc[i + 1].pos_ == "PROPN"):
            continue                            # "the head of ...", "the president Macron"
        if i + 1 < len(doc) and is_role_head(doc[i + 1].text):
            continue                            # inside a longer role: "the deputy minister"
        start = _walk_left(doc, i, blocked)
        if start == 0 or doc[start - 1].lower_ != "the":
            continue
        countries = frozenset(role_countries(doc, start, i))
        found.append(TitleMention(start - 1, i + 1, token.lower_, countries))
    return found
