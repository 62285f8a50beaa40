"""``storyline eval NAME`` without the evaluation corpora says so and exits cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main


@pytest.mark.parametrize("name", ["nlp", "dates", "entities", "quotes", "events", "conflicts",
                                  "brief"])
def test_missing_data_is_a_clean_message(name: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", name, "--data", str(tmp_path / "absent")])
    assert result.exit_code == 0, result.output
    assert "not found" in result.output
