"""Hostile article text renders inert; headers, host checks and limits hold."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from serve_corpus import HOSTILE_TITLE, HOSTILE_URL, HUGE_BYTES
from starlette.testclient import TestClient

from storyline.config import Settings
from storyline.serve import create_app
from storyline.serve.pages import TEXT_VIEW_LIMIT
from storyline.serve.render import safe_href

PAGES = ("/", "/articles", "/rejects", "/search?q=truce", "/docs")


class _Tags(HTMLParser):
    """Every start tag and its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _no_live_markup(html: str) -> None:
    """No element from article data: only our own script, no handlers, no javascript: links,
    no images, frames, styles or inline style attributes."""
    for tag, attrs in _tags(html):
        assert tag not in ("img", "svg", "iframe", "object", "embed", "style", "textarea"), tag
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/app.js"), attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)


def test_security_headers_everywhere(client: TestClient) -> None:
    for path in (*PAGES, "/api/stats", "/api/nothing", "/openapi.json", "/static/style.css"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client: TestClient, articles) -> None:  # type: ignore[no-untyped-def]
    for path in (*PAGES, f"/articles/{articles[0]['id']}"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        _no_live_markup(html)


def test_hostile_article_page_is_inert(client: TestClient, hostile_id: str) -> None:
    html = client.get(f"/articles/{hostile_id}").text
    _no_live_markup(html)
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in html  # shown, as text
    assert "&lt;script&gt;alert(&#39;title&#39;)" in html
    assert f'href="{HOSTILE_URL}"' not in html and 'class="unsafe-url"' in html
    assert "{{ 7*7 }}" in html  # no template evaluation of article text


def test_hostile_data_inert_in_lists_and_search(client: TestClient) -> None:
    for path in ("/", "/articles", "/search?q=hostile+ceasefire", "/articles?outlet=%3Cb%20onmouseover%3Dalert(1)%3EEvil%20Outlet%3C%2Fb%3E"):
        response = client.get(path)
        assert response.status_code == 200
        _no_live_markup(response.text)
    search = client.get("/search", params={"q": "hostile ceasefire"}).text
    assert "<mark>" in search and "&lt;script&gt;" in search


def test_hostile_api_json_is_data(client: TestClient, hostile_id: str) -> None:
    response = client.get(f"/api/articles/{hostile_id}")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["title"] == HOSTILE_TITLE  # returned verbatim; JSON is not HTML


def test_huge_single_line_article_stays_usable(client: TestClient, huge_id: str) -> None:
    response = client.get(f"/articles/{huge_id}")
    assert response.status_code == 200
    assert len(response.content) < TEXT_VIEW_LIMIT * 6 + 100_000  # cut, not 10 MB of HTML
    assert "characters long; the first" in response.text
    _no_live_markup(response.text)
    assert len(client.get(f"/api/articles/{huge_id}").json()["text"]) >= HUGE_BYTES - 10


def test_safe_href() -> None:
    assert safe_href("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:x",
                "data:text/html,<script>", "vbscript:x", "//evil.example/x", "/relative", "http://",
                'https://e.org/"onmouseover=x', None, 42, "http://a b"):
        assert safe_href(bad) is None, bad


def test_foreign_host_rejected_when_bound_to_loopback(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url="http://evil.example") as c:
        response = c.get("/api/stats")
    assert response.status_code == 400 and response.json()["error"]["code"] == "SL-HOST"
    with TestClient(app, base_url="http://localhost:8000") as c:
        assert c.get("/api/stats").status_code == 200


def test_any_host_when_bound_elsewhere(serve_db) -> None:  # type: ignore[no-untyped-def]
    app = create_app(Settings({"db": str(serve_db), "serve.host": "0.0.0.0"}))
    with TestClient(app, base_url="http://storyline.internal") as c:
        assert c.get("/api/stats").status_code == 200


def test_missing_database_is_a_clean_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from storyline.errors import StoreError

    with pytest.raises(StoreError, match="does not exist"):
        create_app(Settings({"db": str(tmp_path / "none.db")}))
