"""Assemble the trained parts into the one shipped pipeline.

tok2vec + tagger + morphologizer + parser (trained together on UD) are sourced from the UD
run; the NER component is sourced from its own run with its tok2vec folded into it
(``replace_listeners``), so both halves keep the embeddings they were trained with. The rule
lemmatizer (spacy-lookups-data tables, keyed on the morphologizer's POS) is added last.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import spacy

META = {
    "name": "storyline_en",
    "version": "0.1.0",
    "description": "storyline's English pipeline: tagger, morphologizer, parser, rule lemmatizer "
    "(UD English-EWT + GUM) and NER PERSON/ORG/LOC/MISC (CoNLL-2003 eng.train, research-only "
    "Reuters text). See docs/model.md.",
    "author": "storyline",
    "license": "CC BY-SA 4.0 (UD/GUM annotations); NER trained on CoNLL-2003 (Reuters RCV1, research use)",
}


def assemble(dep_dir: Path, ner_dir: Path, out: Path) -> Path:
    ner_nlp = spacy.load(ner_dir)
    if "tok2vec" in ner_nlp.pipe_names:
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        ner_nlp.remove_pipe("tok2vec")
    dep_nlp = spacy.load(dep_dir)
    nlp = ner_nlp  # keeps the NER vocab and its static vectors
    for name in dep_nlp.pipe_names:
        nlp.add_pipe(name, source=dep_nlp, before="ner")
    nlp.add_pipe("lemmatizer", config={"mode": "rule"}, after="parser")
    nlp.get_pipe("lemmatizer").initialize()
    nlp.meta.update(META)
    nlp.meta["sources"] = [
        {"name": "UD English-EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT", "license": "CC BY-SA 4.0"},
        {"name": "GUM (train split)", "url": "https://github.com/amir-zeldes/gum", "license": "CC BY 4.0 annotations"},
        {"name": "CoNLL-2003 eng.train", "url": "https://www.clips.uantwerpen.be/conll2003/ner/", "license": "Reuters RCV1, research use only"},
    ]
    if nlp.vocab.vectors.shape[0]:
        nlp.meta["vectors"]["name"] = "minilm64"
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    (out / "README.md").write_text(
        "storyline-en: the shipped spaCy pipeline. Built by `python -m storyline.nlp.training`;"
        " see docs/model.md for data, licences and scores.\n",
        encoding="utf-8",
    )
    return out


def describe(out: Path) -> dict:
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    return {"pipeline": meta["pipeline"], "size_mb": round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6, 1)}
