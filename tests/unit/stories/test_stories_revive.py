"""A storyline quiet for longer than its window is taken up again by a close match (the same
dispute months later): a new story, in the old storyline. Weak matches and other topics start
storylines of their own, and a storyline within the window is preferred."""

from __future__ import annotations

import dataclasses
import datetime as dt

from stories_streams import make_docs

from storyline.stories import StoryDoc, StoryIndex, StoryParams

LATER = dt.timedelta(days=270)


def _late(doc: StoryDoc, suffix: str = "late") -> StoryDoc:
    assert doc.published is not None
    return dataclasses.replace(doc, id=f"{doc.id}-{suffix}", published=doc.published + LATER)


def test_months_later_a_close_match_reopens_its_storyline() -> None:
    docs = make_docs(n_per_event=3)
    index = StoryIndex()
    placed = {d.id: index.add(d) for d in docs}
    late = index.add(_late(docs[0]))
    assert late.new_story  # nine months later: a different episode, so a story of its own
    assert late.story_id != placed[docs[0].id].story_id
    assert late.storyline_id == placed[docs[0].id].storyline_id
    assert not late.new_storyline


def test_revival_off_starts_a_storyline() -> None:
    docs = make_docs(n_per_event=3)
    index = StoryIndex(StoryParams(storyline_revive_threshold=0.0))
    placed = {d.id: index.add(d) for d in docs}
    late = index.add(_late(docs[0]))
    assert late.new_storyline
    assert late.storyline_id != placed[docs[0].id].storyline_id


def test_a_weak_match_does_not_revive() -> None:
    docs = make_docs(n_per_event=3)
    index = StoryIndex(StoryParams(storyline_revive_threshold=0.99))
    for d in docs:
        index.add(d)
    assert index.add(_late(docs[0])).new_storyline


def test_other_topics_stay_apart_months_later() -> None:
    docs = make_docs(n_per_event=3)
    quake = [d for d in docs if d.id.startswith("quake")]
    others = [d for d in docs if not d.id.startswith("quake")]
    index = StoryIndex()
    lines = {index.add(d).storyline_id for d in others}
    late = index.add(_late(quake[0]))
    assert late.storyline_id not in lines


def test_a_storyline_within_the_window_wins_over_a_dormant_one() -> None:
    docs = make_docs(n_per_event=3)
    quake = [d for d in docs if d.id.startswith("quake")]
    index = StoryIndex()
    old = index.add(quake[0]).storyline_id
    # the same event again, far later: it reopens the old storyline (no recent one exists)
    recent = index.add(_late(quake[1], "a"))
    assert recent.storyline_id == old
    # now a storyline is active near that date; a second late article lands in it
    second = index.add(_late(quake[2], "b"))
    assert second.storyline_id == recent.storyline_id
