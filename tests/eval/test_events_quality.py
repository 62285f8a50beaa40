"""Quality gate for extract.events (see docs/benchmarks-events.md).

Floors are pinned a little below the measured figures so a regression fails CI. Skipped when
``../shared/data`` lacks the datasets."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.extract.events_eval import (
    evaluate_actors,
    evaluate_gsr,
    evaluate_nonevents,
    evaluate_quad,
)

pytestmark = pytest.mark.data


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path}")
    return path


@pytest.fixture(scope="module")
def gsr_dev(shared_data: Path) -> dict:
    return evaluate_gsr(_need(shared_data / "plover-gsr"), fold="dev")


@pytest.fixture(scope="module")
def gsr_heldout(shared_data: Path) -> dict:
    return evaluate_gsr(_need(shared_data / "plover-gsr"), fold="heldout")


def test_plover_gsr_development_fold(gsr_dev: dict) -> None:
    assert gsr_dev["sentences"] == 161
    assert gsr_dev["type_accuracy"] >= 0.88      # measured 0.907
    assert gsr_dev["source_accuracy"] >= 0.89    # measured 0.919
    assert gsr_dev["target_accuracy"] >= 0.80    # measured 0.826


def test_plover_gsr_heldout_fold(gsr_heldout: dict) -> None:
    assert gsr_heldout["sentences"] == 161
    assert gsr_heldout["type_accuracy"] >= 0.73    # measured 0.758
    assert gsr_heldout["source_accuracy"] >= 0.79  # measured 0.820
    assert gsr_heldout["target_accuracy"] >= 0.69  # measured 0.717


def test_plover_gsr_heldout_test_half(shared_data: Path) -> None:
    """The half of the held-out fold whose sentences nobody has read (positions 3, 7, ...)."""
    result = evaluate_gsr(_need(shared_data / "plover-gsr"), fold="test")
    assert result["sentences"] == 80
    assert result["type_accuracy"] >= 0.69    # measured 0.725
    assert result["source_accuracy"] >= 0.73  # measured 0.762
    assert result["target_accuracy"] >= 0.68  # measured 0.712


def test_conflibert_quad_class_test_split(shared_data: Path) -> None:
    path = _need(shared_data / "conflibert-cameo" / "data" / "cameo_class" / "test.tsv")
    result = evaluate_quad(path)
    assert result["sentences"] == 451
    assert result["macro_f1"] >= 0.78              # measured 0.813 (issue target 0.75)


def test_false_events_on_non_event_sentences(shared_data: Path) -> None:
    result = evaluate_nonevents(_need(shared_data / "meantime-en"))
    assert result["sentences"] == 202
    assert result["false_event_rate"] <= 0.09      # measured 0.074 (issue target 0.10)


def test_conflibert_actor_spans_test_split(shared_data: Path) -> None:
    path = _need(shared_data / "conflibert-cameo" / "data" / "cameo_ner" / "test.txt")
    result = evaluate_actors(path)
    assert result["sentences"] == 451 and result["coded"] >= 400   # measured 423
    assert result["source_accuracy"] >= 0.86       # measured 0.884
    assert result["target_accuracy"] >= 0.78       # measured 0.810
