"""Readers for the event gold data in ``../shared/data``: PLOVER GSR and ConfliBERT CAMEO.

PLOVER GSR (``plover-gsr``, CC BY-SA 4.0) is coded against PLOVER 0.5b1; :data:`OLD_LABELS`
maps its retired types onto the current 16 (PLOVER manual 2021: DEMAND became REQUEST,
DISAPPROVE and INVESTIGATE became ACCUSE modes, FIGHT became ASSAULT).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["OLD_LABELS", "GoldEvent", "load_gsr", "load_quad", "load_actor_spans", "actor_words",
           "actor_match", "actor_countries"]

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT"}
OLD_MODES = {"DISAPPROVE": "disapprove", "INVESTIGATE": "investigate"}

#: Words that do not identify an actor on their own (role nouns, function words).
_GENERIC = frozenset({
    "the", "a", "an", "of", "and", "in", "on", "for", "to", "'s", "s", "its", "their", "his",
    "her", "president", "minister", "prime", "foreign", "officials", "official", "government",
    "leader", "leaders", "forces", "force", "troops", "party", "group", "groups", "people",
    "senior", "former", "new", "state", "country", "countries", "authorities", "police",
    "army", "military", "members", "spokesman", "spokeswoman", "general", "security", "city",
    "de", "al", "el", "mr", "mrs", "ms", "dr", "top", "chief", "head", "national", "u.s.", "us",
})


@dataclass(frozen=True)
class GoldEvent:
    id: str
    text: str
    type: str
    old_type: str
    mode: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def load_gsr(root: Path) -> list[GoldEvent]:
    """The 322 coded sentences of ``PLOVER_GSR_CAMEO.txt`` (the documentation record skipped)."""
    path = root / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"
    records = json.loads(path.read_text(encoding="utf-8"))
    out: list[GoldEvent] = []
    for rec in records:
        old = rec.get("event")
        if not old or old == "DOCUMENT" or not rec.get("text"):
            continue
        out.append(GoldEvent(
            id=rec["id"], text=rec["text"].strip("{} "), type=OLD_LABELS.get(old, old),
            old_type=old, mode=rec.get("mode") or OLD_MODES.get(old),
            sources=_actors(rec.get("source")), targets=_actors(rec.get("target"))))
    return out


def _actors(value: object) -> tuple[str, ...]:
    """``actorText`` of each actor; a few records give a bare string or one object."""
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, str):
        return (value,) if value else ()
    if not isinstance(value, list):
        return ()
    return tuple(a.get("actorText", "") if isinstance(a, dict) else str(a) for a in value)


def load_quad(path: Path) -> list[tuple[str, int]]:
    """ConfliBERT ``cameo_class`` TSV: (sentence, label 0-4)."""
    rows: list[tuple[str, int]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if text and label.strip().isdigit():
            rows.append((text, int(label)))
    return rows


_NO_SPACE_BEFORE = frozenset({",", ".", "'s", "’s", "n't", ")", ":", ";", "?", "!", "%", "'"})


def load_actor_spans(path: Path) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """ConfliBERT ``cameo_ner`` BIO file → (sentence, source spans, target spans). Tokens are
    joined with spaces except before closing punctuation (the files hold no raw text)."""
    out: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    text = ""
    spans: dict[str, list[list[int]]] = {"S": [], "T": []}
    current: list[int] | None = None
    lines = path.read_text(encoding="utf-8").splitlines() + [""]
    for line in lines:
        token, _, tag = line.strip().rpartition(" ")
        if not token:
            if text:
                out.append((text, tuple(text[a:b] for a, b in spans["S"]),
                            tuple(text[a:b] for a, b in spans["T"])))
            text, spans, current = "", {"S": [], "T": []}, None
            continue
        if text and token not in _NO_SPACE_BEFORE and not text.endswith(("(", "$")):
            text += " "
        start, text = len(text), text + token
        role = tag[2:]
        if tag.startswith("B-") and role in spans:
            current = [start, len(text)]
            spans[role].append(current)
        elif tag.startswith("I-") and role in spans and current is not None and \
                spans[role] and spans[role][-1] is current:
            current[1] = len(text)   # only inside a span of the same role (B-T I-S ends it)
        else:
            current = None
    return out


def actor_words(text: str | None) -> set[str]:
    """Identifying words of an actor phrase (lower case, possessives and role nouns dropped)."""
    if not text:
        return set()
    words = set()
    for raw in text.replace("’", "'").split():
        word = raw.strip(".,;:()\"'{}").lower()
        if word.endswith("'s"):
            word = word[:-2]
        if raw.strip(",;:()\"'{}").removesuffix("'s") in _COUNTRY_CODES:
            words.add("us")   # "US" / "U.S." name a country; only the pronoun "us" is generic
        elif word and word not in _GENERIC:
            words.add(word)
    return words


#: Upper-case spellings of the United States, kept although "us" is a generic (pronoun) word.
_COUNTRY_CODES = frozenset({"US", "U.S", "U.S.", "USA", "U.S.A."})


def actor_countries(text: str | None) -> set[str]:
    """Countries an actor phrase names by a country name, demonym or capital, read with the
    entities stage's gazetteer ("Sudanese army" → {"Sudan"}, "Ivory Coast" → {"Côte d'Ivoire"}
    or however the gazetteer spells it). Up to three-word names are looked up."""
    from storyline.extract.mentions.gazetteer import lookup
    if not text:
        return set()
    words = [w.strip(".,;:()\"'{}") for w in text.replace("’", "'").split()]
    found: set[str] = set()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            place = lookup(" ".join(words[i:i + size]))
            if place is not None and place.country and place.kind in ("country", "demonym",
                                                                       "capital"):
                found.add(place.country)
    return found


def actor_match(predicted: str | None, gold: tuple[str, ...], typed: bool = False) -> bool:
    """A predicted actor is right when it shares an identifying word with a gold actor text
    ("President Volodymyr Zelensky" ~ "Zelensky"; "Israeli soldiers" ~ "Israeli troops").

    ``typed`` (the second convention, session 5, reported beside the first): an actor is also
    right when both name the same country, the way a CAMEO / PLOVER actor code types them
    ("Sudanese army" ~ "Sudan", "Israeli jets" ~ "Israel"); word overlap already accepts two
    phrases that share a demonym, this adds the country / demonym / capital equivalence."""
    words = actor_words(predicted)
    if bool(words) and any(words & actor_words(g) for g in gold):
        return True
    if not typed:
        return False
    countries = actor_countries(predicted)
    return bool(countries) and any(countries & actor_countries(g) for g in gold)
