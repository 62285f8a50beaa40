"""Plain files, folders, stdin and the bad inputs of a file system."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.errors import REASONS, Rejected
from storyline.ingest import MemorySource, PathSource, Source, read_inputs
from storyline.records import RawDocument

ARTICLE = "Kremlin signals cautious optimism\n\nThe Kremlin said on Friday that talks would go on.\n"


def items(*paths: str | Path, settings: Settings | None = None, stdin: io.BytesIO | None = None) -> list:
    return list(read_inputs([str(p) for p in paths], settings or Settings(), stdin=stdin))


def only(*paths: str | Path, **kwargs) -> RawDocument | Rejected:
    found = items(*paths, **kwargs)
    assert len(found) == 1, found
    return found[0]


def assert_rejected(item: object, code: str, words: str = "") -> Rejected:
    assert isinstance(item, Rejected), item
    assert item.code == code and item.code in REASONS, item.reason
    assert item.stage == "ingest"
    assert words.lower() in item.reason.lower(), item.reason
    return item


def test_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = only(path)
    assert isinstance(doc, RawDocument)
    assert doc.content == ARTICLE and doc.content_type == "text" and doc.encoding == "utf-8"
    assert doc.input == str(path) and len(doc.id) == 16


def test_same_bytes_same_id_anywhere(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    first, second = items(tmp_path / "a.txt", tmp_path / "b.txt")
    assert first.id == second.id
    assert only(tmp_path / "a.txt").id == first.id


@pytest.mark.parametrize("codec", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_legacy_and_bom_encodings(tmp_path: Path, codec: str) -> None:
    text = "Café société: Zelenskyy’s envoy met the “négociateurs” in Genève on Friday. " * 3
    if codec == "latin-1":
        text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(codec))
    doc = only(path)
    assert isinstance(doc, RawDocument), doc
    assert doc.content.strip() == text.strip()


def test_html_file_with_meta_charset(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1252"><title>Été</title></head><body><p>Été à Paris.</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp1252"))
    doc = only(path)
    assert isinstance(doc, RawDocument) and doc.content_type == "html"
    assert "Été à Paris" in doc.content


def test_gzipped_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>Hello there.</p></body></html>"))
    doc = only(path)
    assert isinstance(doc, RawDocument) and doc.content_type == "html"


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"", "empty", "empty"),
        (b"   \n\t\n", "empty", "white space"),
        (b"abc\x00\x01\x02def" * 20, "binary", "NUL"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary", "PNG"),
        ("Zelenskyy’s envoy — “talks”. ".encode() * 5 + b"\xff\xfe broken \xc3\x28 here", "encoding", "invalid UTF-8"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08hello\x0e\x0f\x10\x11" * 40, "binary", "control"),
    ],
)
def test_bad_text_files(tmp_path: Path, content: bytes, code: str, words: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert_rejected(only(path), code, words)


def test_truncated_gzip_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode() * 200)[:60])
    assert_rejected(only(path), "malformed", "gzip")


def test_sparse_300mb_file_is_rejected_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: costs no disk
    assert_rejected(only(path), "too_large", "ingest.max_bytes")


def test_small_cap(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE * 10, encoding="utf-8")
    assert_rejected(only(path, settings=Settings({"ingest.max_bytes": 100})), "too_large")


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5_000_000))
    assert_rejected(only(path, settings=Settings({"ingest.max_bytes": 100_000})), "too_large", "decompressed")


def test_unknown_extension_and_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    assert_rejected(only(path), "unsupported", ".pptx")
    assert_rejected(only(tmp_path / "nope.txt"), "unreachable", "no such file")


def test_no_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = only(path)
    assert isinstance(doc, RawDocument) and doc.content_type == "text"


def test_folder_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ARTICLE + "2", encoding="utf-8")
    (tmp_path / "b" / "1.txt").write_text(ARTICLE + "1", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE + "a", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    names = [Path(i.input).relative_to(tmp_path).as_posix() for i in items(tmp_path)]
    assert names == ["a.txt", "b/1.txt", "b/2.txt"]
    assert [i.id for i in items(tmp_path)] == [i.id for i in items(tmp_path)]


def test_empty_folder(tmp_path: Path) -> None:
    assert_rejected(only(tmp_path), "empty", "no files")


def test_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_bytes(b"")
    (tmp_path / "2.txt").write_text(ARTICLE, encoding="utf-8")
    found = items(tmp_path, tmp_path / "missing.html")
    assert [type(i).__name__ for i in found] == ["Rejected", "RawDocument", "Rejected"]


@pytest.mark.parametrize(
    ("data", "content_type", "count"),
    [
        (ARTICLE.encode(), "text", 1),
        (b"<!DOCTYPE html><html><body><p>Hi there.</p></body></html>", "html", 1),
        (b'{"text": "one"}\n{"text": "two"}\n', "text", 2),
        (gzip.compress(ARTICLE.encode()), "text", 1),
    ],
)
def test_stdin_is_sniffed(data: bytes, content_type: str, count: int) -> None:
    found = items("-", stdin=io.BytesIO(data))
    assert len(found) == count and all(isinstance(i, RawDocument) for i in found), found
    assert found[0].content_type == content_type


def test_lazy_iteration(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(ARTICLE + str(n), encoding="utf-8")
    iterator = read_inputs([str(tmp_path)])
    first = next(iterator)
    assert isinstance(first, RawDocument) and first.input.endswith("0.txt")


def test_memory_source_is_a_source() -> None:
    source = MemorySource(["Some text here.", ("named", "Other text."), "  "])
    assert isinstance(source, Source)
    found = list(source.iter_documents())
    assert [i.input for i in found] == ["memory#1", "named", "memory#3"]
    assert isinstance(found[2], Rejected) and found[2].code == "empty"
    assert isinstance(PathSource([]), Source)


@pytest.mark.parametrize("declared", ["iso-8859-1", "utf-16", "no-such-codec"])
def test_valid_utf8_wins_over_a_wrong_declaration(tmp_path: Path, declared: str) -> None:
    html = f'<html><head><meta charset="{declared}"></head><body><p>Zelenskyy’s envoy in Genève.</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("utf-8"))
    doc = only(path)
    assert isinstance(doc, RawDocument) and "Zelenskyy’s envoy in Genève." in doc.content


def test_unlistable_subfolder_is_a_rejection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):  # type: ignore[no-untyped-def]
        if onerror is not None:
            onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(os, "walk", walk)
    found = items(tmp_path)
    assert isinstance(found[0], RawDocument)
    assert_rejected(found[1], "unreachable", "Permission denied")
    assert found[1].input.endswith("locked")
