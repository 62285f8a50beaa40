"""Load benchmark of ``storyline serve`` against datasette on the same SQLite file.

1. Builds a corpus of real articles from ``../shared/data`` (Reuters-21578 bodies and PolNEAR
   texts), replicated with a marker line until it holds ``--articles`` (default 20,000), and
   ingests it with ``storyline ingest`` (reused when the database already has that many).
2. Starts ``storyline serve`` (uvicorn, one process) and ``datasette`` (one process) on free
   127.0.0.1 ports over the same database file.
3. For each scenario (article detail, search) drives ``--requests`` requests with
   ``--concurrency`` clients (asyncio + httpx) at each server, in the same run, and reports p50 /
   p95 / p99 latency, throughput and errors; the datasette requests are the equivalent queries
   (row JSON by primary key; the same FTS5 MATCH + snippet + bm25 SQL through ``/db.json?sql=``).

    .venv/bin/python -m bench.serve_load [--articles 20000] [--requests 2000] [--concurrency 20]

Results go to ``docs/benchmarks-serve.md`` (``--output``) and stdout as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared")) / "data"
BIN = Path(sys.executable).parent
WORDS = ["oil", "bank", "trade", "prices", "government", "president", "election", "dollar",
         "shares", "stake", "court", "minister", "talks", "strike", "profit", "coffee", "wheat",
         "tariffs", "Japan", "campaign", "reporters", "agreement", "interest rates", "vote"]
SEARCH_SQL = ("SELECT articles.id, articles.title, articles.outlet, articles.published, "
              "snippet(articles_fts, 1, '[', ']', ' … ', 24) AS snippet FROM articles_fts "
              "JOIN articles ON articles.rowid = articles_fts.rowid WHERE articles_fts MATCH :q "
              "ORDER BY bm25(articles_fts), articles.seq LIMIT 20")


#: datasette under uvicorn with the same logging as ``storyline serve -q`` (no access log);
#: otherwise what ``datasette serve DB`` does (mutable database, default threads).
DATASETTE = """
import asyncio, uvicorn
from datasette.app import Datasette
ds = Datasette([{db!r}], settings={{"sql_time_limit_ms": 10000}})
asyncio.run(ds.invoke_startup())
uvicorn.run(ds.app(), host="127.0.0.1", port={port}, log_level="warning", access_log=False)
"""


def reuters() -> list[dict[str, str]]:
    out = []
    for path in sorted((DATA / "reuters21578").glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for doc in re.findall(r"<REUTERS.*?</REUTERS>", raw, flags=re.S):
            body = re.search(r"<BODY>(.*?)</BODY>", doc, flags=re.S)
            if not body:
                continue
            title = re.search(r"<TITLE>(.*?)</TITLE>", doc, flags=re.S)
            date = re.search(r"<DATE>\s*(\d+)-(\w{3})-(\d{4})", doc)
            record = {"text": html.unescape(body.group(1)).replace("\x03", "").strip(),
                      "title": html.unescape(title.group(1)).strip() if title else "",
                      "outlet": "Reuters"}
            if date:
                month = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC".index(date.group(2).upper()) // 3 + 1
                record["published"] = f"{date.group(3)}-{month:02d}-{int(date.group(1)):02d}"
            out.append(record)
    return out


def polnear() -> list[dict[str, str]]:
    out = []
    for path in sorted((DATA / "polnear" / "data").glob("*/text/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        title = text.splitlines()[0][:200] if text else ""
        out.append({"text": text, "title": title, "outlet": "PolNeAR"})
    return out


def build_corpus(path: Path, n: int) -> int:
    base = [r for r in reuters() + polnear() if len(r["text"]) >= 200]
    if not base:
        raise SystemExit(f"no articles found under {DATA}")
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            record = dict(base[i % len(base)])
            copy = i // len(base)
            if copy:  # a different article (new content id) carrying the same real text
                record["title"] = f"{record['title']} (copy {copy})"
                record["text"] = f"{record['text']}\n\nReplica {copy} of a real article for load testing."
            f.write(json.dumps(record) + "\n")
    return len(base)


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as con:
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.Error:
            return 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(cmd: list[str], url: str, log: Path) -> subprocess.Popen[bytes]:
    import httpx

    proc = subprocess.Popen(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT, cwd=REPO)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server did not start: {' '.join(cmd)} (see {log})")


async def drive(urls: list[str], concurrency: int) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            url = queue.get_nowait()
            started = time.perf_counter()
            try:
                response = await http.get(url)
                await response.aread()
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - started)

    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return {"latencies": latencies, "errors": errors, "seconds": wall}


def summarise(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Latency percentiles over all rounds; throughput = requests / summed wall time."""
    latencies = sorted(x for r in rounds for x in r["latencies"])
    wall = sum(r["seconds"] for r in rounds)

    def pct(p: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    return {"requests": len(latencies), "errors": sum(r["errors"] for r in rounds),
            "seconds": round(wall, 2), "rps": round(len(latencies) / wall, 1), "p50_ms": pct(0.50),
            "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "mean_ms": round(1000 * statistics.fmean(latencies), 1)}


def scenarios(db: Path, sl: str, ds: str, n: int, seed: int = 7) -> dict[str, tuple[list[str], list[str]]]:
    from urllib.parse import quote, urlencode

    rng = random.Random(seed)
    with sqlite3.connect(db) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
    picks = [rng.choice(ids) for _ in range(n)]
    words = [rng.choice(WORDS) for _ in range(n)]
    name = db.stem
    fts = {w: " ".join(f'"{t}"' for t in w.split()) for w in WORDS}
    return {
        "article detail": ([f"{sl}/api/articles/{i}" for i in picks],
                           [f"{ds}/{name}/articles/{i}.json?_shape=objects" for i in picks]),
        "search": ([f"{sl}/api/search?{urlencode({'q': w})}" for w in words],
                   [f"{ds}/{name}.json?{urlencode({'sql': SEARCH_SQL, 'q': fts[w], '_shape': 'objects'}, quote_via=quote)}"
                    for w in words]),
    }


def write_markdown(path: Path, result: dict[str, Any]) -> None:
    lines = ["# storyline serve: load benchmark", "",
             f"Run `{result['command']}` on {result['date']} ({result['machine']}).", "",
             f"Database: {result['articles']:,} articles ({result['unique']:,} distinct real articles "
             "from Reuters-21578 and PolNeAR in ../shared/data, the rest replicas with a marker line), "
             f"{result['db_mb']} MB SQLite, built by `storyline ingest` "
             + (f"in {result['ingest_s']} s." if isinstance(result["ingest_s"], float)
                else "(database reused from an earlier run of this script)."), "",
             f"Load: {result['load']} (load average before the run; other engineers' jobs and a "
             "model training share the machine, so absolute latencies are pessimistic and vary "
             "between runs; the ratio compares both servers under the same conditions).", "",
             f"Each scenario: {result['requests']:,} requests from {result['concurrency']} concurrent "
             "clients (asyncio + httpx, keep-alive, on the same machine) against one uvicorn process "
             "each (storyline; datasette with its default settings and access log off like "
             "storyline's), in rounds storyline, datasette, datasette, storyline of half the "
             "requests each, repeated in cycles, same SQLite file, same run; then 100 requests from "
             "one client to each for the unloaded floor.", "",
             "| scenario | server | p50 ms | p95 ms | p99 ms | req/s | errors |",
             "|---|---|---|---|---|---|---|"]
    for name, row in result["scenarios"].items():
        for server in ("storyline", "datasette"):
            r = row[server]
            lines.append(f"| {name} | {server} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | "
                         f"{r['rps']} | {r['errors']} |")
    lines += ["", "| scenario | throughput ratio storyline / datasette, median (per cycle) | "
              "1-client p50 ms storyline / datasette | target p95 at 20 clients | met |",
              "|---|---|---|---|---|"]
    for name, row in result["scenarios"].items():
        target = {"article detail": 100, "search": 150}[name]
        met = row["storyline"]["p95_ms"] <= target and row["storyline"]["errors"] == 0
        single = row["single_client_p50_ms"]
        lines.append(f"| {name} | {row['ratio']} ({', '.join(map(str, row['ratios']))}) | "
                     f"{single['storyline']} / {single['datasette']} | ≤ {target} ms | "
                     f"{'yes' if met else 'no'} |")
    lines += ["", "Equivalent queries: article detail is `GET /api/articles/{id}` (the full OUTPUT.md "
              "record with duplicate group and spans) vs datasette's row JSON "
              "`/db/articles/{id}.json`; search is `GET /api/search?q=` (FTS5 MATCH, bm25 order, "
              "snippet, plus a total count) vs the same MATCH/snippet/bm25 SQL through "
              "`/db.json?sql=` (no count). The story-page figure of issue 7 waits for the stories "
              "stage; article detail stands in for it here.", ""]
    marker = "<!-- notes below this line are kept when the script rewrites the file -->"
    notes = ""
    if path.exists() and marker in path.read_text(encoding="utf-8"):
        notes = path.read_text(encoding="utf-8").split(marker, 1)[1]
    path.write_text("\n".join(lines) + "\n" + marker + notes, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workdir", type=Path, default=REPO / "out" / "bench-serve")
    parser.add_argument("--workers", type=int, default=2, help="ingest worker processes")
    parser.add_argument("--repeat", type=int, default=3, help="A B B A cycles per scenario")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "benchmarks-serve.md")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    db = args.workdir / "bench.db"
    corpus = args.workdir / "corpus.jsonl"
    unique = build_corpus(corpus, args.articles)
    ingest_s = 0.0
    if count_articles(db) < args.articles * 0.95:
        started = time.perf_counter()
        subprocess.run([str(BIN / "storyline"), "ingest", str(corpus), "--db", str(db), "-q",
                        "--workers", str(args.workers)], check=False, cwd=REPO)
        ingest_s = round(time.perf_counter() - started, 1)
    articles = count_articles(db)
    load = "{:.1f} {:.1f} {:.1f} on {} CPUs".format(*os.getloadavg(), os.cpu_count())
    sl_port, ds_port = free_port(), free_port()
    sl, ds = f"http://127.0.0.1:{sl_port}", f"http://127.0.0.1:{ds_port}"
    servers = [
        start([str(BIN / "storyline"), "serve", "--db", str(db), "--port", str(sl_port), "-q"],
              f"{sl}/api/stats", args.workdir / "storyline.log"),
        start([sys.executable, "-c", DATASETTE.format(db=str(db), port=ds_port)],
              f"{ds}/-/versions.json", args.workdir / "datasette.log"),
    ]
    try:
        results: dict[str, Any] = {}
        for name, (sl_urls, ds_urls) in scenarios(db, sl, ds, args.requests).items():
            asyncio.run(drive(sl_urls[:50], args.concurrency))  # warm-up
            asyncio.run(drive(ds_urls[:50], args.concurrency))
            runs: dict[str, list[dict[str, Any]]] = {"storyline": [], "datasette": []}
            ratios = []
            chunk = len(sl_urls) // (2 * args.repeat)
            for r in range(args.repeat):  # rounds A B B A, so drift in machine load hits both alike
                a, b, c = 2 * r * chunk, (2 * r + 1) * chunk, (2 * r + 2) * chunk
                rounds = [asyncio.run(drive(sl_urls[a:b], args.concurrency)),
                          asyncio.run(drive(ds_urls[a:b], args.concurrency)),
                          asyncio.run(drive(ds_urls[b:c], args.concurrency)),
                          asyncio.run(drive(sl_urls[b:c], args.concurrency))]
                runs["storyline"] += [rounds[0], rounds[3]]
                runs["datasette"] += [rounds[1], rounds[2]]
                ours_r, theirs_r = summarise([rounds[0], rounds[3]]), summarise(rounds[1:3])
                ratios.append(round(ours_r["rps"] / theirs_r["rps"], 2))
            ours, theirs = summarise(runs["storyline"]), summarise(runs["datasette"])
            single = {"storyline": summarise([asyncio.run(drive(sl_urls[:100], 1))]),
                      "datasette": summarise([asyncio.run(drive(ds_urls[:100], 1))])}
            results[name] = {"storyline": ours, "datasette": theirs, "ratios": ratios,
                             "single_client_p50_ms": {k: v["p50_ms"] for k, v in single.items()},
                             "ratio": round(statistics.median(ratios), 2)}
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait(timeout=20)
    result = {"command": "python -m bench.serve_load " + " ".join(sys.argv[1:]),
              "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}",
              "articles": articles, "unique": unique, "db_mb": round(db.stat().st_size / 1e6, 1),
              "ingest_s": ingest_s or "(reused)", "load": load, "requests": args.requests,
              "concurrency": args.concurrency, "scenarios": results}
    write_markdown(args.output, result)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
