from pathlib import Path

import pytest

from storyline.config import SETTINGS, Settings, env_name, load_settings, parse_assignment
from storyline.errors import ConfigError


def test_defaults_cover_every_setting() -> None:
    settings = Settings()
    assert set(settings) == {s.name for s in SETTINGS}
    assert settings["db"] == "storyline.db"


def test_precedence_file_env_override(tmp_path: Path) -> None:
    config = tmp_path / "storyline.toml"
    config.write_text('[storyline]\ndb = "file.db"\n[storyline.dedupe]\nthreshold = 0.6\n')
    env = {env_name("dedupe.threshold"): "0.7"}
    settings = load_settings(config, overrides={"db": "cli.db"}, environ=env)
    assert settings["db"] == "cli.db"
    assert settings["dedupe.threshold"] == 0.7
    assert load_settings(config, environ={})["dedupe.threshold"] == 0.6


@pytest.mark.parametrize(("name", "value"), [
    ("dedupe.threshold", "high"), ("dedupe.threshold", 3.0), ("execute.executor", "ray"),
    ("ingest.allow_private", "maybe"), ("no.such", 1),
])
def test_bad_values_are_config_errors(name: str, value: object) -> None:
    with pytest.raises(ConfigError) as info:
        Settings({name: value})
    assert info.value.code == "SL-CONFIG"


def test_bad_config_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("db = [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad, environ={})
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "missing.toml", environ={})


def test_with_and_assignment() -> None:
    settings = Settings().with_(dedupe_threshold=0.4, db="x.db")
    assert settings["dedupe.threshold"] == 0.4 and settings["db"] == "x.db"
    assert parse_assignment("execute.workers=3") == ("execute.workers", "3")
    with pytest.raises(ConfigError):
        parse_assignment("nonsense")


def test_settings_pickle_and_hash() -> None:
    import pickle

    settings = Settings({"execute.workers": 2})
    again = pickle.loads(pickle.dumps(settings))
    assert dict(again) == dict(settings) and hash(again) == hash(settings)


def test_story_settings_match_the_clustering_parameters() -> None:
    """Every ``stories.*`` setting exists as a StoryParams field with the same default, and
    every StoryParams field is a setting (so the corpus phase runs what the evaluations ran)."""
    import dataclasses

    from storyline.config import SETTINGS
    from storyline.stories import StoryParams

    settings = {s.name[len("stories."):]: s for s in SETTINGS if s.name.startswith("stories.")}
    fields = {f.name: f.default for f in dataclasses.fields(StoryParams)}
    assert set(settings) == set(fields)
    for name, setting in settings.items():
        assert setting.default == fields[name], name
