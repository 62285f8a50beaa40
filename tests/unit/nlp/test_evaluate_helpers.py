"""The UD evaluation helpers: paragraph-aware raw text and alignment-based token F1."""

from __future__ import annotations

from pathlib import Path

import spacy

from storyline.nlp.evaluate import paragraph_flags, raw_text, token_f, ud_examples
from storyline.nlp.training.data import conllu_docs

ROW = "{i}\t{w}\t{w}\tX\tX\t_\t{head}\t{dep}\t_\t{misc}"


def _sent(words: list[str], comments: list[str]) -> str:
    """One three-word sentence: the middle word is the root."""
    rows = [ROW.format(i=i + 1, w=w, head=0 if i == 1 else 2, dep="root" if i == 1 else "dep",
                       misc="SpaceAfter=No" if i == 1 else "_") for i, w in enumerate(words)]
    return "\n".join(comments + rows) + "\n\n"


def _write(tmp_path: Path) -> Path:
    text = (
        _sent(["Talks", "resume", "."], ["# newdoc id = a", "# newpar", "# sent_id = 1"])
        + _sent(["Peskov", "spoke", "."], ["# sent_id = 2"])
        + _sent(["NATO", "met", "."], ["# newpar", "# sent_id = 3"])
        + _sent(["Second", "doc", "."], ["# newdoc id = b", "# sent_id = 4"])
    )
    path = tmp_path / "t.conllu"
    path.write_text(text, encoding="utf-8")
    return path


def test_paragraph_flags(tmp_path):
    assert paragraph_flags(_write(tmp_path)) == [[True, False, True], [True]]


def test_raw_text_keeps_paragraph_breaks(tmp_path):
    path = _write(tmp_path)
    nlp = spacy.blank("en")
    refs = list(conllu_docs(nlp.vocab, [path], n_sents=10**6))
    flags = paragraph_flags(path)
    assert raw_text(refs[0], flags[0]) == "Talks resume. Peskov spoke.\n\nNATO met."
    assert raw_text(refs[0], None) == "Talks resume. Peskov spoke. NATO met."
    assert raw_text(refs[0], [True]) == refs[0].text  # a mismatch falls back to the plain text


def test_ud_examples_align_and_token_f(tmp_path):
    nlp = spacy.blank("en")
    examples = ud_examples(nlp, [_write(tmp_path)], paragraphs=True)
    assert len(examples) == 2
    assert "\n\n" in examples[0].predicted.text
    assert token_f(examples) == 1.0  # the blank line is not a token error
    nlp.tokenizer.add_special_case("NATO", [{"ORTH": "NA"}, {"ORTH": "TO"}])
    split = ud_examples(nlp, [_write(tmp_path)], paragraphs=True)
    assert token_f(split) < 1.0
