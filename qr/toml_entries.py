"""Shared shape of qr's data files: a TOML array of tables, each checked key by key.

``formats.toml`` and ``notices.toml`` are read the same way: every required key present
with its type (a TOML boolean never passes for a number), no unknown key, and no entry
declared twice. A bad entry is refused with its name and the key at fault.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from qr.errors import PosterRefused

T = TypeVar("T")
Refuse = Callable[[str, str], PosterRefused]


def check_keys(
    entry: dict,
    name: str,
    required: dict[str, type | tuple[type, ...]],
    optional: Iterable[str],
    refuse: Refuse,
) -> None:
    """Raise ``refuse(name, ...)`` unless every required key has its type and no key is unknown."""
    for key, kind in required.items():
        if key not in entry:
            raise refuse(name, f"missing key {key!r}")
        value = entry[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise refuse(name, f"{key!r} has the wrong type")
    unknown = set(entry) - set(required) - set(optional)
    if unknown:
        raise refuse(name, f"unknown keys {sorted(unknown)}")


def load_entries(
    path: Path | str,
    table: str,
    parse: Callable[[dict], T],
    key: Callable[[T], str],
    refuse: Refuse,
) -> dict[str, T]:
    """Parse every ``[[table]]`` of a file, keyed by ``key``; a key declared twice is refused."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    entries: dict[str, T] = {}
    for raw in data.get(table, []):
        parsed = parse(raw)
        name = key(parsed)
        if name in entries:
            raise refuse(name, "declared twice")
        entries[name] = parsed
    return entries
