"""The planted-conflict generator on hand-made ECB+-like documents: a place slot is a name,
not a common word capitalised because it opens the sentence."""

from __future__ import annotations

import random

from storyline.corroborate.planted import EcbDoc, _change, make_cases

POOLS = {"name": [(9, "Ann Lee")], "place": [(9, "Huntsville")]}


def _doc(name: str, sentences: list[list[str]], marks: dict[int, list[tuple[str, int, int]]]
         ) -> EcbDoc:
    return EcbDoc(name, 1, "1_ecb", sentences, marks)


def test_common_word_opening_a_sentence_is_not_a_place_slot() -> None:
    doc = _doc("d", [["Houses", "collapsed", "in", "the", "district", "."]],
               {0: [("LOC_FAC", 0, 1)]})
    rng = random.Random(0)
    assert _change("place", doc, 0, rng, POOLS, frozenset({"houses"})) is None
    # the first version of the test planted it
    assert _change("place", doc, 0, rng, POOLS) == [
        "Huntsville", "collapsed", "in", "the", "district", "."]


def test_a_name_opening_a_sentence_is_still_a_slot() -> None:
    doc = _doc("d", [["Aceh", "was", "hit", "hard", "."]], {0: [("LOC_GEO", 0, 1)]})
    changed = _change("place", doc, 0, random.Random(0), POOLS, frozenset({"houses"}))
    assert changed is not None and changed[0] == "Huntsville"


def test_make_cases_legacy_flag_changes_only_common_word_slots() -> None:
    opening = ["Houses", "collapsed", "in", "the", "district", "after", "the", "quake", "."]
    body = ["The", "quake", "struck", "the", "coast", "of", "the", "island", "at", "dawn", "."]
    docs = [_doc(f"d{i}", [body, opening, body, ["houses", "fell", "."]],
                 {1: [("LOC_FAC", 0, 1)]}) for i in range(2)]
    docs.append(EcbDoc("other", 9, "9_ecb", [["Quake", "hits", "Huntsville", "."]],
                       {0: [("LOC_GEO", 2, 3)]}))
    new = [c for c in make_cases(docs, range(1, 2), per_kind=5) if c.kind == "place"]
    old = [c for c in make_cases(docs, range(1, 2), per_kind=5, legacy_slots=True)
           if c.kind == "place"]
    assert new == []
    assert old and all(c.copy.startswith("Huntsville collapsed") for c in old)
