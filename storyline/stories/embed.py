"""A static sentence embedding read with numpy alone: ``StaticEmbedder.load(path).embed(text)``.

The model is a model2vec distillation of all-MiniLM-L6-v2 (Apache-2.0; built by
``bench/stories_distill.py``): one vector per WordPiece token of MiniLM's uncased vocabulary.
A text's embedding is the mean of its tokens' vectors, scaled to unit length — exactly what
model2vec's ``StaticModel.encode`` computes (the WordPiece tokenizer is re-implemented here,
so no ``tokenizers`` / ``safetensors`` / torch dependency at run time).

Files in a model directory: ``embeddings.npy`` (float16, vocabulary × dimensions),
``vocab.txt`` (one token per line, row order), ``config.json`` (``{"normalize": true,
"unk_token": "[UNK]", "max_tokens": 512, "lowercase": true}``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAX_WORD_CHARS = 100  # BERT's WordPiece: longer words become [UNK]
LEAD_SENTENCES = 3
LEAD_MAX_CHARS = 1200
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")


def lead_text(text: str, title: str | None = None, sentences: int = LEAD_SENTENCES,
              max_chars: int = LEAD_MAX_CHARS) -> str:
    """The title and the first ``sentences`` sentences of the text (lines count as sentence
    breaks; a light regex split within lines), at most ``max_chars`` characters of text."""
    found: list[str] = []
    for line in text[: max_chars * 2].splitlines():
        for part in _SENTENCE_END.split(line.strip()):
            if part.strip():
                found.append(part.strip())
            if len(found) >= sentences:
                break
        if len(found) >= sentences:
            break
    lead = " ".join(found)[:max_chars]
    return f"{title.strip()}. {lead}" if title and title.strip() else lead


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_tokens(text: str, lowercase: bool = True) -> list[str]:
    """BERT's basic tokenizer: drop control characters, split on whitespace, punctuation and
    CJK characters; lower-case and strip accents (uncased vocabularies)."""
    out: list[str] = []
    word: list[str] = []

    def flush() -> None:
        if word:
            out.append("".join(word))
            word.clear()

    if lowercase:
        text = unicodedata.normalize("NFD", text.lower())
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if lowercase and cat == "Mn":
            continue
        if ch.isspace() or cat == "Zs":
            flush()
        elif cat.startswith("C"):
            if ch in "\t\n\r":
                flush()
        elif _is_punctuation(ch) or _is_cjk(cp):
            flush()
            out.append(ch)
        else:
            word.append(ch)
    flush()
    return out


def default_model_dir() -> Path:
    """The bundled model (``storyline/stories/model``)."""
    return Path(__file__).resolve().parent / "model"


@dataclass(frozen=True)
class WordPiece:
    """Greedy longest-match-first WordPiece over a vocabulary (token -> row)."""

    vocab: dict[str, int]
    unk: str = "[UNK]"
    lowercase: bool = True

    def ids(self, text: str, limit: int | None = None) -> list[int]:
        """Token rows of ``text``; unknown words are dropped (as model2vec drops [UNK])."""
        vocab, cache = self.vocab, _CACHE_MISS
        out: list[int] = []
        for word in basic_tokens(text, self.lowercase):
            row = vocab.get(word, cache)
            if row is not cache:
                out.append(row)  # type: ignore[arg-type]
            else:
                out.extend(self._pieces(word))
            if limit is not None and len(out) >= limit:
                return out[:limit]
        return out

    def _pieces(self, word: str) -> list[int]:
        if len(word) > MAX_WORD_CHARS:
            return []
        vocab = self.vocab
        rows: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in vocab:
                    found = vocab[piece]
                    break
                end -= 1
            if found is None:
                return []  # the whole word is [UNK]
            rows.append(found)
            start = end
        return rows


_CACHE_MISS = object()


class StaticEmbedder:
    """Mean of static token vectors, unit length. ``embed`` returns float32 of ``dims``."""

    def __init__(self, vectors: np.ndarray, tokenizer: WordPiece, normalize: bool = True,
                 max_tokens: int = 512) -> None:
        self.vectors = vectors
        self.tokenizer = tokenizer
        self.normalize = normalize
        self.max_tokens = max_tokens
        self.dims = int(vectors.shape[1])

    @classmethod
    def load(cls, path: str | Path) -> StaticEmbedder:
        """A model directory (see the module docstring). ``ValueError`` when it is not one."""
        root = Path(path)
        try:
            config = json.loads((root / "config.json").read_text(encoding="utf-8"))
            tokens = (root / "vocab.txt").read_text(encoding="utf-8").split("\n")
            vectors = np.load(root / "embeddings.npy", allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise ValueError(f"not a static embedding model directory: {root} ({exc})") from exc
        if tokens and tokens[-1] == "":
            tokens.pop()
        if vectors.ndim != 2 or vectors.shape[0] != len(tokens):
            raise ValueError(f"embeddings.npy has shape {vectors.shape}, vocab.txt "
                             f"{len(tokens)} tokens: not one model")
        vocab = {t: i for i, t in enumerate(tokens)}
        tokenizer = WordPiece(vocab, str(config.get("unk_token", "[UNK]")),
                              bool(config.get("lowercase", True)))
        return cls(vectors, tokenizer, bool(config.get("normalize", True)),
                   int(config.get("max_tokens", 512)))

    def embed(self, text: str) -> np.ndarray:
        """The text's embedding (zeros when no token is known)."""
        rows = self.tokenizer.ids(text, self.max_tokens)
        if not rows:
            return np.zeros(self.dims, dtype=np.float32)
        vec = self.vectors[rows].astype(np.float32).mean(axis=0)
        if self.normalize:
            length = float(np.linalg.norm(vec))
            if length > 0:
                vec /= length
        return vec
