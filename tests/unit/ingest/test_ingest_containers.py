"""JSON, JSON Lines, WARC and feeds: one record, one document; one bad record, one rejection."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.config import Settings
from storyline.errors import REASONS, Rejected
from storyline.ingest import read_inputs
from storyline.records import RawDocument

BODY = "The Kremlin said on Friday that there were reasons for cautious optimism."


def items(path: Path, **settings: object) -> list:
    return list(read_inputs([str(path)], Settings(settings)))


def kinds(found: list) -> list[str]:
    return ["doc" if isinstance(i, RawDocument) else i.code for i in found]


def assert_valid(found: list) -> None:
    assert found
    for item in found:
        assert isinstance(item, (RawDocument, Rejected))
        if isinstance(item, Rejected):
            assert item.code in REASONS


# ---------------------------------------------------------------- JSON Lines
def test_jsonl_fields_and_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"url": "https://x.test/1", "title": "T1", "text": BODY, "published": "2025-03-14",
                    "outlet": "X News", "author": ["A. One", "B. Two"]}),
        "{not json",
        "",
        json.dumps({"html": "<p>" + BODY + "</p>", "url": "https://x.test/2"}),
        json.dumps([1, 2]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": 42}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = items(path)
    assert_valid(found)
    assert kinds(found) == ["doc", "malformed", "doc", "malformed", "no_text", "malformed"]
    first = found[0]
    assert first.input == f"{path}#L1" and first.content == BODY and first.content_type == "text"
    assert first.meta == {"url": "https://x.test/1", "title": "T1", "published": "2025-03-14",
                          "outlet": "X News", "author": "A. One, B. Two"}
    assert found[1].input == f"{path}#L2" and "line 2" in found[1].reason
    assert found[2].content_type == "html" and found[2].input.endswith("#L4")


def test_jsonl_ids_are_per_record_and_stable(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {"url": "https://x.test/1", "text": BODY}
    path.write_text(json.dumps(record) + "\n" + json.dumps({**record, "url": "https://y.test/"}) + "\n", encoding="utf-8")
    one, two = items(path)
    assert one.id != two.id
    moved = tmp_path / "b.jsonl"
    moved.write_text("\n" + json.dumps(record) + "\n", encoding="utf-8")
    assert items(moved)[0].id == one.id


def test_jsonl_long_line_and_record_cap(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps({"text": BODY * n}) for n in (1, 50, 1, 1, 1)) + "\n", encoding="utf-8")
    assert kinds(items(path, **{"ingest.max_bytes": 1000})) == ["doc", "too_large", "doc", "doc", "doc"]
    assert kinds(items(path, **{"ingest.max_records": 2})) == ["doc", "doc", "too_large"]


def test_jsonl_truncated_gzip_keeps_records_read(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    data = gzip.compress(("\n".join(json.dumps({"text": f"{BODY} {n}"}) for n in range(2000)) + "\n").encode())
    path.write_bytes(data[: len(data) // 2])
    found = items(path)
    assert_valid(found)
    assert kinds(found)[-1] == "malformed" and "truncated" in found[-1].reason
    assert kinds(found).count("doc") > 100


def test_jsonl_empty_and_deep(tmp_path: Path) -> None:
    empty = tmp_path / "e.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    assert kinds(items(empty)) == ["empty"]
    deep = tmp_path / "d.jsonl"
    deep.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert kinds(items(deep)) == ["malformed"]


# ---------------------------------------------------------------- JSON
@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"text": BODY, "title": "T"}, ["doc"]),
        ([{"text": BODY}, {"text": ""}, "x"], ["doc", "empty", "malformed"]),
        ({"articles": [{"text": BODY}, {"html": "<p>x</p>"}]}, ["doc", "doc"]),
        ([], ["empty"]),
        (42, ["malformed"]),
    ],
)
def test_json_shapes(tmp_path: Path, payload: object, expected: list[str]) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    found = items(path)
    assert kinds(found) == expected
    if len(found) > 1:
        assert found[0].input == f"{path}#record-1"


def test_json_that_is_really_jsonl_and_broken_json(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY + "!"}) + "\n", encoding="utf-8")
    assert kinds(items(path)) == ["doc", "doc"]
    path.write_text('{"text": "unterminated', encoding="utf-8")
    assert kinds(items(path)) == ["malformed"]


# ---------------------------------------------------------------- WARC
def _warc_bytes(gzipped: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("x.warc", {"software": "test"}))
    pages = [
        ("https://news.test/a", "200 OK", "text/html; charset=utf-8", f"<html><body><p>{BODY}</p></body></html>"),
        ("https://news.test/img.png", "200 OK", "image/png", "\x89PNG"),
        ("https://news.test/moved", "301 Moved Permanently", "text/html", ""),
        ("https://news.test/b", "200 OK", "text/html; charset=iso-8859-1", "<html><body><p>Genève café</p></body></html>"),
    ]
    for url, status, ctype, body in pages:
        payload = body.encode("latin-1" if "8859" in ctype else "utf-8")
        headers = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers))
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.test")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
    return buffer.getvalue()


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_responses(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(_warc_bytes(gzipped))
    found = items(path)
    assert_valid(found)
    assert kinds(found) == ["doc", "unsupported", "unsupported", "doc"]
    first, last = found[0], found[-1]
    assert first.meta["url"] == "https://news.test/a" and first.content_type == "html"
    assert first.input == f"{path}#record-2" and "crawled" in first.meta
    assert "Genève café" in last.content
    assert "301" in found[2].reason and "image/png" in found[1].reason
    again = items(path)
    assert [i.id for i in again if isinstance(i, RawDocument)] == [first.id, last.id]


def test_truncated_warc_gz_keeps_records_read(tmp_path: Path) -> None:
    data = _warc_bytes(True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])
    found = items(path)
    assert_valid(found)
    assert kinds(found)[0] == "doc"
    assert found[-1].code == "malformed" and "truncated or corrupt" in found[-1].reason


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a warc file at all\n" * 10)
    assert kinds(items(path)) == ["malformed"]


def test_warc_record_cap(tmp_path: Path) -> None:
    path = tmp_path / "c.warc"
    path.write_bytes(_warc_bytes(False))
    assert kinds(items(path, **{"ingest.max_records": 2})) == ["doc", "too_large"]


# ---------------------------------------------------------------- feeds
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire - Latest News</title>
<item><title>First</title><link>https://wire.test/1</link><pubDate>Fri, 14 Mar 2025 10:00:00 GMT</pubDate>
<description>Short summary.</description><content:encoded><![CDATA[<p>{BODY}</p><p>More.</p>]]></content:encoded></item>
<item><title>Second</title><link>https://wire.test/2</link><description>{BODY}</description></item>
<item><title>Link only</title><link>https://wire.test/3</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Atom one</title><link href="https://atom.test/1"/><updated>2025-03-15T08:00:00Z</updated>
<author><name>Jo Reporter</name></author><content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    found = items(path)
    assert kinds(found) == ["doc", "doc", "no_text"]
    first = found[0]
    assert first.content_type == "html" and BODY in first.content and "More." in first.content
    assert first.meta == {"url": "https://wire.test/1", "title": "First", "published": "2025-03-14T10:00:00Z", "outlet": "Example Wire"}
    assert found[1].content_type == "text" and found[1].content == BODY
    assert "https://wire.test/3" in found[2].reason and found[2].input == f"{path}#record-3"


def test_atom_as_xml(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = items(path)
    assert isinstance(doc, RawDocument) and doc.meta["author"] == "Jo Reporter"
    assert doc.meta["published"] == "2025-03-15T08:00:00Z" and doc.meta["outlet"] == "Atom Wire"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("<rss><channel><item><title>x</ti", "no_text"),  # the broken entry has no body
        ("just some words, not xml at all", "malformed"),
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>', "empty"),
    ],
)
def test_bad_feeds(tmp_path: Path, text: str, code: str) -> None:
    path = tmp_path / "bad.rss"
    path.write_text(text, encoding="utf-8")
    assert kinds(items(path)) == [code]


def test_feed_content_naming_a_file_is_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("<rss version='2.0'><channel><item><description>SECRET</description></item></channel></rss>", encoding="utf-8")
    path = tmp_path / "evil.rss"
    path.write_text(str(secret), encoding="utf-8")
    found = items(path)
    assert all("SECRET" not in getattr(i, "content", "") for i in found)
    assert kinds(found) == ["malformed"]


def test_feed_external_entity_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    path = tmp_path / "xxe.rss"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
                    '<rss version="2.0"><channel><item><description>a &x; b</description></item></channel></rss>', encoding="utf-8")
    found = items(path)
    assert all("SECRET" not in getattr(i, "content", "") for i in found)
