"""Quality gate for dedupe: a reduced run of bench/near_duplicates.py with pinned floors.

80 article-extraction-benchmark bodies with their perturbed copies, among the ECB+ articles of
12 topics (24 real events, several outlets each, including wire reprints). Full figures:
docs/benchmarks-dedupe.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.dedupe import evaluate as ev
from storyline.dedupe import fingerprint

pytestmark = pytest.mark.data

TOPICS = ("1", "3", "7", "8", "12", "18", "21", "23", "24", "29", "37", "45")
CHOSEN = Settings().with_(dedupe_threshold=0.2, dedupe_containment=0.6)


@pytest.fixture(scope="module")
def run(shared_data: Path) -> tuple[list[ev.Doc], ev.Gold, list]:
    docs = ev.build(shared_data, seed=13, aeb_limit=80, ecb_topics=TOPICS)
    return docs, ev.gold(docs), [fingerprint(d.text, CHOSEN) for d in docs]


def test_precision_and_recall_floors(run: tuple[list[ev.Doc], ev.Gold, list]) -> None:
    docs, truth, fps = run
    result = ev.score(docs, ev.group_with_index(docs, fps, CHOSEN), truth)
    scores = result["scores"]
    assert scores["precision"] >= 0.98, result
    assert scores["recall"] >= 0.95, result
    assert result["same_event_merged"] <= 0.002 * result["same_event_pairs"], result
    for kind, recall in result["recall_by_kind"].items():
        assert recall >= (0.85 if kind == "heavy" else 0.95), (kind, result)


def test_better_than_plain_minhash_lsh(run: tuple[list[ev.Doc], ev.Gold, list]) -> None:
    docs, truth, fps = run
    ours = ev.score(docs, ev.group_with_index(docs, fps, CHOSEN), truth)["scores"]
    for threshold in (0.5, 0.8):
        plain = ev.score(docs, ev.group_with_plain_lsh(docs, threshold), truth)["scores"]
        assert ours["f1"] > plain["f1"], (threshold, ours, plain)
