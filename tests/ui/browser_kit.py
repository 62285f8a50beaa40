"""Helpers shared by the browser tests (a module with a unique name: several test folders
have a conftest.py, so ``from conftest import …`` would pick whichever was imported first)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "ui"


class Watch:
    """What a page did that it must not: dialogs (alert/confirm), page errors, CSP reports."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []


def shot(page: Any, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
