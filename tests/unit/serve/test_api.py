"""The JSON API over the sample corpus: every route, its shape, pagination and filters."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from starlette.testclient import TestClient


def test_articles_list_pages_and_total(client: TestClient, articles: list[dict[str, Any]]) -> None:
    body = client.get("/api/articles", params={"limit": 5}).json()
    assert body["total"] == len(articles) == 15  # 13 sample articles + 2 hostile
    assert [a["id"] for a in body["items"]] == [a["id"] for a in articles[:5]]
    page2 = client.get("/api/articles", params={"limit": 5, "offset": 5}).json()
    assert [a["id"] for a in page2["items"]] == [a["id"] for a in articles[5:10]]


def test_articles_filters(client: TestClient) -> None:
    gazette = client.get("/api/articles", params={"outlet": "Lakeshore Gazette"}).json()
    assert gazette["total"] >= 2 and all(a["outlet"] == "Lakeshore Gazette" for a in gazette["items"])
    canonical = client.get("/api/articles", params={"canonical": "true"}).json()
    assert all(a["duplicate_of"] is None for a in canonical["items"])
    assert canonical["total"] < client.get("/api/articles").json()["total"]
    tram = client.get("/api/articles", params={"q": "tram Brightwater"}).json()
    assert tram["total"] == 1 and "tram" in tram["items"][0]["title"].lower()


def test_article_detail_is_the_output_record(client: TestClient, articles: list[dict[str, Any]]) -> None:
    record = client.get(f"/api/articles/{articles[0]['id']}").json()
    assert record["schema"] == "storyline/1"
    for key in ("id", "input", "outlet", "title", "published", "text", "removed", "duplicate_of",
                "rejected", "entities", "quotes", "events", "positions", "dates", "spans", "duplicates"):
        assert key in record
    for span in record["spans"]:  # whatever the analysis stages found, inside the text
        assert 0 <= span["start"] < span["end"] <= len(record["text"])
        assert span["kind"] in ("entity", "quote", "event", "position", "date")


def test_article_prefix_and_duplicates(client: TestClient) -> None:
    groups = client.get("/api/duplicates").json()
    assert groups["total"] == len(groups["items"]) >= 1
    group = groups["items"][0]
    copy = client.get(f"/api/articles/{group['duplicates'][0][:8]}").json()
    assert copy["duplicate_of"] == group["canonical"]
    assert group["canonical"] in copy["duplicates"]


def test_search_highlights(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "truce"}).json()
    assert body["q"] == "truce" and body["total"] >= 3
    for hit in body["items"]:
        assert hit["highlights"]
        for start, end in hit["highlights"]:
            assert hit["snippet"][start:end].lower().startswith("truce")
    assert client.get("/api/search", params={"q": "zzqxnotaword"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "!!! ???"}).json()["items"] == []


def test_corpus_endpoints(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 15 and stats["duplicate_groups"] >= 1
    assert client.get("/api/rejections").json()["total"] == stats["rejections"]
    runs = client.get("/api/runs").json()["items"]
    assert len(runs) == 3 and all("serve.token" not in r["settings"] for r in runs)
    outlets = {o["outlet"] for o in client.get("/api/outlets").json()["items"]}
    assert "Lakeshore Gazette" in outlets


def test_exports_stream_every_article(client: TestClient) -> None:
    lines = client.get("/api/export.jsonl").text.splitlines()
    assert len(lines) == 15 and json.loads(lines[0])["schema"] == "storyline/1"
    canonical = client.get("/api/export.jsonl", params={"canonical": "1"}).text.splitlines()
    assert len(canonical) < 15
    response = client.get("/api/export.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    csv.field_size_limit(20_000_000)  # the 10 MB hostile article is one field
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 15 and rows[0]["id"]


def test_openapi_lists_routes(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    for path in ("/api/articles", "/api/articles/{id}", "/api/search", "/api/duplicates",
                 "/api/rejections", "/api/runs", "/api/stats", "/api/export.jsonl", "/api/export.csv",
                 "/api/ingest", "/api/stories", "/api/stories/{id}", "/api/stories/{id}/brief",
                 "/api/stories/{id}/timeline", "/api/stories/{id}/network", "/api/entities",
                 "/api/entities/{id}", "/api/quotes", "/api/events", "/api/positions",
                 "/api/conflicts", "/api/export/network.graphml"):
        assert path in doc["paths"], path


def test_groups_need_their_tables(tmp_path: Any) -> None:
    """A database without the corpus tables gets no story or entity routes (no stubs)."""
    from sqlalchemy import create_engine

    from storyline.serve.app import load_groups
    from storyline.store import schema

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    old = [t for t in schema.metadata.sorted_tables if t not in schema.CORPUS_TABLES]
    schema.metadata.create_all(engine, tables=old)
    names = {g.name for g in load_groups(engine)}
    assert names == {"articles", "exports", "pages"}
    schema.metadata.create_all(engine)
    assert {"stories", "entities", "corpus-pages"} <= {g.name for g in load_groups(engine)}


def test_pages_render(client: TestClient, articles: list[dict[str, Any]]) -> None:
    for path in ("/", "/articles", "/articles?canonical=1&limit=20", "/search", "/search?q=truce",
                 "/rejects", "/docs", f"/articles/{articles[0]['id']}"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
    home = client.get("/").text
    assert "Duplicate groups" in home and "Latest articles" in home


def test_article_page_prefix_redirects_and_cite(client: TestClient, articles: list[dict[str, Any]]) -> None:
    full = articles[0]["id"]
    response = client.get(f"/articles/{full[:6]}", follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"] == f"/articles/{full}"
    page = client.get(f"/articles/{full}", params={"hl": "0-20"}).text
    assert 'id="cite"' in page and "hl-cite" in page
    assert 'id="cite"' not in client.get(f"/articles/{full}", params={"hl": "5-999999999"}).text


def test_static_assets(client: TestClient) -> None:
    assert client.get("/static/app.js").headers["content-type"].startswith(("text/javascript",
                                                                           "application/javascript"))
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/../app.py").status_code == 404


def test_list_pages_have_working_pagers(client: TestClient) -> None:
    first = client.get("/articles", params={"limit": 5}).text
    assert 'rel="next" href="/articles?limit=5&amp;offset=5"' in first and "1–5 of 15" in first
    last = client.get("/articles", params={"limit": 5, "offset": 10}).text
    assert 'rel="prev" href="/articles?limit=5&amp;offset=5"' in last and 'rel="next"' not in last
    search = client.get("/search", params={"q": "truce", "limit": 2}).text
    assert 'rel="next"' in search
