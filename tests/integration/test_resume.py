"""A run killed with SIGKILL and started again ends with the same database as an
uninterrupted run: nothing lost, nothing duplicated."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_builder import write_corpus

from storyline import runner
from storyline.config import Settings

TABLES = {
    "articles": "SELECT id, seq, input, url, title, outlet, published, text, text_hash, removed, "
                "duplicate_of, analysis FROM articles ORDER BY seq",
    "fingerprints": "SELECT article_id, data FROM fingerprints ORDER BY article_id",
    "rejections": "SELECT input, record_id, code, reason, stage FROM rejections ORDER BY input, code",
    "stories": "SELECT id, level, parent, title, start, \"end\", n_articles FROM stories ORDER BY id",
    "story_articles": "SELECT article_id, story_id, storyline_id FROM story_articles "
                      "ORDER BY article_id",
    "entity_articles": "SELECT article_id, local_id, entity_id FROM entity_articles "
                       "ORDER BY article_id, local_id",
    "entities": "SELECT id, name, type, aliases, n_articles FROM entities ORDER BY id",
}


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(db)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        con.close()


def count(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_sigkill_then_resume_equals_uninterrupted_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    counts = write_corpus(corpus, n=240)
    settings = {"execute.workers": 2, "execute.batch_size": 8}

    reference = tmp_path / "reference.db"
    report = runner.run([str(corpus)], Settings({**settings, "db": str(reference)}))
    assert report.status == "partial"  # the malformed lines are recorded, the rest stored
    expected = dump(reference)
    assert len(expected["rejections"]) == counts["malformed"]
    assert len(expected["articles"]) == counts["distinct"] + counts["exact"] + counts["edited"]

    killed = tmp_path / "killed.db"
    command = [sys.executable, "-m", "storyline", "run", str(corpus), "--db", str(killed), "--quiet",
               "--workers", "2", "--set", "execute.batch_size=8"]
    kills = 0
    for target in (40, 150):  # kill twice, at different points
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
        deadline = time.monotonic() + 120
        while count(killed) < target and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            kills += 1
        process.wait()
    assert kills >= 1, "the run finished before it could be killed; raise n"
    assert 0 < count(killed) < len(expected["articles"])
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 3, done.stderr  # partial: the malformed lines again
    assert dump(killed) == expected
