"""Features: names found and weighted up, stop words dropped, lead and title boosts, entity ids
and lemmas plugged in; StoryDoc built from an Article (dateline fallback)."""

from __future__ import annotations

import datetime as dt

from storyline.records import Article, DateValue, Entity, Mention
from storyline.stories import story_doc, story_doc_from_output
from storyline.stories.doc import dateline, parse_day
from storyline.stories.features import name_phrases, normalise_token, term_counts


def test_name_phrases() -> None:
    text = ("The Kremlin spokesman Dmitry Peskov said on Friday that President Vladimir Putin "
            "met Steve Witkoff in Moscow. But Ukraine's Volodymyr Zelensky was not there.")
    names = name_phrases(text)
    assert "dmitry peskov" in names and "president vladimir putin" in names
    assert "steve witkoff" in names and "moscow" in names and "volodymyr zelensky" in names
    assert "ukraine" in names  # possessive ends the run
    assert not {"the", "but", "friday", "the kremlin"} & set(names)


def test_tokens() -> None:
    assert normalise_token("Ceasefires") == "ceasefire"
    assert normalise_token("the") is None and normalise_token("said") is None
    assert normalise_token("112") == "112" and normalise_token("7") is None


def test_term_counts_boosts() -> None:
    tf = term_counts("Talks in Geneva. Officials met again on the truce.", "Truce talks resume",
                     lead_chars=0)
    assert tf["n:geneva"] > tf["w:geneva"]
    assert tf["w:truce"] > tf["w:official"]  # in the title too
    led = term_counts("Truce collapses. " + "Other words here. " * 40, lead_chars=20,
                      lead_boost=2.0)
    plain = term_counts("Truce collapses. " + "Other words here. " * 40, lead_chars=0)
    assert led["w:truce"] > plain["w:truce"]


def test_entities_and_lemmas_plug_in() -> None:
    tf = term_counts("ignored text", entities=["Q7747", "Q7747", "Q212"],
                     lemmas=["meet", "meeting", "the", "ceasefire"])
    assert tf["e:Q7747"] > tf["e:Q212"] > tf["l:meet"]
    assert "l:the" not in tf and "w:ignored" not in tf


def test_story_doc_from_article() -> None:
    article = Article(
        id="abc", input="x", text="Eastern Dispatch | Sunday, 8 March 2026\nDrones hit Dravets.",
        text_hash="h", title="Drones", outlet="ED",
        entities=(Entity("ent1", "Dravets", "GPE", mentions=(Mention(0, 7, "Dravets", "GPE"),
                                                             Mention(9, 16, "Dravets", "GPE"))),
                  Entity("ent2", "Monday", "DATE")))
    doc = story_doc(article)
    assert doc.published == dt.date(2026, 3, 8)  # dateline fallback
    assert doc.entities == ("ent1", "ent1")
    dated = story_doc(article.replace(published=DateValue("2026-03-09", "day", "metadata")))
    assert dated.published == dt.date(2026, 3, 9)
    record = article.to_output() | {"published": {"value": "2026-03"}}
    out = story_doc_from_output(record)
    assert out.published == dt.date(2026, 3, 1) and out.entities == ("ent1", "ent1")


def test_dates() -> None:
    assert parse_day("2025-03-14T10:00:00Z") == dt.date(2025, 3, 14)
    assert parse_day("2025") is None and parse_day(None) is None and parse_day("x") is None
    assert dateline("WASHINGTON | March 2, 2009 4:23 pm") == dt.date(2009, 3, 2)
    assert dateline("no date here, only 2009") is None
