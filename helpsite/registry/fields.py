"""Checks shared by every registry function: plain text, names, country codes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from helpsite.registry.errors import RegistryError

ACCOUNT_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


def plain_text(
    field: str, value: object, limit: int, *, required: bool = True, multiline: bool = False
) -> str | None:
    """Text a person typed, stripped; no control characters (line breaks only where asked),
    so it prints and exports safely."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RegistryError(field, "expected text")
    value = value.strip()
    if not value:
        if required:
            raise RegistryError(field, "required")
        return None
    if len(value) > limit:
        raise RegistryError(field, f"at most {limit} characters")
    for ch in value:
        if unicodedata.category(ch).startswith("C") and not (multiline and ch == "\n"):
            raise RegistryError(
                field, f"use letters, numbers and punctuation (not U+{ord(ch):04X})"
            )
    return value


def one_of(field: str, value: object, allowed: tuple[str, ...]) -> str:
    """A choice from a fixed list (any case); the error lists the choices."""
    text = value.strip().lower() if isinstance(value, str) else ""
    if text not in allowed:
        raise RegistryError(field, f"choose one of {', '.join(allowed)}")
    return text


def account_name(value: object) -> str:
    """Lower-case letters, digits, dot, dash, underscore: no colon (HTTP Basic), no spaces."""
    text = value.strip().lower() if isinstance(value, str) else ""
    if not ACCOUNT_NAME.fullmatch(text):
        raise RegistryError(
            "name", "1 to 64 of a-z, 0-9, '.', '_' or '-', starting with a letter or digit"
        )
    return text


def country(field: str, value: object, known: Collection[str]) -> str:
    """An ISO 3166-1 code the site has help pages for (posters cannot be made elsewhere)."""
    code = value.strip().upper() if isinstance(value, str) else ""
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise RegistryError(field, f"a two-letter country code like GB, not {value!r}")
    if code not in known:
        raise RegistryError(
            field, f"no help pages for {code}; choose one of {', '.join(sorted(known))}"
        )
    return code


def area(value: object, known: Collection[str]) -> tuple[str, ...]:
    """``GB,IE`` -> ("GB", "IE"): the countries an account works in."""
    parts = value.split(",") if isinstance(value, str) else list(value or ())
    codes: list[str] = []
    for part in parts:
        if isinstance(part, str) and not part.strip():
            continue
        code = country("area", part, known)
        if code in codes:
            raise RegistryError("area", f"{code} is listed twice")
        codes.append(code)
    if not codes:
        raise RegistryError("area", "at least one country code, like GB or GB,IE")
    return tuple(codes)
