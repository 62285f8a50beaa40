"""The near-duplicate test set and its pairwise scores (used by ``bench/near_duplicates.py`` and
``tests/eval/test_dedupe_quality.py``).

The set is built reproducibly (one seed) from real text nobody on the team wrote:

* originals: the 181 hand-extracted bodies of ``article-extraction-benchmark/ground-truth.json``;
  each gets one copy per perturbation kind (:mod:`storyline.dedupe.perturb`), two copies
  with 2–4 kinds combined and one ``heavy`` copy with all of :data:`perturb.HEAVY` at once; an original and its copies are one gold group;
* hard negatives: the ECB+ articles (``ecbplus/ECB+/<topic>/*.xml``), every sub-topic being one
  real event reported by 3–22 outlets; each article is its own gold group, so merging two
  articles about the same event is a false positive. A share of them also get one perturbed
  copy, so copies must be found *among* same-event articles.

Scores are pairwise over all pairs of documents: a pair is predicted positive when both land in
one predicted group, gold positive when both are in one gold group.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.config import Settings
from storyline.dedupe import perturb
from storyline.dedupe.fingerprint import Fingerprint
from storyline.dedupe.index import DuplicateIndex

_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


@dataclass(frozen=True)
class Doc:
    """One document of the test set: ``gold`` names its gold group, ``kind`` how it was made
    (``original``, ``ecb``, a perturbation kind or ``combo``), ``event`` the ECB+ sub-topic."""

    id: str
    text: str
    gold: str
    kind: str
    event: str | None = None


def load_aeb(data: Path) -> dict[str, str]:
    """Article bodies of the article-extraction-benchmark, by page id (sorted)."""
    path = data / "article-extraction-benchmark" / "ground-truth.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {key: raw[key]["articleBody"] for key in sorted(raw)}


def _detokenise(tokens: Iterable[str]) -> str:
    text = " ".join(tokens).replace("``", '"').replace("''", '"')
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


def load_ecb_doc(path: Path) -> str:
    """An ECB+ article as text: sentences from its ``<token>`` elements, two per paragraph;
    the URL line that opens ``*ecbplus.xml`` files is left out."""
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    order = sorted(sentences)
    if path.name.endswith("ecbplus.xml") and order and order[0] == 0:
        order = order[1:]
    lines = [_detokenise(sentences[i]) for i in order]
    return "\n\n".join(" ".join(lines[i : i + 2]) for i in range(0, len(lines), 2))


def load_ecb(data: Path, topics: Sequence[str] | None = None) -> list[tuple[str, str, str]]:
    """``(file name, sub-topic, text)`` for the ECB+ articles (all topics, or ``topics``)."""
    root = data / "ecbplus" / "ECB+"
    dirs = sorted((d for d in root.iterdir() if d.is_dir()), key=lambda d: int(d.name))
    out = []
    for folder in dirs:
        if topics is not None and folder.name not in topics:
            continue
        for path in sorted(folder.glob("*.xml")):
            event = folder.name + ("plus" if path.name.endswith("ecbplus.xml") else "ecb")
            out.append((path.name, event, load_ecb_doc(path)))
    return out


def _vocab(texts: Iterable[str], size: int = 5000) -> list[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w for w in re.findall(r"[A-Za-z]+", text) if len(w) > 2)
    return sorted(w for w, _ in counts.most_common(size))


def build(
    data: Path,
    seed: int = 13,
    aeb_limit: int | None = None,
    ecb_topics: Sequence[str] | None = None,
    ecb_copy_share: float = 0.3,
    combos: int = 2,
) -> list[Doc]:
    """The perturbation test set (see the module docstring), in a seeded shuffled order."""
    rng = random.Random(seed)
    aeb = load_aeb(data)
    keys = list(aeb)[:aeb_limit] if aeb_limit else list(aeb)
    ecb = load_ecb(data, ecb_topics)
    vocab = _vocab([aeb[k] for k in keys] + [t for _, _, t in ecb])
    docs: list[Doc] = []

    def copies(key: str, text: str, gold: str, event: str | None, kinds: Sequence[str]) -> None:
        for n, kind in enumerate(kinds):
            other = aeb[rng.choice([k for k in keys if k != key] or keys)]
            ctx = perturb.Context(vocab, perturb.paragraphs(other))
            copy_rng = random.Random(f"{seed}:{key}:{n}:{kind}")
            if kind == "combo":
                new = perturb.combo(text, copy_rng, ctx)
            elif kind == "heavy":
                new = perturb.combo(text, copy_rng, ctx, perturb.HEAVY)
            else:
                new = perturb.KINDS[kind](text, copy_rng, ctx)
            docs.append(Doc(f"{key}~{n}", new, gold, kind, event))

    for key in keys:
        docs.append(Doc(key, aeb[key], key, "original"))
        copies(key, aeb[key], key, None, [*sorted(perturb.KINDS), *["combo"] * combos, "heavy"])
    for name, event, text in ecb:
        docs.append(Doc(name, text, name, "ecb", event))
        if rng.random() < ecb_copy_share:
            copies(name, text, name, event, [rng.choice([*sorted(perturb.KINDS), "combo"])])
    rng.shuffle(docs)
    return docs


@dataclass(frozen=True)
class Scores:
    """Pairwise precision, recall and F1, with the pair counts they come from."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int

    def to_dict(self) -> dict[str, float | int]:
        return dict(self.__dict__)


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def pairwise(
    gold: Sequence[str],
    predicted: Sequence[str],
    ignore: Iterable[tuple[int, int]] = (),
) -> Scores:
    """Pairwise scores of a predicted grouping (one label per document) against the gold one.

    ``ignore`` lists document pairs (positions) that are neither positive nor negative (gold
    says different groups, but they are too close to call): they are left out of the counts.
    """
    true_pairs = _pairs(Counter(zip(gold, predicted, strict=True)).values())
    predicted_pairs = _pairs(Counter(predicted).values())
    predicted_pairs -= sum(
        1 for i, j in ignore if predicted[i] == predicted[j] and gold[i] != gold[j]
    )
    gold_pairs = _pairs(Counter(gold).values())
    p = true_pairs / predicted_pairs if predicted_pairs else 1.0
    r = true_pairs / gold_pairs if gold_pairs else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(p, r, f1, true_pairs, predicted_pairs, gold_pairs)


def groups_from_matches(ids: Sequence[str], matches: Iterable[tuple[str, str]]) -> list[str]:
    """One group label per id from ``(id, id it duplicates)`` edges (union-find)."""
    parent = {i: i for i in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in matches:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
    return [root(i) for i in ids]


def per_kind_recall(docs: Sequence[Doc], labels: Sequence[str]) -> dict[str, float]:
    """For each copy kind: the share of copies grouped with their original."""
    label = {d.id: lab for d, lab in zip(docs, labels, strict=True)}
    hits: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for d in docs:
        if d.kind in ("original", "ecb"):
            continue
        total[d.kind] += 1
        hits[d.kind] += label[d.id] == label[d.gold]
    return {k: hits[k] / total[k] for k in sorted(total)}


def same_event_merges(
    docs: Sequence[Doc], labels: Sequence[str], truth: Gold
) -> tuple[int, int]:
    """``(merged, total)`` pairs of ECB+ articles about the same event that gold says are
    distinct (verbatim coverage below the ``distinct`` band: no reprints, no partial reuse)."""
    close = {frozenset((x, y)) for x, y, _ in truth.close}
    events: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        if d.kind == "ecb" and d.event:
            events.setdefault(d.event, []).append(i)
    merged = total = 0
    for members in events.values():
        for i, j in itertools.combinations(members, 2):
            if truth.labels[i] == truth.labels[j] or frozenset((docs[i].id, docs[j].id)) in close:
                continue
            total += 1
            merged += labels[i] == labels[j]
    return merged, total


Grouper = Callable[[Sequence[Doc]], list[str]]


def _base(doc_id: str) -> str:
    return doc_id.split("~")[0]


def verbatim_coverage(a: str, b: str, min_block: int = 8) -> float:
    """Share of the shorter text's words that lie inside a passage of ``min_block``+ words
    that also occurs, word for word, somewhere in the other text (order free, so moved
    paragraphs still count). Plain string n-grams, independent of the hashing under test;
    used only to label the ECB+ articles that are reprints."""
    wa, wb = re.findall(r"\w+", a.lower()), re.findall(r"\w+", b.lower())
    if len(wa) > len(wb):
        wa, wb = wb, wa
    if len(wa) < min_block:
        return 1.0 if " ".join(wa) in " ".join(wb) and wa else 0.0
    grams = {tuple(wb[i : i + min_block]) for i in range(len(wb) - min_block + 1)}
    covered = [False] * len(wa)
    for i in range(len(wa) - min_block + 1):
        if tuple(wa[i : i + min_block]) in grams:
            covered[i : i + min_block] = [True] * min_block
    return sum(covered) / len(wa)


@dataclass(frozen=True)
class Gold:
    """Gold group per document, the pairs left out of the scores, and the ECB+ reprint pairs."""

    labels: list[str]
    ignore: list[tuple[int, int]]
    reprints: list[tuple[str, str, float]]
    close: list[tuple[str, str, float]]


def gold(docs: Sequence[Doc], reprint: float = 0.8, distinct: float = 0.3) -> Gold:
    """Gold groups with ECB+ reality folded in.

    ECB+ is not a clean set of distinct articles: outlets ran the same wire copy. Two articles
    about one event whose verbatim coverage (:func:`verbatim_coverage`) is at least ``reprint``
    are one gold group (a reprint); between ``distinct`` and ``reprint`` (wire copy partly
    reused and rewritten) the pair is left out of the scores; below ``distinct`` the articles
    are distinct, and merging them is a false positive.
    """
    texts = {d.id: d.text for d in docs if d.kind == "ecb"}
    events: dict[str, list[str]] = {}
    for d in docs:
        if d.kind == "ecb" and d.event:
            events.setdefault(d.event, []).append(d.id)
    parent = {d.gold: d.gold for d in docs}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    reprints, close = [], []
    for members in events.values():
        for x, y in itertools.combinations(sorted(members), 2):
            c = verbatim_coverage(texts[x], texts[y])
            if c >= reprint:
                reprints.append((x, y, c))
                rx, ry = root(x), root(y)
                if rx != ry:
                    parent[max(rx, ry)] = min(rx, ry)
            elif c >= distinct:
                close.append((x, y, c))
    labels = [root(d.gold) for d in docs]
    where: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        where.setdefault(_base(d.id), []).append(i)
    ignore = [
        (i, j) for x, y, _ in close for i in where[x] for j in where[y] if labels[i] != labels[j]
    ]
    return Gold(labels, ignore, reprints, close)


def group_with_index(
    docs: Sequence[Doc], fps: Sequence[Fingerprint], settings: Settings
) -> list[str]:
    """Add the documents in order to a :class:`DuplicateIndex`; groups from every verified match
    (the best one and ``Match.also``)."""
    index = DuplicateIndex(settings)
    edges: list[tuple[str, str]] = []
    for d, fp in zip(docs, fps, strict=True):
        m = index.add(d.id, fp)
        if m is not None:
            edges.extend((d.id, other) for other in (m.id, *m.also))
    return groups_from_matches([d.id for d in docs], edges)


def group_with_plain_lsh(docs: Sequence[Doc], threshold: float, num_perm: int = 128,
                         shingle: int = 5) -> list[str]:
    """The reference: plain datasketch (SHA-1 hashed word ``shingle``-grams, ``MinHash.bulk``,
    ``MinHashLSH`` at ``threshold``); every LSH candidate is taken as a duplicate."""
    from datasketch import MinHash, MinHashLSH

    def grams(text: str) -> list[bytes]:
        w = text.lower().split()
        return [" ".join(w[i : i + shingle]).encode() for i in range(max(1, len(w) - shingle + 1))]

    hashes = MinHash.bulk([grams(d.text) for d in docs], num_perm=num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    edges: list[tuple[str, str]] = []
    for d, mh in zip(docs, hashes, strict=True):
        edges.extend((d.id, other) for other in sorted(lsh.query(mh)))
        lsh.insert(d.id, mh, check_duplication=False)
    return groups_from_matches([d.id for d in docs], edges)


def score(docs: Sequence[Doc], labels: Sequence[str], truth: Gold) -> dict[str, object]:
    """Everything the benchmark reports for one predicted grouping."""
    merged, total = same_event_merges(docs, labels, truth)
    return {
        "scores": pairwise(truth.labels, labels, truth.ignore).to_dict(),
        "strict": pairwise([d.gold for d in docs], labels).to_dict(),
        "recall_by_kind": per_kind_recall(docs, labels),
        "same_event_merged": merged,
        "same_event_pairs": total,
    }
