"""StoryIndex: events kept apart, incremental == batch == resumed, deterministic, bounded
candidates, the time window, idempotent re-adds."""

from __future__ import annotations

import dataclasses
import datetime as dt

from stories_streams import make_docs

from storyline.stories import StoryDoc, StoryIndex, StoryParams, cluster
from storyline.stories.index import Postings


def _labels(assignments):  # type: ignore[no-untyped-def]
    return {a.doc_id: a.story_id for a in assignments}


def test_three_events_three_stories(docs: list[StoryDoc]) -> None:
    got = cluster(docs)
    by_event: dict[str, set[str]] = {}
    for a in got:
        by_event.setdefault(a.doc_id.split("-")[0], set()).add(a.story_id)
    assert all(len(ids) == 1 for ids in by_event.values()), by_event
    assert len({next(iter(ids)) for ids in by_event.values()}) == 3
    assert sum(a.new_story for a in got) == 3
    assert all(a.score > 0 for a in got if not a.new_story)


def test_incremental_equals_batch_and_resume(docs: list[StoryDoc]) -> None:
    batch = cluster(docs)
    index = StoryIndex()
    first = [index.add(d) for d in docs[:7]]
    resumed = StoryIndex.from_bytes(index.state_to_bytes())
    rest = [resumed.add(d) for d in docs[7:]]
    assert first + rest == batch
    straight = StoryIndex()
    straight.extend(docs)
    assert resumed.state_to_bytes() == straight.state_to_bytes()


def test_deterministic(docs: list[StoryDoc]) -> None:
    a, b = StoryIndex(), StoryIndex()
    assert a.extend(docs) == b.extend(docs)
    assert a.state_to_bytes() == b.state_to_bytes()


def test_readding_changes_nothing(docs: list[StoryDoc]) -> None:
    index = StoryIndex()
    got = index.extend(docs)
    state = index.state_to_bytes()
    again = index.add(docs[4])
    assert again.story_id == got[4].story_id
    assert again.storyline_id == index.storyline_of(got[4].story_id)
    assert not again.new_story
    assert index.state_to_bytes() == state


def test_time_window_splits_same_text() -> None:
    text = make_docs(1)[0].text
    day = dt.date(2025, 3, 3)
    near = StoryDoc("b", text, published=day + dt.timedelta(days=3))
    far = StoryDoc("c", text, published=day + dt.timedelta(days=40))
    got = cluster([StoryDoc("a", text, published=day), near, far])
    assert got[1].story_id == got[0].story_id
    assert got[2].story_id != got[0].story_id


def test_undated_ignores_window() -> None:
    text = make_docs(1)[0].text
    got = cluster([StoryDoc("a", text, published=dt.date(2025, 3, 3)),
                   StoryDoc("b", text, published=None)])
    assert got[1].story_id == got[0].story_id


def test_date_penalty_lowers_score() -> None:
    text = make_docs(1)[0].text
    day = dt.date(2025, 3, 3)
    same = cluster([StoryDoc("a", text, published=day), StoryDoc("b", text, published=day)])
    later = cluster([StoryDoc("a", text, published=day),
                     StoryDoc("b", text, published=day + dt.timedelta(days=6))])
    assert later[1].story_id == later[0].story_id
    assert later[1].score < same[1].score


def test_blocking_bounds_candidates() -> None:
    params = StoryParams(postings_cap=8, max_candidates=5, story_threshold=0.99)
    index = StoryIndex(params)
    # 60 different one-off stories all sharing the same vocabulary plus a unique code word
    common = "Harbour authority inspection cranes container terminal Rotterdam dock workers"
    for i in range(60):
        index.add(StoryDoc(f"d{i}", f"{common} code{i:03d}x report number {1000 + i}."))
        assert index.last_candidates <= params.max_candidates
        assert index.story_keys.visited <= params.key_terms * params.postings_cap
    assert all(len(ids) <= params.postings_cap for ids in index.story_keys.table.values())
    assert len(index.stories) == 60


def test_postings_keep_most_recent() -> None:
    postings = Postings(cap=3)
    for cid in "abcd":
        postings.touch(["k"], cid)
    postings.touch(["k"], "b")
    assert list(postings.table["k"]) == ["c", "d", "b"]
    assert postings.lookup(["k", "k2"]) == {"c": 1, "d": 1, "b": 1}


def test_params_from_settings() -> None:
    params = StoryParams.from_settings({"stories.window_days": "3", "stories.relink": "false",
                                        "db": "x"}, story_threshold=0.5)
    assert params.window_days == 3 and params.relink is False
    assert params.story_threshold == 0.5
    assert StoryParams.from_settings(None) == StoryParams()


def test_storyline_groups_related_stories() -> None:
    """Two episodes of one developing story (same actors, three weeks apart) become two stories
    in one storyline; an unrelated event gets its own storyline."""
    day = dt.date(2025, 3, 3)
    talks = ("Negotiators from Valdoria and Tessaria met in Port Elsin under Calveran "
             "mediation to discuss a 30-day truce. Valdorian President Taras Dovzhensky said "
             "the truce plan could work if Tessaria halts its drone attacks. Tessarian "
             "President Viktor Rasmolov {verb} the truce plan, his aide Dmitry Kalyagin said.")
    docs = [StoryDoc(f"a{i}", talks.format(verb="backs") + f" Talks lasted {9 + i} hours.",
                     published=day) for i in range(3)]
    docs += [StoryDoc(f"b{i}", talks.format(verb="rejects") + " Tessarian missiles hit the "
                      "Lessa grain terminal and the Meridian Union threatened sanctions over "
                      f"the attack on Lessa, killing {12 + i}.",
                      published=day + dt.timedelta(days=21)) for i in range(3)]
    docs.append(dataclasses.replace(make_docs(1)[1], id="tram", published=day))
    index = StoryIndex()
    got = index.extend(docs)
    stories = {a.doc_id: a.story_id for a in got}
    assert stories["a0"] == stories["a2"] and stories["b0"] == stories["b2"]
    assert stories["a0"] != stories["b0"]
    lines = {a.doc_id: index.storyline_of(a.story_id) for a in got}
    assert lines["a0"] == lines["b0"]
    assert lines["tram"] != lines["a0"]


def test_old_stories_compacted_and_resume_identical() -> None:
    base = make_docs(1)
    day = dt.date(2025, 1, 1)
    docs = [dataclasses.replace(d, id=f"{d.id}-{week}", published=day + dt.timedelta(weeks=2 * week),
                                text=d.text + f" Week {week} code{week:03d}x alpha{week}beta.")
            for week in range(12) for d in base]
    straight = StoryIndex()
    straight.extend(docs)
    old = [s for s in straight.stories.values()
           if s.end is not None and s.end < straight.latest_day - 28]
    assert old and all(len(s.centroid) <= 40 for s in old)
    assert straight.compacted >= len(old)
    half = StoryIndex()
    half.extend(docs[:17])
    resumed = StoryIndex.from_bytes(half.state_to_bytes())
    resumed.extend(docs[17:])
    assert resumed.state_to_bytes() == straight.state_to_bytes()
    off = StoryIndex(StoryParams(compact_after_days=0))
    off.extend(docs)
    assert off.compacted == 0
