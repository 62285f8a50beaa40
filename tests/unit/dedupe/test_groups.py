import pytest

from storyline.config import Settings
from storyline.dedupe import fingerprint
from storyline.dedupe.groups import DuplicateGroups

FULL = " ".join(f"sentence number {i} says something about the truce talks." for i in range(60))
SHORT = " ".join(FULL.split()[:300])


def test_first_article_is_canonical_until_a_fuller_copy_arrives() -> None:
    groups = DuplicateGroups()
    settings = Settings()
    assert groups.add("a", fingerprint(SHORT, settings), None, []) == (None, {})
    own, changes = groups.add("b", fingerprint(FULL, settings), None, ["a"])
    assert own is None and changes == {"a": "b"}
    own, changes = groups.add("c", fingerprint(SHORT, settings), None, ["b"])
    assert own == "b" and changes == {}


def test_an_article_bridging_two_groups_merges_them() -> None:
    groups = DuplicateGroups()
    settings = Settings()
    groups.add("x", fingerprint(SHORT, settings), "2025-01-02", [])
    groups.add("y", fingerprint(SHORT + " extra words at the end", settings), "2025-01-01", [])
    own, changes = groups.add("z", fingerprint(FULL, settings), None, ["x", "y"])
    assert own is None and changes == {"x": "z", "y": "z"}
    assert set(m.id for m in groups.members["z"]) == {"x", "y", "z"}


def test_a_best_singleton_listed_before_a_larger_group_does_not_point_at_itself() -> None:
    """The merged member list grows from the largest group's list; the canonical copy, a
    singleton group listed first, must not be rewritten to point at itself."""
    groups = DuplicateGroups()
    settings = Settings()
    groups.add("best", fingerprint(FULL, settings), None, [])
    groups.add("m1", fingerprint(SHORT, settings), None, [])
    groups.add("m2", fingerprint(SHORT + " more", settings), None, ["m1"])
    own, changes = groups.add("new", fingerprint(SHORT + " other", settings), None, ["best", "m1"])
    assert own == "best"
    assert changes == {"m1": "best", "m2": "best"}
    assert groups.canonical_of["best"] == "best"


@pytest.mark.parametrize("seed", [3, 4, 5, 6])
def test_incremental_groups_equal_recomputing_every_group_from_scratch(seed: int) -> None:
    """Random adds (new groups, joins, merges of several groups): each answer and the final
    ``duplicate_of`` of every member equal choosing the canonical member over the whole group."""
    import random

    from storyline.dedupe.canonical import CanonicalCandidate, choose_canonical

    settings = Settings()
    words = FULL.split()
    rng = random.Random(seed)
    groups = DuplicateGroups()
    stored: dict[str, str | None] = {}
    reference: list[set[str]] = []
    candidates: dict[str, CanonicalCandidate] = {}
    for n in range(400):
        article = f"a{n:03d}"
        fp = fingerprint(" ".join(words[: rng.randint(40, len(words))]), settings)
        published = rng.choice([None, "2025-01-01", "2025-01-02"])
        candidates[article] = CanonicalCandidate.of(article, fp, published)
        ids = list(stored)
        duplicates = rng.sample(ids, k=min(len(ids), rng.choice([0, 1, 1, 2, 3])))
        own, changes = groups.add(article, fp, published, duplicates)
        stored[article] = own
        stored.update(changes)
        touched = [g for g in reference if g & set(duplicates)]
        merged = set().union(*touched) | {article}
        reference = [g for g in reference if not g & set(duplicates)] + [merged]
        best = choose_canonical([candidates[m] for m in sorted(merged)])
        assert own == (None if article == best else best)
    for group in reference:
        best = choose_canonical([candidates[m] for m in group])
        assert {m: stored[m] for m in group} == {m: None if m == best else best for m in group}
        assert {m: groups.canonical_of[m] for m in group} == dict.fromkeys(group, best)
