"""extract.positions: actor × issue × stance with conditions, on hand-written sentences."""

from __future__ import annotations

import pytest

from storyline.extract.plover.issues import issue_of_text
from storyline.extract.positions import extract_positions, positions_stage
from storyline.records import Article, Entity, Mention, Position


@pytest.fixture(scope="module")
def parse():
    from storyline.nlp import load_pipeline

    return load_pipeline()


def positions(parse, text: str, entities: tuple[Entity, ...] = ()) -> list[Position]:
    return list(extract_positions(parse(text), entities))


def test_acceptance_with_a_condition_is_conditional(parse) -> None:
    found = positions(parse, "Kyiv accepts the 30-day ceasefire if Russia does the same.")
    assert [(p.actor.name, p.issue, p.stance) for p in found] == [("Kyiv", "ceasefire",
                                                                    "conditional")]
    assert found[0].condition == "if Russia does the same"


def test_support_but_demands_is_conditional_with_the_demand(parse) -> None:
    found = positions(parse, "Putin supports a ceasefire in principle but demands that Ukraine "
                             "stop mobilisation.")
    main = [p for p in found if p.issue == "ceasefire"]
    assert main and main[0].stance == "conditional" and main[0].actor.name == "Putin"
    assert "Ukraine stop mobilisation" in (main[0].condition or "")


def test_demand_on_nato(parse) -> None:
    found = positions(parse, "Russia demands that Ukraine stay out of NATO.")
    assert [(p.actor.name, p.issue, p.stance) for p in found] == [("Russia", "nato_membership",
                                                                    "demand")]


def test_opposition_and_negated_support(parse) -> None:
    assert [p.stance for p in positions(parse, "Moscow rejected the truce.")] == ["oppose"]
    assert [p.stance for p in positions(parse, "Hungary does not support sanctions.")] == ["oppose"]


def test_offer_by_the_proposer(parse) -> None:
    found = positions(parse, "Ukraine supports Trump's proposed cease-fire.")
    assert ("Trump", "ceasefire", "offer") in [(p.actor.name, p.issue, p.stance) for p in found]
    assert ("Ukraine", "ceasefire", "support") in [(p.actor.name, p.issue, p.stance)
                                                    for p in found]


def test_hypothetical_stances_are_not_positions(parse) -> None:
    assert positions(parse, "Trump warned that it would be disappointing if Russia rejected "
                            "the ceasefire.") == []


@pytest.mark.parametrize("text", ["the 30-day ceasefire", "a month-long cease-fire", "a truce",
                                  "a pause in military actions", "the proposal for silence at "
                                  "the front", "a cease fire"])
def test_ceasefire_wordings_share_one_issue(text: str) -> None:
    assert issue_of_text(text) == "ceasefire"


def test_issue_is_the_earliest_mention() -> None:
    assert issue_of_text("a peace deal addressing Ukraine's NATO aspirations") == "peace_deal"
    assert issue_of_text("security guarantees in exchange for a cease-fire") == \
        "security_guarantees"


def test_vague_object_takes_the_issue_of_the_previous_sentence(parse) -> None:
    found = positions(parse, "The US proposed a 30-day ceasefire. Putin supports the idea.")
    assert ("Putin", "ceasefire", "support") in [(p.actor.name, p.issue, p.stance)
                                                  for p in found]


def test_entities_resolve_the_actor(parse) -> None:
    text = "He supports the ceasefire."
    putin = Entity("e-putin", "Vladimir Putin", "PERSON",
                   mentions=(Mention(0, 2, "He", "PERSON", "pronoun"),))
    found = positions(parse, text, (putin,))
    assert found[0].actor.entity == "e-putin" and found[0].actor.name == "Vladimir Putin"


@pytest.mark.parametrize("text", ["", "  ", "Ceasefire.", "support support support"])
def test_odd_input(parse, text: str) -> None:
    assert isinstance(extract_positions(parse(text)), tuple)


def test_stage(parse) -> None:
    text = "Kyiv accepts the ceasefire."
    article = Article(id="a", input="x", text=text, text_hash="h")
    out = positions_stage(article, parse(text))
    assert [p.issue for p in out.positions] == ["ceasefire"]
    assert out.positions[0].evidence == (0, len(text))
