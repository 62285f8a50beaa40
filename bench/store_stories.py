"""SQLite vs PostgreSQL with the corpus tables: bulk load and the story-page queries.

    python -m bench.store_stories [--source out/bench-serve/bench.db] [--copies 5]

The source is a database after ``storyline run`` (articles, fingerprints, stories, story
articles, claims, conflicts, stored pages), by default the 20,000-article database that
``python -m bench.serve_load`` builds from ../shared/data. Every row of those tables is copied
``--copies`` times (copy k > 0 gets ``~k`` appended to every id and reference, and its ``seq``
shifted), so 5 copies of 19,814 articles give 99,070 articles and 12,070 stories with the same
shape. Each backend gets the same rows in batches of 500 per transaction; then the queries a
story page and the story list make are timed (best of 3, ms). PostgreSQL is a throwaway cluster
(tests/postgres.py: fsync off), skipped with a message when ``initdb`` is not installed.

Results: ``bench/results/store_stories.json`` and ``docs/benchmarks-store-stories.md``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
DOC = REPO / "docs" / "benchmarks-store-stories.md"

#: Tables copied, in load order, with their id columns (copied with ``~k`` appended).
TABLES: dict[str, tuple[str, ...]] = {
    "articles": ("id", "duplicate_of"),
    "fingerprints": ("article_id",),
    "stories": ("id", "parent"),
    "story_articles": ("article_id", "story_id", "storyline_id"),
    "story_results": ("story_id",),
    "conflicts": ("id", "story_id"),
    "story_pages": ("story_id",),
}
SEQ_TABLES = ("articles", "stories")


def copied_rows(source: Path, table: str, copies: int) -> Iterator[dict[str, Any]]:
    """Every row of ``table`` ``copies`` times, ids suffixed and ``seq`` shifted per copy."""
    con = sqlite3.connect(source)
    con.row_factory = sqlite3.Row
    ids = TABLES[table]
    shift = con.execute(f"SELECT max(seq) FROM {table}").fetchone()[0] if table in SEQ_TABLES else 0
    rows = [dict(r) for r in con.execute(f"SELECT * FROM {table}")]
    con.close()
    for k in range(copies):
        for row in rows:
            out = dict(row)
            if k:
                for column in ids:
                    if out.get(column):
                        out[column] = f"{out[column]}~{k}"
                if table in SEQ_TABLES:
                    out["seq"] = row["seq"] + k * shift
            yield out


def load(url: str, source: Path, copies: int) -> dict[str, Any]:
    """Open (migrate) ``url`` and bulk load the copied tables; seconds per table and rows."""
    from datetime import datetime

    from sqlalchemy import Boolean, DateTime, insert

    from storyline.store import open_store, schema
    from storyline.store.corpus import analyze

    store = open_store(url)
    store.begin_run("bench", [], {})
    seconds: dict[str, float] = {}
    counts: dict[str, int] = {}
    for table in TABLES:
        target = schema.metadata.tables[table]
        flags = [c.name for c in target.columns if isinstance(c.type, Boolean)]
        times = [c.name for c in target.columns if isinstance(c.type, DateTime)]
        started, n, batch = time.perf_counter(), 0, []
        for row in copied_rows(source, table, copies):
            for name in flags:  # SQLite hands back 0/1
                row[name] = None if row[name] is None else bool(row[name])
            for name in times:  # and ISO text
                row[name] = None if row[name] is None else datetime.fromisoformat(row[name])
            if table == "articles":
                row["run_id"] = 1
            batch.append(row)
            if len(batch) == 500:
                with store.engine.begin() as conn:
                    conn.execute(insert(target), batch)
                n, batch = n + len(batch), []
        if batch:
            with store.engine.begin() as conn:
                conn.execute(insert(target), batch)
            n += len(batch)
        seconds[table], counts[table] = time.perf_counter() - started, n
    analyze(store.engine)
    store.close()
    return {"load_s": seconds, "rows": counts, "total_load_s": sum(seconds.values())}


def timed_queries(url: str) -> dict[str, float]:
    """Best-of-3 milliseconds of the story list and story page queries."""
    from sqlalchemy import func, select

    from storyline.store import open_store, queries, schema
    from storyline.store.queries import web
    from storyline.store.story_pages import read_story_page

    store = open_store(url, create=False)
    engine = store.engine
    s = schema.stories.c
    with engine.connect() as conn:
        by_size = conn.execute(select(s.id, s.level).order_by(s.n_articles.desc(), s.id)).all()
        stories = [sid for sid, level in by_size if level == "story"]
        lines = [sid for sid, level in by_size if level == "storyline"]
        members = conn.execute(select(func.count()).select_from(schema.story_articles)).scalar_one()
    largest, median, line = stories[0], stories[len(stories) // 2], lines[0]
    cases: dict[str, Callable[[], Any]] = {
        "story list, first page (50)": lambda: queries.list_stories(engine, limit=50),
        "story list, count": lambda: queries.count_stories(engine),
        "story page, largest story": lambda: web.story_page(engine, largest),
        "story page, median story": lambda: web.story_page(engine, median),
        "storyline page, largest storyline": lambda: web.story_page(engine, line),
        "stored story page (one row)": lambda: _stored(engine, largest, read_story_page),
        "conflicts of the largest story": lambda: queries.list_conflicts(engine, story=largest),
        "story article ids, largest story": lambda: queries.story_article_ids(engine, largest),
        "search 'minister' (20 hits)": lambda: web.search_hits(engine, "minister", start="", end="", limit=20),
    }
    out: dict[str, float] = {"story_articles_rows": float(members)}
    for name, fn in cases.items():
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - started)
        out[name] = best * 1000
    store.close()
    return out


def _stored(engine: Any, story_id: str, read: Callable[[Any, str], Any]) -> Any:
    with engine.connect() as conn:
        return read(conn, story_id)


def markdown(result: dict[str, Any]) -> str:
    lite, pg = result.get("sqlite", {}), result.get("postgresql", {})
    lines = ["# SQLite vs PostgreSQL: corpus tables and story pages", "",
             f"Re-run: `python -m bench.store_stories --copies {result['copies']}` "
             f"(source: {result['source_articles']:,}-article database of bench.serve_load). "
             f"Load average before: {result['load_before']}, after: {result['load_after']}.", "",
             "| | SQLite | PostgreSQL |", "|---|---|---|"]
    for table in TABLES:
        lines.append(f"| load {table} ({lite.get('rows', {}).get(table, 0):,} rows), s | "
                     f"{lite.get('load_s', {}).get(table, float('nan')):.1f} | "
                     f"{pg.get('load_s', {}).get(table, float('nan')):.1f} |")
    lines.append(f"| load, all tables, s | {lite.get('total_load_s', float('nan')):.1f} | "
                 f"{pg.get('total_load_s', float('nan')):.1f} |")
    for name, value in lite.get("queries_ms", {}).items():
        if name == "story_articles_rows":
            continue
        lines.append(f"| {name}, ms | {value:.1f} | {pg.get('queries_ms', {}).get(name, float('nan')):.1f} |")
    lines += ["", pg.get("note", "") or "PostgreSQL: throwaway cluster of tests/postgres.py "
              "(fsync, synchronous_commit and full_page_writes off); a durable server loads slower.", ""]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=REPO / "out" / "bench-serve" / "bench.db")
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"no source database at {args.source}: run `python -m bench.serve_load` first "
              "(it builds one from ../shared/data)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    work = Path(tempfile.mkdtemp(prefix="storyline-store-stories-"))
    con = sqlite3.connect(args.source)
    result: dict[str, Any] = {"copies": args.copies, "load_before": round(os.getloadavg()[0], 1),
                              "source_articles": con.execute("SELECT count(*) FROM articles").fetchone()[0]}
    con.close()
    url = str(work / "stories.db")
    result["sqlite"] = load(url, args.source, args.copies)
    result["sqlite"]["queries_ms"] = timed_queries(url)
    print("sqlite", json.dumps(result["sqlite"]), flush=True)
    if not args.skip_pg:
        sys.path.insert(0, str(REPO / "tests"))
        from postgres import postgres_session  # type: ignore[import-not-found]

        try:
            sessions = postgres_session()
            server = next(sessions)
        except Exception as exc:  # no initdb/pg_ctl on this machine
            result["postgresql"] = {"note": f"PostgreSQL skipped: {exc}"}
        else:
            try:
                pg_url = server.create_database()
                result["postgresql"] = load(pg_url, args.source, args.copies)
                result["postgresql"]["queries_ms"] = timed_queries(pg_url)
                print("postgresql", json.dumps(result["postgresql"]), flush=True)
            finally:
                sessions.close()
    result["load_after"] = round(os.getloadavg()[0], 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "store_stories.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    DOC.write_text(markdown(result), encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
