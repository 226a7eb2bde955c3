"""nginx directives carrying the site's headers, for the export's snippet and the bench."""

from __future__ import annotations

from collections.abc import Iterable


def quoted(value: str) -> str:
    """An nginx string literal: double quotes, ``"`` and ``\\`` escaped; ``$`` would be a
    variable, so a value holding one is refused rather than changed."""
    if "$" in value or "\n" in value:
        raise ValueError(f"cannot quote {value!r} for nginx")
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def add_header_lines(headers: Iterable[tuple[bytes, bytes]]) -> list[str]:
    """``add_header`` lines (``always``: on errors too) for raw ASGI header tuples."""
    return [
        f"add_header {name.decode().title()} {quoted(value.decode())} always;"
        for name, value in headers
    ]
