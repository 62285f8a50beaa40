"""Story clustering at scale: per-article time from the first thousand articles to the last.

A stream of real articles (PolNeAR 1,008 + Timeline17 1,866 + Reuters-21578 bodies 3,687 from
../shared/data) is replicated with light perturbations until it holds ``--docs`` articles. The
corpora are interleaved and given consecutive dates at ``--per-day`` articles a day, each
replica continuing the calendar, so old stories drop out of the time window the way they do in
a real feed. Each replica perturbs its copies: numbers changed, about 5% of words dropped, a
sentence pair swapped, and a quarter of the capitalised words given a replica-specific spelling
(new names keep arriving, so the vocabulary and the document-frequency table keep growing).

Every ``--save-every`` articles the index saves a delta state (``delta_to_bytes``, as the corpus
phase would after each chunk), timed apart from clustering; at the end the whole state is
saved once (``state_to_bytes``) for comparison.

The last ``--paired`` articles are timed one by one, interleaved with the first ``--paired``
articles fed to a fresh index, so the "first thousand vs last thousand" comparison is made
under the same machine load (on a shared machine the per-block CPU times of a long run move
by ±40% with other people's jobs).

Prints CPU (and wall-clock) milliseconds per article and the work per article (postings
visited plus candidates scored, a machine-independent count) for every block of 1,000, the ratio of the
last block to the first, the peak resident memory and the size of the saved state. CPU time
is the figure to compare: the machine is shared, so wall time moves with other people's load.

    .venv/bin/python bench/stories_scale.py --data ../shared/data --docs 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from storyline.stories import StoryDoc, StoryIndex

_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_NUMBER = re.compile(r"\b\d+\b")
_CAPITAL = re.compile(r"\b([A-Z][a-z]{3,})\b")


def base_texts(data: Path) -> list[str]:
    polnear = [p.read_text(encoding="utf-8", errors="replace")
               for p in sorted((data / "polnear" / "data").glob("*/text/*.txt"))]
    t17 = [item["text"] for f in sorted((data / "timeline17").glob("*/articles.json"))
           for item in json.loads(f.read_text(encoding="utf-8"))]
    reuters = [m.group(1) for f in sorted((data / "reuters21578").glob("reut2-*.sgm"))
               for m in _BODY.finditer(f.read_text(encoding="latin-1"))]
    corpora = [polnear, t17, reuters]
    out: list[str] = []
    for i in range(max(len(c) for c in corpora)):  # interleave
        out.extend(c[i] for c in corpora if i < len(c))
    return [t for t in out if len(t) > 200]


def perturb(text: str, replica: int, rng: random.Random) -> str:
    if replica == 0:
        return text
    text = _NUMBER.sub(lambda m: str(int(m.group(0)) + rng.randint(0, 9))
                       if len(m.group(0)) < 6 else m.group(0), text)
    tag = "abcdefghijklmnopqrstuvwxyz"[replica % 26] + str(replica // 26)
    text = _CAPITAL.sub(lambda m: m.group(1) + tag if rng.random() < 0.25 else m.group(1), text)
    words = [w for w in text.split(" ") if rng.random() > 0.05]
    sentences = " ".join(words).split(". ")
    if len(sentences) > 3:
        i = rng.randrange(len(sentences) - 1)
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    return ". ".join(sentences)


def stream(texts: list[str], n: int, per_day: int, seed: int = 0) -> Iterator[StoryDoc]:
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    for i in range(n):
        replica, k = divmod(i, len(texts))
        yield StoryDoc(id=f"r{replica}-{k}", text=perturb(texts[k], replica, rng),
                       published=start + dt.timedelta(days=i // per_day),
                       outlet=f"outlet{k % 7}")


def paired_timing(index: StoryIndex, last: list[StoryDoc], first: list[StoryDoc]
                  ) -> dict[str, float]:
    """Per-article time of the corpus's last articles (into the full ``index``) against its
    first ones (into a fresh index), one of each in turn, so that both halves run under the
    same machine load; medians and means of the per-add CPU times, in milliseconds."""
    fresh = StoryIndex(index.params)
    big_ms: list[float] = []
    small_ms: list[float] = []
    clock = time.process_time
    for late, early in zip(last, first, strict=False):
        c = clock()
        fresh.add(early)
        small_ms.append((clock() - c) * 1000)
        c = clock()
        index.add(late)
        big_ms.append((clock() - c) * 1000)
    if not big_ms:
        return {}
    small_ms.sort()
    big_ms.sort()
    mid = len(big_ms) // 2
    mean_small = sum(small_ms) / len(small_ms)
    mean_big = sum(big_ms) / len(big_ms)
    return {"paired_n": len(big_ms),
            "paired_first_median_ms": round(small_ms[mid], 3),
            "paired_last_median_ms": round(big_ms[mid], 3),
            "paired_ratio_median": round(big_ms[mid] / small_ms[mid], 2),
            "paired_first_mean_ms": round(mean_small, 3),
            "paired_last_mean_ms": round(mean_big, 3),
            "paired_ratio_mean": round(mean_big / mean_small, 2)}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> dict[str, object]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--per-day", type=int, default=200)
    ap.add_argument("--block", type=int, default=1000)
    ap.add_argument("--paired", type=int, default=1000,
                    help="time the last N articles interleaved with the first N fed to a fresh "
                         "index, so both see the same machine load (0: off)")
    ap.add_argument("--save-every", type=int, default=500,
                    help="save a delta state every N articles, as the corpus phase would "
                         "(timed apart from clustering; 0: never)")
    args = ap.parse_args(argv)
    texts = base_texts(args.data)
    print(f"{len(texts)} base articles, {args.docs} in the stream, {args.per_day} a day",
          flush=True)
    index = StoryIndex()
    blocks: list[float] = []  # CPU milliseconds per article (other processes share the box)
    walls: list[float] = []
    work: list[float] = []  # postings visited + candidates scored per article (machine-free)
    visits = 0
    saves: list[tuple[int, float, int]] = []  # (articles, CPU seconds, bytes) per delta save
    save_cpu = 0.0  # CPU spent saving within the current block (not counted as clustering)
    t0, c0 = time.perf_counter(), time.process_time()
    paired = min(args.paired, args.docs // 2)
    held: list[StoryDoc] = []  # the last ``paired`` articles, for the paired timing
    for i, doc in enumerate(stream(texts, args.docs, args.per_day), 1):
        if i > args.docs - paired:
            held.append(doc)
            continue
        index.add(doc)
        visits += index.story_keys.visited + index.line_keys.visited + index.last_candidates
        if args.save_every and i % args.save_every == 0:
            s0 = time.process_time()
            delta = index.delta_to_bytes()
            spent = time.process_time() - s0
            save_cpu += spent
            saves.append((i, spent, len(delta)))
        if i % args.block == 0:
            work.append(visits / args.block)
            visits = 0
            now, cpu = time.perf_counter(), time.process_time()
            blocks.append((cpu - c0 - save_cpu) * 1000 / args.block)
            walls.append((now - t0) * 1000 / args.block)
            t0, c0, save_cpu = now, cpu, 0.0
            print(f"{i:>7} articles  {blocks[-1]:6.2f} ms CPU/article ({walls[-1]:6.2f} wall)"
                  f"  work {work[-1]:6.0f}"
                  f"  stories {len(index.stories)}"
                  f"  storylines {len(index.storylines) - len(index.merged)}"
                  f"  terms {len(index.df.df)}  peak RSS {peak_rss_mb():.0f} MB", flush=True)
    pair = paired_timing(index, held, list(itertools.islice(
        stream(texts, args.docs, args.per_day), paired)))
    t, c = time.perf_counter(), time.process_time()
    state = index.state_to_bytes()
    save_s = time.perf_counter() - t
    save_cpu_s = time.process_time() - c
    last = saves[-20:]
    result = {
        "docs": args.docs,
        "first_block_cpu_ms": round(blocks[0], 2),
        "last_block_cpu_ms": round(blocks[-1], 2),
        "ratio_last_first": round(blocks[-1] / blocks[0], 2),
        "max_block_cpu_ms": round(max(blocks), 2),
        "median_block_cpu_ms": round(sorted(blocks)[len(blocks) // 2], 2),
        "median_first5_cpu_ms": round(sorted(blocks[:5])[len(blocks[:5]) // 2], 2),
        "median_last5_cpu_ms": round(sorted(blocks[-5:])[len(blocks[-5:]) // 2], 2),
        "first_block_work": round(work[0]),
        "last_block_work": round(work[-1]),
        "max_block_work": round(max(work)),
        "first_block_wall_ms": round(walls[0], 2),
        "last_block_wall_ms": round(walls[-1], 2),
        "peak_rss_mb": round(peak_rss_mb()),
        "state_mb": round(len(state) / 1e6, 1),
        "state_save_s": round(save_s, 1),
        "state_save_cpu_s": round(save_cpu_s, 1),
        "delta_save_cpu_ms_last20": (round(sum(x[1] for x in last) * 1000 / len(last), 1)
                                     if last else None),
        "delta_kb_last20": round(sum(x[2] for x in last) / len(last) / 1000) if last else None,
        "delta_save_cpu_ms_first": round(saves[0][1] * 1000, 1) if saves else None,
        "stories": len(index.stories),
        "storylines": len(index.storylines) - len(index.merged),
        **pair,
    }
    print(json.dumps(result), flush=True)
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
