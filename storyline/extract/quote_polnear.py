"""PolNeAR (political news attribution relations) for the quotes eval: reading the brat
standoff files and scoring predicted attributions against them.

Gold: each ``E`` line links a Content span (possibly discontinuous: ``"2103 2168;2170 2425"``),
a Cue and, for most, a Source. Articles annotated by several annotators use one annotation file
(the first annotator id in sort order), so nothing is counted twice.

Scores (per category and overall), after a one-to-one matching of predicted and gold
attributions by content overlap (largest character overlap first):

* **content overlap** P/R/F1 — a matched pair (any character overlap);
* **content exact** P/R/F1 — a matched pair whose contents have the same words (lower case;
  punctuation, quotation marks and spacing ignored, so a quote with or without its marks and
  final period is the same quote); ``strict`` counts identical character offsets only;
* **source** P/R/F1 — a matched pair whose source spans overlap (``source_exact``: equal after
  the same normalisation); precision over predictions with a source, recall over gold
  attributions with a source.

Category: ``direct`` when the content begins with a quotation mark, else ``indirect`` (this
includes PolNeAR's mixed contents, a paraphrase with a quoted fragment); the same rule is
applied to predictions and gold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["GoldAttribution", "PolnearDoc", "Scored", "category", "load_polnear", "score"]

CharSpan = tuple[int, int]
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[CharSpan, ...]
    source: tuple[CharSpan, ...] = ()
    cue: tuple[CharSpan, ...] = ()


@dataclass
class PolnearDoc:
    name: str
    text: str
    gold: list[GoldAttribution] = field(default_factory=list)


@dataclass(frozen=True)
class Predicted:
    """A prediction reduced to what is scored (content fragments with PolNeAR's marks)."""

    content: tuple[CharSpan, ...]
    source: CharSpan | None = None


def _spans(field_text: str) -> tuple[CharSpan, ...]:
    spans = []
    for part in field_text.split(";"):
        a, b = part.split()
        spans.append((int(a), int(b)))
    return tuple(spans)


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file (malformed lines are skipped)."""
    spans: dict[str, tuple[str, tuple[CharSpan, ...]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _spans(offsets))
            except ValueError:
                continue
        elif parts[0].startswith("E"):
            roles = {}
            for item in parts[1].split():
                role, _, ref = item.partition(":")
                roles[role] = ref
            relations.append(roles)
    gold: list[GoldAttribution] = []
    for roles in relations:
        content: list[CharSpan] = []
        for key in ("Content", "Content2"):
            if roles.get(key) in spans:
                content.extend(spans[roles[key]][1])
        if not content:
            continue
        source = spans[roles["Source"]][1] if roles.get("Source") in spans else ()
        cue = spans[roles["Cue"]][1] if roles.get("Cue") in spans else ()
        gold.append(GoldAttribution(tuple(sorted(content)), source, cue))
    return gold


def load_polnear(root: Path, split: str) -> list[PolnearDoc]:
    """The articles of one split (``train``, ``dev``, ``test``) with their gold attributions."""
    base = root / "data" / split
    docs: list[PolnearDoc] = []
    for text_path in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(text_path.stem + "_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        docs.append(PolnearDoc(text_path.stem, text, read_ann(anns[0])))
    return docs


def normalise(text: str) -> str:
    """The words of ``text``, lower case, one space apart (punctuation, quotation marks and
    spacing ignored)."""
    return " ".join(_WORD.findall(text.lower()))


def _joined(text: str, spans: Iterable[CharSpan]) -> str:
    return " ".join(normalise(text[a:b]) for a, b in spans)


def category(text: str, content: Sequence[CharSpan]) -> str:
    """``direct`` when the content begins with a quotation mark, else ``indirect``."""
    first = text[content[0][0]:content[0][1]].lstrip()
    return "direct" if (first[:1] and first[:1] in "\"“‘«") or first[:2] == "''" else "indirect"


def _overlap(a: Sequence[CharSpan], b: Sequence[CharSpan]) -> int:
    return sum(max(0, min(y, q) - max(x, p)) for x, y in a for p, q in b)


@dataclass
class Scored:
    """Counts for one category; ``report()`` turns them into P/R/F1."""

    pred: int = 0
    gold: int = 0
    match: int = 0
    exact: int = 0
    strict: int = 0
    pred_source: int = 0
    gold_source: int = 0
    source: int = 0
    source_exact: int = 0
    matched_pred: int = 0

    @staticmethod
    def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict[str, float]:
        p = tp_p / n_p if n_p else 0.0
        r = tp_r / n_r if n_r else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}

    def report(self) -> dict[str, object]:
        return {
            "gold": self.gold, "predicted": self.pred,
            "content_overlap": self._prf(self.matched_pred, self.pred, self.match, self.gold),
            "content_exact": self._prf(self.exact_p, self.pred, self.exact, self.gold),
            "content_strict": self._prf(self.strict_p, self.pred, self.strict, self.gold),
            "source": self._prf(self.source_p, self.pred_source, self.source, self.gold_source),
            "source_exact": self._prf(self.source_exact_p, self.pred_source, self.source_exact,
                                      self.gold_source),
        }

    # the same pairs count for precision and recall; kept separate for the category split
    exact_p: int = 0
    strict_p: int = 0
    source_p: int = 0
    source_exact_p: int = 0


def score(docs: Sequence[PolnearDoc], predictions: Sequence[Sequence[Predicted]]
          ) -> dict[str, Scored]:
    """Counts per category (``direct``, ``indirect``, ``all``) over all documents."""
    out = {name: Scored() for name in ("direct", "indirect", "all")}
    for doc, preds in zip(docs, predictions, strict=True):
        text = doc.text
        g_cat = [category(text, g.content) for g in doc.gold]
        p_cat = [category(text, p.content) for p in preds]
        for cat in g_cat:
            out[cat].gold += 1
            out["all"].gold += 1
        for i, cat in enumerate(p_cat):
            for name in (cat, "all"):
                out[name].pred += 1
                if preds[i].source is not None:
                    out[name].pred_source += 1
        for j, g in enumerate(doc.gold):
            if g.source:
                out[g_cat[j]].gold_source += 1
                out["all"].gold_source += 1
        pairs = sorted(((_overlap(p.content, g.content), i, j)
                        for i, p in enumerate(preds) for j, g in enumerate(doc.gold)),
                       reverse=True)
        used_p: set[int] = set()
        used_g: set[int] = set()
        for ov, i, j in pairs:
            if ov <= 0:
                break
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            p, g = preds[i], doc.gold[j]
            exact = _joined(text, p.content) == _joined(text, g.content)
            strict = tuple(p.content) == tuple(g.content)
            src = src_exact = False
            if p.source is not None and g.source:
                src = _overlap([p.source], g.source) > 0
                src_exact = normalise(text[p.source[0]:p.source[1]]) == _joined(text, g.source)
            for name, cat in ((g_cat[j], "r"), (p_cat[i], "p"), ("all", "both")):
                s = out[name]
                if cat in ("r", "both"):
                    s.match += 1
                    s.exact += exact
                    s.strict += strict
                    s.source += src
                    s.source_exact += src_exact
                if cat in ("p", "both"):
                    s.matched_pred += 1
                    s.exact_p += exact
                    s.strict_p += strict
                    s.source_p += src
                    s.source_exact_p += src_exact
    return out
