"""A whole corpus run on Spark: ``storyline run --executor spark`` (see docs/scaling.md).

Into an empty store from JSON Lines ranges (the bulk-load case), one pass::

    plan splits (driver: file list, JSON Lines line offsets)
      → read + per-article stages per partition (executors)     (key, Processed | Rejected, id)
      → the driver writes each partition as it is computed, in input order, one job per
        partition with every task slot busy; a repeated id keeps its first record; each
        article's ``duplicate_of`` is written as its own id ("pending")
      → duplicate groups: MinHash-LSH band join + verification    spark_dedupe.duplicate_of
      → every article's ``duplicate_of`` in one transaction

Otherwise (stored articles, WARC or compressed inputs, Parquet output)::

      → read records (executors, one partition per split)             items: (key, RawDocument | Rejected)
      → drop ids already stored or repeated in the input                (id, key) shuffle only
      → per-article stages in mapPartitions (DocumentProcessor)         (key, Processed | Rejected)
      → written as above when the partitions are in input order and small; else duplicate
        groups first, then sorted by input position into 1,000-record partitions (also for
        Parquet, written by the executors) and streamed with ``duplicate_of`` set

The result equals the local run's: same articles in the same ``seq`` order, same
``duplicate_of``, same fingerprints and rejections. Stored articles of earlier runs take part in
duplicate grouping exactly as the local runner's rebuilt index does (they come first, by
``seq``), and their ``duplicate_of`` is updated when a new article becomes their group's
canonical copy. Batches are atomic, so a killed Spark run resumes like a local one; a run
stopped after writing articles but before their ``duplicate_of`` leaves pending rows, which the
next run of either executor groups again (:func:`storyline.runner.load_dedupe_state`).

Stored state is read by the executors in ``seq`` ranges; on a cluster the database must be
reachable from them (PostgreSQL), or use Parquet output.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from storyline.config import Settings
from storyline.errors import ConfigError, Rejected, StorylineError
from storyline.execute.spark import spark_session
from storyline.execute.spark_dedupe import Entry, duplicate_of, duplicate_rows
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
    stored, known = _stored(sc, store)
    if known is None and not parquet and splits and all(
            s.kind == "lines" and s.count <= STREAM_PARTITION for s in splits):
        _run_fresh(sc, splits, settings, store, report, analysis, to_store, progress)
        return
    items = (sc.parallelize(splits, max(1, len(splits))).mapPartitions(_ReadSplits(settings))
             .persist(StorageLevel.MEMORY_AND_DISK))
    docs = items.filter(lambda kv: isinstance(kv[1], RawDocument))
    read_rejections = items.filter(lambda kv: isinstance(kv[1], Rejected))

    # ids already stored or repeated in the input are read but not processed again
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
    per_split = dict(items.map(lambda kv: kv[0][1]).countByValue())
    streaming = in_order and not parquet and max(per_split.values(), default=0) <= STREAM_PARTITION
    final: Any = None
    dups: Any = None
    if streaming:
        # the outputs are already in input order, in partitions small enough to stream: the
        # driver writes each one as it is computed, then the cluster groups the duplicates
        ordered: Iterable[tuple[Any, Any]] = _partitions_in_order(outputs, f"storyline-{report.run_id}")
    else:
        dups = _duplicates(entries, settings, report, rdd=True)
        partitions, partition = _in_order(per_split, OUTPUT_PARTITION)
        new_dups = dups.filter(lambda t: t[0][0] == 1 and t[2] is not None).map(lambda t: (t[0], t[2]))
        final = (outputs.mapValues(lambda r: ("r", r))
                 .union(new_dups.mapValues(lambda d: ("d", d)))
                 .repartitionAndSortWithinPartitions(partitions, partition)
                 .mapPartitions(_merge, preservesPartitioning=True)
                 .persist(StorageLevel.MEMORY_AND_DISK))
        ordered = final.toLocalIterator()
    report.seconds["spark_plan"] = time.perf_counter() - phase

    phase = time.perf_counter()
    writer = _StoreWriter(store, settings, report, to_store, progress)
    if parquet:
        _write_parquet(spark, final, parquet, store.bounds("articles")[1], report.run_id)
        report.seconds["parquet"] = time.perf_counter() - phase
        phase = time.perf_counter()
    try:
        written = writer.write_results(ordered, pending=streaming)
    finally:
        if isinstance(ordered, Generator):
            ordered.close()  # stops its jobs now if the writer failed
    report.seconds["spark.write_articles"] = time.perf_counter() - phase
    mark = time.perf_counter()
    if streaming:
        dups = _duplicates(entries, settings, report, rdd=True)
        mark = time.perf_counter()
        _write_links(writer, dups, written, report)
    if stored is not None:
        # stored articles whose group changed (also those an interrupted streaming run left
        # pending, see _StoreWriter)
        writer.write_updates(stored.map(lambda t: (t[1], t[3]))
                             .leftOuterJoin(dups.filter(lambda t: t[0][0] == 0).map(lambda t: (t[1], t[2])))
                             .filter(lambda kv: kv[1][0] != kv[1][1]).map(lambda kv: (kv[0], kv[1][1]))
                             .toLocalIterator())
    writer.flush()
    report.seconds["spark.write_links"] = time.perf_counter() - mark
    report.counts["read"] += report.counts["stored"] + report.counts["rejected"] + n_dropped
    report.seconds["spark_and_store"] = time.perf_counter() - phase
    for rdd in (items, outputs, final, dups):
        if rdd is not None:
            rdd.unpersist()


def _run_fresh(sc: Any, splits: list[Split], settings: Settings, store: SqlStore,
               report: ReportLike, analysis: bool, to_store: bool,
               progress: Callable[[int], None] | None) -> None:
    """Into a store holding nothing yet, from JSON Lines ranges: each partition is read and
    processed in one pass and written as it comes (a repeated id: its first record only),
    then the duplicate groups are found and every ``duplicate_of`` set at once."""
    from pyspark import StorageLevel

    phase = time.perf_counter()
    processor = DocumentProcessor(settings, DEFAULT_STAGES if analysis else INGEST_STAGES)
    outputs = (sc.parallelize(splits, len(splits))
               .mapPartitions(_ReadAndProcess(settings, processor), preservesPartitioning=True)
               .persist(StorageLevel.MEMORY_AND_DISK))
    writer = _StoreWriter(store, settings, report, to_store, progress)
    repeated: set[Any] = set()
    stream = _partitions_in_order(outputs, f"storyline-{report.run_id}")
    try:
        written = writer.write_results(_first_copies(stream, repeated), pending=True)
    finally:
        stream.close()  # stops its jobs now if the writer failed
    report.seconds["spark.write_articles"] = time.perf_counter() - phase
    report.counts["already_stored"] += len(repeated)
    skip = sc.broadcast(repeated)
    entries = outputs.filter(lambda t: isinstance(t[1], Processed) and t[0] not in skip.value).map(
        lambda t: Entry(t[0], t[1].article.id, t[1].fingerprint, t[1].article.published.value))
    dups = _duplicates(entries, settings, report, rdd=False)
    mark = time.perf_counter()
    _write_links(writer, dups, written, report)
    writer.flush()
    report.seconds["spark.write_links"] = time.perf_counter() - mark
    report.counts["read"] += report.counts["stored"] + report.counts["rejected"] + len(repeated)
    report.seconds["spark_and_store"] = time.perf_counter() - phase
    outputs.unpersist()
    skip.destroy()


class _ReadAndProcess:
    """Executor side: every record of the partition's splits, read and (documents) through the
    per-article stages, as ``(input position, Processed | Rejected, document id or None)``."""

    def __init__(self, settings: Settings, processor: DocumentProcessor) -> None:
        self.read, self.processor = _ReadSplits(settings), processor

    def __call__(self, splits: Iterable[Split]) -> Iterator[tuple[Any, Any, str | None]]:
        for key, item in self.read(splits):
            if isinstance(item, RawDocument):
                yield key, self.processor(item), item.id
            else:
                yield key, item, None


def _first_copies(rows: Iterable[tuple[Any, Any, str | None]], repeated: set[Any]) -> Iterator[tuple[Any, Any]]:
    """``(key, result)`` in input order, skipping a document whose id came before (its key is
    added to ``repeated``), as the local run reads a repeated id once."""
    seen: set[str] = set()
    for key, result, document_id in rows:
        if document_id is not None:
            if document_id in seen:
                repeated.add(key)
                continue
            seen.add(document_id)
        yield key, result


def _write_links(writer: _StoreWriter, dups: Any, written: list[str], report: ReportLike) -> None:
    """Every article just written (pending) gets its ``duplicate_of``, in one transaction."""
    if isinstance(dups, list):  # the groups were made on the driver
        links = {t[1]: t[2] for t in dups if t[0][0] == 1 and t[2] is not None}
    else:
        links = dict(dups.filter(lambda t: t[0][0] == 1 and t[2] is not None)
                     .map(lambda t: (t[1], t[2])).collect())
    report.counts["duplicates"] += len(links)
    writer.write_updates(((article_id, links.get(article_id)) for article_id in written),
                         per_batch=len(written) + 1)


def _duplicates(entries: Any, settings: Settings, report: ReportLike, *, rdd: bool) -> Any:
    """The ``(key, id, duplicate_of)`` rows of duplicate group members, computed now: a cached
    RDD (``rdd``), else a list when the groups were made on the driver (no round trip through
    the cluster) or the RDD."""
    mark = time.perf_counter()
    if rdd:
        dups = duplicate_of(entries, settings, LOCAL_LINKS).cache()
        dups.count()
    else:
        dups = duplicate_rows(entries, settings, LOCAL_LINKS)
    report.seconds["spark.dedupe"] = time.perf_counter() - mark
    return dups


def _partitions_in_order(rdd: Any, group: str) -> Generator[Any, None, None]:
    """The elements of ``rdd``, partition after partition, each partition computed by its own
    job, with as many jobs running as the cluster has task slots (plus one queued) while the
    caller consumes the earliest one. (``toLocalIterator`` computes one partition at a time:
    the other slots would idle while the driver writes.) Stopping early cancels the jobs."""
    sc = rdd.context
    count = rdd.getNumPartitions()
    ahead = max(1, int(sc.defaultParallelism)) + 1

    def compute(index: int) -> list[Any]:
        sc.setJobGroup(group, f"storyline partition {index}", True)
        return list(sc.runJob(rdd, lambda rows: rows, [index]))

    pool = ThreadPoolExecutor(max_workers=ahead, thread_name_prefix=group)
    pending: deque[Future[list[Any]]] = deque()
    done = False
    try:
        for index in range(min(ahead, count)):
            pending.append(pool.submit(compute, index))
        submitted = len(pending)
        while pending:
            rows = pending.popleft().result()
            if submitted < count:
                pending.append(pool.submit(compute, submitted))
                submitted += 1
            yield from rows
        done = True
    finally:
        if not done:
            sc.cancelJobGroup(group)
            for future in pending:
                future.cancel()
        pool.shutdown(wait=True)


class _StoreWriter:
    """Streams results to the store in atomic batches (counts even when only Parquet is
    written), then ``duplicate_of`` updates.

    Written ``pending`` (before the duplicate groups are known), an article's ``duplicate_of``
    is its own id until the run sets every one of them in one transaction. An interrupted run
    can leave such rows; the next run of either executor regroups the stored articles (see
    :func:`storyline.runner.load_dedupe_state`)."""

    def __init__(self, store: SqlStore, settings: Settings, report: ReportLike, to_store: bool,
                 progress: Callable[[int], None] | None) -> None:
        self.store, self.report, self.to_store, self.progress = store, report, to_store, progress
        self.batch_size = int(settings["execute.batch_size"])
        self.stop = settings["failure_policy"] == "stop"
        self.batch = StoreBatch()

    def _write(self) -> None:
        if self.to_store:
            self.store.write_batch(self.report.run_id, self.batch)
        if self.progress:
            self.progress(len(self.batch))
        self.batch = StoreBatch()

    def write_results(self, ordered: Iterable[tuple[Any, Any]], *, pending: bool = False) -> list[str]:
        """Write ``(key, Processed | Rejected)`` in order; returns the ids of the articles
        written ``pending`` (none otherwise)."""
        counts, seconds = self.report.counts, self.report.seconds
        written: list[str] = []
        for _key, result in ordered:
            if isinstance(result, Rejected):
                if self.stop:
                    raise StorylineError(f"{result.input}: {result.reason}",
                                         hint="failure_policy=stop; use record to go on past bad inputs")
                self.batch.rejections.append(result)
                counts["rejected"] += 1
            else:
                for stage, spent in result.timings.items():
                    seconds[f"worker.{stage}"] = seconds.get(f"worker.{stage}", 0.0) + spent
                article = result.article
                if pending:
                    written.append(article.id)
                    article = article.replace(duplicate_of=article.id)
                self.batch.articles.append(article)
                self.batch.fingerprints[article.id] = result.fingerprint
                counts["stored"] += 1
                if article.duplicate_of and not pending:
                    counts["duplicates"] += 1
            if len(self.batch) >= self.batch_size:
                self._write()
        self._write()
        return written

    def write_updates(self, updates: Iterable[tuple[str, str | None]], per_batch: int = 0) -> None:
        """Set ``duplicate_of`` of stored articles, ``per_batch`` per transaction (default: 16
        store batches)."""
        limit = per_batch or self.batch_size * 16
        for article_id, target in updates:
            self.batch.duplicate_updates[article_id] = target
            if len(self.batch.duplicate_updates) >= limit:
                self._write()

    def flush(self) -> None:
        self._write()


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
