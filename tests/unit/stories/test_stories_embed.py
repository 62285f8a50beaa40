"""The numpy-only static embedding reader and the storyline-level embedding blend (experiment)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from stories_streams import make_docs

from storyline.stories import StoryIndex, StoryParams
from storyline.stories.embed import StaticEmbedder, WordPiece, basic_tokens, lead_text

TOKENS = ["[UNK]", "earth", "##quake", "the", "port", "strike", "vote", ",", ".", "cafe", "oslo"]


def _model(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    np.save(tmp_path / "embeddings.npy", rng.normal(size=(len(TOKENS), 8)).astype(np.float16))
    (tmp_path / "vocab.txt").write_text("\n".join(TOKENS) + "\n", encoding="utf-8")
    (tmp_path / "config.json").write_text(json.dumps({"normalize": True}), encoding="utf-8")
    return tmp_path


def test_basic_tokens_split_punctuation_and_strip_accents() -> None:
    assert basic_tokens("Café, Oslo's  port!\x00") == ["cafe", ",", "oslo", "'", "s", "port", "!"]


def test_wordpiece_longest_match_and_unknown_dropped() -> None:
    wp = WordPiece({t: i for i, t in enumerate(TOKENS)})
    assert wp.ids("Earthquake, the zzz port") == [1, 2, 7, 3, 4]
    assert wp.ids("earthquake port", limit=2) == [1, 2]


def test_embed_is_unit_mean_and_zero_without_tokens(tmp_path: Path) -> None:
    model = StaticEmbedder.load(_model(tmp_path))
    vec = model.embed("the port")
    expected = model.vectors[[3, 4]].astype(np.float32).mean(axis=0)
    assert np.allclose(vec, expected / np.linalg.norm(expected), atol=1e-6)
    assert not model.embed("zzz qqq").any()


def test_load_rejects_a_directory_that_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a static embedding model"):
        StaticEmbedder.load(tmp_path)
    _model(tmp_path)
    (tmp_path / "vocab.txt").write_text("a\nb\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not one model"):
        StaticEmbedder.load(tmp_path)


def test_lead_text_takes_title_and_three_sentences() -> None:
    text = "One is here. Two is there! Three? Four is not.\nFive"
    assert lead_text(text, "Title") == "Title. One is here. Two is there! Three?"


def test_blend_resumes_identically_from_saved_state(tmp_path: Path) -> None:
    params = StoryParams(embedding_weight=0.1, embedding_floor=0.3, embedding_nameless=0.9,
                         embedding_model=str(_model(tmp_path)))
    docs = make_docs(n_per_event=4)
    straight = StoryIndex(params)
    expected = [straight.add(d) for d in docs]
    half = StoryIndex(params)
    first = [half.add(d) for d in docs[:6]]
    resumed = StoryIndex.from_bytes(half.state_to_bytes())
    assert first + [resumed.add(d) for d in docs[6:]] == expected
    assert all(c.vec is not None for c in resumed.storylines.values() if c.members)
