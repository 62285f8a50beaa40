"""URLs: a real HTTP server on 127.0.0.1 (allowed only with ingest.allow_private), no internet."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from storyline.config import Settings
from storyline.errors import Rejected
from storyline.ingest import read_inputs
from storyline.ingest.url import read_url
from storyline.records import RawDocument

PAGE = b"<html><head><title>Talks</title></head><body><article><p>The Kremlin said on Friday that talks go on.</p></article></body></html>"
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>a</title><link>https://w.test/a</link><description>Body text of the entry.</description></item></channel></rss>'


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path
        if path == "/article":
            self._send(200, PAGE)
        elif path == "/plain":
            self._send(200, b"Plain words of an article.", "text/plain; charset=utf-8")
        elif path == "/feed":
            self._send(200, FEED, "application/rss+xml")
        elif path == "/image":
            self._send(200, b"\x89PNG....", "image/png")
        elif path == "/missing":
            self._send(404, b"nope")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", "/article" if left == 0 else f"/hop/{left - 1}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
            except OSError:
                pass
        elif path == "/slow":
            time.sleep(2)
            self._send(200, PAGE)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


PRIVATE = Settings({"ingest.allow_private": True, "ingest.url_timeout": 5})


def fetch(url: str, settings: Settings = PRIVATE) -> list:
    return list(read_inputs([url], settings))


def test_loopback_refused_by_default(server: str) -> None:
    (item,) = fetch(server + "/article", Settings())
    assert isinstance(item, Rejected) and item.code == "forbidden" and "allow-private" in item.reason


def test_fetch_html_with_allow_private(server: str) -> None:
    (doc,) = fetch(server + "/article")
    assert isinstance(doc, RawDocument) and doc.content_type == "html"
    assert doc.content.encode() == PAGE and doc.input == server + "/article"
    assert doc.meta["url"] == server + "/article"


def test_plain_text_and_feed(server: str) -> None:
    (doc,) = fetch(server + "/plain")
    assert isinstance(doc, RawDocument) and doc.content_type == "text"
    (entry,) = fetch(server + "/feed")
    assert isinstance(entry, RawDocument) and entry.meta["url"] == "https://w.test/a"


def test_redirects_bounded(server: str) -> None:
    (doc,) = fetch(server + "/hop/2")
    assert isinstance(doc, RawDocument) and doc.meta["url"] == server + "/article"
    (item,) = fetch(server + "/hop/9", PRIVATE.with_(ingest_max_redirects=3))
    assert isinstance(item, Rejected) and item.code == "unreachable" and "redirects" in item.reason


@pytest.mark.parametrize(
    ("path", "code", "words"),
    [("/missing", "unreachable", "404"), ("/image", "unsupported", "image/png"), ("/big", "too_large", "max_bytes")],
)
def test_bad_responses(server: str, path: str, code: str, words: str) -> None:
    (item,) = fetch(server + path, PRIVATE.with_(ingest_max_bytes=100_000))
    assert isinstance(item, Rejected) and item.code == code and words in item.reason, item


def test_timeout(server: str) -> None:
    (item,) = fetch(server + "/slow", PRIVATE.with_(ingest_url_timeout=0.3))
    assert isinstance(item, Rejected) and item.code == "unreachable" and "timed out" in item.reason


def test_unreachable_port() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (item,) = fetch(f"http://127.0.0.1:{port}/")
    assert isinstance(item, Rejected) and item.code == "unreachable"


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/"])
def test_private_addresses_refused(url: str) -> None:
    (item,) = fetch(url, Settings())
    assert isinstance(item, Rejected) and item.code == "forbidden"


def test_redirect_to_private_is_checked_at_every_hop(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def fake(host: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if host == "public.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80))]
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", fake)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://127.0.0.1/admin"})

    (item,) = list(read_url("http://public.example/story", Settings(), transport=httpx.MockTransport(handler)))
    assert isinstance(item, Rejected) and item.code == "forbidden" and "redirected to http://127.0.0.1/admin" in item.reason


def test_non_http_scheme_is_not_a_url(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (item,) = list(read_url("ftp://example.com/x", Settings()))
    assert isinstance(item, Rejected) and item.code == "unsupported"
