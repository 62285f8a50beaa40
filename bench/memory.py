"""Peak resident memory of a process tree, sampled from /proc (Linux)."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants."""
    return sum(tree_rss_by_name(pid).values())


def tree_rss_by_name(pid: int) -> dict[str, int]:
    """Resident bytes of ``pid`` and its descendants, summed per process name (``Name:`` in
    /proc/PID/status: ``python``, ``java``, ...); ``pid`` itself is counted as ``self``."""
    totals: dict[str, int] = {}
    todo = [pid]
    while todo:
        current = todo.pop()
        name, rss = "", 0
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("Name:"):
                    name = line.split(None, 1)[1].strip() if len(line.split()) > 1 else ""
                elif line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) * 1024
        except OSError:
            continue
        key = "self" if current == pid else name
        totals[key] = totals.get(key, 0) + rss
        todo.extend(_children(current))
    return totals


class PeakSampler:
    """Samples the tree RSS of ``pid`` (default: this process) every ``interval`` seconds."""

    def __init__(self, pid: int | None = None, interval: float = 0.25) -> None:
        self.pid = pid or os.getpid()
        self.interval = interval
        self.peak = 0
        #: peak resident bytes per process name (see :func:`tree_rss_by_name`)
        self.peak_by_name: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        by_name = tree_rss_by_name(self.pid)
        self.peak = max(self.peak, sum(by_name.values()))
        for name, rss in by_name.items():
            self.peak_by_name[name] = max(self.peak_by_name.get(name, 0), rss)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
