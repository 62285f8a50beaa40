"""Span extraction and segmenting (pure functions) for highlighting."""

from __future__ import annotations

from storyline.serve.spans import segments, snippet_parts, spans, split_marked

TEXT = "Rasmolov said: \"no truce\" on Friday."


def _record(**analysis: object) -> dict[str, object]:
    return {"text": TEXT, "entities": [], "quotes": [], "events": [], "positions": [], "dates": [],
            **analysis}


def test_spans_from_record_and_bad_offsets_dropped() -> None:
    record = _record(
        entities=[{"id": "e1", "name": "Viktor Rasmolov", "type": "PERSON",
                   "mentions": [{"start": 0, "end": 8, "text": "Rasmolov"},
                                {"start": -1, "end": 3}, {"start": 5, "end": 999},
                                {"start": "0", "end": 3}, {"start": 4, "end": 4}]}],
        quotes=[{"text": "no truce", "start": 15, "end": 25, "speaker": {"name": "Viktor Rasmolov"}}],
        events=[{"type": "REJECT", "sentence": {"start": 0, "end": len(TEXT)}}, {"type": "X"}],
        dates=[{"text": "Friday", "start": 29, "end": 35, "value": "2026-03-06"}],
        positions=["not a dict"],
    )
    found = spans(record)
    assert [s["kind"] for s in found] == ["event", "entity", "quote", "date"]
    assert found[1]["entity"] == "e1" and found[1]["ref"] == "entities/0/mentions/0"


def test_segments_cover_text_with_overlaps() -> None:
    span_list = [{"kind": "event", "start": 0, "end": len(TEXT), "label": "e"},
                 {"kind": "entity", "start": 0, "end": 8, "label": "p"},
                 {"kind": "quote", "start": 15, "end": 25, "label": "q"}]
    segs = segments(TEXT, span_list)
    assert "".join(s.text for s in segs) == TEXT
    assert segs[0].text == "Rasmolov" and segs[0].kinds == ("entity", "event")
    quote = next(s for s in segs if s.text == "\"no truce\"")
    assert quote.kinds == ("quote", "event")


def test_segments_respect_the_view_limit() -> None:
    segs = segments(TEXT, [{"kind": "quote", "start": 15, "end": 25, "label": "q"}], limit=20)
    assert "".join(s.text for s in segs) == TEXT[:20]
    assert segments("", []) == [] or "".join(s.text for s in segments("", [])) == ""


def test_snippet_markers() -> None:
    plain, marks = split_marked("a \ue000truce\ue001 and \ue000Truce\ue001 \ue001 end")
    assert plain == "a truce and Truce  end"
    assert [plain[s:e] for s, e in marks] == ["truce", "Truce"]
    assert snippet_parts(plain, marks)[:2] == [("a ", False), ("truce", True)]
