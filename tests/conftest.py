"""Shared fixtures. Tests that need ../shared/data use ``shared_data`` and skip without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data"
SEEDS = SHARED / "seeds"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The evaluation corpora in ../shared/data; the test is skipped when they are absent."""
    if not DATA.is_dir():
        pytest.skip(f"evaluation data not found at {DATA} (only the project team has it)")
    return DATA


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real seed articles in ../shared/seeds; skipped when absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    return SEEDS


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    """A fresh SQLite file path (a real database, never a mock)."""
    return tmp_path / "storyline.db"
