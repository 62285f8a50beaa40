"""storyline: raw news articles in, a sourced, structured record out.

The public Python API. Every CLI verb calls one of these functions::

    import storyline
    settings = storyline.load_settings(overrides={"db": "news.db"})
    report = storyline.run(["examples/corpus"], settings)
    for record in storyline.analyse(["article.html"], settings):
        print(record["title"])
"""

from __future__ import annotations

__version__ = "0.1.0"

from storyline.config import DEFAULT_SETTINGS, Settings, load_settings  # noqa: E402
from storyline.errors import (  # noqa: E402
    ConfigError,
    InputError,
    ModelError,
    NotFoundError,
    Rejected,
    StoreError,
    StorylineError,
)
from storyline.records import Article, RawDocument  # noqa: E402

_LAZY = {
    "run": "storyline.runner",
    "analyse": "storyline.runner",
    "RunReport": "storyline.runner",
    "open_store": "storyline.store",
}


def __getattr__(name: str) -> object:
    """Heavy parts (extraction, dedupe, database) load on first use, keeping start-up fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")

__all__ = [
    "__version__",
    "DEFAULT_SETTINGS",
    "Settings",
    "load_settings",
    "StorylineError",
    "ConfigError",
    "InputError",
    "ModelError",
    "NotFoundError",
    "StoreError",
    "Rejected",
    "Article",
    "RawDocument",
    "RunReport",
    "run",
    "analyse",
    "open_store",
]
