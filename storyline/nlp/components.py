"""Pipeline components storyline adds to its spaCy pipelines (registered on import).

``storyline_line_breaks`` (before the parser): a line break in news text ends a sentence
(paragraphs, headlines, bylines and page furniture rarely end with a full stop, and the
UD-trained parser saw no line breaks). The first token after a whitespace token holding a
blank line, or a single line break followed by a token that does not start in lower case
(a hard-wrapped sentence goes on in lower case), is marked as a sentence start; the parser
keeps preset boundaries and decides the rest.

``storyline_trim_entities`` (after the NER): the CoNLL-trained NER never saw line breaks,
so on web text it can run an entity across a paragraph break ("CNBC Politics\\n\\n").
Entities are cut at the first whitespace token that holds a line break and trimmed of
leading/trailing whitespace and punctuation tokens; empty spans are dropped.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

TRIM_ENTITIES = "storyline_trim_entities"
LINE_BREAKS = "storyline_line_breaks"

#: a run of three or more of one separator character ("_____", "*****", "=====") is one token,
#: as in UD English-EWT; spaCy's English tokenizer splits it into one token per character,
#: and the parser then starts a "sentence" at many of them
SEPARATOR_RUN = re.compile(r"^([_=*~#+])\1{2,}$")


def tune_tokenizer(nlp: Language) -> None:
    """Keep separator runs (:data:`SEPARATOR_RUN`) whole; saved with the pipeline's tokenizer."""
    nlp.tokenizer.token_match = SEPARATOR_RUN.match  # type: ignore[union-attr]


def line_break_starts(doc: Doc) -> list[int]:
    """Indices of the tokens that start a sentence because a line break precedes them."""
    starts: list[int] = []
    pending = 0  # line breaks seen since the last non-space token
    seen_text = False
    for tok in doc:
        if tok.is_space:
            pending += tok.text.count("\n")
            continue
        if seen_text and (pending >= 2 or (pending == 1 and not tok.text[:1].islower())):
            starts.append(tok.i)
        pending = 0
        seen_text = True
    return starts


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Mark sentence starts after line breaks (see the module docstring)."""
    for i in line_break_starts(doc):
        doc[i].is_sent_start = True
    return doc


def _trim(span: Span) -> Span | None:
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
    return Span(doc, start, end, label=span.label_)


@Language.component(TRIM_ENTITIES)
def trim_entities(doc: Doc) -> Doc:
    """Cut entities at line breaks and trim whitespace/punctuation at their edges."""
    ents = [t for t in (_trim(e) for e in doc.ents) if t is not None]
    if len(ents) != len(doc.ents) or any(a is not b for a, b in zip(ents, doc.ents, strict=True)):
        doc.ents = ents
    return doc
