import pytest

import storyline
from storyline.errors import REASONS, ConfigError, Rejected, StorylineError, reject
from storyline.ids import content_id, normalise_text, text_hash
from storyline.registry import Registry, registry


def test_error_codes_are_stable_and_documented() -> None:
    from storyline import errors

    classes = [getattr(errors, n) for n in dir(errors)]
    tree = [c for c in classes if isinstance(c, type) and issubclass(c, StorylineError)]
    codes = {c.code for c in tree}
    assert {"SL-CONFIG", "SL-INPUT", "SL-STORE", "SL-MODEL", "SL-NOTFOUND"} <= codes
    for cls in tree:
        assert cls.__name__ in (errors.__doc__ or "") or cls is StorylineError


def test_error_message_has_code_and_hint() -> None:
    err = ConfigError("bad thing", hint="do this")
    assert str(err) == "[SL-CONFIG] bad thing\n  hint: do this"


def test_reject_requires_known_code() -> None:
    r = reject("malformed", "line 3", "ingest", input="a.jsonl")
    assert isinstance(r, Rejected) and r.code == "malformed" and r.reason == "malformed: line 3"
    with pytest.raises(ValueError):
        reject("whatever", "", "ingest")
    assert set(REASONS) >= {"empty", "binary", "too_large", "malformed"}


def test_ids_are_content_hashes() -> None:
    assert content_id("abc") == content_id(b"abc")
    assert len(content_id("abc")) == 16
    assert text_hash("Hello  “World”\n") == text_hash("hello \"world\"")
    assert normalise_text(" A\tB ") == "a b"


def test_registry_resolves_builtins_lazily() -> None:
    assert "clean.document.v1" in registry.names()
    fn = registry.get("clean.document.v1")
    assert callable(fn)
    with pytest.raises(ConfigError, match="no component"):
        registry.get("nothing.here.v1")


def test_registry_rejects_bad_and_duplicate_names() -> None:
    reg = Registry()
    reg.register("my.thing.v1", len)
    assert reg.get("my.thing.v1") is len
    with pytest.raises(ConfigError):
        reg.register("my.thing.v1", len)
    with pytest.raises(ConfigError):
        reg.register("Bad Name", len)


def test_public_api_is_explicit() -> None:
    for name in storyline.__all__:
        assert getattr(storyline, name) is not None
    assert callable(storyline.run) and callable(storyline.analyse)
