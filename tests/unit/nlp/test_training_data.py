"""The corpus helpers of the training recipe, on tiny inline samples."""

from __future__ import annotations

from pathlib import Path

from spacy.vocab import Vocab

from storyline.nlp.training.data import conllu_docs, gum_named_entities, iob_doc, iob_spans

CONLLU = """# newdoc id = d1
# sent_id = 1
# text = Putin spoke.
1\tPutin\tPutin\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_
2\tspoke\tspeak\tVERB\tVBD\tTense=Past\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# sent_id = 2
# text = He left.
1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

"""


def test_iob_spans_iob1_and_iob2():
    assert iob_spans(["I-PER", "I-PER", "O", "I-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    assert iob_spans(["B-PER", "I-PER", "B-PER"]) == [(0, 2, "PER"), (2, 3, "PER")]
    assert iob_spans(["I-ORG", "I-LOC"]) == [(0, 1, "ORG"), (1, 2, "LOC")]


def test_iob_doc_maps_labels():
    doc = iob_doc(Vocab(), [(["EU", "rejects", "German", "call"], ["I-ORG", "O", "I-MISC", "O"])])
    assert [(e.text, e.label_) for e in doc.ents] == [("EU", "ORG"), ("German", "MISC")]


def test_conllu_docs_keep_text_and_sentences(tmp_path: Path):
    path = tmp_path / "x.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    (doc,) = list(conllu_docs(Vocab(), [path]))
    assert doc.text == "Putin spoke. He left."
    assert [s.text for s in doc.sents] == ["Putin spoke.", "He left."]
    assert doc[1].dep_ == "ROOT" and doc[0].head.i == 1 and doc[1].lemma_ == "speak"


def _row(i, form, upos, head, misc):
    return [str(i), form, form, upos, "_", "_", str(head), "dep", "_", misc]


def test_gum_named_entities_only_proper_names():
    rows = [
        _row(1, "the", "DET", 3, "Entity=(1-place-new-x-x-1-coref"),
        _row(2, "United", "PROPN", 3, "_"),
        _row(3, "States", "PROPN", 4, "Entity=1)"),
        _row(4, "and", "CCONJ", 6, "_"),
        _row(5, "the", "DET", 6, "Entity=(2-person-new-x-x-1-coref"),
        _row(6, "mayor", "NOUN", 0, "Entity=2)"),
        _row(7, "Obama", "PROPN", 6, "Entity=(3-person-new-x-x-1-coref)"),
    ]
    assert gum_named_entities(rows) == [(1, 3, "LOC"), (6, 7, "PERSON")]


def test_train_commands_are_seeded_and_bounded(tmp_path: Path):
    from storyline.nlp.training.__main__ import RUNS, SEED, train_cmd

    for name in RUNS:
        cmd = train_cmd(name, tmp_path, tmp_path / "vectors")
        assert cmd[cmd.index("--system.seed") + 1] == str(SEED)
        assert int(cmd[cmd.index("--training.max_steps") + 1]) > 0
        assert Path(cmd[4]).is_file()  # the config exists
    assert "--paths.vectors" in train_cmd("ner", tmp_path, tmp_path / "v")
