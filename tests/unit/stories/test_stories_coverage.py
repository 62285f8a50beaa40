"""The storyline coverage test: a new story joins a storyline whose heaviest words it contains,
even without a shared name and with a diluted cosine."""

from __future__ import annotations

import datetime as dt

from storyline.stories import StoryDoc, StoryIndex, StoryParams

FLU = ("the swine flu virus outbreak spread as health officials confirmed new pandemic cases "
       "of the strain in hospitals and schools, and vaccine makers raced to respond. ")
OTHER = ("shareholders of the grain cooperative voted on dividends while the harvest of wheat "
         "and barley in the northern provinces came in late after heavy autumn rains. ")


def _docs() -> list[StoryDoc]:
    day = dt.date(2009, 5, 1)
    docs = [StoryDoc(id=f"flu{i}", text=FLU * 2 + f"Report {i} from Mexico City.", published=day)
            for i in range(4)]
    # a long digressive piece: all of the storyline's words once, buried in other matter
    long = OTHER * 12 + "Meanwhile " + FLU + OTHER * 12
    docs.append(StoryDoc(id="long", text=long, published=day + dt.timedelta(days=1)))
    return docs


def _line_of_long(params: StoryParams) -> bool:
    index = StoryIndex(params)
    got = {d.id: index.add(d) for d in _docs()}
    assert got["long"].new_story
    return index.storyline_of(got["long"].story_id) == index.storyline_of(got["flu0"].story_id)


def test_coverage_joins_the_storyline() -> None:
    strict = StoryParams(storyline_threshold=0.5, coverage_threshold=0.0)
    assert not _line_of_long(strict)
    assert _line_of_long(strict.replace(coverage_threshold=0.5))


def test_coverage_needs_the_words() -> None:
    params = StoryParams(storyline_threshold=0.5, coverage_threshold=0.5)
    index = StoryIndex(params)
    for d in _docs()[:4]:
        index.add(d)
    a = index.add(StoryDoc(id="grain", text=OTHER * 6, published=dt.date(2009, 5, 2)))
    assert a.new_storyline
