"""One exception tree for storyline, and the value that records a rejected input.

::

    StorylineError                 root: every error storyline raises on purpose
    ├── ConfigError                a setting has a bad name, type or value      (SL-CONFIG)
    ├── InputError                 an input could not be read at all            (SL-INPUT)
    ├── StoreError                 the database cannot be opened or migrated    (SL-STORE)
    ├── ModelError                 an NLP model cannot be found or loaded       (SL-MODEL)
    └── NotFoundError              an id asked for is not in the database       (SL-NOTFOUND)

Every error carries a stable ``code`` and a ``hint`` (the next step to take). The CLI turns them
into one clean message and an exit code; nothing above the library prints a traceback.

A bad *record* is not an exception: a stage returns :class:`Rejected` and the batch goes on.
Rejections are stored and counted (``storyline rejects``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class StorylineError(Exception):
    """Root of storyline's exceptions: ``code`` is stable, ``hint`` says what to do next."""

    code = "SL-ERROR"
    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class ConfigError(StorylineError):
    """A setting has an unknown name, a value of the wrong type, or a value out of range."""

    code = "SL-CONFIG"
    exit_code = 2


class InputError(StorylineError):
    """An input as a whole cannot be read (a path that does not exist, an unknown format)."""

    code = "SL-INPUT"
    exit_code = 2


class StoreError(StorylineError):
    """The database cannot be opened, migrated or written."""

    code = "SL-STORE"
    exit_code = 4


class ModelError(StorylineError):
    """The configured NLP pipeline cannot be found or loaded."""

    code = "SL-MODEL"
    exit_code = 5


class NotFoundError(StorylineError):
    """An id that was asked for is not in the database."""

    code = "SL-NOTFOUND"
    exit_code = 6


#: Exit code of a command that finished but rejected some inputs.
EXIT_PARTIAL = 3

#: Stable reason codes for rejections (``Rejected.reason`` starts with one of these).
REASONS = {
    "empty": "the input has no content",
    "binary": "the input is not text (binary content)",
    "encoding": "the text encoding could not be determined",
    "too_large": "the input is larger than the size cap (setting ingest.max_bytes)",
    "malformed": "the input is not valid for its format (JSON, WARC, gzip, feed, HTML)",
    "unreachable": "the URL could not be fetched, or the file or folder is missing or unreadable",
    "forbidden": "the URL points at a private or loopback address (use --allow-private)",
    "unsupported": "the input's format is not one storyline reads",
    "no_text": "no article text could be extracted",
    "stage_error": "a pipeline stage failed on this record",
}


@dataclass(frozen=True)
class Rejected:
    """A record that a stage refused: stored with its reason, never silently dropped.

    ``reason`` starts with a code from :data:`REASONS` followed by a colon and the detail,
    e.g. ``"malformed: line 3 is not valid JSON (Expecting value)"``.
    """

    reason: str
    stage: str
    input: str = ""
    id: str | None = None

    @property
    def code(self) -> str:
        return self.reason.split(":", 1)[0].strip()

    def to_dict(self) -> dict[str, Any]:
        return {"reason": self.reason, "stage": self.stage}


def reject(code: str, detail: str, stage: str, input: str = "", id: str | None = None) -> Rejected:
    """Build a :class:`Rejected` whose reason starts with a known code."""
    if code not in REASONS:
        raise ValueError(f"unknown rejection code {code!r}")
    return Rejected(reason=f"{code}: {detail}" if detail else code, stage=stage, input=input, id=id)
