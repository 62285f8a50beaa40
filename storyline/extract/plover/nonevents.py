"""The non-event sentence set for the false-event rate: real news sentences from MEANTIME
(NewsReader, Wikinews, CC BY 4.0) that we labelled by hand.

``nonevents.tsv`` ships only ids and labels: ``corpus/doc`` (MEANTIME file stem), the sentence
number, and ``N`` (no political event a PLOVER coder should code) or ``E`` (has one). The text
is read from ``../shared/data/meantime-en`` at evaluation time (:func:`load_labelled`).
Sampling: sentences 3 and 5 of each of the 120 MEANTIME documents, in file order.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

__all__ = ["LABELS", "load_labelled", "meantime_sentences", "sample_ids"]

LABELS = Path(__file__).resolve().parent / "nonevents.tsv"
_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", "'s", "n't", ")", "%", "'"})
SAMPLED_SENTENCES = ("3", "5")


def _detokenise(words: list[str]) -> str:
    out = ""
    for word in words:
        if out and word not in _NO_SPACE_BEFORE and not out.endswith(("(", "$")):
            out += " "
        out += word
    return out


def meantime_sentences(root: Path) -> dict[tuple[str, str], str]:
    """(``corpus/doc``, sentence number) → sentence text, for every MEANTIME document."""
    sentences: dict[tuple[str, str], str] = {}
    for path in sorted(root.glob("**/*.xml")):
        tree = ET.parse(path).getroot()
        words: dict[str, list[str]] = {}
        for tok in tree.iter("token"):
            words.setdefault(tok.get("sentence") or "", []).append(tok.text or "")
        key = f"{path.parent.name}/{path.stem}"
        for number, toks in words.items():
            sentences[(key, number)] = _detokenise(toks)
    return sentences


def sample_ids(root: Path) -> list[tuple[str, str]]:
    """The sampled sentence ids (sentences 3 and 5 of each document)."""
    return [key for key in meantime_sentences(root) if key[1] in SAMPLED_SENTENCES]


def load_labelled(root: Path, labels: Path = LABELS) -> list[tuple[str, str, str]]:
    """(id, text, label) for each labelled sentence found in ``root``."""
    sentences = meantime_sentences(root)
    out: list[tuple[str, str, str]] = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        doc, number, label = line.split("\t")[:3]
        text = sentences.get((doc, number))
        if text is not None:
            out.append((f"{doc}#{number}", text, label.strip()))
    return out
