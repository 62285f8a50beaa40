"""extract.events + extract.positions on the five real seed articles (skipped without them).

Expectations were read by hand from the articles (issue 5): the main events of each seed and
the positions of Putin, Zelensky's Ukraine and Trump on the 30-day ceasefire with conditions.
Entities come from the entities stage, as in the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.extract.entities import extract_entities
from storyline.extract.events import extract_events
from storyline.extract.positions import extract_positions
from storyline.records import Event, Position


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, tuple[tuple[Event, ...], tuple[Position, ...]]]:
    from storyline.nlp import load_pipeline

    nlp = load_pipeline()
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        entities = extract_entities(doc)
        out[path.name[:3]] = (extract_events(doc, entities), extract_positions(doc, entities))
    return out


def has_event(events: tuple[Event, ...], type_: str, source: str | None, target: str | None,
              **flags: object) -> bool:
    for e in events:
        if e.type != type_:
            continue
        if source is not None and source not in (e.source.name or ""):
            continue
        if target is not None and (e.target is None or target not in (e.target.name or "")):
            continue
        if all(getattr(e, k) == v for k, v in flags.items()):
            return True
    return False


def stances(positions: tuple[Position, ...], actor: str, issue: str = "ceasefire") -> list[str]:
    return [p.stance for p in positions if actor in (p.actor.name or "") and p.issue == issue]


def test_seed_000_events(seeds) -> None:
    events, _ = seeds["000"]
    assert has_event(events, "ACCUSE", "Zelenskyy", "Putin")
    assert has_event(events, "CONSULT", "Volker", "Moscow", mode="visit")     # envoy in Moscow
    assert has_event(events, "AID", "United States", "Ukraine")               # aid resumed
    assert has_event(events, "ASSAULT", "Ukrainian", "Krasnodar")             # refinery strike
    assert has_event(events, "COERCE", "Russia", "Crimea", historical=True)   # background


def test_seed_001_events(seeds) -> None:
    events, _ = seeds["001"]
    assert has_event(events, "ASSAULT", None, "Sloviansk", mode="aerial")
    assert has_event(events, "CONSULT", "Trump", "Zelensky")


def test_seed_002_events(seeds) -> None:
    events, _ = seeds["002"]
    assert has_event(events, "REQUEST", "Kremlin", "North Atlantic Treaty Organization",
                     future=True)                                              # demands on NATO
    assert has_event(events, "CONSULT", "Putin", None, mode="phone")         # the planned call


def test_seed_003_events(seeds) -> None:
    events, _ = seeds["003"]
    assert has_event(events, "ACCUSE", "Zelensky", "Putin")
    assert has_event(events, "CONSULT", "Waltz", "Ukrainian")
    assert has_event(events, "AGREE", "Ukraine", None,
                     condition="contingent on Russia doing the same")


def test_seed_004_events(seeds) -> None:
    events, _ = seeds["004"]
    assert has_event(events, "THREATEN", "Trump", "Russia")                    # sanctions threat
    assert has_event(events, "CONSULT", "Putin", "Whitkov")                   # Moscow meeting


def test_putin_supports_the_ceasefire_with_conditions(seeds) -> None:
    assert "conditional" in stances(seeds["000"][1], "Putin")
    assert "conditional" in stances(seeds["002"][1], "Putin")      # "while outlining conditions"
    conditional = [p for p in seeds["003"][1] if "Putin" in (p.actor.name or "")
                   and p.issue == "ceasefire" and p.stance == "conditional"]
    assert conditional and "mobilization" in (conditional[0].condition or "")
    assert "support" in stances(seeds["004"][1], "Putin")


def test_ukraine_accepts_the_ceasefire_if_russia_does(seeds) -> None:
    conditions = {p.condition for p in seeds["003"][1] if p.actor.name == "Ukraine"
                  and p.issue == "ceasefire" and p.stance == "conditional"}
    assert {"contingent on Russia doing the same", "only if Russia agrees"} <= conditions
    assert "support" in stances(seeds["002"][1], "Kyiv")
    zelensky = [p for p in seeds["001"][1] if "Zelensky" in (p.actor.name or "")
                and p.issue == "troop_withdrawal"]
    assert zelensky and zelensky[0].stance == "conditional"
    assert "reciprocal actions from Russia" in (zelensky[0].condition or "")


def test_trump_proposes_and_presses_for_the_ceasefire(seeds) -> None:
    assert "offer" in stances(seeds["003"][1], "Trump")
    assert "demand" in stances(seeds["002"][1], "Trump")
    assert "demand" in stances(seeds["004"][1], "Washington")
