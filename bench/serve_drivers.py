"""Load generators for :mod:`bench.serve_load`: ``wrk`` when installed, else asyncio + httpx.

Both answer the same shape, ``{"latencies": [seconds, ...], "weight": requests per latency,
"requests": n, "errors": n, "seconds": wall, "driver": name, "distinct": n}``, so the caller
pools rounds and computes percentiles the same way.

* :func:`drive_python` sends each URL once from ``concurrency`` keep-alive clients (closed
  loop). The client is Python too: on a 2-core machine it takes a large share of the CPU the
  server needs, so its latencies are pessimistic.
* :func:`drive_wrk` runs ``wrk`` (C, event loop) for ``seconds`` with ``concurrency``
  connections on 2 threads, cycling through the URLs (a Lua script holds them); its Lua
  ``done()`` prints 999 latency quantiles, so rounds pool (to 0.1 percentile). With
  ``bust`` each request gets a distinct ``_n=`` parameter, which the server ignores but which
  keeps storyline's in-memory response cache (keyed by URL) from answering a repeated URL.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: wrk threads (the machine has 2 cores; more threads only contend with the server).
WRK_THREADS = 2

LUA = r"""
local paths = {%(paths)s}
local bust = %(bust)s
local salt = "%(salt)s"
local nthreads = %(threads)d
local counter = 0
local created = 0
function setup(thread)
  thread:set("first", created)
  created = created + 1
end
function init(args)
  counter = first
end
function request()
  local p = paths[(counter %% #paths) + 1]
  if bust then
    if string.find(p, "?", 1, true) then p = p .. "&_n=" .. salt .. counter else p = p .. "?_n=" .. salt .. counter end
  end
  counter = counter + nthreads
  return wrk.format("GET", p)
end
function done(summary, latency, requests)
  local e = summary.errors
  local parts = {}
  for i = 1, 999 do parts[#parts + 1] = string.format("%%d", latency:percentile(i / 10)) end
  io.write(string.format('WRKJSON {"requests": %%d, "duration_us": %%d, "errors": %%d, '
    .. '"status_errors": %%d, "min": %%d, "max": %%d, "quantiles": [%%s]}\n', summary.requests,
    summary.duration, e.connect + e.read + e.write + e.timeout, e.status, latency.min,
    latency.max, table.concat(parts, ",")))
end
"""


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def drive_wrk(urls: list[str], concurrency: int, seconds: float, *, bust: bool = False) -> dict[str, Any]:
    """``wrk -t2 -c<concurrency> -d<seconds>`` cycling through ``urls`` (one host)."""
    base = urlsplit(urls[0])
    paths = []
    for url in urls:
        part = urlsplit(url)
        paths.append(part.path + ("?" + part.query if part.query else ""))
    threads = max(1, min(WRK_THREADS, concurrency))
    script = LUA % {"paths": ",".join(_lua_string(p) for p in paths), "bust": "true" if bust else "false",
                    "threads": threads, "salt": secrets.token_hex(4)}  # distinct across rounds too
    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="serve-bench-", delete=False) as f:
        f.write(script)
        lua = Path(f.name)
    try:
        done = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
             "-s", str(lua), f"{base.scheme}://{base.netloc}"],
            capture_output=True, text=True, check=False)
    finally:
        lua.unlink(missing_ok=True)
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        raise SystemExit(f"wrk failed: {done.stderr.strip() or done.stdout.strip()}")
    data = json.loads(line[len("WRKJSON "):])
    # wrk keeps a histogram but (Debian's 4.1.0) does not hand it to Lua: its 0.1 % ... 99.9 %
    # quantiles, plus min and max, stand for the requests (each 1/1,000 of them), so rounds
    # pool into one distribution accurate to 0.1 percentile.
    points = [data["min"], *data["quantiles"], data["max"]]
    weight = data["requests"] / len(points)
    latencies = [v / 1e6 for v in points]
    return {"latencies": latencies, "weight": weight, "requests": data["requests"],
            "errors": data["errors"] + data["status_errors"],
            "seconds": data["duration_us"] / 1e6, "driver": "wrk",
            "distinct": min(len(paths), data["requests"])}


async def _drive_python(urls: list[str], concurrency: int) -> dict[str, Any]:
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
    return {"latencies": latencies, "weight": 1.0, "requests": len(latencies), "errors": errors,
            "seconds": wall, "driver": "python",
            "distinct": len(set(urls))}


def drive_python(urls: list[str], concurrency: int) -> dict[str, Any]:
    """Each URL once from ``concurrency`` asyncio + httpx clients."""
    return asyncio.run(_drive_python(urls, concurrency))


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children (the serve workers), from
    ``/proc``; 0.0 where there is no ``/proc``."""
    import os

    proc = Path("/proc")
    if not proc.is_dir():
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, int] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = int(fields[11]) + int(fields[12])
    tree = {pid}
    grew = True
    while grew:
        found = {p for p, parent in parents.items() if parent in tree} - tree
        grew = bool(found)
        tree |= found
    return sum(times.get(p, 0) for p in tree) / tick


def with_cpu(run: Any, pid: int) -> Any:
    """``run`` that also records the server's CPU seconds during the round (``cpu_s``)."""

    def measured(urls: list[str], concurrency: int, bust: bool) -> dict[str, Any]:
        before = tree_cpu_seconds(pid)
        result: dict[str, Any] = run(urls, concurrency, bust)
        result["cpu_s"] = tree_cpu_seconds(pid) - before
        return result

    return measured
