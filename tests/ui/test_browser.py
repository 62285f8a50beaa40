"""The web UI in headless Chromium: overview, article, search, duplicate links, keyboard,
API docs, and hostile articles rendering inert. Screenshots go to test-artifacts/ui/."""

from __future__ import annotations

import time
from typing import Any

import pytest
from browser_kit import ARTIFACTS, Watch, shot
from serve_corpus import HOSTILE_TITLE

Page = tuple[Any, Watch]
pytestmark = pytest.mark.ui


def _clean(watch: Watch) -> None:
    assert watch.dialogs == [], watch.dialogs
    assert watch.errors == [], watch.errors
    assert not [m for m in watch.console if m.startswith("error")], watch.console


def test_home_overview(server: str, page: Page) -> None:
    p, watch = page
    p.goto(server + "/")
    assert p.title() == "Overview · storyline"
    assert p.locator(".stat .n").first.inner_text() == "15"
    assert p.locator(".groups > li").count() >= 1
    assert p.locator("table.rows tbody tr").count() >= 10
    shot(p, "home", full_page=True)
    _clean(watch)


def test_article_page_and_removed_furniture(server: str, page: Page) -> None:
    p, watch = page
    p.goto(server + "/articles?q=funerals+Dravets")
    p.locator("td.title a").first.click()
    p.wait_for_url("**/articles/*")
    assert "Dravets" in p.locator("#text").inner_text()
    assert p.locator("details.removed li").count() >= 1
    details = p.locator("details.removed")
    assert not details.evaluate("d => d.open")
    p.keyboard.press("f")  # keyboard toggle for the audit trail
    assert details.evaluate("d => d.open")
    shot(p, "article", full_page=True)
    _clean(watch)


def test_search_via_keyboard(server: str, page: Page) -> None:
    p, watch = page
    p.goto(server + "/")
    p.keyboard.press("/")  # focuses the header search (on list pages: the page's own filter)
    p.keyboard.type("truce Rasmolov")
    p.keyboard.press("Enter")
    p.wait_for_url("**/search?q=*")
    hits = p.locator("ol.hits > li")
    assert hits.count() >= 2
    assert p.locator("ol.hits mark").count() >= 2
    shot(p, "search")
    p.keyboard.press("j")
    p.keyboard.press("Enter")
    p.wait_for_url("**/articles/*")
    _clean(watch)


def test_follow_duplicate_links(server: str, page: Page) -> None:
    p, watch = page
    p.goto(server + "/")
    copy = p.locator(".groups .copies a").first
    copy_title = copy.inner_text()
    copy.click()
    p.wait_for_url("**/articles/*")
    assert p.locator("h1.article-title").inner_text() == copy_title
    assert "Duplicate." in p.locator("aside.group").inner_text()
    shot(p, "duplicate")
    p.locator("aside.group a.dup-link").first.click()
    p.wait_for_url("**/articles/*")
    assert "Canonical copy" in p.locator("aside.group").inner_text()
    _clean(watch)


def test_hostile_article_is_inert(server: str, page: Page) -> None:
    p, watch = page
    p.goto(server + "/articles?q=hostile")
    p.locator("td.title a").first.click()
    p.wait_for_url("**/articles/*")
    p.wait_for_load_state("load")
    assert p.locator("h1.article-title").inner_text() == HOSTILE_TITLE  # shown as text
    text = p.locator("#text").inner_text()
    assert "<script>alert('text')</script>" in text and "onerror=alert('img')" in text
    assert p.evaluate("document.scripts.length") == 1  # only /static/app.js
    assert p.locator("#main img, #main svg, #main iframe, #main style").count() == 0
    assert p.locator("a[href^='javascript' i]").count() == 0
    assert p.locator(".unsafe-url").inner_text().startswith("javascript:")
    assert p.locator("body").is_visible()  # the injected <style>body{display:none}</style> is text
    shot(p, "hostile", full_page=True)
    _clean(watch)


def test_hostile_search_results_inert(server: str, page: Page) -> None:
    p, watch = page
    p.goto(server + "/search?q=hostile+ceasefire")
    assert p.locator("ol.hits > li").count() >= 1
    assert p.evaluate("document.scripts.length") == 1
    _clean(watch)


def test_huge_single_line_article_stays_usable(server: str, page: Page) -> None:
    p, watch = page
    p.goto(server + "/articles?q=hugeline")
    link = p.locator("td.title a").first
    started = time.perf_counter()
    link.click()
    p.wait_for_url("**/articles/*")
    p.wait_for_load_state("load")
    seconds = time.perf_counter() - started
    assert seconds < 10, seconds
    assert "characters long; the first" in p.locator(".notice").inner_text()
    p.keyboard.press("End")
    p.locator("details.removed summary").click()  # still interactive at the bottom
    assert p.locator("header.top").is_visible()
    width = p.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280  # the single line wraps; no horizontal scroll
    shot(p, "huge")
    _clean(watch)


def test_api_docs_page_renders_openapi(server: str, page: Page) -> None:
    p, watch = page
    p.goto(server + "/docs")
    p.wait_for_selector("section.op")
    assert p.locator("section.op").count() >= 10
    assert "/api/articles/{id}" in p.locator("#api-docs").inner_text()
    shot(p, "docs")
    _clean(watch)


def test_articles_filters_and_pager(server: str, page: Page) -> None:
    p, watch = page
    p.goto(server + "/articles?limit=20")
    p.select_option("select[name=outlet]", "Lakeshore Gazette")
    p.locator(".filters button[type=submit]").click()
    p.wait_for_url("**outlet=Lakeshore*")
    outlets = p.locator("td.outlet").all_inner_texts()
    assert outlets and all(o == "Lakeshore Gazette" for o in outlets)
    p.goto(server + "/articles?limit=5")
    p.keyboard.press("n")
    p.wait_for_url("**offset=5*")
    shot(p, "articles")
    _clean(watch)


def test_highlighted_spans_and_cited_passage(server: str, page: Page) -> None:
    p, watch = page
    p.goto(server + "/articles?q=Rasmolov")
    p.locator("td.title a").first.click()
    p.wait_for_url("**/articles/*")
    assert p.locator("#text .hl-entity").count() >= 1
    assert p.locator("#text .hl-event").count() >= 1
    p.keyboard.press(".")  # keyboard: jump to the first highlight
    assert p.evaluate("document.activeElement.classList.contains('hl')")
    shot(p, "highlights")
    url = p.url.split("?")[0]
    record = p.request.get(url.replace("/articles/", "/api/articles/")).json()
    start = record["text"].index("Rasmolov")
    p.goto(f"{url}?hl={start}-{start + 40}#cite")  # how a briefing citation will link here
    cite = p.locator("#cite")
    assert cite.is_visible() and "Rasmolov" in cite.inner_text()
    top = cite.evaluate("e => e.getBoundingClientRect().top")
    assert 40 <= top < 900, top  # scrolled into view, below the sticky header
    shot(p, "cite")
    _clean(watch)


def test_first_render_time(server: str, page: Page) -> None:
    """First contentful paint of an article page and the overview (issue 7 asks ≤ 1 s for the
    story page, which waits for the stories stage). Recorded in test-artifacts/ui/timings.json;
    asserted loosely because the test machine is shared."""
    import json


    p, watch = page
    timings = {}
    for name, path in (("overview", "/"), ("article", "/articles?q=funerals+Dravets")):
        p.goto(server + path)
        if name == "article":
            href = p.locator("td.title a").first.get_attribute("href")
            p.goto(server + href)
        # the paint entry is recorded asynchronously: poll for it rather than race it (the page's
        # CSP forbids eval, so Playwright's wait_for_function cannot be used)
        fcp = None
        for _ in range(50):
            fcp = p.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
            if fcp is not None:
                break
            p.wait_for_timeout(100)
        nav = p.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
        timings[name] = {"fcp_ms": round(fcp, 1) if fcp else None,
                         "dom_content_loaded_ms": round(nav["domContentLoadedEventEnd"], 1),
                         "load_ms": round(nav["loadEventEnd"], 1)}
        assert fcp is not None and fcp < 3000, timings
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "timings.json").write_text(json.dumps(timings, indent=2))
    _clean(watch)
