"""Undated articles and duplicates: a copy joins its canonical's story; an undated article
needs a closer match to a dated story (it escapes the time window)."""

from __future__ import annotations

import dataclasses

from stories_streams import make_docs

from storyline.stories import StoryDoc, StoryIndex, StoryParams


def test_duplicate_joins_its_canonical_story(docs: list[StoryDoc]) -> None:
    index = StoryIndex()
    placed = {d.id: index.add(d) for d in docs}
    canonical = docs[0]
    # a copy whose text alone matches nothing (a different event's wording) still follows it
    copy = dataclasses.replace(docs[1], id="copy-1", duplicate_of=canonical.id, published=None)
    got = index.add(copy)
    assert got.story_id == placed[canonical.id].story_id
    assert got.score == 1.0 and not got.new_story


def test_duplicate_of_an_unplaced_article_is_clustered_normally(docs: list[StoryDoc]) -> None:
    index = StoryIndex()
    for d in docs:
        index.add(d)
    copy = dataclasses.replace(docs[0], id="copy-2", duplicate_of="never-seen")
    got = index.add(copy)
    assert not got.new_story and got.score < 1.0


def _story_score(params: StoryParams, undated: bool) -> tuple[bool, float]:
    docs = make_docs(n_per_event=3)
    index = StoryIndex(params)
    for d in docs[:-1]:
        index.add(d)
    last = docs[-1]
    if undated:
        last = dataclasses.replace(last, published=None)
    a = index.add(last)
    return a.new_story, a.score


def test_undated_article_pays_the_margin_against_a_dated_story() -> None:
    base = StoryParams(story_undated_margin=0.0)
    new, dated_score = _story_score(base, undated=False)
    assert not new
    _, undated_score = _story_score(base, undated=True)
    _, with_margin = _story_score(base.replace(story_undated_margin=0.05), undated=True)
    assert abs(with_margin - (undated_score - 0.05)) < 1e-6
    # a margin larger than any similarity keeps the undated article out
    new, _ = _story_score(base.replace(story_undated_margin=1.0), undated=True)
    assert new


def test_no_margin_when_both_sides_are_undated() -> None:
    docs = [dataclasses.replace(d, published=None) for d in make_docs(n_per_event=3)]
    strict = StoryIndex(StoryParams(story_undated_margin=1.0))
    got = [strict.add(d) for d in docs]
    assert sum(a.new_story for a in got) == 3  # three events, undated throughout


def test_dated_article_pays_the_margin_against_an_undated_story() -> None:
    docs = make_docs(n_per_event=2)
    first = dataclasses.replace(docs[0], published=None)
    second = next(d for d in docs[1:] if d.id.split("-")[0] == docs[0].id.split("-")[0])
    index = StoryIndex(StoryParams(story_undated_margin=1.0))
    index.add(first)
    assert second.published is not None
    assert index.add(second).new_story
