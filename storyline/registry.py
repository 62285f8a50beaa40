"""Named, versioned components (``"clean.document.v1"``).

Built-ins are registered exactly the way plugins are: a name and an ``"module:attribute"``
reference, resolved lazily on first use, so importing storyline stays cheap. Plugins register
through the ``storyline.components`` entry-point group. A published ``.v1`` never changes
behaviour: a changed component gets a new version next to the old one.
"""

from __future__ import annotations

import importlib
import re
from importlib.metadata import entry_points
from typing import Any

from storyline.errors import ConfigError

_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.v\d+$")

BUILTINS: dict[str, str] = {
    "ingest.read_inputs.v1": "storyline.ingest:read_inputs",
    "clean.document.v1": "storyline.clean:clean_document",
    "dedupe.fingerprint.v1": "storyline.dedupe:fingerprint",
    "extract.dates.v1": "storyline.extract.dates:extract_dates",
    "extract.entities.v1": "storyline.extract.entities:entities_stage",
    "extract.quotes.v1": "storyline.extract.quotes:quotes_stage",
    "extract.events.v1": "storyline.extract.events:events_stage",
    "extract.positions.v1": "storyline.extract.positions:positions_stage",
    "dedupe.minhash_lsh.v1": "storyline.dedupe:DuplicateIndex",
    "execute.local.v1": "storyline.execute.local:LocalExecutor",
    "store.sql.v1": "storyline.store.sql:SqlStore",
}


class Registry:
    """Component name → object, resolved lazily."""

    def __init__(self, refs: dict[str, str] | None = None) -> None:
        self._refs: dict[str, str] = {}
        self._cache: dict[str, Any] = {}
        self._plugins_loaded = False
        for name, ref in (refs or {}).items():
            self.register(name, ref)

    def register(self, name: str, ref: str | Any) -> None:
        """Register ``name`` as an ``"module:attribute"`` reference or an object."""
        if not _NAME.match(name):
            raise ConfigError(f"component name {name!r} must look like 'stage.name.v1'")
        if name in self._refs or name in self._cache:
            raise ConfigError(f"component {name!r} is already registered")
        if isinstance(ref, str):
            self._refs[name] = ref
        else:
            self._cache[name] = ref

    def _load_plugins(self) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        for ep in entry_points(group="storyline.components"):
            if ep.name not in self._refs and ep.name not in self._cache:
                self.register(ep.name, ep.value)

    def get(self, name: str) -> Any:
        if name in self._cache:
            return self._cache[name]
        self._load_plugins()
        if name not in self._refs:
            raise ConfigError(f"no component named {name!r}",
                              hint="known: " + ", ".join(self.names()))
        module_name, _, attribute = self._refs[name].partition(":")
        obj = getattr(importlib.import_module(module_name), attribute)
        self._cache[name] = obj
        return obj

    def names(self) -> list[str]:
        self._load_plugins()
        return sorted(set(self._refs) | set(self._cache))


registry = Registry(BUILTINS)
