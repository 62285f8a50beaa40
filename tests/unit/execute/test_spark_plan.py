"""Spark input splits read exactly what the local reader reads, in the same order, and the
driver-side grouping of duplicate links equals the runner's DuplicateGroups (no Spark needed)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.dedupe.fingerprint import fingerprint
from storyline.dedupe.groups import DuplicateGroups
from storyline.errors import ConfigError, Rejected
from storyline.execute.spark_dedupe import _groups_local
from storyline.execute.spark_plan import plan_splits, read_split
from storyline.execute.spark_run import parse_output
from storyline.ingest import read_inputs

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "corpus"


def _signature(item: object) -> tuple[object, ...]:
    if isinstance(item, Rejected):
        return ("rejected", item.input, item.reason, item.id)
    return ("doc", item.id, item.input, item.content, tuple(sorted(item.meta.items())))  # type: ignore[attr-defined]


def _corpus(tmp_path: Path) -> list[str]:
    lines = ["\ufeff" + json.dumps({"text": "first record with a byte order mark in front " * 3})]
    for i in range(1, 95):
        if i % 17 == 0:
            lines.append("")  # blank lines are skipped, numbering goes on
        elif i % 23 == 0:
            lines.append('{"text": "broken')
        else:
            lines.append(json.dumps({"url": f"https://e.example/{i}", "text": f"record {i} " * 20}))
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text("\n" * 30, encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    for i in range(7):
        (folder / f"{i}.txt").write_text(f"Text file number {i}. " * 10, encoding="utf-8")
    (folder / ".hidden.txt").write_text("never read", encoding="utf-8")
    (folder / "odd.bin").write_bytes(b"\x00\x01")
    return [str(tmp_path / "a.jsonl"), str(folder), str(tmp_path / "blank.jsonl"),
            str(tmp_path / "nope"), str(EXAMPLES), "https://127.0.0.1:9/x"]


@pytest.mark.parametrize("per_split", [1, 5, 16, 2000])
def test_splits_read_what_read_inputs_reads(tmp_path: Path, per_split: int) -> None:
    settings = Settings({"execute.partition_records": per_split, "ingest.url_timeout": 0.5})
    paths = _corpus(tmp_path)
    expected = [_signature(x) for x in read_inputs(paths, settings)]
    splits = plan_splits(paths, settings)
    assert [s.index for s in splits] == list(range(len(splits)))
    got = [_signature(x) for split in splits for x in read_split(split, settings)]
    assert got == expected
    if per_split <= 16:
        assert sum(1 for s in splits if s.kind == "lines") > 1


def test_stdin_is_refused_and_output_is_parsed() -> None:
    with pytest.raises(ConfigError):
        plan_splits(["-"], Settings())
    assert parse_output("store") == (True, None)
    assert parse_output("parquet:/tmp/x") == (False, "/tmp/x")
    assert parse_output("store+parquet:out") == (True, "out")
    for bad in ("", "parquet:", "s3"):
        with pytest.raises(ConfigError):
            parse_output(bad)


def test_driver_grouping_equals_duplicate_groups() -> None:
    rng = random.Random(5)
    for _ in range(40):
        n = rng.randint(2, 30)
        texts = [" ".join(rng.choice("abcdefgh") for _ in range(rng.randint(1, 40))) for _ in range(n)]
        fps = [fingerprint(t) for t in texts]
        dates = [rng.choice([None, "2025-01-02", "2024-12-31"]) for _ in range(n)]
        ids = [f"{i:016x}" for i in range(n)]
        groups = DuplicateGroups()
        final: dict[str, str | None] = {}
        links = []
        for j in range(n):
            dups = sorted(rng.sample(range(j), rng.randint(0, min(j, 3)))) if j else []
            own, changes = groups.add(ids[j], fps[j], dates[j], [ids[d] for d in dups])
            final[ids[j]] = own
            final.update(changes)
            links.extend((((1, 0, j), ids[j], fps[j].shingles, dates[j]),
                          ((1, 0, d), ids[d], fps[d].shingles, dates[d])) for d in dups)
        got = {aid: dup for _key, aid, dup in _groups_local(links)}
        assert {k: v for k, v in final.items() if k in got} == got
        assert all(v is None for k, v in final.items() if k not in got)


def test_family_verification_finds_the_local_groups() -> None:
    """The Spark dedupe steps run by hand on one family holding every LSH entry (a superset of
    any real family, so the same candidates): exact links + group-aware verification +
    components give the duplicate_of values of DuplicateIndex + DuplicateGroups."""
    from storyline.dedupe import DuplicateIndex, perturb
    from storyline.execute.spark_dedupe import (
        MAX_CANDIDATES,
        Entry,
        _exact,
        _family_matches,
        _light,
        band_ranges,
    )

    settings = Settings().with_(dedupe_threshold=0.2, dedupe_containment=0.6)
    rng = random.Random(11)
    vocab = [f"w{i}" for i in range(300)]
    originals = [" ".join(rng.choice(vocab) for _ in range(rng.randint(60, 120))) for _ in range(6)]
    context = perturb.Context(vocab, [originals[0]])
    texts = list(originals)
    for i in range(60):
        base = texts[rng.randrange(len(texts))]  # copies of copies: chains and bridges
        kind = rng.choice(sorted(perturb.KINDS))
        texts.append(base if i % 9 == 0 else perturb.KINDS[kind](base, random.Random(i), context))
    rng.shuffle(texts)
    # articles that contain two stories: each joins (bridges) two groups at once
    texts += [originals[0] + " " + originals[1], originals[2] + " " + originals[3]]
    entries = [Entry((1, 0, j), f"{j:016x}", fingerprint(t, settings).to_bytes(), None)
               for j, t in enumerate(texts)]

    index, groups = DuplicateIndex(settings), DuplicateGroups()
    local: dict[str, str | None] = {}
    for e in entries:
        fp = fingerprint(texts[e.key[2]], settings)
        match = index.add(e.id, fp, groups.canonical_of.get)
        own, changes = groups.add(e.id, fp, None, [match.id, *match.also] if match else [])
        local[e.id] = own
        local.update(changes)

    by_hash: dict[str, list[Entry]] = {}
    for e in entries:
        by_hash.setdefault(fingerprint(texts[e.key[2]], settings).text_hash, []).append(e)
    edges, firsts = [], set()
    for key, members in by_hash.items():
        for tag, value in _exact((key, [_light(e)[1] for e in members])):
            if tag == "edge":
                edges.append(value)
            else:
                firsts.add(value)
    lsh = [e for e in entries if e.key in firsts]
    verify = _family_matches(band_ranges(settings), 0.6, MAX_CANDIDATES)
    edges.extend(verify(((1, 0, 0), lsh)))
    got = {aid: dup for _key, aid, dup in _groups_local(edges)}
    assert len(set(got.values()) - {None}) >= 3  # several real groups
    assert got == {k: v for k, v in local.items() if k in got}
    assert all(v is None for k, v in local.items() if k not in got)
