"""The optional learned cue model, the candidates it scores, transcript turns and the direct
speaker patterns added with them — on sentences parsed with the shipped pipeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from storyline.extract.quote_attribution import find_attributions
from storyline.extract.quote_boundaries import end_options
from storyline.extract.quote_candidates import candidates, features
from storyline.extract.quote_learned import (
    CueModel,
    choose_end,
    label_candidates,
    learned_attributions,
    load_cue_model,
)
from storyline.extract.quote_polnear import GoldAttribution, PolnearDoc
from storyline.extract.quotes import extract_quotes

ATTACK = "The senator is doubling down on his attacks on the governor's budget."


@pytest.fixture(scope="module")
def parse() -> Callable[[str], Doc]:
    from storyline.nlp import load_pipeline

    return load_pipeline()


def _texts(doc: Doc, attributions: list) -> list[tuple[str, str | None]]:
    text = doc.text
    return [(text[a.content[0][0]:a.content[-1][1]],
             text[a.source[0]:a.source[1]] if a.source else None) for a in attributions]


def test_candidates_have_a_frame_and_a_content(parse: Callable[[str], Doc]) -> None:
    doc = parse("Clinton questioned what kind of person sends angry tweets at 3 a.m.")
    cands = candidates(doc, set())
    cue = [c for c in cands if doc[c.cue].lower_ == "questioned"]
    assert cue, [doc[c.cue].text for c in cands]
    c = cue[0]
    assert "angry tweets" in doc[c.start:c.end].text
    assert c.source is not None and doc[c.source].text == "Clinton"
    feats = features(doc, c)
    assert "l=question" in feats and "bias" in feats


def test_skip_removes_candidates(parse: Callable[[str], Doc]) -> None:
    doc = parse(ATTACK)
    everything = candidates(doc, set())
    assert everything
    assert candidates(doc, {c.cue for c in everything}) == []


def test_model_threshold_decides(parse: Callable[[str], Doc]) -> None:
    doc = parse(ATTACK)
    yes = learned_attributions(doc, CueModel({"bias": 4.0}, 0.5), set())
    no = learned_attributions(doc, CueModel({"bias": -4.0}, 0.5), set())
    assert no == []
    pairs = _texts(doc, yes)
    assert any("his attacks" in content and source == "The senator"
               for content, source in pairs), pairs


def test_find_attributions_uses_the_model_only_when_given(
        parse: Callable[[str], Doc]) -> None:
    doc = parse(ATTACK)
    rules = find_attributions(doc)
    learned = find_attributions(doc, CueModel({"bias": -1.0, "l=double": 3.0}, 0.5))
    assert not any("attacks" in c for c, _ in _texts(doc, rules))
    assert any("attacks" in c for c, _ in _texts(doc, learned))
    quotes = extract_quotes(doc, cue_model=CueModel({"bias": -1.0, "l=double": 3.0}, 0.5))
    assert any(q.kind == "indirect" and q.cue == "double" for q in quotes)


def test_labels_follow_gold_cue_and_content(parse: Callable[[str], Doc]) -> None:
    doc = parse(ATTACK)
    cands = candidates(doc, set())
    text = doc.text
    cue = (text.index("doubling"), text.index("doubling") + len("doubling"))
    content = (text.index("his attacks"), len(text) - 1)
    labels = label_candidates(doc, cands, [GoldAttribution((content,), (), (cue,))])
    assert sorted(labels) == [0] * (len(labels) - 1) + [1]
    assert label_candidates(doc, cands, []) == [0] * len(cands)


def test_training_learns_a_cue_word(parse: Callable[[str], Doc]) -> None:
    pytest.importorskip("sklearn")
    from storyline.extract.quote_learned import train_cue_model

    texts = [f"The {who} is doubling down on the plan." for who in
             ("senator", "mayor", "governor", "candidate")] + [
             f"The {who} is walking down the street." for who in
             ("senator", "mayor", "governor", "candidate")]
    parsed = [parse(t) for t in texts]
    gold_docs = []
    for text in texts:
        gold = []
        if "doubling" in text:
            cue = (text.index("doubling"), text.index("doubling") + 8)
            gold.append(GoldAttribution(((text.index("the plan"), len(text) - 1),), (), (cue,)))
        gold_docs.append(PolnearDoc("x", text, gold))
    model = train_cue_model(gold_docs, parsed, c=10.0)
    doc = parse("The minister is doubling down on the plan.")
    walk = parse("The minister is walking down the street.")
    assert _texts(doc, learned_attributions(doc, model, set()))
    assert learned_attributions(walk, model, set()) == []


def test_model_file_round_trip_and_bad_files(tmp_path: Path) -> None:
    good = tmp_path / "cues.json"
    good.write_text(CueModel({"bias": 1.5}, 0.3).to_json(), encoding="utf-8")
    model = load_cue_model(str(good))
    assert model is not None and model.threshold == 0.3 and model.weights == {"bias": 1.5}
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert load_cue_model(str(bad)) is None
    assert load_cue_model(str(tmp_path / "missing.json")) is None


def test_transcript_turns(parse: Callable[[str], Doc]) -> None:
    doc = parse("Pence was asked about the tweet.\n\nWALLACE: Will she be there?\n\n"
                "PENCE: Well, look, she will not be attending the debate tomorrow night.\n")
    pairs = _texts(doc, find_attributions(doc))
    assert ("Well, look, she will not be attending the debate tomorrow night", "PENCE") in [
        (c.rstrip("."), s) for c, s in pairs], pairs


@pytest.mark.parametrize(("text", "speaker"), [
    ("The report was released on Monday.\n\n“The economy is slowing down sharply,” it added.",
     "it"),
    ("Dr. Ward stated:\n\n\"The department has gone far beyond its authority in this case.\"",
     "Dr. Ward"),
    ("Republican pollster Daron Shaw: “Historically, lesser known candidates gain late.”",
     "Daron Shaw"),
    ("“We are not just validating numbers,” he\xa0told reporters on Tuesday.", "he"),
    ("THE POLLS WERE RIGHT - Mark Blumenthal: “The polls were right about the winner.”",
     "Mark Blumenthal"),
    ("“Let’s defeat her in November,” Trump boomed.", "Trump"),
])
def test_direct_speaker_patterns(parse: Callable[[str], Doc], text: str, speaker: str) -> None:
    quotes = [q for q in extract_quotes(parse(text)) if q.kind == "direct"]
    assert quotes, text
    assert quotes[0].speaker_mention is not None
    assert quotes[0].speaker_mention.text == speaker


def test_end_options_and_the_end_model(parse: Callable[[str], Doc]) -> None:
    doc = parse("Experts noted that Romney had a lead in 2012, but he still lost the election.")
    start = next(t.i for t in doc if t.lower_ == "that")
    end = len(doc) - 1
    options = end_options(doc, start, end)
    assert options[0] == end
    assert any(doc[o - 1].text == "2012" for o in options), options
    cue = next(t.i for t in doc if t.lower_ == "noted")
    keep = CueModel({}, 0.5, {"e=full": 1.0})
    cut = CueModel({}, 0.5, {"e=full": -1.0, "e.w=,": 0.5, "e.next=CCONJ": 0.5,
                             "e.next=but": 2.0})
    assert choose_end(doc, keep, cue, start, end) == end
    assert doc[choose_end(doc, cut, cue, start, end) - 1].text == "2012"


def test_second_statement_ends_the_first(parse: Callable[[str], Doc]) -> None:
    doc = parse("Machado warned that the attacks would continue and said she would not "
                "back down.")
    pairs = _texts(doc, [a for a in find_attributions(doc) if a.nested_in is None])
    contents = [c for c, _ in pairs]
    assert "she would not back down" in contents, pairs
    assert not any("said" in c for c in contents), pairs


def test_parenthetical_cue_with_the_comma_below_it(
        parse: Callable[[str], Doc]) -> None:
    doc = parse("The city will appeal the ruling next week, City Attorney Brad Holm said.")
    pairs = _texts(doc, find_attributions(doc))
    assert any(source is not None and "Holm" in source for _, source in pairs), pairs


def test_opening_noun_phrase_is_the_speaker_when_the_parse_has_no_subject(
        parse: Callable[[str], Doc]) -> None:
    from storyline.extract.quote_speakers import opening_subject

    doc = parse("The rally ended at 9 p.m.\n\nHillary Clinton says the tweets were unhinged.")
    cue = next(t for t in doc if t.lower_ == "says")
    head = opening_subject(cue)
    assert head is not None and head.text == "Clinton"
    mid = parse("After the rally, many voters say the tweets were unhinged.")
    assert opening_subject(next(t for t in mid if t.lower_ == "say")) is None


def test_stage_reads_the_model_path_from_settings(parse: Callable[[str], Doc],
                                                  tmp_path: Path) -> None:
    from storyline.config import Settings
    from storyline.errors import ConfigError
    from storyline.extract.quotes import quotes_stage
    from storyline.records import Article

    path = tmp_path / "cues.json"
    path.write_text(CueModel({"bias": -1.0, "l=double": 3.0}, 0.5).to_json(), encoding="utf-8")
    doc = parse(ATTACK)
    article = Article(id="a", input="a", text=ATTACK, text_hash="h")
    with_model = quotes_stage(article, doc, Settings({"quotes.cue_model": str(path)}))
    assert any(q.cue == "double" for q in with_model.quotes)
    rules = quotes_stage(article, doc, Settings())
    assert not any(q.cue == "double" for q in rules.quotes)
    assert quotes_stage(article, doc, None).quotes == rules.quotes
    with pytest.raises(ConfigError, match="quotes.cue_model"):
        quotes_stage(article, doc, Settings({"quotes.cue_model": str(tmp_path / "missing.json")}))
