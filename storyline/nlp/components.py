"""Pipeline components storyline adds to its spaCy pipelines (registered on import).

``storyline_line_breaks`` (after the parser): a line break in news text ends a sentence
(paragraphs, headlines, bylines and page furniture rarely end with a full stop, and the
UD-trained parser saw no line breaks). At each blank line, and at each single line break
followed by a token that does not start in lower case (a hard-wrapped sentence goes on in lower
case), the parse is cut (:func:`cut_at`): words whose head lies across the break are re-attached
on their own side, so a new sentence starts there and every other decision of the parser stays.
A sentence start the parser put inside a named entity ("Jay | Z", "Wells | Fargo") is removed
the same way, so every entity lies in one sentence (the NER runs before the parser).
(Presetting the boundaries *before* the parser was tried first: spaCy's parser then splits
the next few words into one-word sentences.)

``storyline_trim_entities`` (after the NER): the CoNLL-trained NER never saw line breaks,
so on web text it can run an entity across a paragraph break ("CNBC Politics\\n\\n").
Entities are cut at the first whitespace token that holds a line break or the first separator
(``|``, ``•``, ``·``), and trimmed of
leading/trailing whitespace and punctuation tokens; empty spans are dropped.

``storyline_lemmatizer``: spaCy's English rule lemmatizer with the same tables and the same
lemmas, looked up once per (word, part of speech, morphology) and written in one array
(:class:`ArrayLemmatizer`); spaCy's own loop cost 11 % of the default pipeline's time.

``storyline_release_tensor`` (last in ``storyline-en``): empties ``Doc.tensor``, the tok2vec's
output (96 floats per token). Nothing after the pipeline reads it, and with ``n_process > 1``
spaCy serialises every Doc, tensor included, back to the main process.

``storyline_sentence_parse`` (``storyline-en-trf``, after the NER): sentences from a sentence
model first, then the tagger, morphologizer and parser on each sentence (:class:`SentenceParser`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, minibatch

TRIM_ENTITIES = "storyline_trim_entities"
LINE_BREAKS = "storyline_line_breaks"
SENTENCE_PARSE = "storyline_sentence_parse"
LEMMATIZER = "storyline_lemmatizer"
RELEASE_TENSOR = "storyline_release_tensor"

#: quotation marks that can open a quote
OPENING_QUOTES = frozenset({'"', "“", "'", "‘", "«", "``"})

#: tokens no name runs across: page furniture joins credits with them ("Getty Images News | Getty Images")
SEPARATORS = frozenset({"|", "•", "·", "¦"})

#: a run of three or more of one separator character ("_____", "*****", "=====") is one token,
#: as in UD English-EWT; spaCy's English tokenizer splits it into one token per character,
#: and the parser then starts a "sentence" at many of them
SEPARATOR_RUN = re.compile(r"^([_=*~#+])\1{2,}$")

#: a question mark, exclamation mark, semicolon or bracket glued between a word and the next
#: ("shop?there", "one(s)", "Uecker;explain") is a token of its own, as in UD English-EWT;
#: spaCy's English infixes leave such strings whole (URLs are matched before infixes)
GLUED_PUNCTUATION = r"(?<=[A-Za-z0-9])[?;!)(](?=[A-Za-z])"


def tune_tokenizer(nlp: Language) -> None:
    """Keep separator runs (:data:`SEPARATOR_RUN`) whole and split glued punctuation
    (:data:`GLUED_PUNCTUATION`); saved with the pipeline's tokenizer."""
    nlp.tokenizer.token_match = SEPARATOR_RUN.match  # type: ignore[union-attr]
    infixes = [*nlp.Defaults.infixes, GLUED_PUNCTUATION]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]


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


def cut_at(doc: Doc, starts: list[int], keep: list[tuple[int, int]] | None = None) -> None:
    """Make every index in ``starts`` a sentence start of the parsed ``doc`` (see above), and
    drop the parser's sentence starts that fall inside a ``keep`` span (token start, end).

    The text is cut into parts at ``starts`` and at the parser's own sentence starts (a start
    on a whitespace token moves to the next word, so breaks stay with the sentence they end).
    In each part, the words whose head lies outside it are attached to the part's root (the
    parser's root if it has one, else the outside word that heads most of the part); a part
    that holds two of the parser's sentences (merged over a kept span) keeps the first root, and
    the others attach to it as ``parataxis`` (two clauses side by side, in UD's terms).
    """
    n = len(doc)
    if not doc.has_annotation("DEP"):
        return
    inside = {j for a, b in (keep or ()) for j in range(a + 1, b)}
    parser_starts = set()
    for tok in doc:
        if tok.i and tok.is_sent_start:
            j = tok.i
            while j < n and doc[j].is_space:
                j += 1
            if j < n:
                parser_starts.add(j)
    if not starts and not parser_starts & inside:
        return
    heads = [t.head.i for t in doc]
    deps = [t.dep_ for t in doc]
    cuts = set(starts) | (parser_starts - inside)
    bounds = [0, *sorted(cuts), n]
    changed = False
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        tops = [i for i in range(lo, hi) if heads[i] == i or not lo <= heads[i] < hi]
        if len(tops) == 1 and heads[tops[0]] == tops[0]:
            continue
        changed = True
        size: dict[int, int] = {}
        for i in range(lo, hi):
            x, steps = i, 0
            while heads[x] != x and lo <= heads[x] < hi and steps <= hi - lo:
                x, steps = heads[x], steps + 1
            size[x] = size.get(x, 0) + 1
        roots = [i for i in tops if heads[i] == i and not doc[i].is_space]
        root = roots[0] if roots else max(tops, key=lambda i: (not doc[i].is_space, size.get(i, 0)))
        heads[root], deps[root] = root, "ROOT"
        for i in tops:
            if i != root:
                heads[i] = root
                if deps[i] == "ROOT":
                    deps[i] = "parataxis"
    if changed:
        doc.from_array([HEAD, DEP], _head_dep_array(doc, heads, deps))


def _head_dep_array(doc: Doc, heads: list[int], deps: list[str]):
    arr = np.zeros((len(doc), 2), dtype="uint64")
    for i, (head, dep) in enumerate(zip(heads, deps, strict=True)):
        arr[i, 0] = np.uint64(head - i).astype("uint64") if head >= i else np.int64(head - i).astype("uint64")
        arr[i, 1] = doc.vocab.strings.add(dep)
    return arr


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after line breaks in a parsed Doc, and never inside a named entity
    (see the module docstring)."""
    cut_at(doc, line_break_starts(doc), [(e.start, e.end) for e in doc.ents])
    return doc


def model_sentence_starts(doc: Doc, guesses) -> list[int]:
    """Token indices that start a sentence: those a sentence model guessed for ``doc``
    (``guesses``: its ``senter`` pipe's ``predict`` output for the Doc) and those of the line
    breaks (:func:`line_break_starts`), moved past whitespace, none inside a named entity."""
    model_starts = {i for i in range(1, len(doc)) if int(guesses[i]) == 1}
    inside = {j for e in doc.ents for j in range(e.start + 1, e.end)}
    starts = set()
    for i in model_starts | set(line_break_starts(doc)):
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 1 < i < len(doc) and _opens_quote(doc[i - 1]):
            i -= 1  # ready. "|We are → ready. |"We are
        if 0 < i < len(doc) and i not in inside:
            starts.add(i)
    return sorted(starts)


def _opens_quote(token) -> bool:
    """A quotation mark that opens: space before it (or a line start), a word right after it."""
    prev = token.doc[token.i - 1]
    return (token.text in OPENING_QUOTES and not token.whitespace_
            and (bool(prev.whitespace_) or prev.is_space) and not token.nbor().is_punct)


#: what :class:`SentenceParser` copies back from each sentence's analysis
_PARSE_ATTRS = [TAG, POS, MORPH, HEAD, DEP]
#: the pipes :class:`SentenceParser` runs on each sentence (kept disabled in the pipeline itself)
PARSE_PIPES = ["transformer", "tagger", "morphologizer", "parser"]


class SentenceParser:
    """``storyline_sentence_parse`` (in ``storyline-en-trf``, after the NER): sentences first,
    then the parse of each sentence on its own.

    The sentence starts come from a sentence model (:func:`model_sentence_starts`: a ``senter``
    pipe, line breaks, never inside a name). Each sentence is copied into a Doc of its own and
    the inner ``pipes`` (kept disabled in the same pipeline: transformer, tagger, morphologizer,
    parser) analyse those Docs in batches; tags, morphology and the tree are copied back, and a
    start the parser puts inside a sentence is dropped (:func:`cut_at`; three in four are wrong
    on EWT test). Presetting the starts on the whole Doc instead makes spaCy's parser split the
    next words into one-word sentences, and cutting the whole Doc's parse afterwards only
    partly repairs the words it attached across the boundaries (EWT test UAS 0.875 / LAS 0.841
    that way, 0.880 / 0.848 parsing sentence by sentence with the same weights).
    """

    def __init__(self, nlp: Language, senter: str, pipes: list[str], batch_size: int) -> None:
        self.nlp = nlp
        self.senter = senter
        self.pipes = list(pipes)
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        size = batch_size or self.batch_size
        for batch in minibatch(docs, size=size):
            yield from self._parse_batch(list(batch))

    def _parse_batch(self, docs: list[Doc]) -> list[Doc]:
        guesses = self.nlp.get_pipe(self.senter).predict(docs)  # type: ignore[attr-defined]
        cuts: list[list[int]] = []
        pieces: list[Doc] = []
        for doc, guessed in zip(docs, guesses, strict=True):
            starts = model_sentence_starts(doc, guessed) if len(doc) > 1 else []
            cuts.append(starts)
            bounds = [0, *starts, len(doc)]
            pieces.extend(doc[a:b].as_doc() for a, b in zip(bounds, bounds[1:], strict=False) if b > a)
        for name in self.pipes:
            pieces = list(self.nlp.get_pipe(name).pipe(pieces, batch_size=4 * len(docs) + 16))  # type: ignore[attr-defined]
        at = 0
        for doc, starts in zip(docs, cuts, strict=True):
            n = len(starts) + 1 if len(doc) else 0
            if n:
                doc.from_array(_PARSE_ATTRS, np.concatenate([p.to_array(_PARSE_ATTRS) for p in pieces[at:at + n]]))
                cut_at(doc, starts, [(0, len(doc))])
            at += n
        return docs


@Language.factory(
    SENTENCE_PARSE,
    default_config={"senter": "senter", "pipes": PARSE_PIPES, "batch_size": 16},
)
def make_sentence_parser(nlp: Language, name: str, senter: str, pipes: list[str], batch_size: int) -> SentenceParser:
    """Build ``storyline_sentence_parse``; ``senter`` and ``pipes`` name disabled pipes."""
    return SentenceParser(nlp, senter, pipes, batch_size)


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    for i in range(start, end):
        if (doc[i].is_space and "\n" in doc[i].text) or (i > start and doc[i].text in SEPARATORS):
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


class ArrayLemmatizer(EnglishLemmatizer):
    """``storyline_lemmatizer``: spaCy's English lemmatizer (rule mode) reading and writing
    whole arrays. Each (ORTH, POS, MORPH) triple is lemmatised once by spaCy's own rules
    (:meth:`rule_lemmatize`) and its lemma's hash remembered, so the lemmas are spaCy's."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lemma_ids: dict[tuple[int, int, int], int] = {}
        self._indexed: Lookups | None = None

    def rule_lemmatize(self, token) -> list[str]:
        """spaCy's rules, reading the word lists of ``lemma_index`` as sets: spaCy tests each
        candidate form against a list of thousands of words (90 µs a word, most of this
        component's time on new text). Same tables and order, so the same lemmas."""
        if self._indexed is None:
            self._indexed = _indexed_lookups(self.lookups)
        tables, self.lookups = self.lookups, self._indexed
        try:
            return super().rule_lemmatize(token)
        finally:
            self.lookups = tables

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        strings = doc.vocab.strings
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = self.lemma_ids.get(key)
            if found is None:
                found = self.lemma_ids[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas.append(found)
        doc.from_array([LEMMA], np.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc


@Language.factory(
    LEMMATIZER,
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "rule", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
    default_score_weights={"lemma_acc": 1.0},
)
def make_array_lemmatizer(nlp: Language, model, name: str, mode: str, overwrite: bool, scorer) -> ArrayLemmatizer:
    """Build ``storyline_lemmatizer`` (configured as spaCy's ``lemmatizer``)."""
    return ArrayLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


def _indexed_lookups(lookups: Lookups) -> Lookups:
    """A copy of ``lookups`` whose ``lemma_index`` word lists are sets (not for saving)."""
    indexed = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        copy = indexed.add_table(name)
        for key, value in table.items():
            copy[key] = set(value) if name == "lemma_index" and isinstance(value, list) else value
    return indexed


@Language.component(RELEASE_TENSOR)
def release_tensor(doc: Doc) -> Doc:
    """Empty ``doc.tensor`` (see the module docstring)."""
    doc.tensor = np.empty((0,), dtype="float32")
    return doc
