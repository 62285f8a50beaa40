"""Bad input never raises: arbitrary text, odd records and offsets out of range."""

from __future__ import annotations

from corroborate_builders import article
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.corroborate import claims, conflicts, merge_events
from storyline.records import ActorRef, Event, Position, Quote
from storyline.report import briefing, timeline

WORDS = st.sampled_from(["Putin", "said", "not", "12", "Monday", "in", "Moscow", "the", "U.S.",
                         "envoy", "“", "”", '"', ".", "\n", "former", "president", "ceasefire",
                         "supports", "opposes", "Kurt", "Volker", "<b>", "&amp;", "é", "\x00"])
TEXTS = st.lists(WORDS, max_size=80).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_any_text(texts: list[str]) -> None:
    arts = [article(f"a{i}", t) for i, t in enumerate(texts)]
    found = claims("s", arts, {})
    disputes = conflicts("s", arts, found)
    brief = briefing(None, arts, found, disputes, timeline=timeline(None, arts))
    assert "<b>" not in brief.to_html()
    brief.to_markdown()
    for c in disputes:
        for side in c.sides:
            text = next(a.text for a in arts if a.id == side.article)
            assert side.start is not None and text[side.start:side.end] == side.text


def test_records_with_bad_offsets() -> None:
    a = article("a", "Short text.").replace(
        events=(Event(type="CONSULT", source=ActorRef(None, None), sentence=(50, 900)),),
        quotes=(Quote(text="x", start=500, end=600, kind="direct"),),
        positions=(Position(actor=ActorRef(None, "We"), issue="", stance="support",
                            evidence=(40, 20)),
                   Position(actor=ActorRef(None, "Russia"), issue="cease_fire",
                            stance="oppose", evidence=(-5, 3))))
    b = article("b", "Russia supports the ceasefire, officials in Moscow said on Friday.")
    assert isinstance(conflicts("s", [a, b]), list)
    assert len(merge_events("s", [a])) == 1
    briefing(None, [a, b], claims("s", [a, b], {})).to_html()
