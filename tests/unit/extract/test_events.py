"""extract.events: PLOVER events on hand-written sentences, parsed with the shipped model."""

from __future__ import annotations

import pytest

from storyline.extract.dates import find_dates
from storyline.extract.events import events_stage, extract_events, main_event
from storyline.records import Article, DateValue, Entity, Event, Mention


@pytest.fixture(scope="module")
def parse():
    from storyline.nlp import load_pipeline

    nlp = load_pipeline()
    return nlp


def events(parse, text: str, **kwargs) -> tuple[Event, ...]:
    return extract_events(parse(text), **kwargs)


def one(parse, text: str, type_: str) -> Event:
    found = [e for e in events(parse, text) if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger) for e in events(parse, text)]
    return found[0]


def test_accusation_with_actor_and_recipient(parse) -> None:
    event = one(parse, "Ukrainian President Volodymyr Zelensky accused Putin of stalling.", "ACCUSE")
    assert event.mode == "allege" and event.cameo == "112"
    assert "Zelensky" in (event.source.name or "") and event.target.name == "Putin"
    assert event.trigger is not None and event.trigger.text == "accused"


def test_visit_is_a_consult_with_visit_mode(parse) -> None:
    event = one(parse, "Kurt Volker, the US special envoy, visited Moscow on Thursday.", "CONSULT")
    assert event.mode == "visit" and event.source.name == "Kurt Volker"
    assert event.target.name == "Moscow"


def test_threat_to_attack_folds_into_threaten_violence(parse) -> None:
    found = events(parse, "Iran threatened to shell Iraqi towns.")
    assert [e.type for e in found] == ["THREATEN"]
    assert found[0].mode == "violence" and found[0].source.name == "Iran"
    assert "Iraqi" in (found[0].target.name or "")


def test_condition_contingent_on(parse) -> None:
    event = one(parse, "Ukraine agreed to a month-long cease-fire, contingent on Russia doing "
                       "the same.", "AGREE")
    assert event.condition == "contingent on Russia doing the same"
    assert event.source.name == "Ukraine"


def test_condition_only_if(parse) -> None:
    event = one(parse, "Kyiv will accept the truce only if Moscow withdraws its troops.", "AGREE")
    assert event.condition is not None and event.condition.startswith("only if")
    assert event.future


def test_negation(parse) -> None:
    event = one(parse, "Russian forces did not attack Kharkiv on Monday.", "ASSAULT")
    assert event.negated


def test_future_and_hypothetical(parse) -> None:
    # PLOVER manual 3.1 / 3.2.1: future meetings and visits are coded AGREE (intent to meet)
    meeting = one(parse, "Trump will meet Putin in Helsinki.", "AGREE")
    assert meeting.future and meeting.cameo == "036"
    assert one(parse, "Russia could attack the city.", "ASSAULT").hypothetical


def test_background_event_is_historical(parse) -> None:
    found = events(parse, "Russia has occupied part of Ukraine since the annexation of Crimea.")
    background = [e for e in found if e.trigger and e.trigger.text == "annexation"]
    assert background and background[0].historical and background[0].target.name == "Crimea"
    assert not [e for e in found if e.trigger and e.trigger.text == "occupied"][0].historical


def test_drone_attack_mode(parse) -> None:
    event = one(parse, "Russian drones attacked Kyiv overnight.", "ASSAULT")
    assert event.mode == "drone" and event.target.name == "Kyiv"


def test_demand_by_modal(parse) -> None:
    event = one(parse, "The PRC said that the US must cancel its arms sales to Taiwan.", "REQUEST")
    assert event.source.name == "PRC" and event.target.name == "US"


def test_refusal_to_accept_is_reject(parse) -> None:
    assert [e.type for e in events(parse, "Syria will not accept any more refugees.")] == ["REJECT"]


def test_comments_are_not_events(parse) -> None:
    assert events(parse, "The governor's office declined to comment on the bill.") == ()
    doc = parse("The minister expressed condolences over the attack that killed ten people.")
    main = main_event(extract_events(doc, statements=True), doc)
    assert main is not None and main.type == "STATEMENT"   # CAMEO 01, not a PLOVER event
    assert all(e.type != "STATEMENT" for e in extract_events(doc))
    assert events(parse, "The Dow Jones Industrial Average fell 3% on Monday.") == ()


def test_resolved_entities_become_actor_refs(parse) -> None:
    text = "He accused the Kremlin of stalling."
    putin = Entity("e-putin", "Vladimir Putin", "PERSON",
                   mentions=(Mention(0, 2, "He", "PERSON", "pronoun"),))
    kremlin = Entity("e-kremlin", "Kremlin", "ORG", mentions=(Mention(15, 22, "Kremlin", "ORG"),))
    event = one(parse, text, "ACCUSE")
    assert event.source.name == "He"
    resolved = [e for e in events(parse, text, entities=(putin, kremlin)) if e.type == "ACCUSE"][0]
    assert (resolved.source.entity, resolved.source.name) == ("e-putin", "Vladimir Putin")
    assert resolved.target is not None and resolved.target.entity == "e-kremlin"


def test_event_date_from_the_sentence_else_publication(parse) -> None:
    text = "Trump met Zelensky on Friday. Russia attacked Kyiv."
    published = DateValue("2025-03-17", "day", "metadata")   # a Monday
    dates = find_dates(text, None)
    from datetime import date
    dates = find_dates(text, date(2025, 3, 17))
    found = extract_events(parse(text), (), dates, published)
    meet = [e for e in found if e.type == "CONSULT"][0]
    attack = [e for e in found if e.type == "ASSAULT"][0]
    assert meet.date is not None and meet.date.value == "2025-03-14" and meet.date.resolved
    assert attack.date is not None and attack.date.value == "2025-03-17"
    assert not attack.date.resolved


def test_sentence_offsets_index_the_text(parse) -> None:
    text = "Nothing happened. Israel shelled Gaza."
    event = one(parse, text, "ASSAULT")
    assert text[event.sentence[0]:event.sentence[1]].startswith("Israel shelled Gaza")


def test_main_event_prefers_the_root_clause(parse) -> None:
    doc = parse("Turkey condemned the attack that killed ten soldiers.")
    event = main_event(extract_events(doc), doc)
    assert event is not None and event.type == "ACCUSE"


@pytest.mark.parametrize("text", ["", "   ", "!!!", "a" * 50, "\n\n"])
def test_odd_input_gives_no_events(parse, text: str) -> None:
    assert extract_events(parse(text)) == ()


def test_stage_fills_article_events(parse) -> None:
    text = "Israel shelled Gaza on Monday."
    article = Article(id="a", input="x", text=text, text_hash="h")
    out = events_stage(article, parse(text))
    assert [e.type for e in out.events] == ["ASSAULT"] and out.text == text
