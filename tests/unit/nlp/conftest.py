"""One loaded pipeline shared by every test in this folder."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from storyline.nlp import load_pipeline

    return load_pipeline()
