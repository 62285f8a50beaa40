"""DuplicateIndex: exact and near duplicates found, same-event articles kept apart,
deterministic answers, rebuild equals incremental."""

from __future__ import annotations

import random

import pytest

from storyline.config import Settings
from storyline.dedupe import DuplicateIndex, Match, fingerprint, perturb

SETTINGS = Settings().with_(dedupe_threshold=0.2, dedupe_containment=0.6)

_rng = random.Random(7)
_VOCAB = [f"{a}{b}" for a in ("ka", "lo", "mi", "nu", "po", "ra", "su", "te") for b in
          ("bar", "den", "fis", "gol", "han", "jut", "kem", "lir", "mov", "nax")]


def _article(rng: random.Random, paragraphs: int = 12) -> str:
    paras = []
    for _ in range(paragraphs):
        sents = [" ".join(rng.choice(_VOCAB) for _ in range(rng.randint(12, 22))).capitalize() + "."
                 for _ in range(rng.randint(1, 3))]
        paras.append(" ".join(sents))
    return "\n\n".join(paras)


ORIGINAL = _article(_rng)
OTHER = _article(_rng)
CTX = perturb.Context(_VOCAB, perturb.paragraphs(OTHER))


def _index_with_original() -> DuplicateIndex:
    index = DuplicateIndex(SETTINGS)
    assert index.add("orig", fingerprint(ORIGINAL, SETTINGS)) is None
    return index


def test_exact_duplicate() -> None:
    index = _index_with_original()
    m = index.add("copy", fingerprint(ORIGINAL.upper() + "  ", SETTINGS))
    assert m == Match("orig", "exact", 1.0)


@pytest.mark.parametrize("kind", [*sorted(perturb.KINDS), "heavy"])
def test_each_perturbation_is_found(kind: str) -> None:
    index = _index_with_original()
    rng = random.Random(kind)
    if kind == "heavy":
        copy = perturb.combo(ORIGINAL, rng, CTX, perturb.HEAVY)
    else:
        copy = perturb.KINDS[kind](ORIGINAL, rng, CTX)
    assert copy != ORIGINAL
    m = index.add("copy", fingerprint(copy, SETTINGS))
    assert m is not None and m.id == "orig" and m.kind == "near" and 0.6 <= m.score <= 1.0


def test_heavy_edits_are_found() -> None:
    index = _index_with_original()
    copy = perturb.edit_sentences(ORIGINAL, random.Random(1), _VOCAB, low=0.2, high=0.2)
    assert index.add("copy", fingerprint(copy, SETTINGS)) is not None


def test_distinct_article_on_the_same_event_is_kept_apart() -> None:
    """Shares names, facts and a whole quote, but is written differently."""
    a = ("Police in Woodburn said a bomb exploded at a West Coast Bank branch on Friday, killing "
         "Senior Trooper William Hakim and Captain Tom Tennant. Chief Scott Russell was critically "
         "injured. \"We lost two heroes today,\" Governor Ted Kulongoski said in a statement. "
         "The FBI and the ATF are offering a reward of 35,000 dollars for information.")
    b = ("Two officers died when a bomb went off inside a bank in Woodburn, Oregon. Trooper "
         "William Hakim of the state police and Woodburn captain Tom Tennant were killed, and "
         "police chief Scott Russell was badly hurt. \"We lost two heroes today,\" Governor Ted "
         "Kulongoski said in a statement. Investigators have not named a suspect.")
    index = DuplicateIndex(SETTINGS)
    index.add("a", fingerprint(a, SETTINGS))
    assert index.add("b", fingerprint(b, SETTINGS)) is None


def test_unrelated_articles_do_not_match() -> None:
    index = _index_with_original()
    assert index.add("other", fingerprint(OTHER, SETTINGS)) is None


def test_empty_text_only_matches_exactly() -> None:
    index = _index_with_original()
    assert index.add("e1", fingerprint("", SETTINGS)) is None
    assert index.add("e2", fingerprint(" ", SETTINGS)) == Match("e1", "exact", 1.0)


def test_adding_an_id_again_returns_the_first_answer() -> None:
    index = _index_with_original()
    fp = fingerprint(ORIGINAL + "\n\nAdvertisement", SETTINGS)
    first = index.add("copy", fp)
    assert index.add("copy", fp) == first and len(index) == 2


def test_mismatched_settings_are_refused() -> None:
    index = _index_with_original()
    with pytest.raises(ValueError, match="shingle"):
        index.add("x", fingerprint(ORIGINAL, SETTINGS.with_(dedupe_shingle=3)))


def _stream(seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    originals = [_article(rng, 6) for _ in range(8)]
    items = []
    for i, text in enumerate(originals):
        items.append((f"o{i}", text))
        for j, kind in enumerate(sorted(perturb.KINDS)):
            items.append((f"o{i}~{j}", perturb.KINDS[kind](text, random.Random(f"{i}{j}"), CTX)))
    rng.shuffle(items)
    return items


def test_deterministic_and_load_equals_incremental() -> None:
    items = [(i, fingerprint(t, SETTINGS)) for i, t in _stream(3)]
    first, second = DuplicateIndex(SETTINGS), DuplicateIndex(SETTINGS)
    answers = [first.add(i, fp) for i, fp in items]
    assert answers == [second.add(i, fp) for i, fp in items]
    half = len(items) // 2
    rebuilt = DuplicateIndex(SETTINGS)
    rebuilt.load((i, type(fp).from_bytes(fp.to_bytes())) for i, fp in items[:half])
    assert [rebuilt.add(i, fp) for i, fp in items[half:]] == answers[half:]
    # every copy lands in its original's group
    found = {i: m.id for (i, _), m in zip(items, answers, strict=True) if m is not None}
    assert all(found.get(i, "").split("~")[0] == i.split("~")[0] for i, _ in items if i in found)


def test_candidates_are_bounded() -> None:
    index = DuplicateIndex(SETTINGS, max_candidates=4)
    rng = random.Random(5)
    for n in range(20):
        index.add(f"c{n}", fingerprint(perturb.add_furniture(ORIGINAL, rng, _VOCAB), SETTINGS))
    fp = fingerprint(ORIGINAL + " extra words at the end", SETTINGS)
    assert len(index.candidates(fp)) == 4
    m = index.add("last", fp)
    assert m is not None and len(m.also) <= 3


def test_group_aware_queries_join_the_same_groups_with_fewer_verifications(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.dedupe import index as index_module
    from storyline.dedupe.groups import DuplicateGroups

    items = [(i, fingerprint(t, SETTINGS)) for i, t in _stream(4)]
    calls = {"n": 0}
    real = index_module.duplicate_score

    def counted(a: object, b: object) -> float:
        calls["n"] += 1
        return real(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(index_module, "duplicate_score", counted)
    outcomes = {}
    for aware in (False, True):
        calls["n"] = 0
        index, groups = DuplicateIndex(SETTINGS), DuplicateGroups()
        for article_id, fp in items:
            match = index.add(article_id, fp, groups.canonical_of.get if aware else None)
            groups.add(article_id, fp, None, [match.id, *match.also] if match else [])
        outcomes[aware] = (dict(groups.canonical_of), calls["n"])
    (plain_groups, plain_calls), (aware_groups, aware_calls) = outcomes[False], outcomes[True]
    assert aware_groups == plain_groups
    assert len(set(plain_groups.values())) == 8  # one group per original (_stream)
    assert aware_calls < plain_calls / 2
