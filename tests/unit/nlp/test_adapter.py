"""storyline.nlp: loading, caching, batching and clean errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline.nlp as snlp
from storyline.errors import ModelError

TEXT = (
    "Kremlin spokesman Dmitry Peskov said on Monday that Vladimir Putin would speak to "
    "Donald Trump. NATO officials met in Brussels."
)


def test_default_pipeline_has_every_component(nlp):
    for name in ("tok2vec", "tagger", "morphologizer", "parser", "lemmatizer", "ner"):
        assert name in nlp.pipe_names
    assert nlp.lang == "en"


def test_load_is_cached(nlp):
    assert snlp.load_pipeline() is nlp
    assert snlp.load_pipeline("storyline-en") is nlp


def test_annotations(nlp):
    doc = nlp(TEXT)
    assert doc.has_annotation("TAG") and doc.has_annotation("POS") and doc.has_annotation("MORPH")
    assert doc.has_annotation("DEP") and doc.has_annotation("LEMMA") and doc.has_annotation("SENT_START")
    assert len(list(doc.sents)) == 2
    said = next(t for t in doc if t.text == "said")
    assert said.pos_ == "VERB" and said.lemma_ == "say"
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Vladimir Putin", "PERSON") in ents
    assert {label for _, label in ents} <= {"PERSON", "ORG", "LOC", "MISC"}


def test_pipe_keeps_order(nlp):
    texts = [f"Text number {i} mentions Berlin." for i in range(5)]
    docs = list(snlp.pipe(texts, batch_size=2))
    assert [d.text for d in docs] == texts


def test_shipped_model_size():
    size = sum(p.stat().st_size for p in snlp.MODEL_DIR.rglob("*") if p.is_file())
    assert size <= 40 * 1000 * 1000


def test_missing_directory_raises_model_error(tmp_path: Path):
    with pytest.raises(ModelError) as info:
        snlp.load_pipeline(str(tmp_path / "nope"))
    assert info.value.code == "SL-MODEL"
    assert info.value.hint


def test_unknown_package_raises_model_error():
    with pytest.raises(ModelError, match="not installed"):
        snlp.load_pipeline("en_core_web_doesnotexist")


def test_broken_model_raises_model_error(tmp_path: Path):
    (tmp_path / "config.cfg").write_text("[nlp]\nlang = \"xx-broken\"\n")
    with pytest.raises(ModelError, match="could not be loaded"):
        snlp.load_pipeline(str(tmp_path))


def test_resolve_model(tmp_path: Path):
    assert snlp.resolve_model(None) == snlp.MODEL_DIR
    assert snlp.resolve_model("storyline-en") == snlp.MODEL_DIR
    assert snlp.resolve_model("en_core_web_sm") == "en_core_web_sm"
    assert snlp.resolve_model(str(tmp_path)) == tmp_path


def test_eval_main_without_data(tmp_path: Path, capsys):
    from storyline.nlp.evaluate import main

    assert main(["--data", str(tmp_path / "absent")]) == 0
    assert "not found" in capsys.readouterr().err


def test_trim_entities_cuts_at_line_breaks():
    import spacy
    from spacy.tokens import Span

    from storyline.nlp.components import trim_entities

    nlp = spacy.blank("en")
    doc = nlp("Read more on CNBC Politics\n\nThe Trump administration")
    start = [t.text for t in doc].index("CNBC")
    doc.ents = [Span(doc, start, start + 4, label="ORG")]  # CNBC Politics \n\n The
    trimmed = trim_entities(doc)
    assert [(e.text, e.label_) for e in trimmed.ents] == [("CNBC Politics", "ORG")]


def test_trim_entities_cuts_at_separators():
    import spacy
    from spacy.tokens import Span

    from storyline.nlp.components import trim_entities

    nlp = spacy.blank("en")
    doc = nlp("Chris McGrath | Getty Images News | Getty Images")
    doc.ents = [Span(doc, 3, 9, label="ORG")]  # Getty Images News | Getty Images
    assert [(e.text, e.label_) for e in trim_entities(doc).ents] == [("Getty Images News", "ORG")]
