"""A Spark run killed mid-run (driver, JVM and Python workers, SIGKILL) and started again ends
with the same database as a local run: nothing lost, nothing duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_builder import write_corpus
from test_resume import count as _count
from test_spark_equivalence import dump as _dump

pytest.importorskip("pyspark", reason="PySpark is not installed (pip install 'storyline[spark]')")

from storyline import runner  # noqa: E402
from storyline.config import Settings  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]


def test_killed_spark_run_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, n=100, seed=5)
    reference = tmp_path / "local.db"
    runner.run([str(corpus)], Settings({"db": str(reference), "execute.workers": 2}))
    expected = _dump(reference)

    killed = tmp_path / "spark.db"
    command = [sys.executable, "-m", "storyline", "run", str(corpus), "--db", str(killed),
               "--quiet", "--executor", "spark", "--set", "execute.partition_records=20",
               "--set", "execute.batch_size=16"]
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True, env=env)
    deadline = time.monotonic() + 600
    while _count(killed) < 10 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert process.poll() is None, "the Spark run ended before it could be killed: " + (
        process.stderr.read().decode(errors="replace")[-2000:] if process.stderr else "")
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    stored = _count(killed)
    assert 0 < stored < len(expected["articles"])

    done = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode in (0, 3), done.stderr[-3000:]
    got = _dump(killed)
    assert [r[0] for r in got["articles"]] == [r[0] for r in expected["articles"]]
    assert got == expected
