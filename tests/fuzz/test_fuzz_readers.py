"""Fuzz every reader (and clean) with generated malformed input: nothing escapes, every input
yields at least one RawDocument or Rejected with a known reason code.

Example counts add up to more than 10,000 inputs (see ``EXAMPLES``); the whole module runs in
well under 90 s on one core.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.clean import clean_document
from storyline.config import Settings
from storyline.errors import REASONS, Rejected
from storyline.ids import content_id
from storyline.ingest import read_stream
from storyline.ingest.jsonl import read_jsonl
from storyline.ingest.warc import read_warc
from storyline.records import Article, RawDocument

CONFIG = Settings({"ingest.max_bytes": 200_000, "ingest.max_records": 50})
EXAMPLES = {
    "bytes_any_format": 2800,
    "text_variants": 1000,
    "gzip_truncated": 1000,
    "json_lines": 1500,
    "json_documents": 800,
    "warc_broken": 1000,
    "feeds_broken": 1000,
    "html_weird": 800,
    "clean_text": 400,
    "clean_html": 300,
}
RAN: Counter[str] = Counter()
FORMATS = ["", "text", "html", "json", "jsonl", "warc", "feed"]


def fuzz(name: str):  # type: ignore[no-untyped-def]
    return settings(max_examples=EXAMPLES[name], deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(found: list, name: str = "x") -> None:
    assert found, "an input produced nothing at all"
    for item in found:
        assert isinstance(item, (RawDocument, Rejected)), item
        if isinstance(item, Rejected):
            assert item.code in REASONS and item.reason, item
            assert item.stage == "ingest"
        else:
            assert isinstance(item.content, str) and item.content.strip()
            assert item.content_type in ("text", "html") and len(item.id) == 16
            assert all(isinstance(k, str) and isinstance(v, str) for k, v in item.meta.items())
            item.content.encode("utf-8")  # no lone surrogates downstream


def run(data: bytes, fmt: str = "") -> list:
    return list(read_stream(io.BytesIO(data), "fuzz", CONFIG, fmt))


# ------------------------------------------------------------------ seeds for mutation
def _warc(gzipped: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("f.warc", {"software": "fuzz"}))
    for n, ctype in enumerate(["text/html; charset=utf-8", "text/plain", "image/jpeg"]):
        body = f"<html><body><p>Article {n} says the talks will go on.</p></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://n.test/{n}", "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


WARCS = [_warc(False), _warc(True)]
FEEDS = [
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>a</title><link>https://w.test/a</link>'
    b"<description>&lt;p&gt;Body text&lt;/p&gt;</description><pubDate>Fri, 14 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>",
    b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>e</title>'
    b'<link href="https://a.test/1"/><updated>2025-03-15T08:00:00Z</updated><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>',
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><item><description>&b;</description></item></channel></rss>',
]
TEXTS = ["Kremlin says talks go on.", "Zelenskyy’s “peace” plan — in Genève.", "Привет, мир.", "東京で会談。", "\u202e\u200bodd\ufeff"]
FRAGMENTS = [b"<", b">", b"</", b"<div>", b"</div>", b"<p>", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"&amp;", b"&#0;", b"&#xD800;",
             b"<script>", b"</script>", b"<html>", b"<body>", b"<meta charset='utf-16'>", b"\x00", b"\xff", b"\xc3", b"text ",
             b'"', b"'", b"=", b"<?xml ", b"<!DOCTYPE html>", b"<rss>", b"<item>", b"<entry>", b"<feed>", b"\n", b"{", b"}", b"[", b"]"]


def mutate(base: bytes, data: st.DataObject) -> bytes:
    blob = bytearray(base)
    for _ in range(data.draw(st.integers(0, 4))):
        if not blob:
            break
        kind = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = data.draw(st.integers(0, len(blob) - 1))
        if kind == "flip":
            blob[at] = data.draw(st.integers(0, 255))
        elif kind == "cut":
            del blob[at:]
        elif kind == "insert":
            blob[at:at] = data.draw(st.binary(max_size=20))
        else:
            del blob[at : at + data.draw(st.integers(1, 50))]
    return bytes(blob)


# ------------------------------------------------------------------ ingest readers
@fuzz("bytes_any_format")
@given(st.binary(max_size=2000), st.sampled_from(FORMATS))
def test_random_bytes_every_format(data: bytes, fmt: str) -> None:
    RAN["bytes_any_format"] += 1
    check(run(data, fmt))


@fuzz("text_variants")
@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1", "utf-8-sig", "shift_jis", "koi8-r"]),
       st.sampled_from(["", "text", "html"]))
def test_text_in_many_encodings(text: str, codec: str, fmt: str) -> None:
    RAN["text_variants"] += 1
    check(run(text.encode(codec, "replace"), fmt))


@fuzz("gzip_truncated")
@given(st.sampled_from(TEXTS + ['{"text": "x"}\n{"text": "y"}\n']), st.integers(1, 40), st.integers(0, 200),
       st.sampled_from(FORMATS))
def test_truncated_gzip(text: str, repeat: int, cut: int, fmt: str) -> None:
    RAN["gzip_truncated"] += 1
    data = gzip.compress((text * repeat).encode())
    check(run(data[: max(2, len(data) - cut)], fmt))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {},
    optional={k: json_values | st.text(max_size=80) for k in ("text", "html", "url", "title", "published", "outlet", "author", "body")},
)


@fuzz("json_lines")
@given(st.lists(st.one_of(records.map(json.dumps), json_values.map(json.dumps), st.text(max_size=60),
                          records.map(lambda r: json.dumps(r)[: len(json.dumps(r)) // 2])), max_size=8),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_broken_json_lines(lines: list[str], newline: str, raw: bool) -> None:
    RAN["json_lines"] += 1
    data = newline.join(lines).encode("utf-8", "surrogatepass")
    found = list(read_jsonl(io.BytesIO(data), "fuzz", CONFIG)) if raw else run(data, "jsonl")
    check(found)


@fuzz("json_documents")
@given(st.one_of(records, st.lists(records, max_size=5), json_values, st.dictionaries(st.sampled_from(["articles", "items"]), st.lists(records, max_size=3))),
       st.integers(0, 30))
def test_broken_json_documents(value: object, cut: int) -> None:
    RAN["json_documents"] += 1
    data = json.dumps(value).encode("utf-8", "surrogatepass")
    check(run(data[: len(data) - cut] if cut < len(data) else data, "json"))


@fuzz("warc_broken")
@given(st.sampled_from(WARCS), st.data())
def test_broken_warc(base: bytes, data: st.DataObject) -> None:
    RAN["warc_broken"] += 1
    blob = mutate(base, data)
    check(list(read_warc(io.BytesIO(blob), "fuzz", CONFIG)))
    check(run(blob, ""))


@fuzz("feeds_broken")
@given(st.one_of(st.sampled_from(FEEDS).flatmap(lambda f: st.just(f)), st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(b"".join)), st.data())
def test_broken_feeds(base: bytes, data: st.DataObject) -> None:
    RAN["feeds_broken"] += 1
    check(run(mutate(base, data), "feed"))


weird_html = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=30).map(lambda t: t.encode("utf-8", "surrogatepass")), max_size=60).map(b"".join)


@fuzz("html_weird")
@given(weird_html, st.integers(0, 400))
def test_weird_html_ingest(html: bytes, depth: int) -> None:
    RAN["html_weird"] += 1
    check(run(b"<html><body>" + b"<div>" * depth + html, "html"))


# ------------------------------------------------------------------ clean
def check_clean(doc: RawDocument) -> None:
    result = clean_document(doc)
    assert isinstance(result, (Article, Rejected)), result
    if isinstance(result, Rejected):
        assert result.code in REASONS and result.stage == "clean" and result.id == doc.id
    else:
        assert result.text.strip() and result.id == doc.id
        assert result.text == result.text.encode("utf-8").decode("utf-8")


@fuzz("clean_text")
@given(st.lists(st.text(max_size=120) | st.sampled_from(["Read Entire Article", "0 0", "• Tags:", "Photo: AP", "Login/Register"]), max_size=12))
def test_clean_text_never_raises(lines: list[str]) -> None:
    RAN["clean_text"] += 1
    content = "\n".join(lines) or " "
    check_clean(RawDocument(id=content_id(content.encode("utf-8", "surrogatepass")), input="fuzz",
                            content=content.encode("utf-8", "replace").decode("utf-8"), content_type="text"))


@fuzz("clean_html")
@given(weird_html, st.integers(0, 600), st.text(min_size=0, max_size=400))
def test_clean_html_never_raises(html: bytes, depth: int, body: str) -> None:
    RAN["clean_html"] += 1
    content = ("<html><body>" + "<div>" * depth + html.decode("utf-8", "replace") + "<p>" + body + "</p>").encode("utf-8", "replace").decode("utf-8")
    check_clean(RawDocument(id=content_id(content), input="fuzz", content=content, content_type="html"))


def test_zz_total_examples() -> None:
    """Runs last: at least 10,000 generated inputs when the whole module ran."""
    if len(RAN) < len(EXAMPLES):
        pytest.skip("only part of the fuzz module ran")
    assert sum(EXAMPLES.values()) >= 10_000
    assert sum(RAN.values()) >= 10_000, RAN
    print(f"\nfuzz: {sum(RAN.values())} generated inputs: {dict(RAN)}")


def test_zlib_error_types_are_covered() -> None:
    """The readers catch what a broken gzip stream raises."""
    with pytest.raises((OSError, EOFError, zlib.error)):
        gzip.decompress(gzip.compress(b"abc" * 100)[:20])
