"""storyline's own pipeline pieces: sentence starts at line breaks, separator-run tokens."""

from __future__ import annotations

import pytest
import spacy

from storyline.nlp.components import LINE_BREAKS, cut_at, line_break_starts, tune_tokenizer


@pytest.fixture()
def blank():
    return spacy.blank("en")


def _starts(nlp, text: str) -> list[str]:
    doc = nlp.make_doc(text)
    return [doc[i].text for i in line_break_starts(doc)]


def test_blank_line_starts_a_sentence(blank):
    assert _starts(blank, "Ukraine talks resume\n\nthe envoy said") == ["the"]


def test_single_break_before_capital_starts_a_sentence(blank):
    assert _starts(blank, "Peskov said talks would go on\nNATO met in Brussels") == ["NATO"]


def test_single_break_before_lower_case_is_a_wrapped_line(blank):
    assert _starts(blank, "NATO met in Brussels and\nthe ministers agreed") == []


def test_no_start_for_leading_breaks_or_plain_spaces(blank):
    assert _starts(blank, "\n\nKremlin said so. NATO agreed") == []
    assert _starts(blank, "") == []


def _parsed(words, spaces, heads, deps):
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps)


def test_cut_at_splits_a_tree_at_a_line_break():
    # "Talks resume \n\n Peskov spoke ." parsed as one sentence rooted on "resume"
    words = ["Talks", "resume", "\n\n", "Peskov", "spoke", "."]
    doc = _parsed(words, [True, False, False, True, False, False],
                  heads=[1, 1, 1, 4, 1, 4], deps=["nsubj", "ROOT", "dep", "nsubj", "parataxis", "punct"])
    assert len(list(doc.sents)) == 1
    cut_at(doc, line_break_starts(doc))
    assert [s.text for s in doc.sents] == ["Talks resume\n\n", "Peskov spoke."]
    assert doc[4].head.i == 4 and doc[4].dep_ == "ROOT"
    assert [t.head.i for t in doc[:4]] == [1, 1, 1, 4]  # other arcs kept


def test_cut_at_keeps_the_parsers_own_sentences():
    words = ["A", "said", ".", "B", "went", "\n\n", "C", "came", "."]
    doc = _parsed(words, [True, False, True, True, False, False, True, False, False],
                  heads=[1, 1, 1, 4, 4, 4, 7, 4, 7],
                  deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT", "dep", "nsubj", "conj", "punct"])
    cut_at(doc, line_break_starts(doc))
    assert [s.text.strip() for s in doc.sents] == ["A said.", "B went", "C came."]


def test_cut_at_leaves_unparsed_docs_alone(blank):
    doc = blank("Title\n\nText")
    cut_at(doc, line_break_starts(doc))
    assert not doc.has_annotation("DEP")


def test_component_is_registered(blank):
    blank.add_pipe(LINE_BREAKS)
    assert blank("Title\n\nText").text == "Title\n\nText"


def test_separator_runs_stay_one_token(blank):
    tune_tokenizer(blank)
    words = [t.text for t in blank.make_doc("Best, Sam ______________ *** === x_y __init__ a-b")]
    assert "______________" in words and "***" in words and "===" in words
    assert "x_y" in words and "a" in words  # everything else as before


def test_glued_punctuation_is_split_but_urls_stay_whole(blank):
    tune_tokenizer(blank)
    words = [t.text for t in blank.make_doc("shop?there one(s) Uecker;explain Yahoo! https://x.com/a?b=1 e-mail")]
    assert words == ["shop", "?", "there", "one", "(", "s", ")", "Uecker", ";", "explain", "Yahoo", "!",
                     "https://x.com/a?b=1", "e", "-", "mail"]


def test_tuned_tokenizer_survives_a_round_trip(blank, tmp_path):
    tune_tokenizer(blank)
    blank.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert [t.text for t in again.make_doc("a _____ b shop?there")] == ["a", "_____", "b", "shop", "?", "there"]


@pytest.mark.xfail(strict=False, reason="storyline-en 0.2.0 (NER before the parser, storyline_line_breaks "
                   "last) is held back until the events and entities rules are re-tuned on its parses; "
                   "the shipped 0.1.0 does not split sentences at line breaks")
def test_shipped_pipeline_cuts_at_line_breaks(nlp):
    names = nlp.pipe_names
    # the NER runs before the parser, so no parser sentence split can cut a name
    assert names.index("ner") < names.index("parser") < names.index(LINE_BREAKS)
    doc = nlp("Ukraine Ceasefire Talks\n\nKremlin spokesman Dmitry Peskov said on Monday that talks would go on\n"
              "NATO met in Brussels.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Ukraine Ceasefire Talks",
                     "Kremlin spokesman Dmitry Peskov said on Monday that talks would go on",
                     "NATO met in Brussels."]
    assert all(t.head.i == t.i or t.head.sent == t.sent for t in doc)  # no arc crosses a sentence


def test_cut_at_removes_a_parser_split_inside_a_name():
    words = ["Jay", "Z", "sang", "."]
    doc = _parsed(words, [True, True, False, False], heads=[0, 2, 2, 2], deps=["ROOT", "nsubj", "ROOT", "punct"])
    assert len(list(doc.sents)) == 2
    cut_at(doc, [], keep=[(0, 2)])
    assert [s.text for s in doc.sents] == ["Jay Z sang."]
    assert [(t.text, t.head.text, t.dep_) for t in doc][::2] == [("Jay", "Jay", "ROOT"), ("sang", "Jay", "parataxis")]
    cut_at(doc, [], keep=None)  # nothing to do
    assert len(list(doc.sents)) == 1


def test_array_lemmatizer_gives_spacys_lemmas(nlp):
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    from storyline.nlp.components import ArrayLemmatizer

    shipped = nlp.get_pipe("lemmatizer")
    assert isinstance(shipped, ArrayLemmatizer)
    reference = EnglishLemmatizer(nlp.vocab, None, "reference", mode="rule")
    reference.lookups = shipped.lookups
    text = ("The envoys were meeting Putin's aides; they'd said the talks went better than feared. "
            "Sanctions, strikes and ceasefires: the leaders' positions shifted again, officials added.")
    ours = nlp(text)
    theirs = nlp(text)
    for token in theirs:
        token.lemma = 0
    reference(theirs)
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
    assert [t.lemma_ for t in ours][:4] == ["the", "envoy", "were", "meet"]


def test_shipped_pipeline_releases_the_tensor(nlp):
    doc = nlp("Kremlin spokesman Dmitry Peskov said talks would go on.")
    assert nlp.pipe_names[-1] == "storyline_release_tensor"
    assert doc.tensor.size == 0
    assert [e.text for e in doc.ents] == ["Kremlin", "Dmitry Peskov"]
    assert doc.has_annotation("DEP") and doc.has_annotation("LEMMA")
