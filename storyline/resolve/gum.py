"""GUM (``../shared/data/gum``) as a gold set for in-document person clustering.

Reads the CoNLL-U files (tokens, ``SpaceAfter=No``, ``Entity=`` brackets with entity type and
coreference group), builds a spaCy ``Doc`` on GUM's own tokens, runs the pipeline and
:func:`storyline.extract.entities.extract_entities`, and scores the person clusters with B³
(Bagga & Baldwin 1998, as in the CoNLL-2012 scorer: a gold mention the system missed and a
system mention that is not a gold person mention both count against it).

A system mention is aligned to the smallest gold person mention that contains it; the rest are
spurious and keep their own keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: First and second person pronouns: out of scope for the resolver (it resolves third-person
#: he/she and titles); reported with and without them.
THIRD_SINGULAR = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
FIRST_SECOND = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours",
                          "ourselves", "you", "your", "yours", "yourself", "yourselves"})


def in_scope(doc: GumDoc, span: tuple[int, int]) -> bool:
    """A gold mention of the kind the resolver handles: a proper name, or he/she."""
    text = " ".join(doc.words[span[0]:span[1]]).lower()
    return text in THIRD_SINGULAR or any(doc.upos[i] == "PROPN" for i in range(*span))


@dataclass
class GumDoc:
    """One GUM document: tokens, spaces, and gold person mentions as token spans → cluster."""

    name: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    sent_starts: list[bool] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    persons: dict[tuple[int, int], str] = field(default_factory=dict)


_GROUP = re.compile(r"^\d+$")


def _entity_events(value: str) -> list[tuple[str, str, str]]:
    """``Entity=`` value → [("open", id, etype) | ("close", id, "") | ("single", id, etype)]."""
    events: list[tuple[str, str, str]] = []
    i = 0
    while i < len(value):
        if value[i] == "(":
            j = i + 1
            while j < len(value) and value[j] not in "()":
                j += 1
            parts = value[i + 1:j].split("-")
            group, etype = parts[0], parts[1] if len(parts) > 1 else ""
            if j < len(value) and value[j] == ")":
                events.append(("single", group, etype))
                j += 1
            else:
                events.append(("open", group, etype))
            i = j
        elif value[i].isdigit():
            j = i
            while j < len(value) and value[j].isdigit():
                j += 1
            if j < len(value) and value[j] == ")":
                events.append(("close", value[i:j], ""))
                j += 1
            i = j
        else:
            i += 1
    return events


def read_gum(path: Path) -> GumDoc:
    """Parse one GUM ``.conllu`` file."""
    doc = GumDoc(path.stem)
    open_spans: dict[str, list[tuple[int, str]]] = {}
    new_sentence = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            new_sentence = True
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 10 or not cols[0].isdigit():
            continue                    # multi-word token ranges and empty nodes
        index = len(doc.words)
        doc.words.append(cols[1])
        doc.upos.append(cols[3])
        misc = cols[9]
        doc.spaces.append("SpaceAfter=No" not in misc.split("|"))
        doc.sent_starts.append(new_sentence)
        new_sentence = False
        for item in misc.split("|"):
            if not item.startswith("Entity="):
                continue
            for kind, group, etype in _entity_events(item[len("Entity="):]):
                if kind == "single":
                    if etype == "person":
                        doc.persons[(index, index + 1)] = group
                elif kind == "open":
                    open_spans.setdefault(group, []).append((index, etype))
                elif open_spans.get(group):
                    start, etype = open_spans[group].pop()
                    if etype == "person":
                        doc.persons[(start, index + 1)] = group
    return doc


def split_names(gum_root: Path, split: str) -> list[str]:
    """Document names of a split (``dev``, ``test``) listed in ``splits.md``."""
    names: list[str] = []
    current = None
    for line in (gum_root / "splits.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
        elif current == split and line.strip().startswith("* "):
            names.append(line.strip()[2:].strip())
    return names


def b_cubed(key: Iterable[Iterable[object]], response: Iterable[Iterable[object]]
            ) -> tuple[float, float, float]:
    """B³ precision, recall and F1 of ``response`` clusters against ``key`` clusters."""
    key_sets = [set(c) for c in key if c]
    resp_sets = [set(c) for c in response if c]
    where_resp = {m: i for i, c in enumerate(resp_sets) for m in c}
    where_key = {m: i for i, c in enumerate(key_sets) for m in c}
    total_key = sum(len(c) for c in key_sets)
    total_resp = sum(len(c) for c in resp_sets)
    recall = sum(len(c & resp_sets[where_resp[m]]) / len(c) for c in key_sets for m in c
                 if m in where_resp) / total_key if total_key else 0.0
    precision = sum(len(c & key_sets[where_key[m]]) / len(c) for c in resp_sets for m in c
                    if m in where_key) / total_resp if total_resp else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
