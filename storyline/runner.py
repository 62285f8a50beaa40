"""The corpus driver behind ``storyline run`` / ``ingest``: read → per-article stages on the
executor → duplicate grouping → store, one transaction per batch.

Resuming: records already stored (by content id) are skipped, the duplicate index is rebuilt
from stored fingerprints in ingest order, and batches are atomic. So a run killed at any point
and started again ends with the same database as an uninterrupted run.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from storyline.config import Settings
from storyline.dedupe import DuplicateIndex, Fingerprint
from storyline.dedupe.groups import DuplicateGroups
from storyline.errors import Rejected, StorylineError
from storyline.execute import make_executor
from storyline.ingest import read_inputs
from storyline.pipeline import DEFAULT_STAGES, INGEST_STAGES, DocumentProcessor, Processed, crashed
from storyline.records import RawDocument
from storyline.store import SqlStore, StoreBatch, open_store

ProgressHook = Callable[[int], None]


@dataclass
class RunReport:
    """What a run did: counts, status (ok | partial | failed), the database and a time split."""

    run_id: int
    db: str
    status: str = "running"
    counts: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def partial(self) -> bool:
        return self.counts["rejected"] > 0


class _Timer:
    def __init__(self, seconds: dict[str, float], name: str) -> None:
        self.seconds, self.name = seconds, name

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.seconds[self.name] = self.seconds.get(self.name, 0.0) + time.perf_counter() - self.started


def _new_documents(items: Iterable[RawDocument | Rejected], store: SqlStore, batch_size: int,
                   report: RunReport, rejections: list[Rejected]) -> Iterator[RawDocument]:
    """Documents not yet stored, in input order; read-stage rejections go to ``rejections``."""
    seen: set[str] = set()
    iterator = iter(items)
    while True:
        with _Timer(report.seconds, "read"):
            chunk = list(itertools.islice(iterator, batch_size))
        if not chunk:
            return
        with _Timer(report.seconds, "store"):
            known = store.known_record_ids(x.id for x in chunk if isinstance(x, RawDocument))
        for item in chunk:
            report.counts["read"] += 1
            if isinstance(item, Rejected):
                rejections.append(item)
            elif item.id in known or item.id in seen:
                report.counts["already_stored"] += 1
            else:
                seen.add(item.id)
                yield item


def run(paths: Sequence[str], settings: Settings, *, command: str = "run",
        stdin: BinaryIO | None = None, progress: ProgressHook | None = None,
        analysis: bool = True) -> RunReport:
    """Ingest ``paths`` and run the per-article stages into the store named by ``db``;
    ``analysis=False`` stops after clean and dedupe (``storyline ingest``)."""
    store = open_store(settings["db"])
    changed = {k: v for k, v in settings.items() if k != "serve.token"}
    report = RunReport(run_id=store.begin_run(command, list(paths), changed), db=store.url)
    started = time.perf_counter()
    try:
        if settings["execute.executor"] == "spark":
            from storyline.execute.spark_run import run_spark

            run_spark(paths, settings, store, report, analysis=analysis, progress=progress)
        else:
            _run(paths, settings, store, report, stdin, progress, analysis)
        if analysis:
            _corpus_phase(store, settings, report)
    except BaseException:
        report.status = "failed"
        store.finish_run(report.run_id, report.status, report.counts)
        store.close()
        raise
    report.seconds["total"] = time.perf_counter() - started
    report.status = "partial" if report.partial else "ok"
    store.finish_run(report.run_id, report.status, report.counts)
    store.close()
    return report


def _corpus_phase(store: SqlStore, settings: Settings, report: RunReport) -> None:
    """Stories, identities and corroboration over what the per-article phase stored."""
    from storyline.corpus import build_corpus

    with _Timer(report.seconds, "corpus"):
        corpus = build_corpus(store, settings)
    report.counts["stories"] = corpus.stories
    report.counts["storylines"] = corpus.storylines
    report.counts["entities"] = corpus.entities
    report.counts["conflicts"] = corpus.conflicts
    for name, seconds in corpus.seconds.items():
        report.seconds[f"corpus.{name}"] = seconds


def _run(paths: Sequence[str], settings: Settings, store: SqlStore, report: RunReport,
         stdin: BinaryIO | None, progress: ProgressHook | None, analysis: bool) -> None:
    with _Timer(report.seconds, "load_index"):
        index, groups = load_dedupe_state(store, settings, report.run_id)
    batch_size = settings["execute.batch_size"]
    read_rejections: list[Rejected] = []
    documents = _new_documents(read_inputs(list(paths), settings, stdin=stdin), store, batch_size,
                               report, read_rejections)
    executor = make_executor(settings)
    processor = DocumentProcessor(settings, DEFAULT_STAGES if analysis else INGEST_STAGES)
    try:
        results = executor.imap(processor, documents, crashed)
        while True:
            with _Timer(report.seconds, "wait_workers"):
                chunk = list(itertools.islice(results, batch_size))
            batch = StoreBatch(rejections=read_rejections[:])
            read_rejections.clear()
            with _Timer(report.seconds, "dedupe"):
                for result in chunk:
                    _accept(result, batch, index, groups, report)
            if settings["failure_policy"] == "stop" and batch.rejections:
                first = batch.rejections[0]
                raise StorylineError(f"{first.input}: {first.reason}",
                                     hint="failure_policy=stop; use record to go on past bad inputs")
            report.counts["rejected"] += len(batch.rejections)
            with _Timer(report.seconds, "store"):
                store.write_batch(report.run_id, batch)
            if progress:
                progress(len(batch))
            if not chunk:
                break
    finally:
        executor.close()


def load_dedupe_state(store: SqlStore, settings: Settings,
                      run_id: int) -> tuple[DuplicateIndex, DuplicateGroups]:
    """The duplicate index and groups of the stored articles.

    Stored ``duplicate_of`` values are trusted, unless a Spark run was interrupted between
    writing its articles and their ``duplicate_of`` (such rows point at themselves, see
    :mod:`storyline.execute.spark_run`): then every stored article is grouped again in ``seq``
    order, as an uninterrupted run would have grouped them, and the values that differ are
    written back first."""
    index = DuplicateIndex(settings)
    groups = DuplicateGroups()
    state = [(article_id, Fingerprint.from_bytes(data), duplicate_of, published)
             for article_id, data, duplicate_of, published in store.iter_dedupe_state()]
    if not any(duplicate_of == article_id for article_id, _fp, duplicate_of, _p in state):
        for article_id, fp, duplicate_of, published in state:
            groups.remember(article_id, duplicate_of, fp, published)
        index.load(((article_id, fp) for article_id, fp, _d, _p in state), groups.canonical_of.get)
        return index, groups
    regrouped: dict[str, str | None] = {}
    for article_id, fp, _d, published in state:
        regrouped[article_id], changes = groups.add(article_id, fp, published,
                                                    _matches(index, groups, article_id, fp))
        regrouped.update(changes)
    fixes = {article_id: regrouped[article_id] for article_id, _fp, duplicate_of, _p in state
             if regrouped[article_id] != duplicate_of}
    store.write_batch(run_id, StoreBatch(duplicate_updates=fixes))
    return index, groups


def _matches(index: DuplicateIndex, groups: DuplicateGroups, article_id: str,
             fp: Fingerprint) -> list[str]:
    """Ids of stored articles this one duplicates, best first (empty: none); at least one per
    duplicate group it joins, which is all :meth:`DuplicateGroups.add` needs."""
    match = index.add(article_id, fp, groups.canonical_of.get)
    return [match.id, *match.also] if match else []


def _accept(result: Processed | Rejected, batch: StoreBatch, index: DuplicateIndex,
            groups: DuplicateGroups, report: RunReport) -> None:
    if isinstance(result, Rejected):
        batch.rejections.append(result)
        return
    for stage, seconds in result.timings.items():
        report.seconds[f"worker.{stage}"] = report.seconds.get(f"worker.{stage}", 0.0) + seconds
    article = result.article
    fp = Fingerprint.from_bytes(result.fingerprint)
    duplicate_of, changes = groups.add(article.id, fp, article.published.value,
                                       _matches(index, groups, article.id, fp))
    batch.articles.append(article.replace(duplicate_of=duplicate_of))
    batch.fingerprints[article.id] = result.fingerprint
    in_batch = {a.id: i for i, a in enumerate(batch.articles)}
    for member, new_target in changes.items():
        if member in in_batch:
            i = in_batch[member]
            batch.articles[i] = batch.articles[i].replace(duplicate_of=new_target)
        else:
            batch.duplicate_updates[member] = new_target
    report.counts["stored"] += 1
    if duplicate_of:
        report.counts["duplicates"] += 1


def analyse(paths: Sequence[str], settings: Settings, *,
            stdin: BinaryIO | None = None) -> Iterator[dict[str, object]]:
    """Per-article records (OUTPUT.md) for ``paths`` without a database, in input order.

    Duplicates are found among the inputs of this call; a rejected input yields a record with
    ``rejected`` set, so every input gives exactly one line.
    """
    from storyline.records import rejected_output

    index = DuplicateIndex(settings)
    groups = DuplicateGroups()
    executor = make_executor(settings)
    processor = DocumentProcessor(settings)
    items: list[RawDocument | Rejected] = []
    seen: set[str] = set()

    def documents() -> Iterator[RawDocument]:
        for item in read_inputs(list(paths), settings, stdin=stdin):
            items.append(item)
            if isinstance(item, RawDocument) and item.id not in seen:
                seen.add(item.id)
                yield item

    pending: list[Processed | Rejected] = []
    outputs: dict[str, dict[str, object]] = {}
    try:
        for result in executor.imap(processor, documents(), crashed):
            pending.append(result)
        for result in pending:
            if isinstance(result, Processed):
                article = result.article
                fp = Fingerprint.from_bytes(result.fingerprint)
                duplicate_of, changes = groups.add(article.id, fp, article.published.value,
                                                   _matches(index, groups, article.id, fp))
                outputs[article.id] = article.replace(duplicate_of=duplicate_of).to_output()
                for member, target in changes.items():
                    outputs[member]["duplicate_of"] = target
            else:
                outputs[f"rejected:{result.input}:{result.id}"] = rejected_output(result)
    finally:
        executor.close()
    by_id = {(r.article.id if isinstance(r, Processed) else r.id): r for r in pending}
    for item in items:
        if isinstance(item, Rejected):
            yield rejected_output(item)
            continue
        result = by_id[item.id]
        if isinstance(result, Processed):
            yield outputs[result.article.id]
        else:
            yield outputs[f"rejected:{result.input}:{result.id}"]
