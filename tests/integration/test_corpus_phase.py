"""The corpus-level phase of ``storyline run``: stories of the bundled sample, incremental
runs equal one run, and a phase interrupted between chunks resumes to the same result."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from corpus_builder import write_corpus

from storyline import runner
from storyline.config import Settings
from storyline.corpus import build_corpus
from storyline.store import open_store, queries

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _rows(db: Path, sql: str) -> list[tuple[str, str, str]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _placements(db: Path) -> list[tuple[str, str, str]]:
    return _rows(db, "SELECT article_id, story_id, storyline_id FROM story_articles "
                     "ORDER BY article_id")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "sample.db"
    runner.run([str(EXAMPLES / "corpus")], Settings({"db": str(db), "execute.workers": 1}))
    return db


def test_sample_stories_follow_the_gold(sample_db: Path) -> None:
    gold = json.loads((EXAMPLES / "expected.json").read_text())
    engine = open_store(str(sample_db)).engine
    by_title = {a["title"]: a["id"] for a in queries.list_articles(engine, limit=100)}
    ids = {key: by_title[doc["title"]] for key, doc in gold["docs"].items()}
    line_of = {a: line for a, _, line in _placements(sample_db)}
    lines = {line_of[ids[key]] for key in gold["stories"]["storyline"]["articles"]}
    assert len(lines) == 1, "the truce articles form one storyline"
    for distractor in gold["stories"]["distractors"]:
        for key in distractor["articles"]:
            assert line_of[ids[key]] not in lines
    stories = queries.list_stories(engine, level="storyline")
    assert any(s["n_articles"] == len(gold["stories"]["storyline"]["articles"]) for s in stories)


def test_sample_episodes_are_different_stories(sample_db: Path) -> None:
    gold = json.loads((EXAMPLES / "expected.json").read_text())
    engine = open_store(str(sample_db)).engine
    by_title = {a["title"]: a["id"] for a in queries.list_articles(engine, limit=100)}
    ids = {key: by_title[doc["title"]] for key, doc in gold["docs"].items()}
    story_of = {a: s for a, s, _ in _placements(sample_db)}
    first, second = gold["stories"]["episodes"]
    assert not ({story_of[ids[k]] for k in first["articles"]}
                & {story_of[ids[k]] for k in second["articles"]}), \
        "the March and late-March episodes are different stories"


def test_story_queries_and_filters(sample_db: Path) -> None:
    engine = open_store(str(sample_db)).engine
    story = queries.list_stories(engine)[0]
    detail = queries.get_story(engine, story["id"])
    assert detail["articles"] and detail["level"] == "story"
    assert queries.count_stories(engine, start="2030-01-01") == 0
    assert queries.count_stories(engine, outlet="no such outlet") == 0
    outlet = detail["article_summaries"][0]["outlet"]
    if outlet:
        assert story["id"] in {s["id"] for s in queries.list_stories(engine, outlet=outlet)}


def test_two_runs_equal_one(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, n=60)
    lines = corpus.read_text().splitlines()
    half = tmp_path / "a.jsonl"
    rest = tmp_path / "b.jsonl"
    half.write_text("\n".join(lines[: len(lines) // 2]) + "\n")
    rest.write_text("\n".join(lines[len(lines) // 2:]) + "\n")
    settings = {"execute.workers": 1}
    one = tmp_path / "one.db"
    runner.run([str(half), str(rest)], Settings({**settings, "db": str(one)}))
    two = tmp_path / "two.db"
    runner.run([str(half)], Settings({**settings, "db": str(two)}))
    runner.run([str(rest)], Settings({**settings, "db": str(two)}))
    placements = _placements(one)
    assert len({story for _, story, _ in placements}) > 1  # several stories to agree on
    assert placements == _placements(two)


CORPUS_TABLES = ("story_articles", "corpus_state", "entity_articles", "quotes", "events",
                 "positions", "stories", "entities", "story_results", "conflicts")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 120-article corpus run once (per-article stages and corpus phase)."""
    folder = tmp_path_factory.mktemp("interrupted")
    write_corpus(folder / "c.jsonl", n=120)
    runner.run([str(folder / "c.jsonl")], Settings({"db": str(folder / "ref.db"),
                                                    "execute.workers": 1}))
    return folder / "ref.db"


@pytest.mark.parametrize("state_every", [25, 5000], ids=["state-saved", "state-replayed"])
def test_interrupted_phase_resumes_to_the_same_result(built: Path, tmp_path: Path,
                                                      state_every: int) -> None:
    db = tmp_path / "cut.db"
    shutil.copy(built, db)
    con = sqlite3.connect(db)
    for table in CORPUS_TABLES:  # articles analysed and stored, corpus phase not yet run
        con.execute(f"DELETE FROM {table}")
    con.commit()
    con.close()
    settings = Settings({"db": str(db)})
    store = open_store(str(db))
    calls = []

    def stop_after_two_chunks(n: int) -> None:
        calls.append(n)
        if len(calls) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_corpus(store, settings, progress=stop_after_two_chunks, chunk=25,
                     state_every=state_every)
    assert 0 < len(_placements(db)) < len(_placements(built))
    build_corpus(store, settings, chunk=25, state_every=state_every)
    store.close()
    assert _placements(db) == _placements(built)
    assert _links(db) == _links(built)


def _links(db: Path) -> list[tuple[str, str, str]]:
    return _rows(db, "SELECT article_id, local_id, entity_id FROM entity_articles "
                     "ORDER BY article_id, local_id")


def test_one_corpus_id_per_local_entity(built: Path) -> None:
    """However identities were merged or split along the way, every row of one article-level
    entity id ends up with the same corpus-wide id."""
    con = sqlite3.connect(built)
    try:
        mixed = con.execute("SELECT local_id FROM entity_articles GROUP BY local_id "
                            "HAVING count(DISTINCT entity_id) > 1").fetchall()
    finally:
        con.close()
    assert mixed == []
