"""Countries, capitals, demonyms and seats of government as one lookup.

``lookup("the Kremlin")`` → ``Place(kind="seat", country="Russia", canonical="Kremlin")``. Names
are matched case-sensitively after stripping a leading "the" (``"US"`` the country, not ``"us"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from storyline.extract.mentions.places_data import (
    COUNTRIES,
    NATURAL_FEATURES,
    ORGANISATIONS,
    REGIONAL_DEMONYMS,
    REGIONS,
)

PlaceKind = Literal["country", "capital", "demonym", "seat", "org", "region", "bloc_demonym"]

#: Output entity type of each kind.
KIND_TYPE: dict[str, str] = {"country": "GPE", "capital": "GPE", "demonym": "NORP",
                             "seat": "ORG", "org": "ORG", "region": "LOC",
                             "bloc_demonym": "NORP"}


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: ``canonical`` is the name the entity gets; ``country`` the country it
    acts for (``None`` for organisations, regions and bloc demonyms)."""

    kind: PlaceKind
    canonical: str
    country: str | None

    @property
    def type(self) -> str:
        return KIND_TYPE[self.kind]


def _strip_the(name: str) -> str:
    name = name.strip()
    for article in ("the ", "The "):
        if name.startswith(article):
            return name[len(article):]
    return name


def _split(field: str) -> list[str]:
    return [item.strip() for item in field.split(";") if item.strip()]


@lru_cache(maxsize=1)
def table() -> dict[str, Place]:
    """Surface form (without a leading "the") → :class:`Place`."""
    entries: dict[str, Place] = {}
    for line in COUNTRIES.splitlines():
        if not line.strip():
            continue
        canonical, others, capitals, demonyms, seats = (line.split("|") + [""] * 5)[:5]
        for name in [canonical, *_split(others)]:
            entries.setdefault(_strip_the(name), Place("country", canonical, canonical))
        for name in _split(capitals):
            entries.setdefault(_strip_the(name), Place("capital", _strip_the(name), canonical))
        for name in _split(demonyms):
            # plural demonyms share the singular's canonical form
            singular = name[:-1] if name.endswith("s") and name[:-1] in demonyms else name
            entries.setdefault(name, Place("demonym", singular, canonical))
        for name in _split(seats):
            short = _strip_the(name)
            entries.setdefault(short, Place("seat", short, canonical))
    for line in ORGANISATIONS.splitlines():
        if not line.strip():
            continue
        canonical, others = (line.split("|") + [""])[:2]
        for name in [canonical, *_split(others)]:
            entries.setdefault(name, Place("org", canonical, None))
    for name in REGIONAL_DEMONYMS:
        singular = name[:-1] if name.endswith("s") and name[:-1] in REGIONAL_DEMONYMS else name
        entries.setdefault(name, Place("bloc_demonym", singular, None))
    for name in REGIONS:
        entries.setdefault(_strip_the(name), Place("region", _strip_the(name), None))
    return entries


def lookup(name: str) -> Place | None:
    """The gazetteer entry for a surface form (possessive and leading "the" ignored), or ``None``."""
    text = " ".join(name.split())
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    text = _strip_the(text)
    if not text:
        return None
    entries = table()
    found = entries.get(text)
    if found is None and text.isupper() and len(text) > 4:
        found = entries.get(text.title())
    return found


def country_names() -> frozenset[str]:
    """Canonical names of every country in the gazetteer."""
    return frozenset(p.canonical for p in table().values() if p.kind == "country")


def is_natural_feature(name: str) -> bool:
    """True for "Black Sea", "Dnipro River": a location that is not a political entity."""
    words = name.lower().split()
    return bool(words) and (words[-1] in NATURAL_FEATURES or words[0] in ("mount", "lake"))
