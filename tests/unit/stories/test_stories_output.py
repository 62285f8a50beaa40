"""Story records (OUTPUT.md shape) and readable titles."""

from __future__ import annotations

import dataclasses

from stories_streams import make_docs

from storyline.stories import StoryIndex, story_records


def test_records_shape_and_titles() -> None:
    docs = make_docs(4)
    titled = [dataclasses.replace(d, title=f"{d.id.split('-')[0]} headline {i}")
              for i, d in enumerate(docs)]
    titled[0] = dataclasses.replace(titled[0], title="Earthquake strikes Valparaiso, Chile")
    index = StoryIndex()
    index.extend(titled)
    records = story_records(index)
    lines = [r for r in records if r.level == "storyline"]
    stories = [r for r in records if r.level == "story"]
    assert {a for r in stories for a in r.articles} == {d.id for d in docs}
    assert {a for r in lines for a in r.articles} == {d.id for d in docs}
    for r in stories:
        assert r.parent in {ln.id for ln in lines}
        out = r.to_dict()
        assert set(out) >= {"id", "title", "level", "parent", "articles", "start", "end"}
        assert out["start"] <= out["end"]
    quake = next(r for r in stories if "quake-0" in r.articles)
    assert quake.title == "Earthquake strikes Valparaiso, Chile"  # the most central headline


def test_untitled_story_gets_key_phrases() -> None:
    index = StoryIndex()
    index.extend(make_docs(3))
    for r in story_records(index):
        assert r.title and not r.title.startswith(("st-", "sl-"))
        assert r.key_phrases
    quake = next(r for r in story_records(index)
                 if r.level == "story" and "quake-0" in r.articles)
    assert any(p in quake.title for p in ("Valparaiso", "Chile", "ONEMI", "Boric"))
