"""Fingerprints: pure, deterministic, compact and round-tripping through bytes."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.dedupe import Fingerprint, fingerprint
from storyline.dedupe.fingerprint import SKETCH_SIZE
from storyline.dedupe.verify import overlap
from storyline.ids import text_hash

TEXT = (
    "The finance ministers of the euro zone met in Brussels on Monday to discuss the budget. "
    "They agreed on a new set of rules for deficits after a long night of talks.\n\n"
    "\"This is a good day for Europe,\" the chair of the meeting told reporters."
)


def test_fields() -> None:
    fp = fingerprint(TEXT)
    assert fp.text_hash == text_hash(TEXT)
    assert fp.num_perm == 128 and fp.shingle == 5
    assert fp.shingles == len(fp.sketch) > 0
    assert fp.minhash.dtype == np.uint32 and fp.sketch.dtype == np.uint32
    assert list(fp.sketch) == sorted(set(fp.sketch.tolist()))


def test_deterministic_and_picklable() -> None:
    a, b = fingerprint(TEXT), fingerprint(TEXT)
    assert a == b and hash(a) == hash(b)
    assert pickle.loads(pickle.dumps(a)) == a


def test_bytes_round_trip_and_size() -> None:
    fp = fingerprint(TEXT)
    data = fp.to_bytes()
    assert Fingerprint.from_bytes(data) == fp
    assert len(data) == 28 + 4 * (128 + fp.shingles)


def test_settings_are_used() -> None:
    fp = fingerprint(TEXT, Settings().with_(dedupe_shingle=3, dedupe_num_perm=64))
    assert fp.shingle == 3 and fp.num_perm == 64
    assert Fingerprint.from_bytes(fp.to_bytes()) == fp


def test_case_and_spacing_do_not_matter() -> None:
    assert fingerprint(TEXT) == fingerprint("  " + TEXT.upper().replace(" ", "   "))


def test_empty_and_tiny_texts() -> None:
    empty = fingerprint("")
    assert empty.empty and len(empty.sketch) == 0
    assert Fingerprint.from_bytes(empty.to_bytes()) == empty
    tiny = fingerprint("Breaking news")
    assert tiny.shingles == 1 and not tiny.empty


@pytest.mark.parametrize("data", [b"", b"XXXX" + bytes(24), fingerprint(TEXT).to_bytes()[:-1]])
def test_bad_bytes_are_rejected(data: bytes) -> None:
    with pytest.raises(ValueError):
        Fingerprint.from_bytes(data)


def test_long_text_sketch_is_a_consistent_sample() -> None:
    words = [f"w{i}" for i in range(3 * SKETCH_SIZE)]
    long = fingerprint(" ".join(words))
    half = fingerprint(" ".join(words[: len(words) // 2]))
    assert len(long.sketch) == SKETCH_SIZE < long.shingles
    o = overlap(half, long)
    assert o.containment > 0.97  # every shingle of the half is in the whole
    assert 0.4 < o.jaccard < 0.6


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=400))
def test_any_text_round_trips(text: str) -> None:
    fp = fingerprint(text)
    assert Fingerprint.from_bytes(fp.to_bytes()) == fp
