"""Fixtures for the stories tests."""

from __future__ import annotations

import pytest
from stories_streams import make_docs

from storyline.stories import StoryDoc


@pytest.fixture()
def docs() -> list[StoryDoc]:
    return make_docs()
