"""``make bench``: run every benchmark and keep its JSON under bench/results/.

Each benchmark compares storyline with the reference tool in the same run; the figures are
summarised by hand in docs/benchmarks.md. Benchmarks need ../shared/data (the team's
evaluation corpora) and say so and skip when it is absent.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

BENCHMARKS = [
    ("extraction", "bench.extraction"),
    ("near_duplicates", "bench.near_duplicates"),
    ("ingest_speed", "bench.ingest_speed"),
    ("stories_scale", "bench.stories_scale"),
    ("serve_load", "bench.serve_load"),
    ("scale", "bench.scale"),
]


def main(names: list[str]) -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name, module in BENCHMARKS:
        if names and name not in names:
            continue
        if importlib.util.find_spec(module) is None:
            print(f"== {name}: not present, skipped")
            continue
        print(f"== {name}")
        started = time.monotonic()
        code = subprocess.call([sys.executable, "-m", module, "--out", str(RESULTS / f"{name}.json")],
                               cwd=ROOT)
        print(f"== {name}: exit {code} in {time.monotonic() - started:.0f} s")
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
