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
