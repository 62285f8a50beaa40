"""Docs are tested: every setting, CLI verb and error code is documented."""

from __future__ import annotations

import re
from pathlib import Path

from storyline import errors
from storyline.cli import main
from storyline.config import SETTINGS

DOCS = Path(__file__).resolve().parents[2] / "docs"
README = DOCS.parent / "README.md"


def test_readme_opens_with_the_two_setup_commands() -> None:
    text = README.read_text()
    first_block = text.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_every_setting_is_documented() -> None:
    text = (DOCS / "settings.md").read_text()
    for setting in SETTINGS:
        assert f"`{setting.name}`" in text, setting.name


def test_every_cli_verb_is_documented() -> None:
    text = (DOCS / "cli.md").read_text() + README.read_text()
    for name in main.commands:
        assert re.search(rf"`(storyline )?{name}\b", text), name


def test_every_error_and_rejection_code_is_documented() -> None:
    text = (DOCS / "errors.md").read_text()
    classes = [getattr(errors, n) for n in dir(errors)]
    for cls in classes:
        if isinstance(cls, type) and issubclass(cls, errors.StorylineError):
            assert f"`{cls.code}`" in text and cls.__name__ in text
    for code in errors.REASONS:
        assert f"`{code}`" in text, code
