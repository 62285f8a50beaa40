"""Canonical choice: fullest text, then earliest date, then smallest id; reassign says what changes."""

from __future__ import annotations

import pytest

from storyline.dedupe import CanonicalCandidate as C
from storyline.dedupe import choose_canonical, fingerprint, reassign


def test_fullest_text_wins() -> None:
    assert choose_canonical([C("a", 10, "2025-01-01"), C("b", 30, "2025-03-01")]) == "b"


def test_ties_by_earliest_date_then_id() -> None:
    assert choose_canonical([C("b", 10, "2025-02-01"), C("a", 10, "2025-03-01")]) == "b"
    assert choose_canonical([C("b", 10, None), C("c", 10, "2025-03-01")]) == "c"
    assert choose_canonical([C("c", 10, None), C("b", 10, None)]) == "b"


def test_order_does_not_matter() -> None:
    members = [C("x", 5, None), C("y", 7, "2024-01-01"), C("z", 7, "2023-12-31")]
    assert choose_canonical(members) == choose_canonical(members[::-1]) == "z"


def test_empty_group_is_an_error() -> None:
    with pytest.raises(ValueError):
        choose_canonical([])


def test_of_fingerprint() -> None:
    fp = fingerprint("one two three four five six seven")
    assert C.of("a", fp, "2025-01-01") == C("a", 3, "2025-01-01")


def test_reassign_when_a_better_copy_arrives() -> None:
    current = {"a": None, "b": "a"}
    members = [C("a", 10), C("b", 8), C("c", 20)]
    assert reassign(members, current) == {"a": "c", "b": "c", "c": None}


def test_reassign_when_a_lesser_copy_arrives() -> None:
    current = {"a": None, "b": "a"}
    assert reassign([C("a", 10), C("b", 8), C("c", 5)], current) == {"c": "a"}
