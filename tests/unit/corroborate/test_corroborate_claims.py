"""Claims, independent outlets (copies count once), single-source flags and event merging."""

from __future__ import annotations

from corroborate_builders import article

from storyline.corroborate import claims, count_outlets, merge_events, source_groups
from storyline.records import ActorRef, Event, EventDate

REPORT = ("Kremlin spokesman Dmitry Peskov said on Friday that 28 drones were launched at "
          "Moscow overnight.")
PARAPHRASE = ("Kremlin spokesman Dmitry Peskov said on Friday that 28 drones had been launched "
              "at Moscow overnight.")


def test_source_groups_merge_copies_and_same_outlet() -> None:
    arts = [article("a", REPORT, outlet="Wire"), article("b", REPORT, duplicate_of="a"),
            article("c", REPORT, text_hash="h-a"), article("d", REPORT, outlet="wire "),
            article("e", REPORT)]
    groups = source_groups(arts, {"b": "a"})
    assert len({groups[x] for x in "abcd"}) == 1
    assert count_outlets("abcde", groups) == 2


def test_statement_claim_counts_independent_outlets() -> None:
    arts = [article("a", REPORT), article("b", PARAPHRASE), article("c", REPORT)]
    found = [c for c in claims("s", arts, {"c": "a"}) if c.kind == "statement"]
    assert len(found) == 1
    (claim,) = found
    assert {s.article for s in claim.sources} == {"a", "b", "c"}
    assert claim.outlets == 2 and not claim.single_source
    assert claim.sources[0].text == REPORT


def test_single_source_flagged() -> None:
    arts = [article("a", REPORT),
            article("b", "The weather in Lisbon was mild on Sunday, forecasters at IPMA said.")]
    statements = {c.sources[0].article: c for c in claims("s", arts, {})
                  if c.kind == "statement"}
    assert statements["a"].single_source and statements["a"].outlets == 1


def test_role_and_quote_claims() -> None:
    a = article("a", 'Kremlin spokesman Dmitry Peskov said there were reasons for "cautious '
                     'optimism" about the talks.')
    b = article("b", 'Kremlin spokesman Dmitri Peskov told reporters there was "cautious '
                     'optimism" in Moscow.')
    found = claims("s", [a, b], {})
    roles = [c for c in found if c.kind == "role"]
    assert len(roles) == 1 and roles[0].outlets == 2
    assert roles[0].value in ("Dmitry Peskov", "Dmitri Peskov")
    quotes = [c for c in found if c.kind == "quote"]
    assert len(quotes) == 1 and quotes[0].value == "cautious optimism" and quotes[0].outlets == 2


def _event(start: int, end: int, source: str, target: str | None = None,
           date: str | None = None, negated: bool = False) -> Event:
    return Event(type="CONSULT", source=ActorRef(None, source), sentence=(start, end),
                 target=ActorRef(None, target) if target else None, negated=negated,
                 date=EventDate(date, "day", True) if date else None)


def test_merge_events_keeps_every_source() -> None:
    text = "Putin met Witkoff in Moscow on Thursday."
    a = article("a", text).replace(events=(_event(0, len(text), "Vladimir Putin", "Steve Witkoff",
                                                     "2025-03-13"),))
    b = article("b", text).replace(events=(_event(0, len(text), "Putin", "Steve Whitkov"),))
    c = article("c", text).replace(events=(_event(0, len(text), "Putin", "Keith Kellogg"),
                                           _event(0, len(text), "Putin", negated=True)))
    merged = merge_events("s", [a, b, c])
    assert len(merged) == 3
    first = merged[0]
    assert first.articles == ("a", "b") and first.date is not None
    assert first.date.value == "2025-03-13"
    assert [s.text for s in first.sources] == [text, text]
    assert first.to_dict()["sources"][1]["outlet"] == "outlet-b"


def test_merge_events_separates_dates() -> None:
    text = "Putin met Witkoff."
    a = article("a", text).replace(events=(_event(0, 18, "Putin", "Witkoff", "2025-03-13"),))
    b = article("b", text).replace(events=(_event(0, 18, "Putin", "Witkoff", "2025-08-06"),))
    assert len(merge_events("s", [a, b])) == 2


def test_claims_on_empty_story() -> None:
    assert claims("s", [], {}) == [] and merge_events("s", []) == []
