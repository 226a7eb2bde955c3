"""Settings: one frozen dataclass read from ``HELPSITE_*`` environment variables.

Every setting is declared once in ``SETTINGS`` (name, default, help); the README
table is checked against it by a test, as Datasette does for its docs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# Defaults point into the installed package, never at a source checkout.
PACKAGE_DIR = Path(__file__).resolve().parent


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


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _base_url(value: str) -> str:
    """Scheme and host only: the QR payload upper-cases it, and a path would not survive."""
    value = _url(value).rstrip("/")
    parts = urlsplit(value)
    if not parts.hostname or parts.path or parts.query or parts.fragment or parts.username:
        raise ValueError(
            f"expected only a scheme and host, like https://help.example, got {value!r}"
        )
    return value


def _country_or_empty(value: str) -> str:
    """A kiosk's country: two letters, or empty for no kiosk pages at all."""
    value = value.strip().upper()
    if value and not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise ValueError(f"expected a two-letter country code such as GB, or empty, got {value!r}")
    return value


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(f"expected a whole number of at least 1, got {value!r}")
    return number


KIOSK_PRINT_CHOICES = ("80mm", "58mm", "off")


def _kiosk_print(value: str) -> str:
    choice = value.strip().lower()
    if choice not in KIOSK_PRINT_CHOICES:
        raise ValueError(f"expected one of {', '.join(KIOSK_PRINT_CHOICES)}, got {value!r}")
    return choice


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
        str(PACKAGE_DIR / "countries"),
        "Folder of country data files (<cc>.toml).",
    ),
    Setting(
        "locales_dir",
        str(PACKAGE_DIR / "locales"),
        "Folder of gettext catalogs (<lang>/LC_MESSAGES/messages.po and compiled .mo).",
    ),
    Setting(
        "templates_dir",
        str(PACKAGE_DIR / "web" / "templates"),
        "Folder of Jinja2 templates.",
    ),
    Setting(
        "static_dir",
        str(PACKAGE_DIR / "web" / "static"),
        "Folder of the CSS and script inlined into every page.",
    ),
    Setting(
        "log_level",
        "warning",
        "Log level; no level ever logs a client address, user agent or request path.",
        _log_level,
    ),
    Setting(
        "poster_renders",
        1,
        "Posters rendered at once per web worker, each in its own process; more get 503 at once.",
        _positive_int,
    ),
    Setting(
        "poster_idle_seconds",
        60,
        "A render process idle this long is ended, so its memory goes back to the system.",
        _positive_int,
    ),
    Setting(
        "max_body_bytes",
        65536,
        "Largest request body accepted; a larger one gets 413 before anything reads it.",
        _positive_int,
    ),
    Setting(
        "kiosk_country",
        "",
        "Country of this site's touch-screen kiosk pages (/kiosk/); empty turns them off.",
        _country_or_empty,
    ),
    Setting(
        "kiosk_idle_seconds",
        90,
        "Seconds without a touch before a kiosk page counts down 10 seconds and starts again.",
        _positive_int,
    ),
    Setting(
        "kiosk_print",
        "80mm",
        "Receipt paper width for the kiosk's printed numbers slip: 80mm, 58mm, or off.",
        _kiosk_print,
    ),
    Setting(
        "database_url",
        "sqlite:///data/helpsite.db",
        "The poster registry: sqlite:///PATH (WAL mode) or postgresql://USER:PASSWORD@HOST/DB.",
        _database_url,
    ),
    Setting(
        "secret_key",
        "",
        "Key signing staff form tokens; empty: one is made on first use and kept in the registry.",
    ),
    Setting(
        "export_key",
        "",
        "Ed25519 private key (PEM) that signs `helpsite export`; KEY.pub verifies it.",
    ),
)


def _default(name: str) -> Any:
    """A field's default from its one declaration in SETTINGS (never by position)."""
    return next(setting.default for setting in SETTINGS if setting.name == name)


@dataclass(frozen=True)
class Settings:
    base_url: str = _default("base_url")
    exit_url: str = _default("exit_url")
    page_title: str = _default("page_title")
    default_language: str = _default("default_language")
    languages: tuple[str, ...] = _default("languages")
    pseudo_locales: bool = _default("pseudo_locales")
    hsts_max_age: int = _default("hsts_max_age")
    forwarded_allow_ips: str = _default("forwarded_allow_ips")
    countries_dir: str = _default("countries_dir")
    locales_dir: str = _default("locales_dir")
    templates_dir: str = _default("templates_dir")
    static_dir: str = _default("static_dir")
    log_level: str = _default("log_level")
    poster_renders: int = _default("poster_renders")
    poster_idle_seconds: int = _default("poster_idle_seconds")
    max_body_bytes: int = _default("max_body_bytes")
    kiosk_country: str = _default("kiosk_country")
    kiosk_idle_seconds: int = _default("kiosk_idle_seconds")
    kiosk_print: str = _default("kiosk_print")
    database_url: str = _default("database_url")
    secret_key: str = field(default=_default("secret_key"), repr=False)  # never in a log
    export_key: str = _default("export_key")

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
