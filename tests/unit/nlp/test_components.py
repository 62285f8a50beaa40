"""storyline's own pipeline pieces: sentence starts at line breaks, separator-run tokens."""

from __future__ import annotations

import pytest
import spacy

from storyline.nlp.components import LINE_BREAKS, line_break_starts, tune_tokenizer


@pytest.fixture()
def blank():
    return spacy.blank("en")


def _starts(nlp, text: str) -> list[str]:
    doc = nlp.make_doc(text)
    return [doc[i].text for i in line_break_starts(doc)]


def test_blank_line_starts_a_sentence(blank):
    assert _starts(blank, "Ukraine talks resume\n\nthe envoy said") == ["the"]


def test_single_break_before_capital_starts_a_sentence(blank):
    assert _starts(blank, "Peskov said talks would go on\nNATO met in Brussels") == ["NATO"]


def test_single_break_before_lower_case_is_a_wrapped_line(blank):
    assert _starts(blank, "NATO met in Brussels and\nthe ministers agreed") == []


def test_no_start_for_leading_breaks_or_plain_spaces(blank):
    assert _starts(blank, "\n\nKremlin said so. NATO agreed") == []
    assert _starts(blank, "") == []


def test_component_sets_sentence_starts(blank):
    blank.add_pipe(LINE_BREAKS)
    doc = blank("Title line\n\nKremlin said so")
    kremlin = next(t for t in doc if t.text == "Kremlin")
    assert kremlin.is_sent_start is True
    assert doc[1].is_sent_start is None  # left to the parser


def test_separator_runs_stay_one_token(blank):
    tune_tokenizer(blank)
    words = [t.text for t in blank.make_doc("Best, Sam ______________ *** === x_y __init__ a-b")]
    assert "______________" in words and "***" in words and "===" in words
    assert "x_y" in words and "a" in words  # everything else as before


def test_tuned_tokenizer_survives_a_round_trip(blank, tmp_path):
    tune_tokenizer(blank)
    blank.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert [t.text for t in again.make_doc("a _____ b")] == ["a", "_____", "b"]
