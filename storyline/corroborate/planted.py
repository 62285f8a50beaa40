"""Planted-conflict evaluation on ECB+ (``storyline eval conflicts``).

Real multi-outlet stories: each ECB+ sub-topic is one real-world event reported by several
outlets. For two articles A and B of one sub-topic, a sentence ``s`` of A is copied into B (as a
second outlet reporting the same fact), either changed in one slot — a person's name, a number,
a date, a place, or a negation added — or untouched (a negative). The slot to change is found
with ECB+'s gold markables (HUMAN_PART_PER, LOC_*, TIME_DATE), which the detector never sees.
Everything is generated at run time from the staged data with a fixed seed; no text is stored.

Scoring, per kind: a case is a true positive when :func:`storyline.corroborate.conflicts`
reports a conflict of the planted kind between ``s`` in A and the copy in B; every conflict
involving the copy of another kind (or on a negative) is a false positive of its kind.
Topics 1–22 are the dev split (used to tune the alignment and slot rules), 23–45 the test
split. The articles carry the entities stage's name mentions (``--no-ner``: surface cues only).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.corroborate.conflicts import conflicts
from storyline.corroborate.lexicon import MONTHS, NUMBER_WORDS, WEEKDAYS
from storyline.records import Article, Entity, Mention

KINDS = ("name", "number", "date", "place", "negation")
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]]|'s|n't|'re|'ve|'ll|'d|'m)(?=\s|$)")
_NO_SPACE_AFTER = re.compile(r"([(\[$]) ")
_AUX = ("is", "was", "were", "are", "has", "had", "have", "will", "would", "can", "could",
        "should", "did", "does", "may", "might", "must")


@dataclass
class EcbDoc:
    """One ECB+ article: its sentences (token lists) and gold markables per sentence."""

    name: str
    topic: int
    subtopic: str
    sentences: list[list[str]]
    #: sentence index → list of (type, first token index, last token index + 1)
    markables: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)


def detok(tokens: Sequence[str]) -> str:
    """Join PTB-style tokens into readable text ("Reid , 33 ," → "Reid, 33,")."""
    text = " ".join(tokens).replace("``", '"').replace("''", '"')
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def load_ecb(root: Path) -> list[EcbDoc]:
    """All ECB+ documents under ``root`` (the ``ECB+`` folder) with their markables."""
    docs = []
    for path in sorted(root.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        try:
            tree = ET.parse(path)
        except ET.ParseError:
            continue
        where: dict[str, tuple[int, int]] = {}
        sentences: dict[int, list[str]] = defaultdict(list)
        for tok in tree.getroot().iter("token"):
            sent = int(tok.get("sentence", "0"))
            where[tok.get("t_id", "")] = (sent, len(sentences[sent]))
            sentences[sent].append(tok.text or "")
        plus = path.name.endswith("ecbplus.xml")
        doc = EcbDoc(path.stem, int(path.parent.name),
                     f"{path.parent.name}_{'plus' if plus else 'ecb'}",
                     [sentences[k] for k in sorted(sentences) if not (plus and k == 0)])
        offset = 1 if plus and 0 in sentences else 0
        markables = tree.getroot().find("Markables")
        for m in (markables if markables is not None else []):
            anchors = [where[a.get("t_id", "")] for a in m.iter("token_anchor")
                       if a.get("t_id", "") in where]
            if anchors and len({s for s, _ in anchors}) == 1:
                sent = anchors[0][0] - offset
                idx = [i for _, i in anchors]
                doc.markables.setdefault(sent, []).append((m.tag, min(idx), max(idx) + 1))
        docs.append(doc)
    return docs


@dataclass(frozen=True)
class Case:
    """One planted pair: ``left`` holds ``sentence``; ``right`` holds ``copy`` at ``at``."""

    kind: str | None
    topic: int
    left: Article
    right: Article
    sentence: str
    copy: str
    at: int


def _proper(tokens: Sequence[str]) -> bool:
    return all(t[:1].isupper() for t in tokens) and all(t.isalpha() for t in tokens)


def _pools(docs: Sequence[EcbDoc]) -> dict[str, list[tuple[int, str]]]:
    pools: dict[str, list[tuple[int, str]]] = {"name": [], "place": []}
    for doc in docs:
        for sent, marks in doc.markables.items():
            if not 0 <= sent < len(doc.sentences):
                continue
            for tag, i, j in marks:
                words = doc.sentences[sent][i:j]
                if tag == "HUMAN_PART_PER" and 2 <= len(words) <= 3 and _proper(words):
                    pools["name"].append((doc.topic, " ".join(words)))
                elif tag == "LOC_GEO" and 1 <= len(words) <= 3 and _proper(words):
                    pools["place"].append((doc.topic, " ".join(words)))
    return pools


def _change(kind: str, doc: EcbDoc, sent: int, rng: random.Random,
            pools: dict[str, list[tuple[int, str]]],
            common: frozenset[str] = frozenset()) -> list[str] | None:
    """``doc``'s sentence with one ``kind`` slot changed, or ``None`` if it has no such slot.
    A one-word slot that opens the sentence and is a ``common`` word ("Houses collapsed",
    "Inside, ...") is capitalised by position only: not a name, so not a slot."""
    words = list(doc.sentences[sent])
    marks = doc.markables.get(sent, [])
    if kind in ("name", "place"):
        tags = ("HUMAN_PART_PER",) if kind == "name" else ("LOC_GEO", "LOC_FAC")
        spans = [(i, j) for tag, i, j in marks if tag.startswith(tags)
                 and (2 <= j - i <= 3 if kind == "name" else 1 <= j - i <= 3)
                 and _proper(words[i:j])
                 and not (i == 0 and j == 1 and words[0].lower() in common)]
        if not spans:
            return None
        i, j = rng.choice(spans)
        others = [n for t, n in pools[kind] if t != doc.topic and n != " ".join(words[i:j])]
        return words[:i] + rng.choice(others).split() + words[j:]
    if kind == "date":
        for tag, i, j in marks:
            if tag != "TIME_DATE":
                continue
            for k in range(i, j):
                new = _other_date(words[k], rng)
                if new:
                    return words[:k] + [new] + words[k + 1:]
        return None
    if kind == "number":
        timed = {k for tag, i, j in marks if tag.startswith("TIME") for k in range(i, j)}
        nums = [k for k, w in enumerate(words) if k not in timed and k > 0
                and (re.fullmatch(r"\d{1,4}", w) and not re.fullmatch(r"(19|20)\d\d", w)
                     or w.lower() in NUMBER_WORDS and NUMBER_WORDS[w.lower()] < 100)
                and words[k - 1].lower() not in MONTHS]
        if not nums:
            return None
        k = rng.choice(nums)
        value = int(words[k]) if words[k].isdigit() else NUMBER_WORDS[words[k].lower()]
        return words[:k] + [str(value + rng.choice((1, 2, 3, 5, 10)))] + words[k + 1:]
    # negation: "not" after the first auxiliary that is not already negated
    for k, w in enumerate(words[:-1]):
        if w.lower() in _AUX and words[k + 1].lower() not in ("not", "n't", "never", "no"):
            return words[:k + 1] + ["not"] + words[k + 1:]
    return None


def _other_date(word: str, rng: random.Random) -> str | None:
    low = word.lower()
    if low in WEEKDAYS:
        return rng.choice([d for d in WEEKDAYS if d != low]).capitalize()
    if low in MONTHS[:12]:
        return rng.choice([m for m in MONTHS[:12] if m != low]).capitalize()
    if re.fullmatch(r"(19|20)\d\d", word):
        return str(int(word) + rng.choice((-2, -1, 1, 2)))
    if re.fullmatch(r"\d{1,2}", word) and 1 <= int(word) <= 28:
        return str(int(word) % 28 + 1)
    return None


def _article(doc: EcbDoc, sentences: Sequence[str], suffix: str) -> Article:
    text = "\n".join(sentences)
    return Article(id=f"{doc.name}{suffix}", input=doc.name, text=text,
                   text_hash=f"{doc.name}{suffix}", outlet=f"outlet:{doc.name}{suffix}",
                   language="en")


def make_cases(docs: Sequence[EcbDoc], topics: range, per_kind: int = 150,
               seed: int = 13, legacy_slots: bool = False) -> list[Case]:
    """Planted positives (``per_kind`` of each kind) and twice as many untouched negatives
    (``legacy_slots``: also plant in capitalised common words opening a sentence, as the
    first version of this test did)."""
    rng = random.Random(seed)
    pools = _pools(docs)
    common = frozenset() if legacy_slots else frozenset(
        w for d in docs for s in d.sentences for w in s if w.islower())
    by_sub: dict[str, list[EcbDoc]] = defaultdict(list)
    for d in docs:
        if d.topic in topics and len(d.sentences) >= 3:
            by_sub[d.subtopic].append(d)
    subs = sorted(k for k, v in by_sub.items() if len(v) >= 2)
    cases: list[Case] = []
    for kind in (*KINDS, None):
        want = per_kind * 2 if kind is None else per_kind
        slots = [(sub, a, sent) for sub in subs for a in by_sub[sub]
                 for sent in range(1, len(a.sentences)) if len(detok(a.sentences[sent])) >= 40]
        rng.shuffle(slots)
        made = 0
        for sub, a, sent in slots:
            if made >= want:
                break
            original = detok(a.sentences[sent])
            changed = (list(a.sentences[sent]) if kind is None
                       else _change(kind, a, sent, rng, pools, common))
            if changed is None:
                continue
            copy = detok(changed)
            if kind is not None and copy == original:
                continue
            b = rng.choice([d for d in by_sub[sub] if d is not a])
            left = _article(a, [detok(s) for s in a.sentences], "")
            body = [detok(s) for s in b.sentences]
            at = rng.randrange(1, len(body) + 1)
            right = _article(b, body[:at] + [copy] + body[at:], f"+{a.name}:{sent}")
            cases.append(Case(kind, a.topic, left, right, original, copy, at))
            made += 1
    return cases


def _entities(text: str, parsed: dict[str, list[tuple[int, int, str]]]) -> tuple[Entity, ...]:
    out: list[Entity] = []
    offset = 0
    for line in text.split("\n"):
        for start, end, label in parsed.get(line, []):
            span = text[offset + start:offset + end]
            out.append(Entity(id=f"e{len(out)}", name=span, type=label,
                              mentions=(Mention(offset + start, offset + end, span, label),)))
        offset += len(line) + 1
    return tuple(out)


def add_ner(cases: Sequence[Case], model: str | None = None) -> list[Case]:
    """The cases with the entities stage's name mentions (``extract_entities`` over the shipped
    spaCy model: NER, place gazetteer, types) on both articles, as the pipeline gives them to
    corroboration. Lines (one sentence each) are parsed once, through ``nlp.pipe``."""
    from storyline.extract.entities import extract_entities
    from storyline.nlp import pipe

    lines = sorted({line for c in cases for a in (c.left, c.right) for line in a.text.split("\n")})
    parsed = {line: [(m.start, m.end, e.type) for e in extract_entities(doc)
                     for m in e.mentions if m.kind == "name"]
              for line, doc in zip(lines, pipe(lines, model), strict=True)}
    return [dataclasses.replace(c, left=c.left.replace(entities=_entities(c.left.text, parsed)),
                                right=c.right.replace(entities=_entities(c.right.text, parsed)))
            for c in cases]


def predicted_kinds(case: Case) -> set[str]:
    """Kinds of the conflicts that involve the planted copy."""
    start = case.right.text.index(case.copy)
    end = start + len(case.copy)
    found = conflicts("planted", [case.left, case.right])
    return {c.kind for c in found
            if any(s.article == case.right.id and s.start is not None and s.start < end
                   and start < (s.end or 0) for s in c.sides)}


def score(cases: Sequence[Case]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 per kind (plus the false positives of other kinds)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for case in cases:
        got = predicted_kinds(case)
        for kind in got:
            if kind == case.kind:
                tp[kind] += 1
            else:
                fp[kind] += 1
        if case.kind is not None and case.kind not in got:
            fn[case.kind] += 1
    out: dict[str, dict[str, float]] = {}
    for kind in sorted(set(KINDS) | set(fp)):
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        out[kind] = {"precision": round(p, 3), "recall": round(r, 3),
                     "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                     "tp": tp[kind], "fp": fp[kind], "fn": fn[kind]}
    return out


def evaluate(data_dir: Path, split: str = "test", per_kind: int = 150,
             seed: int = 13, ner: bool = True, legacy_slots: bool = False) -> dict[str, object]:
    """Generate the planted cases of ``split`` (dev: topics 1–22, test: 23–45) and score them."""
    root = data_dir / "ecbplus" / "ECB+"
    docs = load_ecb(root)
    topics = range(1, 23) if split == "dev" else range(23, 46)
    started = time.perf_counter()
    cases = make_cases(docs, topics, per_kind, seed, legacy_slots)
    if ner:
        cases = add_ner(cases)
    result = score(cases)
    return {"split": split, "cases": len(cases),
            "positives": sum(c.kind is not None for c in cases),
            "negatives": sum(c.kind is None for c in cases), "seed": seed,
            "ner": ner, "legacy_slots": legacy_slots,
            "seconds": round(time.perf_counter() - started, 1), "kinds": result}


def main(argv: Sequence[str] | None = None) -> int:
    """``storyline eval conflicts``: print the planted-conflict scores as JSON."""
    parser = argparse.ArgumentParser(prog="storyline eval conflicts", description=__doc__.split(
        "\n\n")[0])
    parser.add_argument("--data", default="../shared/data", help="the shared data folder")
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--per-kind", type=int, default=150)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-ner", action="store_true",
                        help="do not give the articles entity mentions (surface cues only)")
    parser.add_argument("--legacy-slots", action="store_true",
                        help="also plant in capitalised common words opening a sentence "
                             "(the first version of this test)")
    args = parser.parse_args(argv)
    root = Path(args.data)
    if not (root / "ecbplus" / "ECB+").is_dir():
        print(f"error: ECB+ not found under {root} (expected ecbplus/ECB+)", file=sys.stderr)
        return 2
    print(json.dumps(evaluate(root, args.split, args.per_kind, args.seed,
                              not args.no_ner, args.legacy_slots), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
