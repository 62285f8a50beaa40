"""Browser tests: a real uvicorn server on a free 127.0.0.1 port and Debian's Chromium driven by
Playwright for Python. Skipped, with the reason, when either is missing."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium"))
REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

sys.path.insert(0, str(REPO / "tests" / "unit" / "serve"))  # serve_corpus: the shared test corpus
sys.path.insert(0, str(Path(__file__).resolve().parent))  # browser_kit

from browser_kit import Watch  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def sync_api() -> Any:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        pytest.skip("playwright for Python is not installed (pip install playwright)")
    return sync_api


@pytest.fixture(scope="session")
def server(sync_api: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The storyline app over the sample + hostile corpus, served by uvicorn in a thread."""
    import uvicorn
    from serve_corpus import build_database

    from storyline.config import Settings
    from storyline.serve import create_app

    db = build_database(tmp_path_factory.mktemp("ui"))
    port = _free_port()
    app = create_app(Settings({"db": str(db), "serve.port": port}))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(sync_api: Any) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch()

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    page.on("console", lambda msg: watch.console.append(f"{msg.type}: {msg.text}"))
    yield page, watch
    context.close()
