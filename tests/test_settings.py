"""Settings: the README table stays in step with the code, and bad values are named."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from helpsite.settings import SETTINGS, Settings, SettingsError
from tests.conftest import ROOT


def readme_settings() -> dict[str, str]:
    text = (ROOT / "README.md").read_text("utf-8")
    return dict(re.findall(r"^\| `(HELPSITE_[A-Z_]+)` \| .*? \| (.+?) \|$", text, re.MULTILINE))


def test_every_setting_is_documented_in_the_readme_with_its_help():
    documented = readme_settings()
    assert set(documented) == {s.env for s in SETTINGS}
    for setting in SETTINGS:
        assert documented[setting.env] == setting.help, setting.env


def test_dataclass_fields_and_defaults_match_the_table():
    assert [f.name for f in fields(Settings)] == [s.name for s in SETTINGS]
    defaults = Settings()
    for setting in SETTINGS:
        assert getattr(defaults, setting.name) == setting.default


def test_settings_are_read_from_the_environment():
    settings = Settings.from_env(
        {
            "HELPSITE_BASE_URL": "https://help.example",
            "HELPSITE_LANGUAGES": "en, ro",
            "HELPSITE_HSTS_MAX_AGE": "60",
        }
    )
    assert settings.base_url == "https://help.example"
    assert settings.languages == ("en", "ro")
    assert settings.hsts_max_age == 60


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        Settings().base_url = "https://elsewhere.example"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("HELPSITE_HSTS_MAX_AGE", "a year"),
        ("HELPSITE_EXIT_URL", "javascript:alert(1)"),
        # uvicorn's trace level logs every connection's address and path.
        ("HELPSITE_LOG_LEVEL", "trace"),
        ("HELPSITE_PSEUDO_LOCALES", "maybe"),
        # The QR payload is upper-cased: a path would not survive, and a host is required.
        ("HELPSITE_BASE_URL", "https://ngo.example/help"),
        ("HELPSITE_BASE_URL", "https://"),
    ],
)
def test_a_bad_value_names_its_variable(variable, value):
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env({variable: value})


@pytest.mark.parametrize(
    "variable",
    ["HELPSITE_POSTER_RENDERS", "HELPSITE_MAX_BODY_BYTES", "HELPSITE_POSTER_IDLE_SECONDS"],
)
def test_limits_must_be_positive_whole_numbers(variable):
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env({variable: "0"})
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env({variable: "lots"})
