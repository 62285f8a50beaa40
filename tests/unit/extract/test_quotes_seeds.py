"""Every direct quote of the five seed articles, found with the right speaker mention.

The expected pairs were written by reading the seeds (../shared/seeds), not from the output:
(file prefix, the quote's first words, the speaker mention). Partial quotes checked the same way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.extract.quotes import extract_quotes

DIRECT = {
    ("001", "It’ll either end or", "Trump"),
    ("002", "We will discuss land", "Trump"),
    ("002", "Much of this has", "he"),
    ("002", "We aim to determine", "Trump"),
    ("002", "The concept of a", "he"),
    ("002", "We all heard very", "the president"),
    ("002", "If we are talking", "Grushko"),
    ("004", "I hope it doesn’t", "Trump"),
    ("004", "I have financial options", "Trump"),
    ("004", "But I don’t want", "Trump"),
    ("004", "This plan requires further", "Ushakov"),
}

PARTIAL = {
    ("001", "brave", "He"),
    ("001", "friendly, benevolent, and businesslike,", "Ushakov"),
    ("002", "manipulative.", "Ukraine’s President Volodymyr Zelenskyy"),
    ("002", "ironclad security guarantees", "Russian Deputy Foreign Minister Alexander Grushko"),
    ("003", "must end NOW", "He"),
    ("004", "rushed", "He"),
    ("004", "deeply disappointing", "Trump"),
}


@pytest.fixture(scope="module")
def seed_quotes(seeds_dir: Path) -> dict[str, list]:
    from storyline.nlp import load_pipeline

    nlp = load_pipeline()
    return {path.name[:3]: list(extract_quotes(nlp(path.read_text(encoding="utf-8"))))
            for path in sorted(seeds_dir.glob("*.txt"))}


def test_every_direct_quote_with_its_speaker(seed_quotes: dict[str, list]) -> None:
    found = set()
    for prefix, quotes in seed_quotes.items():
        for q in quotes:
            if q.kind == "direct":
                words = " ".join(q.text.split()[:4])
                found.add((prefix, words, q.speaker_mention.text if q.speaker_mention else None))
    assert found == DIRECT


def test_partial_quotes_with_their_speaker(seed_quotes: dict[str, list]) -> None:
    found = {(prefix, q.text, q.speaker_mention.text if q.speaker_mention else None)
             for prefix, quotes in seed_quotes.items() for q in quotes if q.kind == "partial"}
    missing = PARTIAL - found
    assert not missing


def test_headline_word_in_single_marks_is_not_a_quote(seed_quotes: dict[str, list]) -> None:
    assert not any(q.text == "Manipulative" for q in seed_quotes["002"])
