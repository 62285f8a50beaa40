"""Saving the index: whole state plus deltas resumes exactly like one uninterrupted run;
deltas stay small; bad bytes are a clean ValueError."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import zlib

import pytest
from stories_streams import make_docs

from storyline.stories import StoryDoc, StoryIndex, StoryParams, story_records


def _stream(n: int = 8) -> list[StoryDoc]:
    docs = make_docs(n_per_event=n)
    # some undated, a duplicate, a long gap so that compaction runs
    docs[4] = dataclasses.replace(docs[4], published=None)
    docs[9] = dataclasses.replace(docs[9], duplicate_of=docs[0].id)
    late = dt.timedelta(days=60)
    return docs[:12] + [dataclasses.replace(d, id=d.id + "-late",
                                            published=(d.published or dt.date(2025, 3, 3)) + late)
                        for d in docs[12:]]


def _records(index: StoryIndex) -> list[dict]:  # type: ignore[type-arg]
    return [r.to_dict() for r in story_records(index)]


@pytest.mark.parametrize("params", [StoryParams(), StoryParams(coverage_threshold=0.0,
                                                               compact_after_days=7)])
def test_base_plus_deltas_equals_one_run(params: StoryParams) -> None:
    docs = _stream()
    straight = StoryIndex(params)
    expected = [straight.add(d) for d in docs]

    live = StoryIndex(params)
    got = [live.add(d) for d in docs[:5]]
    base = live.state_to_bytes()
    deltas = []
    for chunk in (docs[5:9], docs[9:10], docs[10:17]):
        got += [live.add(d) for d in chunk]
        deltas.append(live.delta_to_bytes())
    resumed = StoryIndex.from_bytes(base, deltas=deltas)
    got += [resumed.add(d) for d in docs[17:]]
    assert got == expected
    assert _records(resumed) == _records(straight)
    assert json.loads(zlib.decompress(resumed.state_to_bytes())) == \
        json.loads(zlib.decompress(straight.state_to_bytes()))


def _many_events(n_events: int = 80, per_event: int = 3) -> list[StoryDoc]:
    rng = random.Random(5)
    vocab = [f"{a}{b}{c}" for a in "bcdfgklmnprst" for b in "aeiou" for c in "klmnrst"]
    docs = []
    for e in range(n_events):
        words = rng.sample(vocab, 40)
        for k in range(per_event):
            text = " ".join(rng.choice(words) for _ in range(120))
            docs.append(StoryDoc(id=f"e{e}-{k}", text=text,
                                 published=dt.date(2025, 1, 1) + dt.timedelta(days=e // 4)))
    return docs


def test_delta_is_small() -> None:
    docs = _many_events()
    index = StoryIndex()
    for d in docs[:-2]:
        index.add(d)
    full = index.state_to_bytes()
    for d in docs[-2:]:
        index.add(d)
    delta = index.delta_to_bytes()
    assert len(delta) < len(full) / 5, (len(delta), len(full))
    empty = index.delta_to_bytes()  # nothing added since
    state = json.loads(zlib.decompress(empty))
    assert state["assigned"] == {} and state["stories"] == [] and state["df"] == {}
    with pytest.raises(ValueError, match="in order"):
        StoryIndex.from_bytes(full, deltas=[empty])  # skips the delta before it


@pytest.mark.parametrize("data", [b"", b"not zlib", zlib.compress(b"[1, 2]"),
                                  zlib.compress(b'{"format": "other"}')])
def test_bad_bytes_are_a_value_error(data: bytes) -> None:
    with pytest.raises(ValueError, match="not a storyline.stories"):
        StoryIndex.from_bytes(data)
    index = StoryIndex()
    with pytest.raises(ValueError):
        StoryIndex.from_bytes(index.state_to_bytes(), deltas=[data])
