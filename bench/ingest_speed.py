"""Speed of ingest + clean + dedupe + store on the ~7,700 real articles in ../shared/data.

Reports, in one run:
- the reference: the bare real work (trafilatura on the HTML pages, MinHash of word shingles
  for every text) in a plain loop in one process;
- storyline ``ingest`` on 1 worker with its profile split (read, clean, fingerprint, dedupe
  index, store, rest), and the ratio to the reference;
- storyline ``ingest`` on 2 workers: articles/second and peak memory of the process tree.

    python -m bench.ingest_speed [--data ../shared/data] [--out results.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpora import DEFAULT_DATA, build_real_corpus
from bench.memory import PeakSampler


def reference_work(corpus: Path) -> tuple[float, int]:
    """The bare work storyline must do: extraction of HTML and MinHash of every text."""
    import numpy as np
    import trafilatura
    from datasketch import MinHash

    def shingles(text: str) -> list[bytes]:
        words = text.lower().split()
        return [" ".join(words[i:i + 5]).encode() for i in range(max(1, len(words) - 4))]

    texts: list[str] = []
    started = time.process_time()
    for path in sorted(corpus.rglob("*")):
        if path.suffix == ".html":
            texts.append(trafilatura.extract(path.read_text(encoding="utf-8", errors="replace")) or "")
        elif path.suffix == ".txt":
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".jsonl":
            texts.extend(json.loads(line)["text"] for line in path.open(encoding="utf-8"))
    MinHash.bulk([shingles(t) for t in texts], num_perm=128)
    np.zeros(1)
    return time.process_time() - started, len(texts)


def _child(corpus: Path, db: Path, workers: int, out: Path) -> None:
    """Runs in a fresh process, so memory and CPU are this configuration's alone."""
    from storyline import runner
    from storyline.config import Settings

    settings = Settings({"db": str(db), "execute.workers": workers})
    started = time.perf_counter()
    report = runner.run([str(corpus)], settings, command="ingest", analysis=False)
    wall = time.perf_counter() - started
    out.write_text(json.dumps({"workers": workers, "wall_s": wall, "read": report.counts["read"],
                               "articles": report.counts["stored"], "rejected": report.counts["rejected"],
                               "duplicates": report.counts["duplicates"], "seconds": report.seconds}))


def storyline_ingest(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    """storyline ingest in a child process: wall time, CPU time of the whole tree, peak memory."""
    out = db.with_suffix(".json")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen([sys.executable, "-m", "bench.ingest_speed", "--child", str(corpus),
                                str(db), str(workers), str(out)], cwd=Path(__file__).resolve().parents[1])
    with PeakSampler(process.pid) as memory:
        process.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"storyline ingest failed with exit code {process.returncode}")
    result: dict[str, Any] = json.loads(out.read_text())
    result["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["articles_per_s"] = result["read"] / result["wall_s"]
    result["peak_tree_rss_mb"] = memory.peak / 2**20
    return result


def split(seconds: dict[str, float], wall: float) -> dict[str, float]:
    """Share of the serial wall time per part; 'real work' = extraction/cleaning, MinHash, LSH."""
    clean = seconds.get("worker.clean", 0.0)
    fingerprint = seconds.get("worker.fingerprint", 0.0)
    dedupe = seconds.get("dedupe", 0.0) + seconds.get("load_index", 0.0)
    read = seconds.get("read", 0.0)
    store = seconds.get("store", 0.0)
    rest = max(0.0, wall - clean - fingerprint - dedupe - read - store)
    parts = {"read+decode": read, "clean (trafilatura, furniture, language)": clean,
             "fingerprint (MinHash)": fingerprint, "dedupe index (LSH + verify)": dedupe,
             "store (SQLite)": store, "orchestration (rest)": rest}
    return {k: v / wall for k, v in parts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--child", nargs=4, metavar=("CORPUS", "DB", "WORKERS", "OUT"), default=None,
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        corpus, db, workers, out = args.child
        _child(Path(corpus), Path(db), int(workers), Path(out))
        return
    if not args.data.is_dir():
        print(f"evaluation data not found at {args.data}; nothing to measure")
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        sizes = build_real_corpus(corpus, args.data)
        ref_s, ref_n = reference_work(corpus)
        serial = storyline_ingest(corpus, Path(tmp) / "serial.db", workers=1)
        parallel = storyline_ingest(corpus, Path(tmp) / "parallel.db", workers=2)
    shares = split(serial["seconds"], serial["wall_s"])
    real = sum(v for k, v in shares.items() if not k.startswith(("store", "orchestration")))
    result = {
        "corpus": sizes, "articles": sum(sizes.values()),
        "reference": {"what": "trafilatura.extract on HTML + datasketch MinHash.bulk, plain loop, 1 process",
                      "cpu_s": ref_s, "texts": ref_n},
        "serial": serial, "parallel": parallel,
        "serial_split": shares, "real_work_share": real,
        "serial_vs_reference_cpu_ratio": serial["cpu_s"] / ref_s,
        "parallel_vs_serial_speedup": serial["wall_s"] / parallel["wall_s"],
    }
    print(json.dumps(result, indent=2, default=str))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
