"""Bad requests get 4xx JSON errors ``{"error": {"code", "message"}}``, never a traceback."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient


def _assert_error(response, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    assert "Traceback" not in response.text


@pytest.mark.parametrize("query", [
    {"limit": "0"}, {"limit": "201"}, {"limit": "abc"}, {"limit": "1e3"}, {"limit": "-1"},
    {"offset": "-5"}, {"offset": "99999999999999999999"}, {"canonical": "maybe"},
    {"q": "x" * 501}, {"outlet": "a\x00b"}, {"limit": "٣"},
])
def test_bad_list_parameters(client: TestClient, query: dict[str, str]) -> None:
    _assert_error(client.get("/api/articles", params=query), 400, "SL-PARAM")


@pytest.mark.parametrize("query", [{}, {"q": ""}, {"q": "   "}, {"q": "a", "limit": "500"}])
def test_bad_search(client: TestClient, query: dict[str, str]) -> None:
    _assert_error(client.get("/api/search", params=query), 400, "SL-PARAM")


@pytest.mark.parametrize("path", ["/api/articles/0000000000000000", "/api/articles/nothex",
                                  "/api/articles/" + "a" * 100, "/api/articles/%00", "/api/nothing",
                                  "/api/stories/st-nothing", "/api/stories/" + "s" * 65,
                                  "/api/entities/x", "/api/stories/st-nothing/brief",
                                  "/api/conflicts/x"])
def test_not_found(client: TestClient, path: str) -> None:
    _assert_error(client.get(path), 404, "SL-NOTFOUND")


def test_ambiguous_prefix_is_not_found(client: TestClient) -> None:
    _assert_error(client.get("/api/articles/0"), 404, "SL-NOTFOUND")


def test_method_not_allowed(client: TestClient) -> None:
    _assert_error(client.post("/api/articles"), 405, "SL-METHOD")
    _assert_error(client.delete("/api/stats"), 405, "SL-METHOD")


def test_page_errors_are_html_with_status(client: TestClient) -> None:
    response = client.get("/articles/ffffffffffffffff")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "SL-NOTFOUND" in response.text
    bad = client.get("/articles", params={"limit": "x"})
    assert bad.status_code == 400 and "SL-PARAM" in bad.text
    assert client.get("/no/such/page").status_code == 404


def test_other_params_pages(client: TestClient) -> None:
    assert client.get("/rejects", params={"offset": "-1"}).status_code == 400
    assert client.get("/search", params={"q": "x" * 600}).status_code == 400
    assert client.get("/articles/abcd", params={"hl": "<script>"}).status_code in (302, 404)
