"""storyline.resolve: cross-article identities from article-level entities."""

from __future__ import annotations

import itertools
import random

import pytest

from storyline.extract.entities import entity_id
from storyline.records import Entity
from storyline.resolve import EntityResolver


def person(name: str, *roles: str, affiliation: str | None = None,
           aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(id=entity_id("PERSON", name), name=name, type="PERSON", aliases=aliases,
                  roles=tuple(roles), affiliation=affiliation)


def place(name: str, type_: str = "GPE") -> Entity:
    return Entity(id=entity_id(type_, name), name=name, type=type_)


def identities(resolver: EntityResolver) -> set[frozenset[str]]:
    return {frozenset(e.members) for e in resolver.entities()}


def canonical_names(resolver: EntityResolver) -> dict[str, str]:
    return {m: e.name for e in resolver.entities() for m in e.members}


def test_transliterations_and_nicknames_merge_with_evidence():
    resolver = EntityResolver()
    resolver.add("a1", [person("Volodymyr Zelenskyy"), person("Dmitri Peskov"),
                        person("Mike Waltz")])
    mapping = resolver.add("a2", [person("Volodymyr Zelensky"), person("Dmitry Peskov"),
                                  person("Michael Waltz")])
    assert len(resolver.entities()) == 3
    assert len(set(mapping.values())) == 3
    for entity in resolver.entities():
        assert len(entity.merges) == 1
        assert entity.merges[0].confidence == pytest.approx(0.9)
        assert "variant" in entity.merges[0].evidence


def test_zelenskiy_spelling_joins_too():
    resolver = EntityResolver()
    for i, name in enumerate(["Volodymyr Zelensky", "Volodymyr Zelenskyy",
                              "Volodymyr Zelenskiy"]):
        resolver.add(f"a{i}", [person(name)])
    assert len(resolver.entities()) == 1


def test_shared_surname_or_title_alone_never_merges():
    resolver = EntityResolver()
    resolver.add("a1", [person("Donald Trump", "President")])
    resolver.add("a2", [person("Melania Trump")])
    resolver.add("a3", [person("Joe Biden", "President")])
    assert len(resolver.entities()) == 3


def test_surname_only_joins_the_one_full_name_until_a_second_appears():
    resolver = EntityResolver()
    resolver.add("a1", [person("Donald Trump")])
    mapping = resolver.add("a2", [person("Trump")])
    assert mapping[entity_id("PERSON", "Trump")] == entity_id("PERSON", "Donald Trump")
    resolver.add("a3", [person("Melania Trump")])
    assert resolver.canonical_id(entity_id("PERSON", "Trump")) == entity_id("PERSON", "Trump")


def test_misspelling_needs_role_and_story():
    witkoff = person("Steve Witkoff", "U.S. special envoy", affiliation="United States")
    whitkov = person("Steve Whitkov", "U.S. special envoy", affiliation="United States")
    alone = EntityResolver()
    alone.add("a1", [witkoff], story="s1")
    alone.add("a2", [whitkov], story="s2")          # other story: not enough context
    assert len(alone.entities()) == 2
    together = EntityResolver()
    together.add("a1", [witkoff], story="s1")
    together.add("a2", [whitkov], story="s1")
    [merged] = together.entities()
    assert merged.merges[0].confidence == pytest.approx(0.7)
    assert "envoy" in merged.merges[0].evidence
    no_role = EntityResolver()
    no_role.add("a1", [witkoff], story="s1")
    no_role.add("a2", [person("Steve Whitkov")], story="s1")
    assert len(no_role.entities()) == 2


def test_different_given_names_never_merge_even_with_context():
    resolver = EntityResolver()
    resolver.add("a1", [person("Kurt Volker", "US special envoy")], story="s1")
    resolver.add("a2", [person("Steve Whitkov", "U.S. special envoy")], story="s1")
    assert len(resolver.entities()) == 2


def test_places_merge_by_name_and_acts_for_is_canonical():
    kremlin = Entity(id=entity_id("ORG", "Kremlin"), name="Kremlin", type="ORG",
                     affiliation="Russia", acts_for=entity_id("GPE", "Russia"))
    resolver = EntityResolver()
    resolver.add("a1", [place("Russia"), kremlin])
    resolver.add("a2", [place("Russia"), kremlin])
    by_name = {e.name: e for e in resolver.entities()}
    assert by_name["Kremlin"].acts_for == by_name["Russia"].id
    assert by_name["Russia"].articles == ("a1", "a2")


def test_order_independence():
    articles = [
        ("a1", [person("Volodymyr Zelenskyy"), person("Trump"), place("Russia")]),
        ("a2", [person("Donald Trump", "U.S. President"), person("Zelensky")]),
        ("a3", [person("Volodymyr Zelensky", "Ukrainian President"),
                person("Steve Witkoff", "U.S. special envoy")]),
        ("a4", [person("Steve Whitkov", "U.S. special envoy"), person("Melania Trump")]),
        ("a5", [person("Mike Waltz"), person("Michael Waltz"), person("Dmitry Peskov")]),
        ("a6", [person("Dmitri Peskov", "Kremlin spokesperson"), person("Peskov")]),
    ]
    results = []
    orders = list(itertools.permutations(articles))
    for order in random.Random(7).sample(orders, 40) + [tuple(articles)]:
        resolver = EntityResolver()
        for article_id, entities in order:
            resolver.add(article_id, entities, story="s1")
        results.append((identities(resolver), canonical_names(resolver),
                        [e.to_dict() for e in resolver.entities()]))
    assert all(r == results[0] for r in results)


def test_resume_from_bytes_continues():
    full = EntityResolver()
    first = EntityResolver()
    batches = [("a1", [person("Dmitri Peskov")]), ("a2", [person("Dmitry Peskov")]),
               ("a3", [person("Peskov"), place("Russia")])]
    for article_id, entities in batches:
        full.add(article_id, entities)
    first.add(*batches[0])
    resumed = EntityResolver.from_bytes(first.to_bytes())
    for article_id, entities in batches[1:]:
        resumed.add(article_id, entities)
    assert [e.to_dict() for e in resumed.entities()] == [e.to_dict() for e in full.entities()]


def test_re_adding_an_article_changes_nothing():
    resolver = EntityResolver()
    resolver.add("a1", [person("Dmitri Peskov")], story="s")
    before = resolver.to_bytes()
    resolver.add("a1", [person("Dmitri Peskov")], story="s")
    assert resolver.to_bytes() == before


@pytest.mark.parametrize("blob", [b"", b"junk", b"x\x9c\x03\x00"])
def test_bad_state_is_a_clean_error(blob):
    with pytest.raises(ValueError):
        EntityResolver.from_bytes(blob)


def test_bad_entities_are_skipped():
    resolver = EntityResolver()
    assert resolver.add("a1", [None, "x", Entity(id="", name="", type="PERSON")]) == {}
    assert resolver.entities() == []


def test_apply_identities_rewrites_ids_and_speakers():
    from storyline.ids import text_hash
    from storyline.records import ActorRef, Article, Mention, Quote
    from storyline.resolve import apply_identities

    resolver = EntityResolver()
    resolver.add("a1", [person("Dmitri Peskov")])
    dmitry = person("Dmitry Peskov")
    surname = Entity(id=entity_id("PERSON", "Peskov"), name="Peskov", type="PERSON",
                     mentions=(Mention(0, 6, "Peskov", "PERSON"),))
    text = "Peskov said it. Dmitry Peskov"
    article = Article(id="a2", input="x", text=text, text_hash=text_hash(text),
                      entities=(surname, dmitry),
                      quotes=(Quote("it", 12, 14, "indirect",
                                    speaker=ActorRef(surname.id, "Peskov")),))
    resolver.add("a2", article.entities)
    out = apply_identities(article, resolver)
    target = entity_id("PERSON", "Dmitri Peskov")
    assert [e.id for e in out.entities] == [target]
    assert out.entities[0].name == "Dmitri Peskov"
    assert out.quotes[0].speaker == ActorRef(target, "Dmitri Peskov")
    assert out.text == article.text
