"""The Spark executor: per-article stages on Apache Spark (PySpark), local mode or a cluster.

Two ways in:

* :class:`SparkExecutor` implements the :class:`~storyline.execute.base.Executor` protocol
  (``imap``): records are sent to Spark in bounded blocks, each block runs as one job whose
  partitions call the per-article function in ``mapPartitions``, and results come back in input
  order. Any driver that takes an executor (``storyline analyse``, the local runner) can use it.
* :func:`storyline.execute.spark_run.run_spark` runs a whole corpus on Spark: inputs read by
  the executors, per-article stages, a distributed MinHash-LSH band join for duplicates, output
  to the store and/or Parquet. No step needs all articles on one node.

The session is made by :func:`spark_session`: master from ``execute.spark_master`` unless
``spark-submit`` already chose one, workers on this interpreter (``PYSPARK_PYTHON``), no web UI,
quiet logs. It is stopped when the run ends, so no JVM outlives a command.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from storyline.config import Settings
from storyline.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

INSTALL_HINT = 'the Spark executor needs PySpark and Java 17+: pip install "storyline[spark]"'


def _import_pyspark() -> Any:
    try:
        import pyspark
    except ImportError:
        raise ConfigError("execute.executor=spark but PySpark is not installed",
                          hint=INSTALL_HINT) from None
    return pyspark


@contextmanager
def spark_session(settings: Settings, app_name: str = "storyline") -> Iterator[Any]:
    """A SparkSession for this run; stopped on exit unless it existed before (spark-submit
    or a notebook made it, so its owner stops it)."""
    _import_pyspark()
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    existing = SparkSession.getActiveSession()
    if existing is not None:
        yield existing
        return
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if not SparkConf().contains("spark.master"):  # spark-submit --master wins over the setting
        builder = builder.master(settings["execute.spark_master"])
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (builder.config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.python.worker.reuse", "true")
               .config("spark.driver.memory", settings["execute.spark_driver_memory"])
               # ordered output partitions come back inside the task status (below the RPC
               # message limit of 128 MB), not through the block manager
               .config("spark.task.maxDirectResultSize", "100m")
               .config("spark.sql.shuffle.partitions", str(_shuffle_partitions(settings))))
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # Java missing, bad master URL: py4j / runtime errors
        raise ConfigError(f"cannot start Spark (master {settings['execute.spark_master']!r}): "
                          f"{str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}",
                          hint="check execute.spark_master and that Java 17+ is installed "
                               "(JAVA_HOME); " + INSTALL_HINT) from None
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()


def _shuffle_partitions(settings: Settings) -> int:
    master = str(settings["execute.spark_master"])
    if master.startswith("local["):
        cores = master[len("local["):-1]
        if cores.isdigit():
            return max(2, 2 * int(cores))
    return 200


class _MapPartition:
    """The function Spark runs per partition: ``fn`` over every item, in order (picklable)."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn

    def __call__(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            yield self.fn(item)


class SparkExecutor:
    """An :class:`~storyline.execute.base.Executor` over a Spark session.

    ``block`` records at a time are parallelised into ``partitions`` partitions and collected
    in order, so memory on the driver stays bounded by one block. If a job fails (a Python
    worker died on a record even after Spark's task retries), the block is re-run one record
    per job and the records whose job fails get ``on_crash``.
    """

    def __init__(self, settings: Settings, block: int | None = None,
                 partitions: int | None = None) -> None:
        self.settings = settings
        self.partitions = partitions or _shuffle_partitions(settings)
        self.block = block or max(self.partitions * settings["execute.batch_size"], 256)
        self._session_cm: Any = None
        self._session: Any = None

    def _context(self) -> Any:
        if self._session is None:
            self._session_cm = spark_session(self.settings)
            self._session = self._session_cm.__enter__()
        return self._session.sparkContext

    def imap(self, fn: Callable[[T], R], items: Iterable[T],
             on_crash: Callable[[T, str], R]) -> Iterator[R]:
        iterator = iter(items)
        mapper = _MapPartition(fn)
        while True:
            block = list(itertools.islice(iterator, self.block))
            if not block:
                return
            sc = self._context()
            slices = max(1, min(self.partitions, len(block)))
            try:
                results = sc.parallelize(block, slices).mapPartitions(mapper).collect()
            except Exception:  # a job failed: isolate the record that kills workers
                results = [self._one(sc, mapper, item, on_crash) for item in block]
            yield from results

    @staticmethod
    def _one(sc: Any, mapper: _MapPartition, item: T, on_crash: Callable[[T, str], R]) -> R:
        try:
            return sc.parallelize([item], 1).mapPartitions(mapper).collect()[0]  # type: ignore[no-any-return]
        except Exception as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            return on_crash(item, f"a Spark task failed on this record ({first[:200]})")

    def close(self) -> None:
        if self._session_cm is not None:
            self._session_cm.__exit__(None, None, None)
        self._session_cm = self._session = None

    def __enter__(self) -> SparkExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
