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
from spacy.pipeline import EntityRuler, Lemmatizer

from storyline.nlp.components import (
    LEMMATIZER,
    LINE_BREAKS,
    RELEASE_TENSOR,
    TRIM_ENTITIES,
    tune_tokenizer,
)

META = {
    "name": "storyline_en",
    "version": "0.2.0",
    "description": "storyline's English pipeline: tagger, morphologizer, parser, rule lemmatizer "
    "(UD English-EWT + GUM) and NER PERSON/ORG/LOC/MISC (CoNLL-2003 eng.train, research-only "
    "Reuters text). See docs/model.md.",
    "author": "storyline",
    "license": "CC BY-SA 4.0 (UD/GUM annotations); NER trained on CoNLL-2003 (Reuters RCV1, research use)",
}


#: rows of the static vectors kept in the shipped model (the table is sorted by frequency;
#: ``Vectors.prune`` maps each dropped word to its nearest kept row) -- keeps it under 40 MB
VECTOR_ROWS = 36000


#: Labelling convention on top of CoNLL-2003, which tags seats of government as LOC even when
#: they act ("the Kremlin said"). storyline treats them as actors (ORG), as OntoNotes-style
#: pipelines do; an entity_ruler after the NER relabels exactly these names (a built-in spaCy
#: component; only ``storyline_trim_entities`` needs ``import storyline.nlp`` before loading).
SEATS_OF_GOVERNMENT = ["Kremlin", "White House", "Pentagon", "Downing Street", "Elysee Palace",
                       "Élysée Palace", "Zhongnanhai"]


def prune_rows(vocab, n_rows: int) -> None:
    """Keep the first ``n_rows`` rows; every key of a dropped row points to its nearest kept row.

    (``Vocab.prune_vectors`` assumes one key per row; this table has several case variants
    per row.)
    """
    import numpy as np
    from spacy.vectors import Vectors

    old = vocab.vectors
    data = np.asarray(old.data)
    kept = data[:n_rows]
    unit = kept / np.maximum(np.linalg.norm(kept, axis=1, keepdims=True), 1e-8)
    remap = {}
    for start in range(n_rows, data.shape[0], 2048):
        block = data[start : start + 2048]
        block = block / np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-8)
        best = (block @ unit.T).argmax(1)
        remap.update({start + i: int(b) for i, b in enumerate(best)})
    new = Vectors(strings=vocab.strings, shape=kept.shape)
    new.data[:] = kept
    for key, row in old.key2row.items():
        new.add(key, row=row if row < n_rows else remap[row])
    vocab.vectors = new


def assemble(dep_dir: Path, ner_dir: Path, out: Path, vector_rows: int | None = VECTOR_ROWS) -> Path:
    ner_nlp = spacy.load(ner_dir)
    if vector_rows and ner_nlp.vocab.vectors.shape[0] > vector_rows:
        prune_rows(ner_nlp.vocab, vector_rows)
    if "tok2vec" in ner_nlp.pipe_names:
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        ner_nlp.remove_pipe("tok2vec")
    dep_nlp = spacy.load(dep_dir)
    nlp = ner_nlp  # keeps the NER vocab and its static vectors
    # the NER runs before the parser: spaCy's NER never crosses a sentence start, so behind the
    # parser a wrong split inside a name ("Chris | McGrath") cut the entity; before it, the NER
    # sees what it was trained and scored on (unsegmented text), and the parser still listens to
    # the shared tok2vec through doc.tensor
    for name in dep_nlp.pipe_names:
        if name != "parser":
            nlp.add_pipe(name, source=dep_nlp, before="ner")
    ruler: EntityRuler = nlp.add_pipe("entity_ruler", name="ent_conventions", after="ner",  # type: ignore[assignment]
                                      config={"overwrite_ents": True})
    nlp.add_pipe(TRIM_ENTITIES, after="ent_conventions")
    nlp.add_pipe("parser", source=dep_nlp)
    nlp.add_pipe(LEMMATIZER, name="lemmatizer", config={"mode": "rule"})
    nlp.add_pipe(LINE_BREAKS)
    nlp.add_pipe(RELEASE_TENSOR)
    tune_tokenizer(nlp)
    ruler.add_patterns([{"label": "ORG", "pattern": [{"ORTH": w} for w in name.split()]} for name in SEATS_OF_GOVERNMENT])
    lemmatizer: Lemmatizer = nlp.get_pipe("lemmatizer")  # type: ignore[assignment]
    lemmatizer.initialize()
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
