"""Babel extraction method for country data: English text in ``countries/*.toml``.

The fields come from ``helpsite.content.translatable``, the list the loader checks.

Registered as the ``countries`` extractor (entry point ``babel.extractors``, as
Babel documents), so ``pybabel extract`` puts country content into the same
catalog as the templates. Numbers, URLs and statute identifiers live in their
own fields and are never extracted.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any, BinaryIO

from helpsite.content.translatable import TEXT_FIELDS, translated_fields


def extract_countries(
    fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: dict
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    raw = fileobj.read()
    text = raw.decode("utf-8")
    data = tomllib.loads(text)
    code = str(data.get("code", "?"))
    lines = text.splitlines()
    for section in TEXT_FIELDS:
        for index, table in enumerate(data.get(section, []) or []):
            label = table.get("id") or table.get("topic") or index
            for field in translated_fields(section, table):
                value = table.get(field)
                if not isinstance(value, str) or not value.strip():
                    continue
                comment = f"Translators: {code}, {section}[{label}].{field}"
                if table.get("region"):
                    comment += f" (region: {table['region']})"
                yield _line_of(lines, field, value), None, value, [comment]


def _line_of(lines: list[str], field: str, value: str) -> int:
    """1-based line where ``field = "value..."`` starts; tomllib keeps no positions."""
    start = value.strip().split("\n")[0][:30]
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith(field) and start in line:
            return number
    for number, line in enumerate(lines, start=1):
        if start in line:
            return number
    return 0
