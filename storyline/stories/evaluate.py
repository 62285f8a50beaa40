"""Story clustering quality against public data: ``evaluate_stories(data_dir)`` / ``main``.

* ECB+: B³ at topic level (43 topics; our storyline level) and sub-topic level (86 real-world
  events; our story level), beside the one-pass TF-IDF baseline with its best threshold per
  level (an oracle-tuned baseline), in the same run, over several stream orders.
* Timeline17 BP oil spill + H1N1, all outlets in date order: the share of each topic's articles
  in its largest storyline, and how many storylines each topic is spread over; then again with
  the 2009 flu coverage moved onto the 2010 spill dates, so both run at once and the storyline
  B³ precision shows whether they stay apart.
* Timeline17 date selection: Date-F1 of ``timeline_dates.select_dates`` against the
  journalists' timelines (news-tls protocol, see ``timeline_eval``).
* The bundled sample corpus (gold episodes in examples/expected.json) and the five real seeds.

    python -m storyline.stories.evaluate ../shared/data
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.stories.baseline import bag, bcubed, one_pass
from storyline.stories.corpora import load_ecbplus, load_timeline17
from storyline.stories.doc import StoryDoc, parse_day, story_doc_from_output
from storyline.stories.index import Assignment, StoryIndex, date_order
from storyline.stories.params import StoryParams
from storyline.stories.timeline_eval import evaluate_timelines

REPO = Path(__file__).resolve().parents[2]
BASELINE_THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 13))  # 0.05 .. 0.60


def _run(docs: Sequence[StoryDoc], params: StoryParams | None = None
         ) -> tuple[list[Assignment], float]:
    """Assignments with their *final* storyline (storylines merge as stories grow)."""
    index = StoryIndex(params)
    start = time.perf_counter()
    out = [index.add(d) for d in docs]
    seconds = time.perf_counter() - start
    return [dataclasses.replace(a, storyline_id=index.storyline_of(a.story_id))
            for a in out], seconds


def ecbplus(data_dir: Path, params: StoryParams | None = None, seeds: Sequence[int] = (0, 1, 2),
            baseline: bool = True) -> dict[str, Any]:
    """B³ per level for ours and the baseline, averaged (and min) over stream orders."""
    runs: list[dict[str, Any]] = []
    for seed in seeds:
        gold = load_ecbplus(data_dir, seed)
        docs = [g.doc for g in gold]
        topics = [g.topic for g in gold]
        subs = [g.subtopic for g in gold]
        got, seconds = _run(docs, params)
        run: dict[str, Any] = {
            "seed": seed,
            "ours": {
                "topic_storyline": bcubed([a.storyline_id for a in got], topics),
                "topic_story": bcubed([a.story_id for a in got], topics),
                "subtopic_story": bcubed([a.story_id for a in got], subs),
                "stories": len({a.story_id for a in got}),
                "storylines": len({a.storyline_id for a in got}),
                "seconds": round(seconds, 2),
            },
        }
        if baseline:
            bags = [bag(d) for d in docs]
            sweep = {}
            for th in BASELINE_THRESHOLDS:
                labels = one_pass(docs, th, bags)
                sweep[th] = {"topic": bcubed(labels, topics), "subtopic": bcubed(labels, subs),
                             "clusters": len(set(labels))}
            run["baseline"] = sweep
        runs.append(run)
    return _summarise_ecb(runs, baseline)


def _mean(xs: Sequence[float]) -> float:
    return round(sum(xs) / len(xs), 4)


def _summarise_ecb(runs: list[dict[str, Any]], baseline: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"orders": len(runs), "runs": runs, "ours": {}, "baseline": {}}
    for key in ("topic_storyline", "topic_story", "subtopic_story"):
        f1s = [r["ours"][key]["f1"] for r in runs]
        out["ours"][key] = {m: _mean([r["ours"][key][m] for r in runs])
                            for m in ("precision", "recall", "f1")} | {"f1_min": min(f1s)}
    out["ours"]["stories"] = _mean([r["ours"]["stories"] for r in runs])
    out["ours"]["storylines"] = _mean([r["ours"]["storylines"] for r in runs])
    if baseline:
        for level in ("topic", "subtopic"):
            best_th, best = None, None
            for th in BASELINE_THRESHOLDS:
                f1 = _mean([r["baseline"][th][level]["f1"] for r in runs])
                if best is None or f1 > best["f1"]:
                    best_th = th
                    best = {m: _mean([r["baseline"][th][level][m] for r in runs])
                            for m in ("precision", "recall", "f1")}
                    best["f1_min"] = min(r["baseline"][th][level]["f1"] for r in runs)
            out["baseline"][level] = (best or {}) | {"threshold": best_th}
    return out


def timeline17(data_dir: Path, params: StoryParams | None = None,
               shift: dict[str, int] | None = None) -> dict[str, Any]:
    gold = load_timeline17(data_dir, shift=shift)
    got, seconds = _run([g.doc for g in gold], params)
    by_topic: dict[str, Counter[str]] = defaultdict(Counter)
    stories_by_topic: dict[str, set[str]] = defaultdict(set)
    for g, a in zip(gold, got, strict=True):
        by_topic[g.topic][a.storyline_id] += 1
        stories_by_topic[g.topic].add(a.story_id)
    topics: dict[str, Any] = {}
    largest: dict[str, str] = {}
    for topic, counts in sorted(by_topic.items()):
        line, n = counts.most_common(1)[0]
        largest[topic] = line
        total = sum(counts.values())
        topics[topic] = {"articles": total, "in_largest_storyline": round(n / total, 4),
                         "storylines": len(counts), "stories": len(stories_by_topic[topic]),
                         "storylines_with_2plus": sum(1 for c in counts.values() if c >= 2)}
    return {
        "topics": topics,
        "largest_storylines_distinct": len(set(largest.values())) == len(largest),
        "storyline_b3": bcubed([a.storyline_id for a in got], [g.topic for g in gold]),
        "seconds": round(seconds, 2),
    }


def _sample_records(paths: list[str]) -> list[dict[str, Any]]:
    from storyline.config import Settings
    from storyline.runner import analyse

    return [r for r in analyse(paths, Settings({"execute.workers": 1})) if not r["rejected"]]


def sample(params: StoryParams | None = None) -> dict[str, Any]:
    """The bundled sample corpus against the episodes of examples/expected.json, fed in input
    (file) order and in date order (undated last)."""
    expected = json.loads((REPO / "examples" / "expected.json").read_text(encoding="utf-8"))
    records = _sample_records([str(REPO / "examples" / "corpus")])
    key_of: dict[str, str] = {}
    for key, meta in expected["docs"].items():
        matches = [r for r in records if r["title"] == meta["title"]]
        if len(matches) > 1:
            matches = [r for r in matches if r["outlet"] == meta["outlet"]] or matches
        if matches:
            key_of[matches[0]["id"]] = key
    docs = [story_doc_from_output(r) for r in records]
    return {"input_order": _score_sample(docs, key_of, expected["stories"], params),
            "date_order": _score_sample(date_order(docs), key_of, expected["stories"], params)}


def _score_sample(docs: list[StoryDoc], key_of: dict[str, str], st: dict[str, Any],
                  params: StoryParams | None) -> dict[str, Any]:
    gold: dict[str, str] = {}
    for ep in st["episodes"]:
        for key in ep["articles"]:
            gold[key] = ep["id"]
    for i, dis in enumerate(st["distractors"]):
        for key in dis["articles"]:
            gold[key] = f"distractor{i}"
    got, _ = _run(docs, params)
    keys = [key_of.get(a.doc_id, a.doc_id) for a in got]
    story = [a.story_id for a in got]
    line = [a.storyline_id for a in got]
    in_line = [k in st["storyline"]["articles"] for k in keys]
    groups: dict[str, list[str]] = defaultdict(list)
    for k, s in zip(keys, story, strict=True):
        groups[s].append(k)
    lines = {ln for ln, inside in zip(line, in_line, strict=True) if inside}
    distractor_lines = {ln for ln, inside in zip(line, in_line, strict=True) if not inside}
    return {
        "story_b3": bcubed(story, [gold.get(k, k) for k in keys]),
        "storyline_one": len(lines) == 1,
        "distractor_apart": not (lines & distractor_lines),
        "episodes_merged": any({gold.get(k) for k in g} >= {"episode1", "episode2"}
                               for g in groups.values()),
        "stories": sorted(sorted(g) for g in groups.values()),
    }


#: Publication months of the seed files, which carry no date: from their content (the Witkoff
#: visit to Moscow and the 30-day ceasefire proposal in March 2025, the Mar-a-Lago meeting in
#: December 2025), as feed or page metadata would give them.
SEED_MONTHS = {"000": "2025-03", "001": "2025-12", "002": "2025-03", "003": "2025-03",
               "004": "2025-03"}


def seeds(seeds_dir: Path, params: StoryParams | None = None,
          months: dict[str, str] | None = None) -> dict[str, Any]:
    """The five real seeds: one storyline; seed 001 (December) apart from the four March ones.
    ``months``: publication months by file prefix (the files themselves are undated)."""
    records = _sample_records([str(p) for p in sorted(seeds_dir.glob("*.txt"))])
    names = [Path(r["input"]).name[:3] for r in records]
    docs = [story_doc_from_output(r) for r in records]
    if months:
        docs = [dataclasses.replace(d, published=parse_day(months.get(n)) or d.published)
                for d, n in zip(docs, names, strict=True)]
    got, _ = _run(date_order(docs), params)
    story_of = {d.id: a.story_id for d, a in zip(date_order(docs), got, strict=True)}
    story_of = {n: story_of[d.id] for n, d in zip(names, docs, strict=True)}
    march = [n for n in names if n != "001"]
    return {
        "storylines": len({a.storyline_id for a in got}),
        "march_one_story": len({story_of[n] for n in march}) == 1,
        "december_apart": story_of.get("001") not in {story_of[n] for n in march},
        "stories": sorted(sorted(n for n in names if story_of[n] == s)
                          for s in set(story_of.values())),
    }


def evaluate_stories(data_dir: Path, params: StoryParams | None = None,
                     orders: Sequence[int] = (0, 1, 2)) -> dict[str, Any]:
    data_dir = Path(data_dir)
    out: dict[str, Any] = {"params": (params or StoryParams()).to_dict()}
    if (data_dir / "ecbplus").is_dir():
        out["ecbplus"] = ecbplus(data_dir, params, orders)
    if (data_dir / "timeline17").is_dir():
        out["timeline17"] = timeline17(data_dir, params)
        out["timeline17_overlapped"] = timeline17(data_dir, params, shift={"H1N1": 365})
        out["timeline_dates"] = evaluate_timelines(data_dir)
    out["sample"] = sample(params)
    seeds_dir = data_dir.parent / "seeds"
    if seeds_dir.is_dir():
        out["seeds"] = seeds(seeds_dir, params)
        out["seeds_dated"] = seeds(seeds_dir, params, SEED_MONTHS)
    return out


def _fmt(s: dict[str, Any]) -> str:
    return f"{s['precision']:.3f}  {s['recall']:.3f}  {s['f1']:.3f}"


def main(data_dir: Path | str = "../shared/data") -> dict[str, Any]:
    result = evaluate_stories(Path(data_dir))
    if "ecbplus" in result:
        e = result["ecbplus"]
        print(f"ECB+ (982 articles, no dates: time window off), B³ P / R / F1, mean of "
              f"{e['orders']} stream orders (min F1)")
        print(f"{'level':<28}{'storyline (ours)':<30}{'one-pass TF-IDF (best threshold)'}")
        o, b = e["ours"], e["baseline"]
        print(f"{'topic (43)':<28}{_fmt(o['topic_storyline'])} ({o['topic_storyline']['f1_min']:.3f})"
              f"   {_fmt(b['topic'])} ({b['topic']['f1_min']:.3f}) @ {b['topic']['threshold']}")
        print(f"{'sub-topic (86), story level':<28}{_fmt(o['subtopic_story'])} "
              f"({o['subtopic_story']['f1_min']:.3f})   {_fmt(b['subtopic'])} "
              f"({b['subtopic']['f1_min']:.3f}) @ {b['subtopic']['threshold']}")
        print(f"{'topic (43), story level':<28}{_fmt(o['topic_story'])}")
        print(f"clusters: {o['stories']} stories, {o['storylines']} storylines")
    for key, label in (("timeline17", "as dated"),
                       ("timeline17_overlapped", "H1N1 dates moved +365 days onto the spill")):
        if key not in result:
            continue
        t = result[key]
        print(f"\nTimeline17 (BP oil spill 5 outlets + H1N1 3 outlets, date order; {label})")
        for topic, s in t["topics"].items():
            print(f"  {topic:<8} {s['articles']:>5} articles  in largest storyline "
                  f"{s['in_largest_storyline']:.3f}  storylines {s['storylines']} "
                  f"({s['storylines_with_2plus']} with 2+)  stories {s['stories']}")
        print(f"  largest storylines distinct: {t['largest_storylines_distinct']}; "
              f"storyline B³ vs topic {_fmt(t['storyline_b3'])}; {t['seconds']} s")
    if "timeline_dates" in result:
        d = result["timeline_dates"]
        print(f"\nTimeline17 date selection (news-tls protocol, K = gold dates): Date-F1 mean "
              f"{d['mean_f1']:.3f} over {len(d['timelines'])} timelines "
              f"(BP {d['topics'].get('bpoil', 0):.3f} tuned on, H1N1 {d['topics'].get('H1N1', 0):.3f}"
              f" held out); busiest-publication-days baseline {d['baseline_mean_f1']:.3f}; "
              f"news-tls DATEWISE 0.544 on all of Timeline17")
        for name, r in d["timelines"].items():
            print(f"  {name:<58} K {r['k']:>3}  F1 {r['f1']:.3f}  baseline {r['baseline_f1']:.3f}")
    for order, s in result["sample"].items():
        print(f"\nSample corpus ({order.replace('_', ' ')}): story B³ vs episodes "
              f"{_fmt(s['story_b3'])}; one storyline {s['storyline_one']}; distractor apart "
              f"{s['distractor_apart']}; episodes merged {s['episodes_merged']}\n"
              f"  stories: {s['stories']}")
    for key, label in (("seeds", "files only, undated"),
                       ("seeds_dated", "with publication months")):
        if key in result:
            d = result[key]
            print(f"Seeds ({label}): storylines {d['storylines']}; March four one story "
                  f"{d['march_one_story']}; December apart {d['december_apart']}; "
                  f"stories {d['stories']}")
    return result


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
