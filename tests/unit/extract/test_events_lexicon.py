"""extract.plover.lexicon: synonym sets, subject constraints and strict rules (session 5,
patterns from PETRARCH2's CAMEO.2.0 dictionary). Hand-written sentences, shipped parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.extract.events import extract_events, main_event
from storyline.extract.plover.lexicon import load_rules
from storyline.records import Event


@pytest.fixture(scope="module")
def parse():
    from storyline.nlp import load_pipeline

    return load_pipeline()


def main(parse, text: str) -> Event | None:
    doc = parse(text)
    return main_event(extract_events(doc), doc)


def test_synset_lines_are_read(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("&arms = gun rifle\nASSAULT 183 bomb | hurl >&arms !\nASSAULT 190 - | hurl\n",
                    encoding="utf-8")
    rules = load_rules(str(path))[("hurl", False)]
    assert rules[0].objects == (frozenset({"gun", "rifle"}),) and rules[0].strict
    assert not rules[1].objects and not rules[1].strict


def test_unknown_synset_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("ASSAULT 183 bomb | hurl >&nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown synonym set"):
        load_rules(str(path))


def test_weapon_subject_makes_an_assault(parse) -> None:
    event = main(parse, "Rockets fell on the town of Sderot on Monday.")
    assert event is not None and event.type == "ASSAULT"


def test_weapon_subject_constraint_is_not_waived(parse) -> None:
    # "fall" has only strict rules: a government that falls is not an assault
    event = main(parse, "The government of Italy fell on Monday.")
    assert event is None or event.type != "ASSAULT"


def test_multiword_object_pattern(parse) -> None:
    event = main(parse, "Israeli jets carried out air strikes on Gaza.")
    assert event is not None and event.type == "ASSAULT"


def test_synset_object_pattern(parse) -> None:
    event = main(parse, "The rebels laid down their weapons in Aceh.")
    assert event is not None and event.type == "RETREAT" and event.mode == "disarm"


def test_resumed_talks_are_consultations(parse) -> None:
    event = main(parse, "Serbia and Kosovo resumed negotiations in Brussels.")
    assert event is not None and event.type == "CONSULT"


def test_actor_in_a_time_phrase_is_not_the_recipient(parse) -> None:
    event = main(parse, "Police have imposed a curfew in parts of the northern city of Mosul "
                        "after deadly clashes between Sunni and Shiite militias.")
    assert event is not None and event.type == "COERCE"
    assert "Mosul" in (event.target.name or "")   # was the militias before session 5


def test_agent_nouns_are_recipients(parse) -> None:
    event = main(parse, "The government freed three jailed politicians on Monday.")
    assert event is not None and "politicians" in (event.target.name or "")


def test_country_typed_actor_match() -> None:
    from storyline.extract.plover.gold import actor_countries, actor_match

    assert actor_countries("Sudanese army") == {"Sudan"}
    assert not actor_match("Sudanese army", ("Sudan",))
    assert actor_match("Sudanese army", ("Sudan",), typed=True)
    assert not actor_match("Sudanese army", ("Chad",), typed=True)
    assert not actor_match("the army", ("Sudan",), typed=True)


def test_noun_spelled_like_a_verb_under_a_light_verb(parse) -> None:
    from storyline.extract.plover.lexicon import load_rules, match

    assert load_rules().get(("welcome", True)) is None   # no noun rule: read off the verb's
    doc = parse("The king gave a warm welcome to the visiting Chinese premier on Monday.")
    welcome = next(t for t in doc if t.lower_ == "welcome")
    rule = match(welcome)
    assert rule is not None and rule.type == "SUPPORT"


def test_noun_spelled_like_a_verb_elsewhere_is_not_an_event(parse) -> None:
    from storyline.extract.plover.lexicon import match

    doc = parse("Qatar has a previous order for two Airbus planes, delivered in March.")
    assert all(match(t) is None for t in doc if t.lower_ in ("order", "march"))
