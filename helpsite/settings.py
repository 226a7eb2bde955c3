"""Settings: one frozen dataclass read from ``HELPSITE_*`` environment variables.

Every setting is declared once in ``SETTINGS`` (name, default, help); the README
table is checked against it by a test, as Datasette does for its docs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str  # attribute on Settings; the variable is HELPSITE_<NAME upper>
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env(self) -> str:
        return f"HELPSITE_{self.name.upper()}"


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected true or false, got {value!r}")


def _list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


def _log_level(value: str) -> str:
    # uvicorn's "trace" level logs connections and paths: never allowed.
    level = value.strip().lower()
    if level not in LOG_LEVELS:
        raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}, got {value!r}")
    return level


def _base_url(value: str) -> str:
    """Scheme and host only: the QR payload upper-cases it, and a path would not survive."""
    value = _url(value).rstrip("/")
    parts = urlsplit(value)
    if not parts.hostname or parts.path or parts.query or parts.fragment or parts.username:
        raise ValueError(
            f"expected only a scheme and host, like https://help.example, got {value!r}"
        )
    return value


def _url(value: str) -> str:
    value = value.strip()
    if not value.startswith(("https://", "http://")):
        raise ValueError(f"expected an http(s) URL, got {value!r}")
    return value


def _database_url(value: str) -> str:
    """SQLite file or PostgreSQL; ``postgresql://`` means psycopg 3 (SQLAlchemy's default
    driver for that name is psycopg2, which is not installed)."""
    value = value.strip()
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    if value.startswith("postgresql+psycopg://"):
        return value
    if value.startswith("sqlite:///") and value[len("sqlite:///") :] not in ("", ":memory:"):
        return value
    raise ValueError(
        "expected sqlite:///PATH (a file) or postgresql://USER@HOST/DB,"
        f" got {value.split('://')[0] + '://...' if '://' in value else repr(value)}"
    )


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "base_url",
        "http://127.0.0.1:8000",
        "Public address of the site; QR posters encode this plus the location code.",
        _base_url,
    ),
    Setting(
        "exit_url",
        "https://www.bbc.com/weather",
        "Neutral, non-personalised page the safety exit leads to (a country may override it).",
        _url,
    ),
    Setting(
        "page_title",
        "Information",
        "Neutral title of every visitor page, so history and tab lists do not name the subject.",
    ),
    Setting(
        "default_language",
        "en",
        "Language used when neither the URL nor Accept-Language names a shipped one.",
    ),
    Setting(
        "languages",
        (),
        "Comma-separated language tags to offer; empty offers every complete catalog.",
        _list,
    ),
    Setting(
        "pseudo_locales",
        False,
        "Serve test pseudo-locales en-XA (accented, longer) and ar-XB (mirrored); never listed.",
        _bool,
    ),
    Setting(
        "hsts_max_age",
        31536000,
        "Strict-Transport-Security max-age in seconds, sent only over HTTPS; 0 turns it off.",
        int,
    ),
    Setting(
        "forwarded_allow_ips",
        "127.0.0.1",
        "Proxies trusted to say a request came over HTTPS (X-Forwarded-Proto), comma-separated.",
    ),
    Setting(
        "countries_dir",
        str(ROOT / "helpsite" / "countries"),
        "Folder of country data files (<cc>.toml).",
    ),
    Setting(
        "locales_dir",
        str(ROOT / "locales"),
        "Folder of gettext catalogs (<lang>/LC_MESSAGES/messages.po and compiled .mo).",
    ),
    Setting(
        "templates_dir",
        str(ROOT / "templates"),
        "Folder of Jinja2 templates.",
    ),
    Setting(
        "static_dir",
        str(ROOT / "static"),
        "Folder of the CSS and script inlined into every page.",
    ),
    Setting(
        "log_level",
        "warning",
        "Log level; no level ever logs a client address, user agent or request path.",
        _log_level,
    ),
    Setting(
        "database_url",
        f"sqlite:///{ROOT / 'data' / 'helpsite.db'}",
        "The poster registry: sqlite:///PATH (WAL mode) or postgresql://USER:PASSWORD@HOST/DB.",
        _database_url,
    ),
)


@dataclass(frozen=True)
class Settings:
    base_url: str = SETTINGS[0].default
    exit_url: str = SETTINGS[1].default
    page_title: str = SETTINGS[2].default
    default_language: str = SETTINGS[3].default
    languages: tuple[str, ...] = SETTINGS[4].default
    pseudo_locales: bool = SETTINGS[5].default
    hsts_max_age: int = SETTINGS[6].default
    forwarded_allow_ips: str = SETTINGS[7].default
    countries_dir: str = SETTINGS[8].default
    locales_dir: str = SETTINGS[9].default
    templates_dir: str = SETTINGS[10].default
    static_dir: str = SETTINGS[11].default
    log_level: str = SETTINGS[12].default
    database_url: str = SETTINGS[13].default

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings; a malformed value stops start-up with the variable's name."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            raw = environ.get(setting.env)
            if raw is None:
                continue
            try:
                values[setting.name] = setting.parse(raw)
            except ValueError as exc:
                raise SettingsError(f"{setting.env}: {exc}") from None
        return cls(**values)


class SettingsError(ValueError):
    """A HELPSITE_* variable holds a value that cannot be used."""
