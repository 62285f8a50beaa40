"""Builds the database the serve tests read: the sample corpus plus hostile articles.

Shared by ``tests/unit/serve`` and ``tests/ui`` (which puts this folder on ``sys.path``).
"""

from __future__ import annotations

import json
from pathlib import Path

from storyline.config import Settings

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "examples" / "corpus"

HOSTILE_TITLE = "<script>alert('title')</script><img src=x onerror=alert('title-img')> Hostile headline"
HOSTILE_URL = "javascript:alert(document.domain)"
HOSTILE_OUTLET = "<b onmouseover=alert(1)>Evil Outlet</b>"
HOSTILE_TEXT = (
    "Hostile article body. <script>alert('text')</script> The envoy said the ceasefire is off. "
    "<img src=x onerror=alert('img')> Read the <a href=\"javascript:alert('link')\">full story</a> "
    "here. \"><svg onload=alert('svg')> More text about the hostile ceasefire so that the "
    "article is long enough to keep. {{ 7*7 }} ${7*7} </textarea></title><style>body{display:none}</style>"
)
HUGE_BYTES = 10_000_000
HUGE_UNIT = "hugeline ceasefire <script>alert('huge')</script> "


def write_hostile(folder: Path) -> Path:
    """A JSON Lines record with hostile title/outlet/url/text, and a 10 MB single-line text."""
    folder.mkdir(parents=True, exist_ok=True)
    record = {"url": HOSTILE_URL, "title": HOSTILE_TITLE, "outlet": HOSTILE_OUTLET,
              "published": "2026-03-09", "text": HOSTILE_TEXT}
    (folder / "hostile.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    line = (HUGE_UNIT * (HUGE_BYTES // len(HUGE_UNIT) + 1))[:HUGE_BYTES]
    (folder / "huge_single_line.txt").write_text(line, encoding="utf-8")
    return folder


def build_database(root: Path) -> Path:
    """Run the sample corpus and the hostile inputs into ``root/serve.db`` (real SQLite).

    The sample articles get the lexicon analysis of :mod:`story_analysis` (entities, quotes,
    events, positions from their own text), then the corpus phase is rebuilt over it with the
    real components, so the corpus pages are exercised whatever the extractors currently find."""
    from storyline import runner

    db = root / "serve.db"
    hostile = write_hostile(root / "hostile")
    settings = Settings({"db": str(db), "execute.workers": 1})
    runner.run([str(CORPUS)], settings, command="run")
    runner.run([str(hostile / "hostile.jsonl")], settings, command="ingest", analysis=False)
    rebuild_corpus(db, settings)  # the hostile article is placed in a story too
    # the 10 MB line stays out of the corpus phase: corroborating it takes minutes
    runner.run([str(hostile / "huge_single_line.txt")], settings, command="ingest", analysis=False)
    return db


CORPUS_TABLES = ("story_articles", "stories", "entity_articles", "entities", "quotes", "events",
                 "positions", "story_results", "conflicts", "corpus_state")


def rebuild_corpus(db: Path, settings: Settings) -> None:
    """Replace the per-article analysis with :func:`story_analysis.analyse` and run the corpus
    phase again (stories, identities; corroboration too when the phase does not run it)."""
    import sqlite3

    from story_analysis import add_story_analysis

    from storyline.corpus import build_corpus
    from storyline.store import open_store

    add_story_analysis(db)
    con = sqlite3.connect(db)
    try:
        for table in CORPUS_TABLES:
            con.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
        con.commit()
    finally:
        con.close()
    store = open_store(str(db))
    try:
        build_corpus(store, settings)
        corroborate_if_missing(store)
    finally:
        store.close()


def corroborate_if_missing(store: object) -> None:
    """Claims, conflicts and merged events of every story, with the real corroboration
    functions, when the corpus phase did not store them (it will once it is wired to them)."""
    from sqlalchemy import func, select

    from storyline.corroborate import claims, conflicts, merge_events
    from storyline.store import corpus as db
    from storyline.store import schema

    engine = store.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(schema.story_results)).scalar():
            return
        ids = list(conn.execute(select(schema.stories.c.id).where(schema.stories.c.level == "story"))
                   .scalars())
    for story_id, articles in db.story_articles(engine, ids).items():
        found = claims(story_id, articles, {a.id: a.duplicate_of for a in articles})
        with engine.begin() as conn:
            db.write_story_results(conn, story_id, claims=[c.to_dict() for c in found],
                                   events=[e.to_dict() for e in merge_events(story_id, articles)],
                                   conflicts=[c.to_dict() for c in conflicts(story_id, articles, found)],
                                   articles=len(articles))


def add_test_analysis(db: Path, needle: str = "Rasmolov") -> str:
    """Give the first article mentioning ``needle`` an analysis (entity mentions, one quote, one
    event sentence, one date) with offsets computed from its text, as the analysis stages will
    store it, so highlighting is exercised before those stages exist. Returns the article id.
    Test data only: written straight into the ``analysis`` column of a test database."""
    import re
    import sqlite3

    con = sqlite3.connect(db)
    try:
        article_id, text = con.execute(
            "SELECT id, text FROM articles WHERE text LIKE ? ORDER BY seq LIMIT 1",
            (f"%{needle}%",)).fetchone()
        mentions = [{"start": m.start(), "end": m.end(), "text": m.group(0)}
                    for m in re.finditer(re.escape(needle), text)]
        quote = re.search(r"[\"“]([^\"”]{10,300})[\"”]", text)
        sentence = re.search(r"[^.\n]*" + re.escape(needle) + r"[^.\n]*\.", text)
        day = re.search(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", text)
        analysis = {
            "entities": [{"id": "ent-test-1", "name": f"Viktor {needle}", "type": "PERSON",
                          "aliases": [needle], "roles": ["Tessarian President"], "mentions": mentions}],
            "quotes": ([{"text": quote.group(1), "start": quote.start(), "end": quote.end(), "kind": "direct",
                         "speaker": {"entity": "ent-test-1", "name": f"Viktor {needle}", "mention": None},
                         "cue": "said"}] if quote else []),
            "events": ([{"type": "CONSULT", "mode": None, "source": {"entity": "ent-test-1", "name": needle},
                         "target": None, "location": None, "date": None, "negated": False,
                         "hypothetical": False, "future": False, "condition": None,
                         "sentence": {"start": sentence.start(), "end": sentence.end()}}] if sentence else []),
            "positions": [],
            "dates": ([{"text": day.group(0), "start": day.start(), "end": day.end(), "value": None,
                        "granularity": "day", "resolved": False}] if day else []),
        }
        con.execute("UPDATE articles SET analysis = ? WHERE id = ?", (json.dumps(analysis), article_id))
        con.commit()
    finally:
        con.close()
    return article_id
