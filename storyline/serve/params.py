"""Declared query parameters: one spec drives validation *and* the OpenAPI document.

A bad value is an :class:`~storyline.serve.http.ApiError` (400, ``SL-PARAM``) naming the
parameter, never a 500.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from storyline.serve.http import ApiError

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_BLANK = " \t\n\r\f\v"  # what "empty" means for a required string, here and in its schema


@dataclass(frozen=True)
class Param:
    """A query parameter: ``kind`` is ``string``, ``integer`` or ``boolean``."""

    name: str
    kind: str = "string"
    default: Any = None
    description: str = ""
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 500
    pattern: str | None = None  # a full-match regular expression for string values
    choices: tuple[str, ...] = ()  # the allowed values of a string parameter

    def parse(self, raw: str | None) -> Any:
        if raw is None:
            if self.required:
                raise ApiError(400, "SL-PARAM", f"parameter {self.name!r} is required")
            return self.default
        if "\x00" in raw:
            raise ApiError(400, "SL-PARAM", f"parameter {self.name!r} contains a NUL character")
        if self.kind == "integer":
            return self._integer(raw)
        if self.kind == "boolean":
            value = raw.strip().lower()
            if value in _TRUE:
                return True
            if value in _FALSE:
                return False
            raise ApiError(400, "SL-PARAM", f"parameter {self.name!r} takes true or false")
        if len(raw) > self.max_length:
            raise ApiError(400, "SL-PARAM",
                           f"parameter {self.name!r} is longer than {self.max_length} characters")
        if self.required and not raw.strip(_BLANK):
            raise ApiError(400, "SL-PARAM", f"parameter {self.name!r} must not be empty")
        if (self.choices or self.pattern) and not self.required and not raw.strip(_BLANK):
            return self.default  # an empty form field means "not given"
        if self.choices and raw not in self.choices:
            raise ApiError(400, "SL-PARAM", f"parameter {self.name!r} takes one of "
                           + ", ".join(self.choices))
        if self.pattern and not re.fullmatch(self.pattern, raw):
            raise ApiError(400, "SL-PARAM", f"parameter {self.name!r} is malformed: {raw[:40]!r}",
                           self.description or None)
        return raw

    def _integer(self, raw: str) -> int:
        text = raw.strip()
        if not (text.isascii() and text.lstrip("-").isdigit() and len(text) <= 12):
            raise ApiError(400, "SL-PARAM", f"parameter {self.name!r} takes an integer, not {raw[:40]!r}")
        value = int(text)
        if self.minimum is not None and value < self.minimum:
            raise ApiError(400, "SL-PARAM", f"parameter {self.name!r} must be at least {self.minimum}")
        if self.maximum is not None and value > self.maximum:
            raise ApiError(400, "SL-PARAM", f"parameter {self.name!r} must be at most {self.maximum}")
        return value

    def openapi(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": self.kind}
        if self.kind == "string":
            schema["maxLength"] = self.max_length
            schema["pattern"] = r"^[^\u0000]*$"  # NUL is refused
            if self.required:
                schema["minLength"] = 1
                schema["pattern"] = r"^[^\u0000]*[^\u0000 \t\n\r\f\v][^\u0000]*$"
            if self.pattern:
                schema["pattern"] = f"^(?:{self.pattern})$"
            if self.choices:
                schema = {"type": "string", "enum": list(self.choices)}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.default is not None:
            schema["default"] = self.default
        return {"name": self.name, "in": "query", "required": self.required,
                "description": self.description, "schema": schema}


def parse_all(params: tuple[Param, ...], query: Mapping[str, str]) -> dict[str, Any]:
    """Every declared parameter parsed from a query mapping (unknown parameters are ignored)."""
    return {p.name: p.parse(query.get(p.name)) for p in params}


# Shared parameters --------------------------------------------------------------------------
MAX_PAGE = 200  # the largest page any list endpoint or page returns

LIMIT = Param("limit", "integer", 50, "Items per page.", minimum=1, maximum=MAX_PAGE)
OFFSET = Param("offset", "integer", 0, "Items to skip.", minimum=0, maximum=10_000_000)
Q = Param("q", "string", None, "Full-text query: all words must match.", max_length=500)
Q_REQUIRED = Param("q", "string", None, "Full-text query: all words must match.", required=True,
                   max_length=500)
OUTLET = Param("outlet", "string", None, "Only articles from this outlet (exact name).", max_length=300)
CANONICAL = Param("canonical", "boolean", False, "Only the canonical article of each duplicate group.")
