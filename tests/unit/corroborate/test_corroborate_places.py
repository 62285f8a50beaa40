"""Place conflicts the first rules missed: names sharing a part ("Silicon Valley" / "Napa
Valley"), "X-based", and a place the sentence itself gives no cue for but the article does."""

from __future__ import annotations

from corroborate_builders import article, kinds

from storyline.corroborate.align import variants_of_one_name
from storyline.corroborate.facts import place_elsewhere


def test_names_sharing_a_part_are_not_variants() -> None:
    assert not variants_of_one_name("Silicon Valley", "Napa Valley")
    assert not variants_of_one_name("Central Election Commission of Turkmenistan",
                                    "Central Election Commission of Yemen")
    assert not variants_of_one_name("Mark Rutte", "Mark Teixeira")


def test_spellings_titles_and_heads_stay_variants() -> None:
    assert variants_of_one_name("Betty Ford Center", "Betty Ford Clinic")
    assert variants_of_one_name("President Trump", "Donald Trump")
    assert variants_of_one_name("Steve Witkoff", "Steven Witkoff")
    assert variants_of_one_name("Vladimir Putin", "Vladimir V. Putin")
    assert variants_of_one_name("HPA", "Health Protection Agency")


def test_place_sharing_a_word_is_a_place_conflict() -> None:
    text = ("AMD agreed on Wednesday to buy SeaMicro, a Silicon Valley startup that builds "
            "low-power servers, for 334 million dollars.")
    found = kinds(text, text.replace("Silicon Valley", "Napa Valley"))
    assert list(found) == ["place"]
    assert {s.value for s in found["place"][0].sides} == {"Silicon Valley", "Napa Valley"}


def test_based_marks_a_place() -> None:
    text = ("The New York-based firm EYP specialises in technology planning and design for "
            "large data centres, the company said on Monday.")
    found = kinds(text, text.replace("New York", "Utah"))
    assert list(found) == ["place"]


def test_article_names_the_place_elsewhere() -> None:
    first = "Monday's earthquake was the second one to hit Qeshm in the past 24 hours."
    context = " Rescue teams were sent to villages in Qeshm on Tuesday."
    found = kinds(first + context, first.replace("Qeshm", "Staunton") + context)
    assert "place" in found
    # without anything saying the name is a place, the change is not called a place
    assert "place" not in kinds(first, first.replace("Qeshm", "Staunton"))


def test_possessive_after_in_is_not_a_place() -> None:
    text = "In Trump's view the talks had failed. Officials in Qeshm disagreed."
    assert not place_elsewhere(article("a", text), "Trump")
    assert place_elsewhere(article("a", text), "Qeshm")


def test_the_changed_part_after_of_is_the_slot() -> None:
    text = ("Officials from the Bank of England said on Monday that rates would stay at five "
            "percent for the rest of the year.")
    found = kinds(text, text.replace("England", "France"))
    assert list(found) == ["place"]
    assert {s.value for s in found["place"][0].sides} == {"England", "France"}
