"""Quotes and speakers, one phenomenon per test, on hand-written news sentences parsed with the
shipped pipeline (the same Doc the pipeline passes to the stage)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from storyline.extract.quote_attribution import find_attributions
from storyline.extract.quote_marks import find_quoted
from storyline.extract.quotes import extract_quotes, quoted_spans, quotes_stage
from storyline.records import ActorRef, Article, Entity, Mention, Quote


@pytest.fixture(scope="module")
def parse() -> Callable[[str], Doc]:
    from storyline.nlp import load_pipeline

    nlp = load_pipeline()
    return nlp


def _only(quotes: tuple[Quote, ...], kind: str) -> list[Quote]:
    return [q for q in quotes if q.kind == kind]


def _speaker(q: Quote) -> str | None:
    return q.speaker_mention.text if q.speaker_mention else None


def test_straight_marks_cue_after(parse) -> None:
    text = '"We will discuss land and power plants," Trump told reporters on Sunday.'
    [q] = _only(extract_quotes(parse(text)), "direct")
    assert q.text == "We will discuss land and power plants,"
    assert text[q.start:q.end] == q.text and text[q.start - 1] == '"'
    assert _speaker(q) == "Trump" and q.cue == "tell"


def test_curly_marks_inverted_speaker(parse) -> None:
    text = "“Things could change,” said Caroline Leavitt, the White House press secretary."
    [q] = _only(extract_quotes(parse(text)), "direct")
    assert q.text == "Things could change,"
    assert _speaker(q) == "Caroline Leavitt"


def test_colon_and_multi_sentence_quote(parse) -> None:
    text = ("Putin said: “The concept of a ceasefire is valid. We endorse it. But there are "
            "issues that need addressing.”")
    [q] = _only(extract_quotes(parse(text)), "direct")
    assert q.text.startswith("The concept") and q.text.endswith("addressing.")
    assert _speaker(q) == "Putin" and q.cue == "say"


def test_quote_split_by_its_cue(parse) -> None:
    text = ('"I have financial options that could hurt Russia," Trump said. "But I don\'t '
            'want to go down that road because I want peace."')
    doc = parse(text)
    direct = _only(extract_quotes(doc), "direct")
    assert [q.text.split()[0] for q in direct] == ["I", "But"]
    assert {_speaker(q) for q in direct} == {"Trump"}
    [attribution] = [a for a in find_attributions(doc) if a.kind == "direct"]
    assert len(attribution.content) == 2          # one statement, two fragments


def test_quote_running_over_paragraphs(parse) -> None:
    text = ('Ushakov said on Sunday: "This plan requires further work and deliberation.\n\n'
            '"It also needs the inclusion of Russia\'s perspective."\n\nThe talks resume today.')
    doc = parse(text)
    direct = _only(extract_quotes(doc), "direct")
    assert [q.text for q in direct] == [
        "This plan requires further work and deliberation.",
        "It also needs the inclusion of Russia's perspective."]
    assert {_speaker(q) for q in direct} == {"Ushakov"}
    [span] = find_quoted(text)
    assert span.paragraphs == 2 and span.closed


def test_partial_quote(parse) -> None:
    text = "Ukrainian President Volodymyr Zelensky described the reaction as “manipulative.”"
    quotes = extract_quotes(parse(text))
    [q] = _only(quotes, "partial")
    assert q.text == "manipulative."
    assert _speaker(q) and _speaker(q).endswith("Zelensky")
    assert q.cue == "describe"
    assert not _only(quotes, "direct")


def test_partial_quote_inside_indirect_speech(parse) -> None:
    text = 'He has emphasized that the war "must end now" and that talks should begin.'
    quotes = extract_quotes(parse(text))
    [partial] = _only(quotes, "partial")
    assert partial.text == "must end now" and _speaker(partial) == "He"
    assert any(q.kind == "indirect" and q.start <= partial.start for q in quotes)


def test_scare_quotes_and_titles_are_not_speech(parse) -> None:
    text = ('The so-called "peace plan" was never published. Trump appeared on '
            '"Saturday Night Live" last year.')
    doc = parse(text)
    assert extract_quotes(doc) == ()
    roles = {text[s.span.inner_start:s.span.inner_end]: s.role for s in quoted_spans(doc)}
    assert roles == {"peace plan": "scare", "Saturday Night Live": "title"}


@pytest.mark.parametrize("text, speaker, cue, content", [
    ("Peskov said that the talks would continue next week.", "Peskov", "say",
     "the talks would continue next week"),
    ("White House press secretary Caroline Leavitt told reporters that no schedule has been "
     "set.", "White House press secretary Caroline Leavitt", "tell",
     "no schedule has been set"),
    ("The U.S. has warned that Washington will respond strongly.", "The U.S.", "warn",
     "Washington will respond strongly"),
    ("The Kremlin said the proposal was rushed.", "The Kremlin", "say",
     "the proposal was rushed"),
])
def test_indirect_speech(parse, text: str, speaker: str, cue: str, content: str) -> None:
    [q] = _only(extract_quotes(parse(text)), "indirect")
    assert (q.text, _speaker(q), q.cue) == (content, speaker, cue)
    assert text[q.start:q.end] == q.text


def test_according_to(parse) -> None:
    text = "According to Peskov, both leaders have expressed a shared need for this discussion."
    [q] = _only(extract_quotes(parse(text)), "indirect")
    assert _speaker(q) == "Peskov" and q.cue == "according to"
    assert q.text.startswith("both leaders") and q.text.endswith("discussion")


def test_speaker_resolved_to_the_entity_covering_it(parse) -> None:
    text = ('Zelensky spoke on Thursday. "We all heard very manipulative statements from '
            'Putin," the president remarked.')
    doc = parse(text)
    start = text.index("the president")
    zelensky = Entity(id="e1", name="Volodymyr Zelensky", type="PERSON", mentions=(
        Mention(0, 8, "Zelensky", "PERSON"),
        Mention(start, start + len("the president"), "the president", "PERSON", kind="title")))
    [q] = _only(extract_quotes(doc, [zelensky]), "direct")
    assert q.speaker == ActorRef("e1", "Volodymyr Zelensky")
    assert q.speaker_mention is not None and q.speaker_mention.text == "the president"
    assert q.speaker_mention.start == start and q.cue == "remark"


def test_unresolved_speaker_keeps_the_mention(parse) -> None:
    [q] = _only(extract_quotes(parse('"We are ready," he said.')), "direct")
    assert q.speaker == ActorRef(None, None)
    assert q.speaker_mention is not None and q.speaker_mention.text == "he"


def test_quote_without_a_speaker(parse) -> None:
    text = 'The statement ended there.\n\n"We will not give up our land."\n\nTalks resumed.'
    [q] = _only(extract_quotes(parse(text)), "direct")
    assert q.text == "We will not give up our land." and q.speaker is None


@pytest.mark.parametrize("text", [
    "", "   ", '"', '""', "“", 'He said "', '"unclosed quote that never ends',
    "‘’", "\n\n\"\n\n", "'' ''", "According to", "said that",
])
def test_bad_input_never_raises(parse, text: str) -> None:
    quotes = extract_quotes(parse(text))
    assert all(0 <= q.start <= q.end <= len(text) for q in quotes)
    quoted_spans(parse(text))


def test_stage_fills_article_quotes(parse) -> None:
    text = '"We are ready," Peskov said.'
    article = Article(id="a1", input="x", text=text, text_hash="h")
    out = quotes_stage(article, parse(text), None)
    assert [q.text for q in out.quotes] == ["We are ready,"]
    assert out.text == article.text and out.id == "a1"
    assert out.quotes[0].to_dict()["speaker"]["mention"]["text"] == "Peskov"


def test_stage_reference_resolves_in_a_registry() -> None:
    """The line the registry's BUILTINS takes for this stage resolves to it."""
    from storyline.registry import Registry

    registry = Registry({"extract.quotes.v1": "storyline.extract.quotes:quotes_stage"})
    assert registry.get("extract.quotes.v1") is quotes_stage
