"""The spaCy pipeline adapter: load the configured pipeline once per process and run it in batches.

``load_pipeline()`` returns the shipped English pipeline (``"storyline-en"``, stored in
``storyline/nlp/model/``) unless another one is named: any installed spaCy package
(``"en_core_web_trf"``) or a directory holding a saved pipeline. The setting ``nlp.model``
selects it. A model that cannot be found or loaded raises :class:`storyline.errors.ModelError`.

``pipe()`` streams Docs through ``nlp.pipe`` with a batch size and a number of processes.
"""

from __future__ import annotations

import importlib.util
import json
import threading
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.errors import ModelError
from storyline.nlp import architectures as _architectures  # noqa: F401  (registers its layers)
from storyline.nlp import components as _components  # noqa: F401  (registers storyline's factories)

__all__ = ["DEFAULT_MODEL", "MODEL_DIR", "TRF_MODEL", "TRF_MODEL_DIR", "analysed_length", "load_pipeline", "parse", "pipe",
           "resolve_model"]

#: Name of the pipeline shipped inside the package.
DEFAULT_MODEL = "storyline-en"
#: Where the shipped pipeline lives.
MODEL_DIR = Path(__file__).resolve().parent / "model"
#: Name of the optional higher-accuracy pipeline (fine-tuned MiniLM; needs the ``trf`` extra).
TRF_MODEL = "storyline-en-trf"
#: Where it lives.
TRF_MODEL_DIR = Path(__file__).resolve().parent / "model-trf"
#: Python packages a slimmed transformer pipeline needs at load time.
TRF_PACKAGES = ("torch", "spacy_transformers")

_CACHE: dict[str, object] = {}
_LOCK = threading.Lock()


def resolve_model(model: str | None = None) -> str | Path:
    """Map a setting value to what ``spacy.load`` takes: the shipped dir, a path or a package name."""
    if not model or model == DEFAULT_MODEL:
        return MODEL_DIR
    if model == TRF_MODEL:
        return TRF_MODEL_DIR
    path = Path(model).expanduser()
    if path.exists() or "/" in model or "\\" in model or model.startswith("."):
        return path
    return model


def load_pipeline(model: str | None = None):
    """Return the spaCy ``Language`` for ``model`` (default: the shipped ``storyline-en``).

    Loaded once per process and cached by name. Raises :class:`ModelError` when the model is
    missing or cannot be loaded.
    """
    key = model or DEFAULT_MODEL
    with _LOCK:
        nlp = _CACHE.get(key)
        if nlp is None:
            nlp = _load(key, resolve_model(model))
            _CACHE[key] = nlp
    return nlp


def _load(name: str, target: str | Path):
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError("spaCy is not installed", hint="pip install storyline") from exc
    if isinstance(target, Path):
        if not (target / "config.cfg").is_file():
            hint = (
                "rebuild the shipped pipeline with `make models` (python -m storyline.nlp.training)"
                if name == DEFAULT_MODEL
                else "point nlp.model at a directory saved with nlp.to_disk(), or an installed package"
            )
            raise ModelError(f"no spaCy pipeline at {target} (nlp.model={name!r})", hint=hint)
    weights_package = _weights_package(target)
    try:
        if weights_package is None:
            return spacy.load(target)
        return _load_slim(spacy, name, target, weights_package)
    except ModelError:
        raise
    except OSError as exc:
        if isinstance(target, Path):
            raise ModelError(
                f"spaCy pipeline {name!r} could not be loaded: {exc}",
                hint="the directory is not a complete spaCy pipeline; re-save it or rebuild it",
            ) from exc
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed or not a pipeline directory",
            hint="set nlp.model to 'storyline-en' (shipped), an installed package such as "
            "'en_core_web_sm', or a pipeline directory",
        ) from exc
    except Exception as exc:  # a broken or incompatible pipeline
        raise ModelError(
            f"spaCy pipeline {name!r} could not be loaded: {type(exc).__name__}: {exc}",
            hint="check that it was saved by a compatible spaCy version (3.8), or rebuild it",
        ) from exc


def _weights_package(target: str | Path) -> str | None:
    """The package a slimmed transformer pipeline restores its word-piece table from, if any."""
    from storyline.nlp.trf_weights import META_KEY

    meta = Path(target) / "meta.json" if isinstance(target, Path) else None
    if meta is None or not meta.is_file():
        return None
    try:
        value = json.loads(meta.read_text(encoding="utf-8")).get(META_KEY)
    except (OSError, ValueError):
        return None
    return value if isinstance(value, str) and value else None


def _load_slim(spacy, name: str, target: str | Path, package: str):
    """Load a pipeline saved by ``trf_weights.slim_pipeline_dir`` and make its transformers whole."""
    from storyline.nlp.trf_weights import restore_word_embeddings

    missing = [p for p in (*TRF_PACKAGES, package) if importlib.util.find_spec(p) is None]
    if missing:
        raise ModelError(
            f"spaCy pipeline {name!r} needs the Python packages {', '.join(missing)}",
            hint="pip install 'storyline[trf]' (torch must be torch==2.13.0 on this platform)",
        )
    with warnings.catch_warnings():
        # the saved weights leave out the word-piece table on purpose: it is restored below
        warnings.filterwarnings("ignore", message="Error loading saved torch state_dict")
        nlp = spacy.load(target)
    restore_word_embeddings(nlp, package)
    return nlp


def pipe(
    texts: Iterable[str],
    model: str | None = None,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator:
    """Yield one spaCy ``Doc`` per text, in order, through ``nlp.pipe``."""
    nlp = load_pipeline(model)
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)


def analysed_length(text: str, max_chars: int) -> int:
    """How much of ``text`` is parsed: all of it, or up to the last paragraph break (else the
    last sentence-ish break, else the bound itself) before ``max_chars``."""
    if len(text) <= max_chars:
        return len(text)
    for mark in ("\n", ". ", " "):
        cut = text.rfind(mark, 0, max_chars)
        if cut > max_chars // 2:
            return cut + (1 if mark != "\n" else 0)
    return max_chars


def parse(text: str, model: str | None = None, max_chars: int = 100_000):
    """Parse one article's text with the configured pipeline; offsets of the returned ``Doc``
    index into ``text`` (only its first :func:`analysed_length` characters are parsed)."""
    nlp = load_pipeline(model)
    return nlp(text[: analysed_length(text, max_chars)])
