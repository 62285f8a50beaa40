"""extract.entities on hand-written sentences parsed with the shipped model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.entities import COMPONENT, entities_stage, entity_id, extract_entities
from storyline.ids import text_hash
from storyline.records import Article, Entity
from storyline.registry import registry


@pytest.fixture(scope="module")
def nlp():
    from storyline.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="module")
def run(nlp):
    def analyse(text: str) -> tuple[Entity, ...]:
        return extract_entities(nlp(text))
    return analyse


def person(entities: tuple[Entity, ...], surname: str) -> Entity:
    found = [e for e in entities if e.type == "PERSON" and e.name.endswith(surname)]
    assert len(found) == 1, [(e.name, e.type) for e in entities]
    return found[0]


def mention_texts(entity: Entity, kind: str) -> list[str]:
    return [m.text for m in entity.mentions if m.kind == kind]


def test_role_before_name_split_off_with_affiliation(run):
    ents = run("Kremlin spokesperson Dmitry Peskov said on Friday that talks would go on.")
    peskov = person(ents, "Peskov")
    assert peskov.name == "Dmitry Peskov"
    assert peskov.roles == ("Kremlin spokesperson",)
    assert peskov.affiliation == "Russia"
    assert peskov.acts_for == entity_id("GPE", "Russia")


@pytest.mark.parametrize(("text", "name", "role", "country"), [
    ("Russian Deputy Foreign Minister Alexander Grushko said on Monday that Moscow will "
     "demand guarantees.", "Alexander Grushko", "Russian Deputy Foreign Minister", "Russia"),
    ("White House press secretary Karoline Leavitt told reporters on Friday that no date "
     "was set.", "Karoline Leavitt", "White House press secretary", "United States"),
    ("U.S. special envoy Steve Witkoff met the president in Moscow on Thursday.",
     "Steve Witkoff", "U.S. special envoy", "United States"),
])
def test_titles_and_roles(run, text, name, role, country):
    entity = person(run(text), name.split()[-1])
    assert entity.name == name
    assert role in entity.roles
    assert entity.affiliation == country


def test_appositive_roles_after_and_before_the_name(run):
    ents = run("Kurt Volker, the US special envoy, visited Moscow. Putin's foreign affairs "
               "adviser, Yuri Ushakov, said the plan needs work.")
    assert "US special envoy" in person(ents, "Volker").roles
    assert any("adviser" in r for r in person(ents, "Ushakov").roles)


def test_mentions_are_exact_offsets(run):
    text = "Ukrainian President Volodymyr Zelenskyy spoke on Friday. Zelenskyy said he was ready."
    for entity in run(text):
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text


def test_surname_and_pronoun_resolved_to_the_person(run):
    text = ("Ukrainian President Volodymyr Zelenskyy spoke on Friday. Zelenskyy said he was "
            "ready for talks.")
    zelenskyy = person(run(text), "Zelenskyy")
    assert mention_texts(zelenskyy, "name") == ["Volodymyr Zelenskyy", "Zelenskyy"]
    he = [m for m in zelenskyy.mentions if m.kind == "pronoun"]
    assert [(m.text, text[m.start:m.end]) for m in he] == [("he", "he")]


def test_title_mention_resolved_by_country(run):
    text = ("Russian President Vladimir Putin met the envoy. Ukrainian President Volodymyr "
            "Zelenskyy said that the Russian leader was stalling.")
    putin = person(run(text), "Putin")
    assert "the Russian leader" in mention_texts(putin, "title")


def test_the_kremlin_spokesman_resolved(run):
    text = ("Kremlin spokesman Dmitry Peskov spoke to reporters. Vladimir Putin was not "
            "present. The Kremlin spokesman said the call went well.")
    assert "The Kremlin spokesman" in mention_texts(person(run(text), "Peskov"), "title")


def test_ambiguous_title_left_unresolved(run):
    text = ("President Donald Trump and President Emmanuel Macron met in Paris and signed "
            "a deal. The president said it was historic.")
    ents = run(text)
    titled = [e for e in ents for m in e.mentions if m.kind == "title"]
    assert titled == []


def test_pronoun_with_two_candidates_and_no_subject_left_unresolved(run):
    text = "Donald Trump and Vladimir Putin spoke for two hours. Later he called it productive."
    ents = run(text)
    assert not [m for e in ents for m in e.mentions if m.kind == "pronoun"]


def test_gender_rules_out_an_antecedent(run):
    text = "Dmitry Peskov met Karoline Leavitt in Geneva. She said the meeting went well."
    ents = run(text)
    assert mention_texts(person(ents, "Leavitt"), "pronoun") == ["She"]
    assert mention_texts(person(ents, "Peskov"), "pronoun") == []


def test_pronouns_inside_quotes_not_resolved(run):
    text = 'Vladimir Putin spoke on Friday. "He is wrong," Putin said about the plan.'
    putin = person(run(text), "Putin")
    assert mention_texts(putin, "pronoun") == []


def test_variants_within_an_article_are_one_entity(run):
    text = ("National security adviser Mike Waltz spoke on Monday. Michael Waltz later "
            "said the talks were useful. Waltz will travel on Friday.")
    waltz = person(run(text), "Waltz")
    assert len(mention_texts(waltz, "name")) == 3
    assert set(waltz.aliases) >= {"Waltz"}


def test_surname_shared_by_two_people_is_not_guessed(run):
    text = ("Donald Trump met Melania Trump in Florida. Trump said the visit was private.")
    ents = run(text)
    donald = person(ents, "Donald Trump")
    assert mention_texts(donald, "name") == ["Donald Trump"]


def test_places_demonyms_and_seats_act_for_their_country(run):
    text = ("The Kremlin said Moscow would answer, and Russian officials met U.S. envoys "
            "in Washington.")
    ents = {e.name: e for e in run(text)}
    assert ents["Kremlin"].type == "ORG"
    assert ents["Kremlin"].acts_for == entity_id("GPE", "Russia")
    assert ents["Moscow"].type == "GPE" and ents["Moscow"].affiliation == "Russia"
    assert ents["Russian"].type == "NORP" and ents["Russian"].affiliation == "Russia"
    assert ents["United States"].aliases == () or "U.S." in {m.text for m in
                                                           ents["United States"].mentions}
    assert ents["Washington"].acts_for == entity_id("GPE", "United States")


def test_country_aliases_share_one_id(run):
    ents = run("The US and the United States are one country; U.S. officials agree.")
    countries = [e for e in ents if e.name == "United States"]
    assert len(countries) == 1
    assert {m.text for m in countries[0].mentions} >= {"US", "United States"}


def test_possessive_trimmed_and_name_repaired(run):
    text = "Peskov’s remarks followed a meeting. Kremlin spokesperson Dmitry Peskov spoke."
    peskov = person(run(text), "Peskov")
    assert "Peskov" in mention_texts(peskov, "name")
    assert all(not m.text.endswith("’s") for m in peskov.mentions)


def test_same_name_same_id_in_every_article(run):
    a = person(run("Vladimir Putin spoke on Friday."), "Putin")
    b = person(run("On Monday, President Vladimir Putin met his advisers."), "Putin")
    assert a.id == b.id == entity_id("PERSON", "Vladimir Putin")


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "...", "12 34 56", "a" * 2000,
                                  "\u201c\u201c\u201d", "He said she said."])
def test_bad_input_never_raises(run, text):
    assert isinstance(run(text), tuple)


def test_stage_writes_entities(nlp):
    text = "Kremlin spokesperson Dmitry Peskov said talks would go on."
    article = Article(id="a1", input="x", text=text, text_hash=text_hash(text))
    out = entities_stage(article, nlp(text), None)
    assert out.entities and out.text == text
    assert registry.get(COMPONENT) is entities_stage


@given(st.lists(st.sampled_from(
    ["Putin", "said", "he", "the president", "Kremlin", "“", "”", '"', ",", ".", "\n",
     "Dmitry", "Peskov’s", "U.S.-proposed", "She", "and", "Russian", "spokesman", "the", "|",
     "Mr.", "Zelenskyy", "  ", "é", "(", "her", "his"]), max_size=40).map(" ".join))
@settings(max_examples=40, deadline=None)
def test_any_text_gives_valid_offsets(text):
    from storyline.nlp import load_pipeline

    for entity in extract_entities(load_pipeline()(text)):
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text
        assert entity.id == entity_id(entity.type, entity.name)


def test_ids_differ_for_names_that_differ_only_in_digits_or_script():
    assert entity_id("ORG", "G7") != entity_id("ORG", "G20")
    assert entity_id("PERSON", "Зеленский") != entity_id("PERSON", "Песков")
    assert entity_id("MISC", "???") != entity_id("MISC", "!!!")


@pytest.mark.parametrize(("text", "actor", "pronoun"), [
    ("The Kremlin said it would answer the proposal.", "Kremlin", "it"),
    ("Meanwhile, Moscow has indicated that it is awaiting further details.", "Moscow", "it"),
    ("Russia said its forces had retaken Sudzha.", "Russia", "its"),
])
def test_it_of_an_organisation_or_country_that_speaks(run, text, actor, pronoun):
    ents = {e.name: e for e in run(text)}
    assert [m.text for m in ents[actor].mentions if m.kind == "pronoun"] == [pronoun]


@pytest.mark.parametrize("text", ["The Kremlin said it was clear that talks would fail.",
                                  "NATO said it remains unclear.",
                                  "Putin said it was a good plan."])
def test_impersonal_it_left_alone(run, text):
    assert not [m for e in run(text) for m in e.mentions if m.text == "it"]
