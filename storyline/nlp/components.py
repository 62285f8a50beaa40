"""Pipeline components storyline adds to its spaCy pipelines (registered on import).

``storyline_trim_entities`` (after the NER): the CoNLL-trained NER never saw line breaks,
so on web text it can run an entity across a paragraph break ("CNBC Politics\\n\\n").
Entities are cut at the first whitespace token that holds a line break and trimmed of
leading/trailing whitespace and punctuation tokens; empty spans are dropped.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

TRIM_ENTITIES = "storyline_trim_entities"


def _trim(span):
    start, end = span.start, span.end
    doc = span.doc
    for i in range(start, end):
        if doc[i].is_space and "\n" in doc[i].text:
            end = i
            break
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text != ".")):
        end -= 1
    if start == end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return _span(doc, start, end, span.label_)


def _span(doc: Doc, start: int, end: int, label: str):
    from spacy.tokens import Span

    return Span(doc, start, end, label=label)


@Language.component(TRIM_ENTITIES)
def trim_entities(doc: Doc) -> Doc:
    ents = [t for t in (_trim(e) for e in doc.ents) if t is not None]
    if len(ents) != len(doc.ents) or any(a is not b for a, b in zip(ents, doc.ents)):
        doc.ents = ents
    return doc
