"""Executors run the per-article stages: local (process pool, default) or Spark."""

from __future__ import annotations

from storyline.config import Settings
from storyline.errors import ConfigError
from storyline.execute.base import Executor, SerialExecutor
from storyline.execute.local import LocalExecutor


def make_executor(settings: Settings) -> Executor:
    """The executor named by ``execute.executor`` (Spark is imported only when asked for)."""
    name = settings["execute.executor"]
    if name == "local":
        return LocalExecutor(settings["execute.workers"])
    if name == "spark":
        from storyline.execute.spark import SparkExecutor, _import_pyspark

        _import_pyspark()  # a clean ConfigError now rather than at the first record
        return SparkExecutor(settings)
    raise ConfigError(f"executor {name!r} is not available in this installation",
                      hint="use execute.executor=local or execute.executor=spark")


__all__ = ["Executor", "LocalExecutor", "SerialExecutor", "make_executor"]
