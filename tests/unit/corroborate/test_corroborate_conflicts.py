"""Conflicts on hand-built articles: each kind found with both sides cited, and agreeing or
unrelated reports left alone."""

from __future__ import annotations

from corroborate_builders import article, kinds

from storyline.corroborate import conflicts

BASE = ("Police said the fire broke out on Tuesday at a warehouse in Palmer and that "
        "12 firefighters fought the blaze for five hours.")


def test_agreeing_copies_have_no_conflict() -> None:
    assert kinds(BASE, BASE) == {}


def test_number_conflict_cites_both_sentences() -> None:
    found = kinds(BASE, BASE.replace("12 firefighters", "40 firefighters"))
    assert list(found) == ["number"]
    (c,) = found["number"]
    assert c.about == "firefighter"
    assert {s.value for s in c.sides} == {"12", "40"}
    assert {s.article for s in c.sides} == {"a0", "a1"}
    assert all(s.text.startswith("Police said") and s.start == 0 for s in c.sides)


def test_date_place_negation() -> None:
    assert list(kinds(BASE, BASE.replace("Tuesday", "Thursday"))) == ["date"]
    assert list(kinds(BASE, BASE.replace("in Palmer", "in Anchorage"))) == ["place"]
    assert list(kinds(BASE, BASE.replace("the fire broke", "the fire never broke"))) == [
        "negation"]


def test_person_name_conflict_but_not_spelling_variant() -> None:
    text = "Prosecutor Anna Berg said on Monday that Mark Olsen was charged with arson."
    found = kinds(text, text.replace("Mark Olsen", "David Lund"))
    assert list(found) == ["name"]
    assert {s.value for s in found["name"][0].sides} == {"Mark Olsen", "David Lund"}
    assert kinds(text, text.replace("Mark Olsen", "Mark Olssen")) == {}


def test_envoy_holder_conflict_across_paraphrases() -> None:
    a = "Kurt Volker, the US special envoy, visited Moscow on Thursday to pitch the proposal."
    b = ("Peskov's remarks followed a meeting in Moscow between Russian President Vladimir "
         "Putin and U.S. special envoy Steve Witkoff.")
    found = kinds(a, b)
    assert list(found) == ["name"]
    values = {s.value for s in found["name"][0].sides}
    assert values == {"Kurt Volker", "Steve Witkoff"}


def test_two_envoys_in_one_article_are_not_a_conflict() -> None:
    a = ("U.S. special envoy Steve Witkoff and U.S. special envoy Keith Kellogg met officials "
         "in Moscow on Thursday.")
    b = "U.S. special envoy Steve Witkoff arrived in Moscow on Thursday for the meeting."
    assert "name" not in kinds(a, b)


def test_title_conflict_former_president() -> None:
    a = ("During the meeting at Trump's Mar-a-Lago resort, the former U.S. president expressed "
         "confidence in the talks.")
    b = "U.S. President Donald Trump will speak with Vladimir Putin on Tuesday about the war."
    found = kinds(a, b)
    assert list(found) == ["title"]
    (c,) = found["title"]
    assert c.about == "Donald Trump"
    assert [s.article for s in c.sides] == ["a0", "a1"]
    assert "former" in c.sides[0].value and "former" not in c.sides[1].value


def test_quote_variant_is_not_a_contradiction() -> None:
    a = ("Ukraine's President Volodymyr Zelenskyy described Putin's reaction to the ceasefire "
         "proposal as \u201cmanipulative.\u201d")
    b = ("Ukrainian President Volodymyr Zelensky, in response to Putin's remarks on the "
         "proposal, described them as \"highly controlling\".")
    found = kinds(a, b)
    assert list(found) == ["quote_variant"]
    assert {s.value.strip(".") for s in found["quote_variant"][0].sides} == {
        "manipulative", "highly controlling"}


def test_position_change_when_dated_conflict_otherwise() -> None:
    march = ("The US has put forward a 30-day ceasefire proposal, and U.S. President Donald "
             "Trump wants Russia to agree.")
    december = ("A phone call between Donald Trump and Vladimir Putin revealed their shared "
                "opposition to a temporary ceasefire in Ukraine.")
    undated = [article("m", march), article("d", december)]
    found = {c.kind: c for c in conflicts("s", undated)}
    assert "position" in found and "position_change" not in found
    dated = [article("m", march, published="2025-03-14"),
             article("d", december, published="2025-12-28")]
    changes = [c for c in conflicts("s", dated) if c.kind == "position_change"]
    assert [c.about for c in changes] == ["United States on ceasefire"]
    sides = changes[0].sides
    assert [s.date for s in sides] == ["2025-03-14", "2025-12-28"]
    assert sides[0].value.startswith("support") and sides[1].value.startswith("oppose")


def test_hostile_and_empty_input() -> None:
    assert conflicts("s", []) == []
    odd = [article("x", ""), article("y", "\x00\ufffd <script>alert(1)</script> " * 50),
           article("z", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25")]
    assert isinstance(conflicts("s", odd), list)


def test_ids_are_stable() -> None:
    texts = (BASE, BASE.replace("12", "14"))
    one = conflicts("s", [article("a", texts[0]), article("b", texts[1])])
    two = conflicts("s", [article("a", texts[0]), article("b", texts[1])])
    assert [c.id for c in one] == [c.id for c in two] and len(one) == 1
