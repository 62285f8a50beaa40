"""Briefings: points are verbatim source sentences with citations that point back at them;
HTML escapes hostile article text; timelines order dated entries and keep undated ones apart."""

from __future__ import annotations

import json

from report_builders import article

from storyline.corroborate import claims, conflicts, merge_events
from storyline.records import ActorRef, DateMention, Event, EventDate, Story
from storyline.report import briefing, timeline

A = ("Kremlin spokesman Dmitry Peskov said on Friday that 28 drones were launched at Moscow "
     "overnight. Officials said air defences shot down all of them before dawn. The mayor of "
     "Moscow, Sergei Sobyanin, said nobody was hurt in the attack. Flights at two airports were "
     "suspended for three hours, the aviation agency said. Ukraine did not comment on the attack. "
     "The strike came a day after talks between the two sides in Istanbul ended without a deal.")
B = ("Kremlin spokesman Dmitry Peskov said on Friday that 27 drones were launched at Moscow "
     "overnight. Russia's defence ministry said the drones were destroyed over the region. "
     "Mayor Sergei Sobyanin wrote that there were no casualties. Airports briefly halted flights.")


def _story():
    arts = [article("a", A, outlet="Wire"), article("b", B, outlet="Daily")]
    found = claims("s1", arts, {})
    return arts, found, conflicts("s1", arts, found)


def test_points_are_cited_source_sentences() -> None:
    arts, found, disputes = _story()
    brief = briefing(Story("s1", "Drone attack on Moscow", "story", ("a", "b")), arts, found,
                     disputes)
    assert brief.headline == "Drone attack on Moscow"
    assert 5 <= len(brief.points) <= 10
    texts = {a.id: a.text for a in arts}
    for point in brief.points:
        assert point.cites
        first = brief.sources[point.cites[0] - 1]
        assert texts[first.article][first.start:first.end] == point.text == first.text
    assert any(c.kind == "number" for c, _ in brief.conflicts)
    assert dict(brief.coverage) == {"Wire": 1, "Daily": 1}


def test_renderings() -> None:
    arts, found, disputes = _story()
    brief = briefing(None, arts, found, disputes)
    md = brief.to_markdown()
    assert md.startswith("# ") and "## Summary" in md and "[1]" in md
    assert "## Where sources disagree" in md and "## Coverage by outlet" in md
    data = json.loads(json.dumps(brief.to_dict()))
    assert data["schema"] == "storyline/1" and data["points"][0]["sources"]
    assert all(1 <= n <= len(data["sources"]) for p in data["points"] for n in p["sources"])


def test_html_escapes_hostile_text() -> None:
    evil = ('Officials said <script>alert("x")</script> and <img src=x onerror=alert(1)> were '
            'found in the "<b>report</b>" that 12 people wrote on Monday in Paris.')
    arts = [article("a", evil, outlet="<i>Evil</i> News"), article("b", evil.replace("12", "13"))]
    found = claims("s", arts, {})
    html = briefing(Story("s", "<script>t()</script>", "story", ("a", "b")), arts, found,
                    conflicts("s", arts, found)).to_html()
    assert "<script" not in html.lower() and "<img" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "onerror" in html  # shown as text, inert
    assert " style=" not in html and " on" + "click" not in html
    md = briefing(None, arts, found).to_markdown()
    assert "<script>" not in md and "\\<script\\>" in md


def test_briefing_of_nothing() -> None:
    brief = briefing(None, [])
    assert brief.points == () and brief.to_html().startswith("<!DOCTYPE html>")
    assert brief.to_markdown().startswith("#")


def test_timeline_from_date_mentions_and_events() -> None:
    text = "Talks were held on March 13, 2025. A second round is planned. It ended in 2024."
    a = article("a", text).replace(dates=(
        DateMention("March 13, 2025", 18, 32, "2025-03-13", "day", True),
        DateMention("2024", 75, 79, "2024", "year", True),
        DateMention("30-day", 0, 0, "P30D", "duration", True)))
    line = timeline(Story("s", "t", "storyline", ("a",)), [a])
    assert [e.date for e in line.dated] == ["2024", "2025-03-13"]
    assert line.dated[1].granularity == "day" and line.level == "storyline"
    assert line.dated[1].sources[0].text == "Talks were held on March 13, 2025."
    ev = Event(type="CONSULT", source=ActorRef(None, "Putin"), sentence=(0, 34),
               date=EventDate("2025-03-13", "day", True))
    undated = Event(type="CONSULT", source=ActorRef(None, "Zelensky"), sentence=(35, 61))
    b = a.replace(events=(ev, undated))
    line = timeline(None, [b], merge_events("s", [b]))
    assert [e.kind for e in line.dated] == ["event"] and len(line.undated) == 1
    assert line.to_dict()["dated"][0]["date"] == "2025-03-13"


def test_briefing_with_timeline() -> None:
    text = ("Talks were held in Riyadh on March 11, 2025 between the two delegations. "
            "Officials said the talks went well and that a second round would follow soon.")
    a = article("a", text).replace(dates=(
        DateMention("March 11, 2025", 29, 43, "2025-03-11", "day", True),))
    line = timeline(None, [a])
    brief = briefing(None, [a], timeline=line)
    assert brief.timeline[0][:2] == ("2025-03-11", "day")
    src = brief.sources[brief.timeline[0][3][0] - 1]
    assert a.text[src.start:src.end] == brief.timeline[0][2]
    assert "## Timeline" in brief.to_markdown() and "<time>2025-03-11</time>" in brief.to_html()
    assert brief.to_dict()["timeline"][0]["date"] == "2025-03-11"
