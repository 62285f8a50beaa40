"""extract.dates: temporal expressions found and normalised against the publication date."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.extract.dates import extract_dates, find_dates, published_from_text
from storyline.extract.dates_eval import evaluate_examples, example_texts
from storyline.records import Article, DateMention, DateValue

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
FRI = date(2025, 3, 14)      # a Friday (ISO week 2025-W11)
TUE = date(2026, 3, 3)       # a Tuesday (2026-W10)
SAT = date(2026, 3, 28)      # a Saturday


def one(text: str, anchor: date | None, phrase: str | None = None) -> DateMention:
    """The mention covering ``phrase`` (default: the only one)."""
    found = find_dates(text, anchor)
    if phrase is None:
        assert len(found) == 1, found
        return found[0]
    start = text.index(phrase)
    hits = [m for m in found if m.start < start + len(phrase) and start < m.end]
    assert hits, (phrase, found)
    return hits[0]


def value(text: str, anchor: date | None, phrase: str | None = None) -> tuple[str | None, str | None]:
    m = one(text, anchor, phrase)
    return m.value, m.granularity


# --- the seed phrases of the issue -------------------------------------------------------

def test_last_thursday_is_the_latest_thursday_before_the_anchor() -> None:
    assert value("Missiles hit Lessa last Thursday.", SAT) == ("2026-03-26", "day")
    assert value("They met last Thursday.", FRI) == ("2025-03-13", "day")


def test_last_weekday_on_that_weekday_goes_back_a_week() -> None:
    assert value("They met last Friday.", FRI) == ("2025-03-07", "day")


def test_on_friday_past_tense_is_the_latest_friday() -> None:
    assert value("Peskov said on Friday that talks went well.", date(2025, 3, 16)) == (
        "2025-03-14", "day")


def test_on_friday_future_tense_is_the_next_friday() -> None:
    assert value("Aldcroft is expected to travel to Korvana on Thursday.", TUE) == (
        "2026-03-05", "day")
    assert value("The envoy will fly back on Friday.", date(2026, 3, 5)) == ("2026-03-06", "day")
    assert value("The line will carry its first passengers on Saturday, officials said.",
                 date(2026, 3, 17), "Saturday") == ("2026-03-21", "day")


def test_weekday_equal_to_anchor_weekday_is_the_anchor() -> None:
    assert value("Talks began on Tuesday.", TUE) == ("2026-03-03", "day")


def test_next_and_this_weekday() -> None:
    assert value("They meet next Tuesday.", FRI) == ("2025-03-18", "day")
    assert value("The vote is this Friday.", date(2025, 3, 11)) == ("2025-03-14", "day")


def test_earlier_this_week_is_the_anchor_week() -> None:
    assert value("Earlier this week, the envoy met Rasmolov.", date(2026, 3, 7)) == (
        "2026-W10", "week")


def test_in_february_is_the_latest_february() -> None:
    assert value("Calvera paused aid in February.", TUE) == ("2026-02", "month")
    assert value("Aid was paused in February.", date(2025, 1, 10)) == ("2024-02", "month")


def test_future_month_is_the_next_one() -> None:
    assert value("The deal will be completed in October.", date(2009, 6, 5)) == ("2009-10", "month")


def test_last_summer_is_a_season() -> None:
    assert value("Valdoria has held Ulmsk since last summer.", TUE) == ("2025-SU", "season")
    assert value("The line opens in the autumn.", date(2026, 3, 17), "autumn") == (
        "2026-FA", "season")


def test_explicit_dates() -> None:
    assert value("their summit on July 16, 2018, in Helsinki", FRI) == ("2018-07-16", "day")
    assert value("on 16 July 2018 in Helsinki", None) == ("2018-07-16", "day")
    assert value("Eastern Dispatch | Sunday, 8 March 2026", None) == ("2026-03-08", "day")
    assert value("Filed 2025-03-14.", None) == ("2025-03-14", "day")
    assert value("Published Sat 25 Apr 2009 18.00 BST", None, "25 Apr 2009") == (
        "2009-04-25", "day")


def test_month_day_without_year_takes_the_nearest_year() -> None:
    assert value("The vote is on Sept. 23.", date(2025, 9, 1)) == ("2025-09-23", "day")
    assert value("It happened on December 30.", date(2026, 1, 5)) == ("2025-12-30", "day")
    assert value("until April 15 to accept", date(2026, 3, 27)) == ("2026-04-15", "day")
    assert value("by the fifteenth of April", date(2026, 3, 27)) == ("2026-04-15", "day")


def test_month_and_year() -> None:
    assert value("in March 2025", None) == ("2025-03", "month")


def test_years() -> None:
    assert value("Russia annexed Crimea in 2014.", None) == ("2014", "year")
    assert value("at war since 2014", FRI) == ("2014", "year")


def test_late_february_is_the_month() -> None:
    assert value("in late February", TUE) == ("2026-02", "month")


def test_durations_are_durations_not_dates() -> None:
    assert value("the war is 15 months old", TUE) == ("P15M", "duration")
    assert value("after 15 months of war", None) == ("P15M", "duration")
    assert value("a 30-day truce", TUE) == ("P30D", "duration")
    assert value("talks lasted over an hour", TUE) == ("PT1H", "duration")
    assert value("for almost two and a half years", None) == ("P2.5Y", "duration")
    assert value("for several years", None) == ("PXY", "duration")
    assert value("over the past decade", None) == ("P10Y", "duration")


def test_relative_days() -> None:
    assert value("The strike happened yesterday.", FRI) == ("2025-03-13", "day")
    assert value("He speaks today.", FRI) == ("2025-03-14", "day")
    assert value("He speaks tonight.", FRI) == ("2025-03-14", "day")
    assert value("Drones hit the city last night.", date(2026, 3, 8)) == ("2026-03-07", "day")
    assert value("It opens tomorrow.", FRI) == ("2025-03-15", "day")


def test_relative_units() -> None:
    assert value("He resigned last week.", FRI) == ("2025-W10", "week")
    assert value("They meet next week.", date(2026, 3, 28)) == ("2026-W14", "week")
    assert value("early next week", date(2026, 3, 8)) == ("2026-W11", "week")
    assert value("He visits next month.", FRI) == ("2025-04", "month")
    assert value("It is the biggest attack this year.", FRI) == ("2025", "year")
    assert value("Sales fell last year.", FRI) == ("2024", "year")
    assert value("earlier this month", date(2026, 3, 25)) == ("2026-03", "month")
    assert value("in the fourth quarter of 2005", None) == ("2005-Q4", "quarter")
    assert value("in the 1990s", None) == ("199", "decade")


def test_offsets_from_the_anchor() -> None:
    assert value("It started two days ago.", FRI) == ("2025-03-12", "day")
    assert value("The war began 15 months ago.", TUE) == ("2024-12", "month")
    assert value("he said three weeks ago", date(2026, 3, 25)) == ("2026-W10", "week")


def test_a_week_earlier_is_read_from_the_date_before_it() -> None:
    text = "The talks opened on March 3, 2026. A week earlier, aid had been paused."
    assert value(text, None, "A week earlier") == ("2026-02-24", "day")


def test_times_of_day_fold_into_their_day() -> None:
    assert value("Talks ended on Tuesday evening.", TUE) == ("2026-03-03", "day")
    assert value("on Thursday night", SAT) == ("2026-03-26", "day")
    assert value("The call is at 18:00 UTC on Tuesday.", date(2009, 12, 16), "18:00") == (
        "2009-12-15", "day")


def test_vague_references_are_unresolved() -> None:
    for text in ("Tensions rose recently.", "in recent days the shelling grew",
                 "Officials currently expect a deal."):
        m = one(text, FRI)
        assert m.resolved is False and m.value is None, text


def test_nothing_is_guessed_without_an_anchor() -> None:
    text = ("He met them last Thursday, will return on Friday, and said yesterday that in "
            "February, earlier this week and last summer were hard; two days ago too.")
    mentions = find_dates(text, None)
    assert len(mentions) == 7
    assert all(m.value is None and m.resolved is False for m in mentions)


def test_explicit_dates_resolve_without_anchor_but_durations_stay_durations() -> None:
    assert [(m.value, m.resolved) for m in find_dates("On July 16, 2018, after 15 months",
                                                      None)] == [("2018-07-16", True),
                                                                 ("P15M", True)]


def test_offsets_index_the_text() -> None:
    text = "Ceasefire talks resumed on Friday in Riyadh."
    for m in find_dates(text, FRI):
        assert text[m.start:m.end] == m.text


def test_not_dates() -> None:
    for text in ("She may resign.", "They march on the capital.", "prices fall sharply",
                 "a fleet of 2000 drones", "It cost $2014.", "Black Monday was a crash.",
                 "The Daily Ledger reported it."):
        assert find_dates(text, FRI) == [], text


def test_share_counters_are_not_publication_dates() -> None:
    assert published_from_text("Body text.", ["2 hours ago 14", "1 month ago 5", "0 0"]) is None


# --- publication date from the text ------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("Eastern Dispatch | Sunday, 8 March 2026", "2026-03-08"),
    ("Updated: March 14, 2025", "2025-03-14"),
    ("Sat 25 Apr 2009 18.00 BST", "2009-04-25"),
    ("Published 14 March 2025, 10:02 GMT", "2025-03-14"),
    ("March 06, 2008", "2008-03-06"),
])
def test_published_from_text_datelines(line: str, expected: str) -> None:
    assert published_from_text("Headline\n" + line + "\nBody of the story.", ()) == DateValue(
        expected, "day", "text")
    assert published_from_text("Body of the story.", [line]) == DateValue(expected, "day", "text")


def test_published_from_text_ignores_dates_in_captions_and_prose() -> None:
    caption = ("U.S. President Donald Trump and Russia's President Vladimir Putin during a joint "
               "press conference following their summit on July 16, 2018, in Helsinki, Finland.")
    assert published_from_text(caption + "\nMore text.", [caption]) is None
    assert published_from_text("The treaty was signed on July 16, 2018 in Helsinki.", ()) is None


def test_published_from_a_wire_dateline() -> None:
    text = "WASHINGTON, March 14, 2025 (Reuters) - The talks resumed."
    assert published_from_text(text, ()) == DateValue("2025-03-14", "day", "text")


# --- the pipeline stage ------------------------------------------------------------------

def _article(text: str, published: DateValue | None = None, removed: tuple[str, ...] = ()) -> Article:
    return Article(id="a", input="x", text=text, text_hash="h", removed=removed,
                   **({"published": published} if published else {}))


def test_extract_dates_uses_metadata_date_as_anchor() -> None:
    art = extract_dates(_article("They met on Friday.",
                                 DateValue("2025-03-16", "day", "metadata")), Settings())
    assert art.published.source == "metadata"
    assert [(d.text, d.value) for d in art.dates] == [("Friday", "2025-03-14")]


def test_extract_dates_fills_published_from_removed_furniture() -> None:
    art = extract_dates(_article("Drones hit Dravets last night.",
                                 removed=("Eastern Dispatch | Sunday, 8 March 2026",)), Settings())
    assert art.published == DateValue("2026-03-08", "day", "text")
    assert art.dates[0].value == "2026-03-07"


def test_extract_dates_without_any_date_stays_unresolved() -> None:
    art = extract_dates(_article("They met last Thursday.", removed=("2 hours ago 14",)), Settings())
    assert art.published.source == "unresolved"
    assert art.dates[0].resolved is False and art.dates[0].value is None


def test_month_level_published_does_not_anchor_weekdays() -> None:
    art = extract_dates(_article("They met on Friday.", DateValue("2025-03", "month", "metadata")),
                        Settings())
    assert art.dates[0].value is None


# --- the sample corpus -------------------------------------------------------------------

def test_sample_corpus_planted_dates() -> None:
    """Every planted expression of examples/expected.json found and resolved as intended
    (undated articles anchored on their intended_anchor)."""
    result = evaluate_examples(EXAMPLES, baseline=False)
    assert result["expressions"] >= 60
    assert result["correct"] == result["expressions"], result["misses"]


def test_sample_corpus_undated_articles_stay_unresolved_in_the_plain_pipeline() -> None:
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    texts = example_texts(EXAMPLES)
    for key, entry in expected["dates"].items():
        if entry.get("anchor") is None:
            assert published_from_text(texts[key], ()) is None, key
            assert all(not m.resolved or m.granularity == "duration"
                       or len(m.value or "") == 10 and "2026" not in (m.value or "")
                       for m in find_dates(texts[key], None)
                       if m.text.lower() not in ("april 15", "the fifteenth of april")), key


def test_eastern_dispatch_date_comes_from_its_text() -> None:
    texts = example_texts(EXAMPLES)
    assert published_from_text(texts["eastern_dispatch"], ()) == DateValue("2026-03-08", "day",
                                                                          "text")


# --- bounded work ------------------------------------------------------------------------

def test_fast_on_an_article() -> None:
    text = " ".join(" ".join(example_texts(EXAMPLES).values()).split()[:800])
    find_dates(text, TUE)
    start = time.process_time()
    for _ in range(10):
        find_dates(text, TUE)
    # budget 5 ms of CPU (measured ~2.5 ms); headroom for a shared CI box
    assert (time.process_time() - start) / 10 < 0.02


@pytest.mark.parametrize("line", [" 1" * 500_000, "the day " * 125_000,
                                  "Monday 12:00 UTC the 1990s 15 months ago, " * 25_000,
                                  "a" * 1_000_000])
def test_one_megabyte_line_is_bounded(line: str) -> None:
    start = time.perf_counter()
    found = find_dates(line, TUE)
    assert time.perf_counter() - start < 15
    assert all(m.end <= len(line) for m in found)


# --- tense reading, from the seed articles -------------------------------------------------

def test_purpose_infinitive_after_the_weekday_is_not_a_plan() -> None:
    text = "Kurt Volker visited Moscow on Thursday to pitch this proposal."
    assert value(text, date(2025, 3, 16), "Thursday") == ("2025-03-13", "day")


def test_infinitive_after_a_past_verb_is_not_a_plan() -> None:
    text = "The two leaders had a chat in February and agreed to improve relations."
    assert value(text, date(2025, 3, 16), "February") == ("2025-02", "month")


def test_sentence_ends_after_a_closing_quote() -> None:
    text = ('He urged Russia to take "appropriate action." After his Thursday meeting with '
            'Rutte, Trump warned of sanctions.')
    assert value(text, date(2025, 3, 16), "Thursday") == ("2025-03-13", "day")


def test_passive_after_a_modal_is_future() -> None:
    assert value("The sale should be completed in October.", date(2009, 6, 5)) == (
        "2009-10", "month")


# --- untrusted text ------------------------------------------------------------------------

_VOCAB = ["on", "in", "the", "last", "next", "this", "Friday", "Fridays", "March", "May",
          "2014", "15", "'82", "Q3", "quarter", "of", "year", "years", "ago", "earlier", "later",
          "day", "week", "weekend", "month", "summer", "fall", "18:00", "UTC", "p.m.", "a",
          "same", "period", "will", "said", ",", ".", "\n", "-", "/", "7/8/07", "2025-13-45",
          "31", "February", "30", "the fifteenth of", "recently", "now", "today's", "80s"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), max_size=40), st.sampled_from([None, FRI, SAT]))
def test_any_word_salad_is_handled(words: list[str], anchor: date | None) -> None:
    text = " ".join(words)
    for m in find_dates(text, anchor):
        assert text[m.start:m.end] == m.text and m.start < m.end
        assert m.resolved == (m.value is not None)
        if anchor is None and m.resolved:
            assert m.granularity in ("duration", "set") or len(m.value or "") >= 2


def test_sample_corpus_publication_dates_through_ingest_and_clean() -> None:
    """Through the real ingest + clean stages: metadata dates kept, eastern_dispatch's date
    taken from its text, the three undated articles left unresolved."""
    from storyline.clean.document import clean_document
    from storyline.ingest import read_inputs
    from storyline.records import RawDocument

    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    by_title = {doc["title"]: doc for doc in expected["docs"].values()}
    settings = Settings()
    seen = 0
    for raw in read_inputs([str(EXAMPLES / "corpus")], settings):
        assert isinstance(raw, RawDocument)
        article = clean_document(raw, settings)
        assert isinstance(article, Article)
        doc = by_title.get(article.title or "")
        if doc is None:
            continue
        seen += 1
        out = extract_dates(article, settings)
        assert out.published.value == doc["published"], doc["title"]
        assert out.published.source == doc["published_source"], doc["title"]
    assert seen >= 10


def test_week_of_month_uses_the_iso_thursday_rule() -> None:
    assert value("in the last week of March", date(2009, 4, 1)) == ("2009-W13", "week")
    assert value("the first week of April 2026", None) == ("2026-W14", "week")


def test_possessives_are_dates_without_the_s() -> None:
    found = find_dates("Last week's talks and Thursday's vote", FRI)
    assert [(m.text, m.value) for m in found] == [("Last week", "2025-W10"),
                                                  ("Thursday", "2025-03-13")]


def test_extents_follow_timex3() -> None:
    """Prepositions stay out, modifiers stay in; "N years after X" is a duration."""
    assert [m.text for m in find_dates("He served for 33 years, at least two years abroad "
                                       "and three years after the merger.", FRI)] == [
        "33 years", "at least two years", "three years"]
    assert one("Prices rose in recent years.", FRI).text == "recent years"


@pytest.mark.parametrize("text, expected", [
    ("Putin told reporters on Friday that he was ready.", "2025-03-07"),
    ("The two leaders are due to speak on Tuesday.", "2025-03-18"),
    ("Trump and Putin are scheduled to participate in a call on Tuesday to discuss it.",
     "2025-03-18"),
    ("A meeting is planned for Thursday.", "2025-03-13"),
    ("Talks will resume on Monday, officials said.", "2025-03-17"),
    ("On Monday, officials said talks would resume.", "2025-03-10"),
    ("The summit, which begins on Monday, will be long.", "2025-03-17"),
    ("Zelensky arrived in Washington on Friday.", "2025-03-07"),
    ("The vote takes place on Sunday.", "2025-03-16"),
    ("Ukraine agreed on Tuesday to a 30-day ceasefire.", "2025-03-11"),
    ("Russia has until Friday to respond.", "2025-03-14"),
    ("He is set to meet Putin on Thursday.", "2025-03-13"),
    ("The envoy met Putin on Thursday and will report back on Monday.", "2025-03-06"),
    ("Putin is meeting Witkoff on Thursday.", "2025-03-13"),
    ("Kyiv was hit by drones on Saturday night.", "2025-03-08"),
    ("In a phone call on Tuesday, Trump and Putin agreed.", "2025-03-11"),
])
def test_weekday_tense_battery(text: str, expected: str) -> None:
    """Anchor: Wednesday 12 March 2025."""
    days = [m for m in find_dates(text, date(2025, 3, 12)) if m.granularity == "day"]
    assert days[0].value == expected


@pytest.mark.parametrize("text, expected", [
    ("The elections will be held in May.", "2025-05"),
    ("He visited in May.", "2024-05"),
    ("The law takes effect in January.", "2026-01"),
    ("In March the company reported losses.", "2025-03"),
    ("The plant will close in December.", "2025-12"),
    ("It was warm this winter.", "2024-WI"),
    ("They hope to finish this summer.", "2025-SU"),
    ("Last spring the war escalated.", "2024-SP"),
])
def test_month_and_season_battery(text: str, expected: str) -> None:
    """Anchor: Wednesday 12 March 2025."""
    assert find_dates(text, date(2025, 3, 12))[0].value == expected


def test_offsets_without_a_reference_date_stay_unresolved() -> None:
    text = "The ruptured well spewed crude until it was capped three months later."
    m = one(text, date(2010, 9, 8), "three months later")
    assert m.value is None and m.resolved is False


def test_named_days() -> None:
    sat = date(2025, 4, 19)
    assert value("Putin declared an Easter truce.", sat) == ("2025-04-20", "day")
    assert value("The truce will hold until Christmas.", sat) == ("2025-12-25", "day")
    assert value("He spoke at Christmas 2024.", None) == ("2024-12-25", "day")
    assert value("They met last Thanksgiving.", sat) == ("2024-11-28", "day")
    assert value("the Orthodox Easter service", date(2026, 4, 1)) == ("2026-04-12", "day")
    assert find_dates("an easter egg", sat) == []


# --- event dates (a helper for the events stage) -------------------------------------------

def test_event_date_takes_the_date_in_the_sentence_nearest_the_event() -> None:
    from storyline.extract.dates import event_date
    from storyline.records import EventDate

    text = "On Tuesday, after two days of talks, the envoy met Rasmolov on Thursday."
    dates = find_dates(text, TUE)
    published = DateValue("2026-03-03", "day", "metadata")
    met = text.index("met")
    assert event_date(dates, 0, len(text), published, near=met) == EventDate(
        "2026-02-26", "day", True)     # "met on Thursday" before a Tuesday article
    assert event_date(dates, 0, len(text), published) == EventDate("2026-03-03", "day", True)


def test_event_date_falls_back_to_publication_date_flagged() -> None:
    from storyline.extract.dates import event_date
    from storyline.records import EventDate

    text = "The envoy met Rasmolov, recently, for two hours."
    published = DateValue("2026-03-05", "day", "metadata")
    assert event_date(find_dates(text, TUE), 0, len(text), published) == EventDate(
        "2026-03-05", "day", False)
    assert event_date([], 0, 10, DateValue(None, None, "unresolved")) == EventDate(
        None, None, False)


def test_event_date_unresolved_expression_is_not_replaced_by_a_guess() -> None:
    from storyline.extract.dates import event_date
    from storyline.records import EventDate

    text = "The envoy met Rasmolov on Thursday."
    assert event_date(find_dates(text, None), 0, len(text),
                      DateValue("2026-03", "month", "metadata")) == EventDate(None, "day", False)
