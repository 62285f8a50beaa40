"""``storyline eval entities``: the entity stage and resolver measured on real data.

1. GUM (``data/gum``, split ``test`` by default; tuned on ``dev``): in-document person
   clustering B³ of ``extract.entities`` (names, titles and pronouns), beside a string-match
   baseline on the same name mentions (names with the same folded text form one cluster).
2. Seeds (``seeds/``): every spelling variant of one person merged across the five articles;
   Trump, Putin, Zelensky, Peskov and Ushakov never merged with each other; the title
   speakers of the seeds resolved.
3. Speed: entities ms/article against parse ms/article, on the seeds and on real articles
   (PolNeAR texts).

``main(argv)`` prints a table (or JSON with ``--json``) and returns 0, or 2 when data is missing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.extract.entities import extract_entities
from storyline.resolve.gum import FIRST_SECOND, GumDoc, b_cubed, in_scope, read_gum, split_names
from storyline.resolve.names import fold
from storyline.resolve.resolver import EntityResolver

DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared"

#: Seeds gold: each person's surface forms in the five seed articles (written from reading them).
SEED_PEOPLE: dict[str, tuple[str, ...]] = {
    "Trump": ("Donald Trump", "Trump"),
    "Putin": ("Vladimir Putin", "Putin"),
    "Zelensky": ("Volodymyr Zelenskyy", "Volodymyr Zelensky", "Zelensky"),
    "Peskov": ("Dmitri Peskov", "Dmitry Peskov", "Peskov"),
    "Ushakov": ("Yuri Ushakov", "Ushakov"),
    "Waltz": ("Mike Waltz", "Michael Waltz"),
    "Rubio": ("Marco Rubio",),
    "Grushko": ("Alexander Grushko", "Grushko"),
}
#: People who must stay apart (the last pair: a reporting error, two different US envoys).
SEED_DISTINCT: tuple[str, ...] = ("Trump", "Putin", "Zelensky", "Peskov", "Ushakov")
SEED_APART: tuple[tuple[str, str], ...] = (("Kurt Volker", "Steve Whitkov"),)
#: Title mentions of the seeds and the person they name: (file prefix, text, person).
SEED_TITLES: tuple[tuple[str, str, str], ...] = (
    ("002", "the president", "Zelensky"),
    ("002", "the diplomat", "Grushko"),
    ("004", "The Kremlin spokesperson", "Peskov"),
    ("004", "the Russian leader", "Putin"),
)


def _pipeline(model: str | None):
    from storyline.nlp import load_pipeline

    return load_pipeline(model)


def _gum_doc(nlp, gold: GumDoc):
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=gold.words, spaces=gold.spaces)
    return nlp(doc)


def _align(doc, gold: GumDoc, entities, names_only: bool) -> list[set[object]]:
    spans = sorted(gold.persons, key=lambda s: s[1] - s[0])
    clusters: list[set[object]] = []
    used: set[object] = set()
    groups: dict[str, list] = {}
    for entity in entities:
        if entity.type != "PERSON":
            continue
        for mention in entity.mentions:
            if names_only and mention.kind != "name":
                continue
            key = fold(mention.text) if names_only else entity.id
            groups.setdefault(key, []).append(mention)
    for mentions in groups.values():
        cluster: set[object] = set()
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            target: object = next((s for s in spans if s[0] <= span.start and span.end <= s[1]),
                                  ("sys", span.start, span.end))
            if target not in used:
                used.add(target)
                cluster.add(target)
        clusters.append(cluster)
    return clusters


def _link_accuracy(doc, gold: GumDoc, entities, counts: dict[str, list[int]]) -> None:
    """Count resolved pronoun and title mentions whose gold cluster is the one most of their
    entity's name mentions belong to (``counts[kind] = [right, judged]``)."""
    spans = sorted(gold.persons, key=lambda s: s[1] - s[0])
    for entity in entities:
        if entity.type != "PERSON":
            continue
        aligned = []
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            target = None if span is None else next(
                (s for s in spans if s[0] <= span.start and span.end <= s[1]), None)
            aligned.append((mention.kind, gold.persons.get(target) if target else None))
        names = Counter(group for kind, group in aligned if kind == "name" and group)
        if not names:
            continue
        top = names.most_common(1)[0][0]
        for kind, group in aligned:
            if kind != "name" and group is not None:
                row = counts.setdefault(kind, [0, 0])
                row[0] += group == top
                row[1] += 1


def evaluate_gum(gum_root: Path, split: str = "test", model: str | None = None) -> dict[str, Any]:
    """B³ of in-document person clustering on a GUM split (system and string-match baseline)."""
    nlp = _pipeline(model)
    names = [n for n in split_names(gum_root, split) if (gum_root / "dep" / f"{n}.conllu").is_file()]
    totals: dict[str, list[list[set[object]]]] = {k: [[], []] for k in
                                                   ("system", "baseline", "system_3p",
                                                    "system_scope", "baseline_scope")}
    gold_mentions = 0
    elapsed = 0.0
    links: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        gold = read_gum(gum_root / "dep" / f"{name}.conllu")
        doc = _gum_doc(nlp, gold)
        started = time.perf_counter()
        entities = extract_entities(doc)
        elapsed += time.perf_counter() - started
        key: dict[str, set[object]] = {}
        key_3p: dict[str, set[object]] = {}
        key_scope: dict[str, set[object]] = {}
        for span, group in gold.persons.items():
            key.setdefault(group, set()).add(span)
            text = " ".join(gold.words[span[0]:span[1]]).lower()
            if text not in FIRST_SECOND:
                key_3p.setdefault(group, set()).add(span)
            if in_scope(gold, span):
                key_scope.setdefault(group, set()).add(span)
        gold_mentions += len(gold.persons)
        _link_accuracy(doc, gold, entities, links)
        # keys are made unique per document by prefixing the document index
        def tag(clusters: list[set[object]], i: int = index) -> list[set[object]]:
            return [{(i, m) for m in c} for c in clusters]
        system = _align(doc, gold, entities, names_only=False)
        totals["system"][0] += tag(list(key.values()))
        totals["system"][1] += tag(system)
        totals["system_3p"][0] += tag(list(key_3p.values()))
        totals["system_3p"][1] += tag(system)
        baseline = _align(doc, gold, entities, names_only=True)
        totals["baseline"][0] += tag(list(key.values()))
        totals["baseline"][1] += tag(baseline)
        totals["system_scope"][0] += tag(list(key_scope.values()))
        totals["system_scope"][1] += tag(system)
        totals["baseline_scope"][0] += tag(list(key_scope.values()))
        totals["baseline_scope"][1] += tag(baseline)
    result: dict[str, Any] = {"split": split, "documents": len(names),
                              "gold_person_mentions": gold_mentions,
                              "entities_ms_per_doc": 1000 * elapsed / max(len(names), 1),
                              "links": {k: {"right": r, "judged": n, "accuracy": r / n if n else 0.0}
                                        for k, (r, n) in sorted(links.items())}}
    for label, (key_clusters, response) in totals.items():
        p, r, f = b_cubed(key_clusters, response)
        result[label] = {"precision": p, "recall": r, "f1": f}
    return result


def _seed_articles(seeds: Path, model: str | None) -> list[tuple[str, str, Any]]:
    nlp = _pipeline(model)
    return [(path.name, path.read_text(encoding="utf-8"), nlp)
            for path in sorted(seeds.glob("*.txt"))]


def evaluate_seeds(seeds: Path, model: str | None = None) -> dict[str, Any]:
    """The seed checks: merges, separations, title speakers; plus timings."""
    resolver = EntityResolver()
    per_article: dict[str, tuple] = {}
    parse_ms: list[float] = []
    entity_ms: list[float] = []
    for name, text, nlp in _seed_articles(seeds, model):
        started = time.perf_counter()
        doc = nlp(text)
        parsed = time.perf_counter()
        entities = extract_entities(doc)
        done = time.perf_counter()
        parse_ms.append(1000 * (parsed - started))
        entity_ms.append(1000 * (done - parsed))
        per_article[name] = entities
        resolver.add(name, entities, story="seeds")
    checks: list[dict[str, Any]] = []

    def ids_of(form: str) -> set[str]:
        return {resolver.canonical_id(e.id) for ents in per_article.values() for e in ents
                if e.type == "PERSON" and any(m.kind == "name" and " ".join(m.text.split()) == form
                                              for m in e.mentions)}

    canonical: dict[str, set[str]] = {}
    for person, forms in SEED_PEOPLE.items():
        found = {form: ids_of(form) for form in forms}
        ids = set().union(*found.values())
        canonical[person] = ids
        missing = [f for f, i in found.items() if not i]
        checks.append({"check": f"{person}: {' / '.join(forms)} merged",
                       "passed": len(ids) == 1 and not missing,
                       "detail": f"{len(ids)} identities" + (f"; not found: {missing}"
                                                             if missing else "")})
    for i, a in enumerate(SEED_DISTINCT):
        for b in SEED_DISTINCT[i + 1:]:
            checks.append({"check": f"{a} != {b}", "passed": not canonical[a] & canonical[b],
                           "detail": ""})
    for a, b in SEED_APART:
        checks.append({"check": f"{a} != {b} (different envoys)",
                       "passed": not ids_of(a) & ids_of(b), "detail": ""})
    for prefix, text, person in SEED_TITLES:
        ents = next(v for k, v in per_article.items() if k.startswith(prefix))
        holder = [e for e in ents for m in e.mentions if m.kind == "title" and m.text == text]
        ok = bool(holder) and resolver.canonical_id(holder[0].id) in canonical[person]
        checks.append({"check": f"{prefix}: {text!r} -> {person}", "passed": ok,
                       "detail": holder[0].name if holder else "unresolved"})
    pronouns = sum(1 for ents in per_article.values() for e in ents for m in e.mentions
                   if m.kind == "pronoun")
    return {"checks": checks, "passed": sum(c["passed"] for c in checks),
            "total": len(checks), "resolved_pronouns": pronouns,
            "parse_ms_per_article": statistics.mean(parse_ms),
            "entities_ms_per_article": statistics.mean(entity_ms)}


def evaluate_speed(texts: Sequence[str], model: str | None = None) -> dict[str, Any]:
    """Parse and entity-stage time per article on real texts."""
    nlp = _pipeline(model)
    parse_s = entity_s = 0.0
    words = 0
    for text in texts:
        started = time.perf_counter()
        doc = nlp(text)
        parsed = time.perf_counter()
        extract_entities(doc)
        parse_s += parsed - started
        entity_s += time.perf_counter() - parsed
        words += len(text.split())
    n = max(len(texts), 1)
    return {"articles": len(texts), "mean_words": words / n,
            "parse_ms_per_article": 1000 * parse_s / n,
            "entities_ms_per_article": 1000 * entity_s / n,
            "entities_share_of_parse": entity_s / parse_s if parse_s else 0.0}


def evaluate_resolver_scale(articles: int, seed: int = 1) -> dict[str, Any]:
    """``EntityResolver.add`` time per article as the corpus grows, on synthetic articles: 8
    random "Given Surname" people each (3,000 given names x 20,000 surnames of random
    syllables), half also named by surname alone, and one place."""
    import random

    from storyline.extract.entities import entity_id
    from storyline.records import Entity

    rng = random.Random(seed)

    def word(syllables: int) -> str:
        return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou")
                       for _ in range(syllables)).title()

    given = [word(2) for _ in range(3000)]
    surnames = [word(3) for _ in range(20000)]

    def entity(name: str, type_: str = "PERSON") -> Entity:
        return Entity(id=entity_id(type_, name), name=name, type=type_, roles=("minister",))

    resolver = EntityResolver()
    times: list[float] = []
    for index in range(articles):
        batch = []
        for _ in range(8):
            first, last = rng.choice(given), rng.choice(surnames)
            batch.append(entity(f"{first} {last}"))
            if rng.random() < 0.5:
                batch.append(entity(last))
        batch.append(entity(f"Place {word(2)}", "GPE"))
        started = time.perf_counter()
        resolver.add(f"a{index}", batch, story=f"s{index // 50}")
        times.append(time.perf_counter() - started)
    step = max(articles // 5, 1)
    return {"articles": articles, "records": len(resolver),
            "ms_per_article_by_fifth": [1000 * statistics.mean(times[k:k + step])
                                        for k in range(0, articles, step)]}


def polnear_texts(data: Path, limit: int) -> list[str]:
    """Up to ``limit`` real news texts from PolNeAR (dev, then test, then train)."""
    texts: list[str] = []
    for split in ("dev", "test", "train"):
        for path in sorted((data / "polnear" / "data" / split / "text").glob("*.txt")):
            if len(texts) >= limit:
                return texts
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def _table(report: dict[str, Any]) -> str:
    lines: list[str] = []
    gum = report.get("gum")
    if gum:
        lines.append(f"GUM {gum['split']} ({gum['documents']} documents, "
                     f"{gum['gold_person_mentions']} gold person mentions): person B3")
        lines.append(f"  {'':36} {'P':>6} {'R':>6} {'F1':>6}")
        for label, title in (("system", "all gold person mentions: system"),
                             ("baseline", "  string-match baseline"),
                             ("system_3p", "gold without I/we/you: system"),
                             ("system_scope", "gold names + he/she: system"),
                             ("baseline_scope", "  string-match baseline")):
            row = gum[label]
            lines.append(f"  {title:36.36} {row['precision']:6.3f} {row['recall']:6.3f} "
                         f"{row['f1']:6.3f}")
        for kind, row in gum["links"].items():
            lines.append(f"  resolved {kind} mentions in the right gold cluster: "
                         f"{row['right']}/{row['judged']} ({row['accuracy']:.3f})")
    seeds = report.get("seeds")
    if seeds:
        lines.append(f"Seeds: {seeds['passed']}/{seeds['total']} checks passed "
                     f"({seeds['resolved_pronouns']} pronouns resolved)")
        for check in seeds["checks"]:
            mark = "ok  " if check["passed"] else "FAIL"
            lines.append(f"  {mark} {check['check']}  {check['detail']}".rstrip())
    for label in ("seeds", "speed"):
        part = report.get(label)
        if part and "parse_ms_per_article" in part:
            lines.append(f"Speed ({label}): parse {part['parse_ms_per_article']:.1f} ms/article, "
                         f"entities {part['entities_ms_per_article']:.1f} ms/article "
                         f"({100 * part['entities_ms_per_article'] / part['parse_ms_per_article']:.1f}%"
                         " of parse)")
    scale = report.get("scale")
    if scale:
        fifths = ", ".join(f"{ms:.1f}" for ms in scale["ms_per_article_by_fifth"])
        lines.append(f"Resolver scale: {scale['articles']} synthetic articles, "
                     f"{scale['records']} records; add() ms/article by fifth of the run: {fifths}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the entity evaluations; print a table (``--json`` for JSON)."""
    parser = argparse.ArgumentParser(prog="storyline eval entities", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="folder holding data/ and seeds/ (default: ../shared)")
    parser.add_argument("--split", default="test", choices=("dev", "test", "train"),
                        help="GUM split (default test; tuned on dev)")
    parser.add_argument("--speed-articles", type=int, default=200,
                        help="real articles timed for speed (0 to skip)")
    parser.add_argument("--scale", type=int, default=0,
                        help="also time the resolver over N synthetic articles (e.g. 5000)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: shipped)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(list(argv) if argv is not None else None)
    data, seeds = args.shared / "data", args.shared / "seeds"
    report: dict[str, Any] = {}
    if (data / "gum" / "splits.md").is_file():
        report["gum"] = evaluate_gum(data / "gum", args.split, args.model)
    if seeds.is_dir():
        report["seeds"] = evaluate_seeds(seeds, args.model)
    if args.speed_articles > 0 and (data / "polnear").is_dir():
        report["speed"] = evaluate_speed(polnear_texts(data, args.speed_articles), args.model)
    if args.scale > 0:
        report["scale"] = evaluate_resolver_scale(args.scale)
    if not report:
        print(f"no evaluation data under {args.shared} (need data/gum, seeds/ or data/polnear)")
        return 2
    print(json.dumps(report, indent=2) if args.json else _table(report))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
