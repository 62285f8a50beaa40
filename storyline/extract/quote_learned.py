"""Optional learned cue model: which verbs and nouns head an indirect attribution.

The rules (:mod:`quote_indirect`) find speech verbs with a clause and a fixed list of attitude
verbs. PolNeAR also annotates the long tail ("is doubling down on his attacks", "questioned
what kind of person …", "his plan to …"). This model scores every
:func:`~storyline.extract.quote_candidates.candidates` entry with a logistic regression over
sparse features and keeps those above a threshold; content and source come from the parse as
for the rules.

**Not shipped.** PolNeAR has no data licence (research use only), so weights learned from it
are not bundled. Build them locally::

    python -m storyline.extract.quote_learned --data ../shared/data --out quote-cues.json

(needs scikit-learn, the ``bench`` extra, at build time only) and pass the file to
``python -m storyline.extract.quotes_eval --cue-model quote-cues.json`` or load it with
:func:`load_cue_model` and give it to ``find_attributions``/``extract_quotes``.
The model file is JSON: ``{"threshold": t, "weights": {feature: w}}`` (~0.5 MB).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from storyline.extract.quote_boundaries import end_features, end_options
from storyline.extract.quote_candidates import Candidate, candidates, features
from storyline.extract.quote_cues import cue_lemma
from storyline.extract.quote_spans import Attribution, char_span
from storyline.extract.quote_speakers import source_spans

__all__ = ["CueModel", "choose_end", "content_tokens", "end_examples", "label_candidates", "learned_attributions", "load_cue_model", "main",
           "refine", "train_cue_model"]


@dataclass(frozen=True)
class CueModel:
    """Weights of the linear cue classifier, the probability threshold to report, and the
    weights of the content-end model (empty: contents keep their parse extent)."""

    weights: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.5
    end_weights: dict[str, float] = field(default_factory=dict)

    def probability(self, feats: Iterable[str]) -> float:
        return _sigmoid(sum(self.weights.get(f, 0.0) for f in feats))

    def end_score(self, feats: Iterable[str]) -> float:
        return sum(self.end_weights.get(f, 0.0) for f in feats)

    def to_json(self) -> str:
        return json.dumps({"threshold": self.threshold, "weights": self.weights,
                           "end_weights": self.end_weights})


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose_end(doc: Doc, model: CueModel, cue: int, start: int, end: int) -> int:
    """The content end (exclusive token index) the end model scores highest."""
    if not model.end_weights:
        return end
    options = end_options(doc, start, end)
    return max(options, key=lambda o: model.end_score(
        end_features(doc, doc[cue], start, end, o)))


def refine(doc: Doc, model: CueModel, attribution: Attribution) -> Attribution:
    """An indirect attribution with its (single-fragment) content end chosen by the model."""
    if not model.end_weights or attribution.cue is None or len(attribution.content) != 1:
        return attribution
    span = doc.char_span(*attribution.content[0], alignment_mode="expand")
    cue = doc.char_span(*attribution.cue, alignment_mode="expand")
    if span is None or cue is None or len(span) < 2 or cue.start >= span.start:
        return attribution
    end = choose_end(doc, model, cue.start, span.start, span.end)
    if end == span.end:
        return attribution
    return replace(attribution, content=(char_span(doc, span.start, end),))


@lru_cache(maxsize=4)
def load_cue_model(path: str) -> CueModel | None:
    """The model saved at ``path``; ``None`` (and a message on stderr) when the file is
    missing or not a cue model."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        ends = {str(k): float(v) for k, v in data.get("end_weights", {}).items()}
        return CueModel(weights, float(data.get("threshold", 0.5)), ends)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        print(f"warning: no quote cue model at {path}: {exc}", file=sys.stderr)
        return None


def learned_attributions(doc: Doc, model: CueModel, skip: set[int],
                         inside: Set[int] = frozenset()) -> list[Attribution]:
    """Indirect attributions whose cue the model scores at or above its threshold (``skip``:
    tokens that cannot be cues; ``inside``: tokens of contents already reported)."""
    found: list[Attribution] = []
    for cand in candidates(doc, skip):
        if model.probability(features(doc, cand, inside)) < model.threshold:
            continue
        cue = doc[cand.cue]
        end = choose_end(doc, model, cand.cue, cand.start, cand.end) \
            if cand.cue < cand.start else cand.end
        source, head = source_spans(doc, doc[cand.source] if cand.source is not None
                                    else None)
        found.append(Attribution("indirect", (char_span(doc, cand.start, end),), (),
                                 source, head, char_span(doc, cue.i, cue.i + 1),
                                 cue_lemma(cue)))
    return found


def content_tokens(doc: Doc, attributions: Iterable[Attribution]) -> set[int]:
    """Token indices covered by the contents of ``attributions``."""
    inside: set[int] = set()
    for a in attributions:
        for start, end in a.content:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                inside.update(range(span.start, span.end))
    return inside


def _overlaps(a: Sequence[tuple[int, int]], b: tuple[int, int]) -> bool:
    return any(min(y, b[1]) > max(x, b[0]) for x, y in a)


def label_candidates(doc: Doc, cands: Sequence[Candidate],
                     gold: Sequence[Any]) -> list[int]:
    """1 for a candidate whose cue word lies in a gold cue and whose content overlaps that
    attribution's content, else 0 (``gold``: PolNeAR ``GoldAttribution`` records)."""
    labels = []
    for cand in cands:
        cue = char_span(doc, cand.cue, cand.cue + 1)
        content = char_span(doc, cand.start, cand.end)
        labels.append(int(any(_overlaps(g.cue, cue) and _overlaps(g.content, content)
                              for g in gold)))
    return labels


def _same_end(text: str, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return not any(ch.isalnum() for ch in text[lo:hi])


def end_examples(doc: Doc, cands: Sequence[Candidate], gold: Sequence[Any]
                 ) -> list[tuple[list[str], int]]:
    """(features, label) for every end option of the candidates that match a gold
    attribution: 1 where the option ends where the gold content does."""
    out: list[tuple[list[str], int]] = []
    for cand in cands:
        if cand.cue > cand.start:
            continue
        cue = char_span(doc, cand.cue, cand.cue + 1)
        content = char_span(doc, cand.start, cand.end)
        best = None
        for g in gold:
            if not _overlaps(g.cue, cue):
                continue
            for frag in g.content:
                ov = min(frag[1], content[1]) - max(frag[0], content[0])
                if ov > 0 and (best is None or ov > best[0]):
                    best = (ov, frag[1])
        if best is None:
            continue
        options = end_options(doc, cand.start, cand.end)
        labels = [int(_same_end(doc.text, char_span(doc, cand.start, o)[1], best[1]))
                  for o in options]
        if not any(labels):
            continue
        out.extend((end_features(doc, doc[cand.cue], cand.start, cand.end, o), y)
                   for o, y in zip(options, labels, strict=True))
    return out


def _fit(rows: Sequence[Iterable[str]], ys: Sequence[int], c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(ys)) < 2:
        return {}          # nothing to tell apart
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1.0 for f in feats} for feats in rows])
    clf = LogisticRegression(C=c, max_iter=2000, fit_intercept=False)
    clf.fit(x, list(ys))
    return {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(),
                                                        clf.coef_[0], strict=True)
            if abs(w) >= 1e-3}


def train_cue_model(docs: Sequence[Any], parsed: Sequence[Doc], c: float = 0.5,
                    threshold: float = 0.5) -> CueModel:
    """Fit the classifier on PolNeAR articles (``docs``: ``PolnearDoc``) and their parses.
    Candidates whose cue is already a rule cue are included: the model learns cue words, the
    pipeline only asks it about the rest."""
    from storyline.extract.quote_attribution import find_attributions

    rows: list[list[str]] = []
    ys: list[int] = []
    ends: list[tuple[list[str], int]] = []
    for doc_gold, doc in zip(docs, parsed, strict=True):
        cands = candidates(doc, set())
        ys.extend(label_candidates(doc, cands, doc_gold.gold))
        inside = content_tokens(doc, [a for a in find_attributions(doc)
                                      if a.kind == "indirect"])
        rows.extend(features(doc, cand, inside) for cand in cands)
        ends.extend(end_examples(doc, cands, doc_gold.gold))
    weights = _fit(rows, ys, c)
    end_weights = _fit([f for f, _ in ends], [y for _, y in ends], c) if ends else {}
    return CueModel(weights, threshold, end_weights)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m storyline.extract.quote_learned --data DIR --out FILE``: train on PolNeAR
    train and save the model (threshold from ``--threshold``, chosen on dev)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--data", type=Path, required=True, help="folder holding polnear/")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--c", type=float, default=0.5, help="inverse L2 strength")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: shipped)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        from storyline.extract.quote_polnear import load_polnear
        from storyline.nlp import load_pipeline

        docs = load_polnear(args.data / "polnear", "train")
        if not docs:
            print("error: no PolNeAR train articles found", file=sys.stderr)
            return 2
        nlp = load_pipeline(args.model)
        parsed = list(nlp.pipe([d.text for d in docs], batch_size=16))
        model = train_cue_model(docs, parsed, args.c, args.threshold)
        args.out.write_text(model.to_json(), encoding="utf-8")
    except ImportError as exc:
        print(f"error: {exc} (pip install scikit-learn)", file=sys.stderr)
        return 1
    except Exception as exc:  # a clean message at the edge, never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"saved {len(model.weights)} weights to {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
