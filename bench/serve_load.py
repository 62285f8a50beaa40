"""Load benchmark of ``storyline serve`` against datasette on the same SQLite file.

1. Builds a corpus of real articles from ``../shared/data`` (Reuters-21578 bodies and PolNEAR
   texts), replicated with a marker line until it holds ``--articles`` (default 20,000), and
   ingests it with ``storyline ingest`` (reused when the database already has that many), then
   runs the corpus phase (story clustering, identities, corroboration: claims, conflicts) over
   it, as ``storyline run`` does after the per-article stages.
2. Starts ``storyline serve`` (uvicorn, one process) and ``datasette`` (one process) on free
   127.0.0.1 ports over the same database file.
3. For each scenario (story page API, article detail, search, story page HTML) drives
   ``--requests`` requests with ``--concurrency`` clients (asyncio + httpx) at each server, in
   the same run, and reports p50 / p95 / p99 latency, throughput and errors; the datasette
   requests are the equivalent queries (the story row with its article summaries, claims,
   merged events and conflicts in one SQL statement; row JSON by primary key; the same FTS5
   MATCH + snippet + bm25 SQL), all through datasette's JSON API. Story ids are drawn without
   repetition, weighted by size (a random article's story), so no request is answered from
   storyline's response cache.
4. With Playwright and Chromium present, opens story pages in headless Chromium and records
   the first contentful paint.

    .venv/bin/python -m bench.serve_load [--articles 20000] [--requests 2400] [--concurrency 20]

Results go to ``docs/benchmarks-serve.md`` (``--output``) and stdout as JSON.
"""

from __future__ import annotations

import argparse
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.serve_drivers import drive_python, drive_wrk, with_cpu, wrk_available

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

#: What ``GET /api/stories/{id}`` returns, as one SQL statement: every article id, the first 200
#: summaries, coverage by outlet, the 300 best-supported claims and merged events, the first
#: 100 conflicts, and the totals.
STORY_SQL = """
SELECT s.id, s.title, s.level, s.parent, s.start, s."end", s.n_articles, s.n_outlets, s.key_phrases,
 (SELECT json_group_array(id) FROM (SELECT a.id FROM story_articles sa JOIN articles a ON a.id = sa.article_id
   WHERE sa.story_id = s.id ORDER BY a.published IS NULL, a.published, a.seq)) AS articles,
 (SELECT json_group_array(json_object('id', id, 'title', title, 'outlet', outlet, 'published', published,
   'duplicate_of', duplicate_of)) FROM (SELECT a.* FROM story_articles sa JOIN articles a ON a.id = sa.article_id
   WHERE sa.story_id = s.id ORDER BY a.published IS NULL, a.published, a.seq LIMIT 200)) AS article_summaries,
 (SELECT json_group_array(json_object('outlet', o, 'articles', n)) FROM (SELECT coalesce(a.outlet, 'unknown') AS o,
   count(*) AS n FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id
   GROUP BY 1 ORDER BY 2 DESC)) AS coverage,
 (SELECT json_group_array(json(value)) FROM (SELECT j.value FROM story_results r, json_each(r.claims) j
   WHERE r.story_id = s.id ORDER BY coalesce(json_extract(j.value, '$.outlets'), 1) DESC,
   CAST(j.key AS INTEGER) LIMIT 300)) AS claims,
 (SELECT json_array_length(claims) FROM story_results r WHERE r.story_id = s.id) AS claims_total,
 (SELECT json_group_array(json(value)) FROM (SELECT j.value FROM story_results r, json_each(r.events) j
   WHERE r.story_id = s.id ORDER BY CAST(j.key AS INTEGER) LIMIT 300)) AS events,
 (SELECT json_group_array(json_object('id', id, 'kind', kind, 'about', about, 'sides', json(sides)))
   FROM (SELECT * FROM conflicts c WHERE c.story_id = s.id ORDER BY c.kind, c.id LIMIT 100)) AS conflicts,
 (SELECT count(*) FROM conflicts c WHERE c.story_id = s.id) AS conflicts_total
FROM stories s WHERE s.id = :id
"""
#: Scenarios with an issue-7 target (p95 at 20 clients, ms).
TARGETS = {"story page API": 100, "search": 150}


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


def count_placed(db: Path) -> int:
    with sqlite3.connect(db) as con:
        try:
            return int(con.execute("SELECT count(*) FROM story_articles").fetchone()[0])
        except sqlite3.Error:
            return 0


CORPUS_PHASE = """
import sys, time
from storyline.config import Settings
from storyline.corpus import build_corpus
from storyline.store import open_store
store = open_store(sys.argv[1])
report = build_corpus(store, Settings({"db": sys.argv[1]}))
store.close()
print(report.stories, report.storylines, report.conflicts)
"""


STORY_PAGES = """
import sys
from storyline.store import open_store
from storyline.store.story_pages import has_pages, refresh_serving_tables
store = open_store(sys.argv[1])
if not has_pages(store.engine):
    print(refresh_serving_tables(store.engine))
store.close()
"""


def story_pages(db: Path) -> float | str:
    """The stored story pages and the compacted search index (the end of the corpus phase;
    here when the database was built before that step existed)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", STORY_PAGES, str(db)], check=True, cwd=REPO,
                          capture_output=True, text=True)
    return round(time.perf_counter() - started, 1) if done.stdout.strip() else "(reused)"


def corpus_phase(db: Path) -> float | str:
    """Stories, identities and corroboration over the ingested articles (reused when done)."""
    if count_placed(db) >= count_articles(db) * 0.95:
        return "(reused)"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", CORPUS_PHASE, str(db)], check=True, cwd=REPO)
    return round(time.perf_counter() - started, 1)


#: Indexes proposed for the store (a migration is the lead's): article summaries and story
#: membership read from covering indexes instead of the article rows (which hold the text).
PROPOSED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_articles_summary ON articles "
    "(id, published, seq, outlet, duplicate_of, title, published_granularity)",
    "CREATE INDEX IF NOT EXISTS ix_story_articles_story_article ON story_articles (story_id, article_id)",
    "CREATE INDEX IF NOT EXISTS ix_story_articles_line_article ON story_articles (storyline_id, article_id)",
    "ANALYZE",
)


def indexed_copy(db: Path) -> Path:
    """A copy of the database with :data:`PROPOSED_INDEXES` (made once)."""
    import shutil

    copy = db.with_name(db.stem + "-indexed.db")
    if not copy.exists():
        shutil.copyfile(db, copy)
        with sqlite3.connect(copy) as con:
            for statement in PROPOSED_INDEXES:
                con.execute(statement)
    return copy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(cmd: list[str], url: str, log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    import httpx

    proc = subprocess.Popen(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT, cwd=REPO, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server did not start: {' '.join(cmd)} (see {log})")


def summarise(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Latency percentiles over all rounds (each latency stands for ``weight`` requests: 1 for
    the Python client, 1/1,000 of a wrk round); throughput = requests / summed wall time."""
    pooled = sorted((x, r["weight"]) for r in rounds for x in r["latencies"])
    total = sum(w for _, w in pooled)
    requests = sum(r["requests"] for r in rounds)
    wall = sum(r["seconds"] for r in rounds)

    def pct(p: float) -> float:
        seen = 0.0
        for value, weight in pooled:
            seen += weight
            if seen > p * total:
                return round(1000 * value, 1)
        return round(1000 * pooled[-1][0], 1)

    cpu = sum(r.get("cpu_s", 0.0) for r in rounds)
    return {"requests": requests, "errors": sum(r["errors"] for r in rounds),
            "cpu_ms_per_request": round(1000 * cpu / requests, 2) if requests else 0.0,
            "cores_used": round(cpu / wall, 2) if wall else 0.0,
            "seconds": round(wall, 2), "rps": round(requests / wall, 1), "p50_ms": pct(0.50),
            "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "mean_ms": round(1000 * sum(x * w for x, w in pooled) / total, 1),
            "driver": rounds[0]["driver"], "distinct": sum(r["distinct"] for r in rounds)}


def story_sample(db: Path, n: int, rng: random.Random) -> tuple[list[str], dict[str, float]]:
    """``n`` distinct stories (fewer when the corpus has fewer), drawn with probability
    proportional to their size (the story of a random article), and their size statistics."""
    with sqlite3.connect(db) as con:
        sizes = dict(con.execute("SELECT id, n_articles FROM stories WHERE level = 'story'").fetchall())
    keys = {sid: rng.random() ** (1.0 / max(1, size)) for sid, size in sizes.items()}  # weighted, no repeats
    picked = sorted(keys, key=keys.__getitem__, reverse=True)[:n]
    chosen = [sizes[i] for i in picked]
    stats = {"stories": len(sizes), "sampled": len(picked),
             "mean_articles": round(statistics.fmean(chosen), 1) if chosen else 0.0,
             "max_articles": max(chosen, default=0), "largest_story": max(sizes.values(), default=0)}
    return picked, stats


def scenarios(db: Path, sl: str, ds: str, n: int, seed: int = 7) -> tuple[dict[str, tuple[list[str], list[str]]], dict[str, float]]:
    from urllib.parse import quote, urlencode

    rng = random.Random(seed)
    with sqlite3.connect(db) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
    picks = [rng.choice(ids) for _ in range(n)]
    words = [rng.choice(WORDS) for _ in range(n)]
    stories, story_stats = story_sample(db, n + 100, rng)
    warm, stories = stories[:100], stories[100:]  # fewer than n when the corpus has fewer
    name = db.stem
    fts = {w: " ".join(f'"{t}"' for t in w.split()) for w in WORDS}

    def ds_sql(sql: str, **params: str) -> str:
        return f"{ds}/{name}.json?{urlencode({'sql': sql, **params, '_shape': 'objects'}, quote_via=quote)}"

    out = {
        "story page API": ([f"{sl}/api/stories/{i}" for i in warm + stories],
                           [ds_sql(STORY_SQL, id=i) for i in warm + stories]),
        "article detail": ([f"{sl}/api/articles/{i}" for i in picks],
                           [f"{ds}/{name}/articles/{i}.json?_shape=objects" for i in picks]),
        "search": ([f"{sl}/api/search?{urlencode({'q': w})}" for w in words],
                   [ds_sql(SEARCH_SQL, q=fts[w]) for w in words]),
        "story page HTML": ([f"{sl}/stories/{i}" for i in warm + stories], []),
    }
    return out, story_stats


def first_paint(base: str, story_ids: list[str]) -> dict[str, Any] | None:
    """First contentful paint of story pages in headless Chromium (None without Playwright)."""
    chromium = Path(os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    paints = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        for story_id in story_ids:
            page.goto(f"{base}/stories/{story_id}")
            fcp = None
            for _ in range(50):
                fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]"
                                    "?.startTime ?? null")
                if fcp is not None:
                    break
                page.wait_for_timeout(100)
            if fcp is not None:
                paints.append(float(fcp))
        browser.close()
    paints.sort()
    if not paints:
        return None
    return {"pages": len(paints), "p50_ms": round(paints[len(paints) // 2], 1),
            "p95_ms": round(paints[min(len(paints) - 1, int(0.95 * len(paints)))], 1),
            "max_ms": round(paints[-1], 1)}


def describe_load(result: dict[str, Any]) -> str:
    """How the load was generated, for the results page."""
    stats = result["story_sample"]
    first: dict[str, Any] = next(iter(result["scenarios"].values()), {})
    row: dict[str, Any] = first.get("storyline", {})
    if row.get("driver") == "wrk":
        how = (f"`wrk -t2 -c{result['concurrency']}` for {result['seconds']} s per round (C, on the "
               "same 2 cores), cycling through the scenario's URLs; storyline's URLs carry a distinct "
               "`_n=` parameter it ignores, so its in-memory response cache never answers a repeat")
    else:
        how = (f"{result['requests']:,} requests from {result['concurrency']} concurrent clients "
               "(asyncio + httpx, keep-alive, on the same machine; the client takes a large share "
               "of the 2 cores), each URL once")
    return (f"Each scenario: {how}; storyline serve with {result['serve_workers']} worker "
            "processes, datasette in one uvicorn process with its default settings (access log "
            "off like storyline's); rounds storyline, datasette, datasette, storyline, repeated "
            f"{result['repeat']} times, same SQLite file, same run; then one client for the "
            "unloaded floor. Story pages: "
            f"{stats['sampled'] - 100:,} distinct stories (after 100 for warm-up) drawn in "
            f"proportion to their size (mean {stats['mean_articles']} articles, largest "
            f"{stats['max_articles']}); server CPU ms/request is the user + system CPU of the "
            "server's processes during its rounds over their requests, cores used that CPU over "
            "the rounds' wall time (what the server got of the 2 cores); "
            "storyline answers story pages from the pages stored by the corpus "
            "phase (" + (f"written in {result['pages_s']} s here" if isinstance(result["pages_s"], float)
                         else "already in the database") + ").")


def write_markdown(path: Path, result: dict[str, Any]) -> None:
    stats = result["story_sample"]
    lines = ["# storyline serve: load benchmark", "",
             f"Run `{result['command']}` on {result['date']} ({result['machine']}).", "",
             f"Database: {result['articles']:,} articles ({result['unique']:,} distinct real articles "
             "from Reuters-21578 and PolNeAR in ../shared/data, the rest replicas with a marker line), "
             f"{result['db_mb']} MB SQLite, built by `storyline ingest` "
             + (f"in {result['ingest_s']} s" if isinstance(result["ingest_s"], float)
                else "(reused from an earlier run of this script)")
             + ", then the corpus phase (stories, identities, corroboration) "
             + (f"in {result['corpus_s']} s" if isinstance(result["corpus_s"], float) else "(reused)")
             + f": {stats['stories']:,} stories, the largest of {stats['largest_story']:,} articles. "
             "The per-article extraction stages were not run at this scale (entity, quote, event "
             "and position tables are empty here); claims and conflicts come from corroboration "
             f"over the sentences. Schema: {result['schema']}.", "",
             f"Load: {result['load']} (load average before the run, and {result['load_after']} "
             "after; other engineers' jobs share the machine, so absolute latencies are "
             "pessimistic and vary between runs; the ratio compares both servers under the same "
             "conditions).", "",
             describe_load(result), "",
             "| scenario | server | p50 ms | p95 ms | p99 ms | req/s | errors | server CPU ms/request | cores used |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, row in result["scenarios"].items():
        for server in ("storyline", "datasette"):
            if server in row:
                r = row[server]
                lines.append(f"| {name} | {server} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | "
                             f"{r['rps']} | {r['errors']} | {r['cpu_ms_per_request']} | {r['cores_used']} |")
    lines += ["", "| scenario | throughput ratio storyline / datasette, median (per cycle) | "
              "1-client p50 ms storyline / datasette | target p95 at 20 clients | met |",
              "|---|---|---|---|---|"]
    for name, row in result["scenarios"].items():
        target = TARGETS.get(name)
        met = ("yes" if row["storyline"]["p95_ms"] <= target and row["storyline"]["errors"] == 0
               else "no") if target else "—"
        single = row["single_client_p50_ms"]
        ratio = f"{row['ratio']} ({', '.join(map(str, row['ratios']))})" if row.get("ratios") else "—"
        lines.append(f"| {name} | {ratio} | {single['storyline']} / {single.get('datasette', '—')} | "
                     f"{'≤ ' + str(target) + ' ms' if target else '—'} | {met} |")
    paint = result.get("first_paint")
    lines += [""]
    if paint:
        lines += [f"HTML story page in headless Chromium (same database, after the load rounds): "
                  f"first contentful paint p50 {paint['p50_ms']} ms, p95 {paint['p95_ms']} ms, "
                  f"max {paint['max_ms']} ms over {paint['pages']} story pages (the 10 largest "
                  "stories and 20 drawn like the load scenario); target ≤ 1,000 ms: "
                  + ("met." if paint["max_ms"] <= 1000 else "not met."), ""]
    lines += ["Equivalent queries: story page API is `GET /api/stories/{id}` (story record, article "
              "summaries, claims, merged events, conflicts, coverage by outlet) vs one SQL "
              "statement returning the same through datasette's `/db.json?sql=`; article detail is "
              "`GET /api/articles/{id}` (the full OUTPUT.md record with duplicate group and spans) "
              "vs datasette's row JSON `/db/articles/{id}.json`; search is `GET /api/search?q=` "
              "(FTS5 MATCH, bm25 order, snippet, plus a total count) vs the same "
              "MATCH/snippet/bm25 SQL (no count). Story page HTML is `GET /stories/{id}` "
              "(briefing from storyline.report, conflicts, positions, quotes, coverage; datasette "
              "has no equivalent).", ""]
    marker = "<!-- notes below this line are kept when the script rewrites the file -->"
    notes = ""
    if path.exists() and marker in path.read_text(encoding="utf-8"):
        notes = path.read_text(encoding="utf-8").split(marker, 1)[1]
    path.write_text("\n".join(lines) + "\n" + marker + notes, encoding="utf-8")


def driver_for(name: str, seconds: float) -> Callable[[list[str], int, bool], dict[str, Any]]:
    """``run(urls, concurrency, bust)``: wrk for ``seconds`` when chosen (or ``auto`` and on
    PATH), else each URL once from the Python client; with ``bust`` every request carries a
    distinct ``_n=`` parameter (search URLs repeat: 24 words)."""
    if name == "wrk" or (name == "auto" and wrk_available()):
        return lambda urls, concurrency, bust: drive_wrk(urls, concurrency, seconds, bust=bust)
    return lambda urls, concurrency, bust: drive_python(
        [u + ("&" if "?" in u else "?") + f"_n={i}-{concurrency}" for i, u in enumerate(urls)] if bust else urls,
        concurrency)


Run = Callable[[list[str], int, bool], dict[str, Any]]


def load_round(sl_urls: list[str], ds_urls: list[str], concurrency: int, repeat: int,
               run: Run, run_ds: Run) -> dict[str, Any]:
    """A B B A cycles (storyline, datasette, datasette, storyline) so drift in the machine's load
    hits both alike; storyline alone when there is no datasette equivalent. Storyline's URLs
    are cache-busted, so its in-memory response cache never answers a repeated URL."""
    runs: dict[str, list[dict[str, Any]]] = {"storyline": [], "datasette": []}
    ratios = []
    chunk = len(sl_urls) // (2 * repeat)
    for r in range(repeat):
        a, b, c = 2 * r * chunk, (2 * r + 1) * chunk, (2 * r + 2) * chunk
        first = run(sl_urls[a:b], concurrency, True)
        if ds_urls:
            middle = [run_ds(ds_urls[a:b], concurrency, False), run_ds(ds_urls[b:c], concurrency, False)]
            runs["datasette"] += middle
        last = run(sl_urls[b:c], concurrency, True)
        runs["storyline"] += [first, last]
        if ds_urls:
            ours_r, theirs_r = summarise([first, last]), summarise(middle)
            ratios.append(round(ours_r["rps"] / theirs_r["rps"], 2))
    row: dict[str, Any] = {"storyline": summarise(runs["storyline"])}
    # the unloaded floor: one client, storyline's URLs cache-busted
    single = {"storyline": summarise([run(sl_urls[:100], 1, True)])["p50_ms"]}
    if ds_urls:
        row["datasette"] = summarise(runs["datasette"])
        single["datasette"] = summarise([run_ds(ds_urls[:100], 1, False)])["p50_ms"]
        row["ratios"], row["ratio"] = ratios, round(statistics.median(ratios), 2)
    row["single_client_p50_ms"] = single
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=2400)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workdir", type=Path, default=REPO / "out" / "bench-serve")
    parser.add_argument("--workers", type=int, default=2, help="ingest worker processes")
    parser.add_argument("--repeat", type=int, default=3, help="A B B A cycles per scenario")
    parser.add_argument("--scenarios", default="", help="comma-separated subset of the scenarios")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium first paint")
    parser.add_argument("--proposed-indexes", action="store_true",
                        help="serve a copy of the database with PROPOSED_INDEXES (and ANALYZE)")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "benchmarks-serve.md")
    parser.add_argument("--driver", choices=("auto", "wrk", "python"), default="auto",
                        help="load generator: wrk (when on PATH with auto) or asyncio + httpx")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per wrk round")
    parser.add_argument("--serve-workers", type=int, default=0,
                        help="storyline serve worker processes (0: its default, one per core)")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    db = args.workdir / "bench.db"
    corpus = args.workdir / "corpus.jsonl"
    unique = build_corpus(corpus, args.articles)
    ingest_s: float | str = "(reused)"
    if count_articles(db) < args.articles * 0.95:
        started = time.perf_counter()
        subprocess.run([str(BIN / "storyline"), "ingest", str(corpus), "--db", str(db), "-q",
                        "--workers", str(args.workers)], check=False, cwd=REPO)
        ingest_s = round(time.perf_counter() - started, 1)
    corpus_s = corpus_phase(db)
    pages_s = story_pages(db)
    if args.proposed_indexes:
        db = indexed_copy(db)
    articles = count_articles(db)
    load = "{:.1f} {:.1f} {:.1f} on {} CPUs".format(*os.getloadavg(), os.cpu_count() or 1)
    sl_port, ds_port = free_port(), free_port()
    sl, ds = f"http://127.0.0.1:{sl_port}", f"http://127.0.0.1:{ds_port}"
    env = dict(os.environ)
    if args.serve_workers:
        env["STORYLINE_SERVE_WORKERS"] = str(args.serve_workers)
    servers = [
        start([str(BIN / "storyline"), "serve", "--db", str(db), "--port", str(sl_port), "-q"],
              f"{sl}/api/stats", args.workdir / "storyline.log", env=env),
        start([sys.executable, "-c", DATASETTE.format(db=str(db), port=ds_port)],
              f"{ds}/-/versions.json", args.workdir / "datasette.log"),
    ]
    wanted = {x.strip() for x in args.scenarios.split(",") if x.strip()}
    paint = None
    try:
        results: dict[str, Any] = {}
        plan, story_stats = scenarios(db, sl, ds, args.requests)
        run = driver_for(args.driver, args.seconds)
        for name, (sl_urls, ds_urls) in plan.items():
            if wanted and name not in wanted:
                continue
            drive_python(sl_urls[:100], args.concurrency)  # warm-up (ids not measured)
            if ds_urls:
                drive_python(ds_urls[:100], args.concurrency)
            if name.startswith("story page"):
                sl_urls, ds_urls = sl_urls[100:], ds_urls[100:]
            results[name] = load_round(sl_urls, ds_urls, args.concurrency, args.repeat,
                                       with_cpu(run, servers[0].pid), with_cpu(run, servers[1].pid))
        if not args.no_browser:
            with sqlite3.connect(db) as con:
                largest = [r[0] for r in con.execute(
                    "SELECT id FROM stories WHERE level = 'story' ORDER BY n_articles DESC LIMIT 10")]
            sampled = [u.rsplit("/", 1)[1] for u in plan["story page HTML"][0][100:120]]
            paint = first_paint(sl, largest + sampled)
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait(timeout=20)
    result = {"command": "python -m bench.serve_load " + " ".join(sys.argv[1:]),
              "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}",
              "articles": articles, "unique": unique, "db_mb": round(db.stat().st_size / 1e6, 1),
              "ingest_s": ingest_s, "corpus_s": corpus_s, "pages_s": pages_s, "load": load,
              "serve_workers": args.serve_workers or "default (one per core)",
              "load_after": "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg()),
              "requests": args.requests, "concurrency": args.concurrency, "scenarios": results,
              "seconds": args.seconds, "repeat": args.repeat,
              "story_sample": story_stats, "first_paint": paint,
              "schema": "with the proposed indexes and ANALYZE" if args.proposed_indexes
              else "as migrated by storyline"}
    write_markdown(args.output, result)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
