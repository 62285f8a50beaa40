"""The benchmark's own machinery: pairwise scores, grouping, coverage and seeded perturbations."""

from __future__ import annotations

import random

import pytest

import storyline.dedupe
from storyline.dedupe import evaluate as ev
from storyline.dedupe import perturb


def test_public_api() -> None:
    assert sorted(storyline.dedupe.__all__) == [
        "CanonicalCandidate", "DuplicateIndex", "Fingerprint", "Match",
        "choose_canonical", "fingerprint", "reassign",
    ]
    for name in storyline.dedupe.__all__:
        assert getattr(storyline.dedupe, name).__doc__


def test_pairwise_counts() -> None:
    gold = ["a", "a", "a", "b", "c"]
    pred = ["x", "x", "y", "y", "z"]
    s = ev.pairwise(gold, pred)
    # gold pairs: 3 (a); predicted: 2 (x: 1, y: 1); true: 1 (the x pair)
    assert (s.gold_pairs, s.predicted_pairs, s.true_pairs) == (3, 2, 1)
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(1 / 3)
    # leaving out the wrongly merged (2, 3) pair removes the false positive
    assert ev.pairwise(gold, pred, ignore=[(2, 3)]).precision == 1.0
    assert ev.pairwise(gold, gold).f1 == 1.0


def test_groups_from_matches_is_transitive() -> None:
    labels = ev.groups_from_matches(["a", "b", "c", "d"], [("b", "a"), ("c", "b")])
    assert labels[0] == labels[1] == labels[2] != labels[3]


def test_verbatim_coverage() -> None:
    base = " ".join(f"w{i}" for i in range(40))
    assert ev.verbatim_coverage(base, base) == 1.0
    moved = " ".join(base.split()[20:] + base.split()[:20])
    assert ev.verbatim_coverage(base, moved) == 1.0  # order free
    other = " ".join(f"v{i}" for i in range(40))
    assert ev.verbatim_coverage(base, other) == 0.0
    short = " ".join(base.split()[:10])
    assert ev.verbatim_coverage(short, base) == 1.0


@pytest.mark.parametrize("kind", sorted(perturb.KINDS))
def test_perturbations_are_seeded(kind: str) -> None:
    text = "\n\n".join(
        " ".join(f"p{p}w{i}" for i in range(15)) + ". Second sentence here." for p in range(8)
    )
    ctx = perturb.Context(["alpha", "beta", "gamma"], ["An extra paragraph of other words."] * 40)
    a = perturb.KINDS[kind](text, random.Random(3), ctx)
    b = perturb.KINDS[kind](text, random.Random(3), ctx)
    assert a == b and a != text


def test_drop_keeps_most_words() -> None:
    text = "\n\n".join(" ".join(f"p{p}w{i}" for i in range(10)) for p in range(10))
    for seed in range(20):
        kept = len(perturb.drop_paragraphs(text, random.Random(seed)).split())
        assert 60 <= kept < 100
