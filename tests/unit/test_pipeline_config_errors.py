"""A configuration error inside a stage stops the run with its message instead of turning every
record into a rejection; a bad record still becomes a rejection."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.errors import ConfigError, Rejected
from storyline.pipeline import DEFAULT_STAGES, Processed, process_document
from storyline.records import RawDocument

TEXT = ("The minister said on Monday that talks would resume next week. "
        "\"We are ready,\" she told reporters in the capital.")


def _raw(text: str = TEXT) -> RawDocument:
    return RawDocument(id="doc-1", input="test", content=text, content_type="text")


def test_missing_quote_cue_model_stops_with_a_clear_error(tmp_path: Path) -> None:
    settings = Settings({"quotes.cue_model": str(tmp_path / "missing.json")})
    with pytest.raises(ConfigError, match="quotes.cue_model"):
        process_document(_raw(), settings, DEFAULT_STAGES)


def test_without_the_model_the_record_is_processed() -> None:
    result = process_document(_raw(), Settings(), DEFAULT_STAGES)
    assert isinstance(result, Processed)
    assert result.article.quotes


def test_a_bad_record_is_still_a_rejection() -> None:
    result = process_document(_raw(text=""), Settings(), DEFAULT_STAGES)
    assert isinstance(result, Rejected)
