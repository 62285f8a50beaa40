"""A whole corpus run on Spark: ``storyline run --executor spark`` (see docs/scaling.md).

::

    plan splits (driver: file list, JSON Lines line offsets)
      → read records (executors, one partition per split)             items: (key, RawDocument | Rejected)
      → drop ids already stored or repeated in the input                (id, key) shuffle only
      → per-article stages in mapPartitions (DocumentProcessor)         (key, Processed | Rejected)
      → duplicate groups: MinHash-LSH band join + verification + trees  spark_dedupe.duplicate_of
      → store batches, streamed to the driver one partition at a time (the next one computed
        while the driver writes): the input partitions as they are when they are already in
        input order and small; else sorted by input position into 1,000-record partitions
        first (also for Parquet, written by the executors)

The result equals the local run's: same articles in the same ``seq`` order, same
``duplicate_of``, same fingerprints and rejections. Stored articles of earlier runs take part in
duplicate grouping exactly as the local runner's rebuilt index does (they come first, by
``seq``), and their ``duplicate_of`` is updated when a new article becomes their group's
canonical copy. Batches are atomic, so a killed Spark run resumes like a local one.

Stored state is read by the executors in ``seq`` ranges; on a cluster the database must be
reachable from them (PostgreSQL), or use Parquet output.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from storyline.config import Settings
from storyline.errors import ConfigError, Rejected, StorylineError
from storyline.execute.spark import spark_session
from storyline.execute.spark_dedupe import Entry, duplicate_of
from storyline.execute.spark_plan import Split, plan_splits, read_split
from storyline.pipeline import DEFAULT_STAGES, INGEST_STAGES, DocumentProcessor, Processed
from storyline.records import RawDocument
from storyline.store import SqlStore, StoreBatch
from storyline.store.rows import article_to_row

#: Above this many dropped records (already stored / repeated ids) the drop list is joined
#: instead of broadcast.
BROADCAST_LIMIT = 1_000_000
#: Records per partition of the final, ordered output (bounds driver memory while writing, and
#: keeps each partition's result under ``spark.task.maxDirectResultSize`` so it reaches the driver
#: in the task's status message: at 4,000 a 100,000-article run lost results held in the block
#: manager, TaskResultLost).
OUTPUT_PARTITION = 1000
#: Input partitions up to this many records are streamed to the driver as they are (already in
#: input order); larger ones (a WARC or compressed JSON Lines file is one partition) are cut into
#: ``OUTPUT_PARTITION``-record partitions by a shuffle first.
STREAM_PARTITION = 2000
#: Duplicate links resolved into groups on the driver up to this many (else on the cluster).
LOCAL_LINKS = 1_000_000
#: Stored articles per partition when stored state is read back.
STATE_RANGE = 20_000


class ReportLike(Protocol):
    run_id: int
    counts: Counter[str]
    seconds: dict[str, float]


def parse_output(value: str) -> tuple[bool, str | None]:
    """``execute.output`` → ``(write to the store?, Parquet folder or None)``."""
    to_store, parquet = False, None
    for part in (p.strip() for p in value.split("+")):
        if part == "store":
            to_store = True
        elif part.startswith("parquet:") and part[len("parquet:"):].strip():
            parquet = part[len("parquet:"):].strip()
        else:
            raise ConfigError(f"execute.output takes 'store', 'parquet:DIR' or 'store+parquet:DIR', "
                              f"not {value!r}")
    return to_store, parquet


class _ReadSplits:
    """Executor side: every record of the partition's splits with its input position."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, splits: Iterable[Split]) -> Iterator[tuple[tuple[int, int, int], Any]]:
        for split in splits:
            for n, item in enumerate(read_split(split, self.settings)):
                yield (1, split.index, n), item


class _Process:
    """Executor side: the per-article stages over a partition (set-up once per process)."""

    def __init__(self, processor: DocumentProcessor) -> None:
        self.processor = processor

    def __call__(self, rows: Iterable[tuple[Any, RawDocument]]) -> Iterator[tuple[Any, Any]]:
        for key, raw in rows:
            yield key, self.processor(raw)


class _ProcessItems:
    """Executor side: a partition of read items in input order — read rejections kept, ids to
    drop skipped, documents through the per-article stages (set-up once per process)."""

    def __init__(self, processor: DocumentProcessor, drop: Any) -> None:
        self.processor, self.drop = processor, drop

    def __call__(self, rows: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
        drop = self.drop.value
        for key, item in rows:
            if isinstance(item, Rejected):
                yield key, item
            elif key not in drop:
                yield key, self.processor(item)


class _StoredState:
    """Executor side: stored articles (and rejected record ids) of one range, read from the
    database by the task itself."""

    def __init__(self, url: str, what: str) -> None:
        self.url, self.what = url, what

    def __call__(self, ranges: Iterable[tuple[int, int]]) -> Iterator[Any]:
        store = SqlStore(self.url, create=False)
        try:
            for low, high in ranges:
                if self.what == "articles":
                    yield from store.dedupe_state_between(low, high)
                else:
                    yield from store.rejected_ids_between(low, high)
        finally:
            store.close()


def _merge(rows: Iterable[tuple[Any, tuple[str, Any]]]) -> Iterator[tuple[Any, Any]]:
    """Sorted ``(key, ("r", result) | ("d", duplicate_of))`` → results with duplicate_of set."""
    pending_key: Any = None
    result: Any = None
    dup: str | None = None
    for key, (tag, value) in rows:
        if key != pending_key and pending_key is not None:
            yield pending_key, _with_dup(result, dup)
            result, dup = None, None
        pending_key = key
        if tag == "r":
            result = value
        else:
            dup = value
    if pending_key is not None:
        yield pending_key, _with_dup(result, dup)


def _with_dup(result: Any, dup: str | None) -> Any:
    if dup is not None and isinstance(result, Processed):
        return Processed(result.article.replace(duplicate_of=dup), result.fingerprint, result.timings)
    return result


def _ranges(low: int, high: int, step: int) -> list[tuple[int, int]]:
    return [(start, min(start + step, high + 1)) for start in range(low, high + 1, step)]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    for line in text.splitlines():
        if "Error" in line or "Exception" in line:
            return line.strip()[:300]
    return (text.splitlines()[0] if text else type(exc).__name__)[:300]


def run_spark(paths: Sequence[str], settings: Settings, store: SqlStore, report: ReportLike, *,
              analysis: bool = True, progress: Callable[[int], None] | None = None) -> Counter[str]:
    """Run ``paths`` through the per-article stages and dedupe on Spark into ``store`` (and/or
    Parquet, per ``execute.output``); fills ``report.counts`` / ``report.seconds`` and returns
    the counts (read, stored, duplicates, already_stored, rejected). ``progress(n)`` is called
    after each written batch."""
    to_store, parquet = parse_output(settings["execute.output"])
    started = time.perf_counter()
    splits = plan_splits(paths, settings)
    report.seconds["plan"] = time.perf_counter() - started
    try:
        with spark_session(settings) as spark:
            report.seconds["spark_start"] = time.perf_counter() - started - report.seconds["plan"]
            _run(spark, splits, settings, store, report, analysis, to_store, parquet, progress)
    except StorylineError:
        raise
    except Exception as exc:
        if type(exc).__module__.startswith(("py4j", "pyspark")):
            raise StorylineError(f"the Spark job failed: {_first_line(exc)}",
                                 hint="run the same command again to resume; STORYLINE_DEBUG=1 "
                                      "and the Spark logs show the cause") from None
        raise
    return report.counts


def _stored(sc: Any, store: SqlStore) -> tuple[Any, Any]:
    """RDDs of the stored articles' dedupe state and of every stored record id (None, None when
    the database is empty)."""
    low, high = store.bounds("articles")
    rlow, rhigh = store.bounds("rejections")
    if not high and not rhigh:
        return None, None
    articles = (sc.parallelize(_ranges(low, high, STATE_RANGE), max(1, (high - low) // STATE_RANGE + 1))
                .mapPartitions(_StoredState(store.url, "articles")).cache() if high else sc.emptyRDD())
    rejected = (sc.parallelize(_ranges(rlow, rhigh, STATE_RANGE), max(1, (rhigh - rlow) // STATE_RANGE + 1))
                .mapPartitions(_StoredState(store.url, "rejections")) if rhigh else sc.emptyRDD())
    known = articles.map(lambda t: t[1]).union(rejected).map(lambda i: (i, None))
    return articles, known


def _drops(group: tuple[str, tuple[Iterable[Any], Iterable[Any]]]) -> Iterator[Any]:
    """One id: the input positions not to process (all of them when the id is stored, all but
    the first when the input repeats it)."""
    keys = sorted(group[1][0])
    if not keys:
        return
    yield from (keys if any(True for _ in group[1][1]) else keys[1:])


def _in_order(records_per_split: dict[int, int], per_partition: int) -> tuple[int, Any]:
    """``(partitions, partition function)`` on input positions: consecutive runs of
    ``per_partition`` records in input order, so partition order is input order, no partition
    holds more than ``per_partition`` records (driver memory while writing) and no sampling job
    is needed (unlike ``sortByKey``)."""
    offsets: dict[int, int] = {}
    total = 0
    for split in sorted(records_per_split):
        offsets[split] = total
        total += records_per_split[split]
    partitions = max(1, -(-total // per_partition))

    def partition(key: tuple[int, int, int]) -> int:
        return min(partitions - 1, (offsets.get(key[1], 0) + key[2]) // per_partition)
    return partitions, partition


def _run(spark: Any, splits: list[Split], settings: Settings, store: SqlStore, report: ReportLike,
         analysis: bool, to_store: bool, parquet: str | None,
         progress: Callable[[int], None] | None) -> None:
    from pyspark import StorageLevel

    sc = spark.sparkContext
    phase = time.perf_counter()
    items = (sc.parallelize(splits, max(1, len(splits))).mapPartitions(_ReadSplits(settings))
             .persist(StorageLevel.MEMORY_AND_DISK))
    docs = items.filter(lambda kv: isinstance(kv[1], RawDocument))
    read_rejections = items.filter(lambda kv: isinstance(kv[1], Rejected))

    # ids already stored or repeated in the input are read but not processed again
    stored, known = _stored(sc, store)
    ids = docs.map(lambda kv: (kv[1].id, kv[0]))
    drop = ids.cogroup(known if known is not None else sc.emptyRDD()).flatMap(_drops)
    mark = time.perf_counter()
    dropped = drop.collect() if known is None else drop.take(BROADCAST_LIMIT + 1)
    report.seconds["spark.read_and_drops"] = time.perf_counter() - mark
    processor = DocumentProcessor(settings, DEFAULT_STAGES if analysis else INGEST_STAGES)
    if len(dropped) <= BROADCAST_LIMIT:
        # one narrow pass: partitions stay the input splits, records stay in input order
        n_dropped = len(dropped)
        outputs = items.mapPartitions(_ProcessItems(processor, sc.broadcast(set(dropped))),
                                      preservesPartitioning=True)
        in_order = True
    else:
        n_dropped = drop.count()
        kept = docs.subtractByKey(drop.map(lambda k: (k, None)))
        outputs = kept.mapPartitions(_Process(processor)).union(read_rejections)
        in_order = False
    outputs = outputs.persist(StorageLevel.MEMORY_AND_DISK)
    report.counts["already_stored"] += n_dropped
    processed = outputs.filter(lambda kv: isinstance(kv[1], Processed))
    if settings["failure_policy"] == "stop":
        bad = outputs.filter(lambda kv: isinstance(kv[1], Rejected)).take(1)
        if bad:
            first = bad[0][1]
            raise StorylineError(f"{first.input}: {first.reason}",
                                 hint="failure_policy=stop; use record to go on past bad inputs")

    # duplicate groups over stored + new articles, in order
    new_entries = processed.map(lambda kv: Entry(kv[0], kv[1].article.id, kv[1].fingerprint,
                                                kv[1].article.published.value))
    entries = new_entries
    if stored is not None:
        entries = entries.union(stored.filter(lambda t: t[2] is not None).map(
            lambda t: Entry((0, t[0], 0), t[1], t[2], t[4])))
    mark = time.perf_counter()
    dups = duplicate_of(entries, settings, LOCAL_LINKS).cache()  # (key, id, duplicate_of) of group members
    report.seconds["spark.process_and_dedupe"] = time.perf_counter() - mark
    new_dups = dups.filter(lambda t: t[0][0] == 1 and t[2] is not None).map(lambda t: (t[0], t[2]))
    per_split = dict(items.map(lambda kv: kv[0][1]).countByValue())
    final: Any = None
    ordered: Iterable[tuple[Any, Any]]
    if in_order and not parquet and max(per_split.values(), default=0) <= STREAM_PARTITION:
        # the outputs are already in input order, in partitions small enough to stream: only
        # the duplicate links travel to the driver, the articles are not shuffled again
        links = dict(new_dups.collect())
        ordered = ((key, _with_dup(result, links.get(key)))
                   for key, result in outputs.toLocalIterator(prefetchPartitions=True))
    else:
        partitions, partition = _in_order(per_split, OUTPUT_PARTITION)
        final = (outputs.mapValues(lambda r: ("r", r))
                 .union(new_dups.mapValues(lambda d: ("d", d)))
                 .repartitionAndSortWithinPartitions(partitions, partition)
                 .mapPartitions(_merge, preservesPartitioning=True)
                 .persist(StorageLevel.MEMORY_AND_DISK))
        ordered = final.toLocalIterator()
    updates: Any = None
    if stored is not None:
        updates = (stored.map(lambda t: (t[1], t[3]))
                   .leftOuterJoin(dups.filter(lambda t: t[0][0] == 0).map(lambda t: (t[1], t[2])))
                   .filter(lambda kv: kv[1][0] != kv[1][1]).map(lambda kv: (kv[0], kv[1][1])))
    report.seconds["spark_plan"] = time.perf_counter() - phase

    phase = time.perf_counter()
    base_seq = store.bounds("articles")[1]
    if parquet:
        _write_parquet(spark, final, parquet, base_seq, report.run_id)
        report.seconds["parquet"] = time.perf_counter() - phase
        phase = time.perf_counter()
    _write_store(ordered, updates, store, settings, report, to_store, progress)
    report.counts["read"] += report.counts["stored"] + report.counts["rejected"] + n_dropped
    report.seconds["spark_and_store"] = time.perf_counter() - phase
    for rdd in (items, outputs, final, dups):
        if rdd is not None:
            rdd.unpersist()


def _write_store(ordered: Iterable[tuple[Any, Any]], updates: Any, store: SqlStore,
                 settings: Settings, report: ReportLike, to_store: bool,
                 progress: Callable[[int], None] | None = None) -> None:
    """Stream the ordered results to the store in atomic batches (counts even when only
    Parquet is written)."""
    counts = report.counts
    batch_size = int(settings["execute.batch_size"])
    batch = StoreBatch()
    for _key, result in ordered:
        if isinstance(result, Rejected):
            batch.rejections.append(result)
            counts["rejected"] += 1
        else:
            for stage, seconds in result.timings.items():
                report.seconds[f"worker.{stage}"] = report.seconds.get(f"worker.{stage}", 0.0) + seconds
            batch.articles.append(result.article)
            batch.fingerprints[result.article.id] = result.fingerprint
            counts["stored"] += 1
            if result.article.duplicate_of:
                counts["duplicates"] += 1
        if len(batch) >= batch_size:
            if to_store:
                store.write_batch(report.run_id, batch)
            if progress:
                progress(len(batch))
            batch = StoreBatch()
    if updates is not None:
        for article_id, target in updates.toLocalIterator():
            batch.duplicate_updates[article_id] = target
            if len(batch.duplicate_updates) >= batch_size * 16:
                if to_store:
                    store.write_batch(report.run_id, batch)
                batch = StoreBatch()
    if to_store:
        store.write_batch(report.run_id, batch)
    if progress:
        progress(len(batch))


def _write_parquet(spark: Any, final: Any, folder: str, base_seq: int, run_id: int) -> None:
    """``folder/articles`` (one row per article, the store's columns plus the fingerprint and
    input position) and ``folder/rejections``, written by the executors."""
    from pyspark.sql.types import (
        BinaryType,
        BooleanType,
        IntegerType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    ints = {"seq": LongType(), "run_id": LongType(), "split": IntegerType(), "record": LongType()}
    sample = article_to_row(_EMPTY_ARTICLE, 0, 0)
    fields = [StructField(name, ints.get(name, BooleanType() if name == "supported" else StringType()))
              for name in sample] + [StructField("fingerprint", BinaryType()),
                                     StructField("split", IntegerType()),
                                     StructField("record", LongType())]
    names = [f.name for f in fields]

    def article_rows(indexed: tuple[tuple[Any, Any], int]) -> tuple[Any, ...]:
        (key, result), index = indexed
        row = article_to_row(result.article, base_seq + index + 1, run_id)
        row.update(fingerprint=bytearray(result.fingerprint), split=key[1], record=key[2])
        return tuple(row[name] for name in names)

    articles = final.filter(lambda kv: isinstance(kv[1], Processed)).zipWithIndex().map(article_rows)
    spark.createDataFrame(articles, StructType(fields)).write.mode("overwrite").parquet(f"{folder}/articles")
    rejection_fields = StructType([StructField(n, StringType()) for n in
                                   ("input", "record_id", "code", "reason", "stage")])
    rejections = final.filter(lambda kv: isinstance(kv[1], Rejected)).map(
        lambda kv: (kv[1].input, kv[1].id, kv[1].code, kv[1].reason, kv[1].stage))
    spark.createDataFrame(rejections, rejection_fields).write.mode("overwrite").parquet(f"{folder}/rejections")


def _empty_article() -> Any:
    from storyline.records import Article

    return Article(id="0" * 16, input="", text="", text_hash="0" * 16)


_EMPTY_ARTICLE = _empty_article()
