"""nginx directives carrying the site's headers, for the export's snippet and the bench."""

from __future__ import annotations

import re
from collections.abc import Iterable

from qr.codes import ALPHABET


def quoted(value: str) -> str:
    """An nginx string literal: double quotes, ``"`` and ``\\`` escaped; ``$`` before a
    name would be a variable, so such a value is refused (a regex's final ``$`` is fine)."""
    if re.search(r"\$[A-Za-z_{]", value) or "\n" in value:
        raise ValueError(f"cannot quote {value!r} for nginx")
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def add_header_lines(headers: Iterable[tuple[bytes, bytes]]) -> list[str]:
    """``add_header`` lines (``always``: on errors too) for raw ASGI header tuples."""
    return [
        f"add_header {name.decode().title()} {quoted(value.decode())} always;"
        for name, value in headers
    ]


def location_code_pattern(code: str) -> str:
    """A case-blind regex for a poster code of ``code``'s country, typed or mistyped.

    Like the live site (visitor.single_segment): two letters, then 7 to 11 letters, digits
    or separators, an optional trailing slash. nginx cannot compute the check character,
    so where the live site accepts a valid code with no digit, the mirror accepts what is
    written only in the code alphabet (no I, L, O or U: "/itinerary" and "/robots.txt"
    stay words); anything else needs a digit, as a mistyped code has on the live site.
    """
    letters = "".join(ch.lower() for ch in ALPHABET if ch.isalpha())
    return (
        f"^/{code.lower()}(?:(?=[-. 0-9a-z]*[0-9])[-. 0-9a-z]{{7,11}}|[-. 0-9{letters}]{{7,11}})/?$"
    )


def server_snippet(
    page_headers: list[tuple[bytes, bytes]],
    exit_headers: list[tuple[bytes, bytes]],
    exits: dict[str, str],
    code_pages: dict[str, str],
) -> str:
    """Directives for inside a ``server`` block whose ``root`` is the export."""
    headers = add_header_lines(page_headers)
    lines = [
        "# helpsite static mirror: `include` this inside a server block whose root is the",
        "# export. Written by `helpsite export`; the same headers as the live site.",
        "charset utf-8;",
        "index index.html;",
        "etag on;",
        *headers,
        "location / {",
        "    try_files $uri.html $uri/index.html $uri =404;",
        "}",
        "error_page 404 /404.html;",
        "location = /404.html {",
        "    internal;",
        *("    " + line for line in headers),
        "}",
    ]
    for path, target in sorted(exits.items()):
        lines += [
            f"location = {path} {{",
            *("    " + line for line in add_header_lines(exit_headers)),
            f"    return 303 {quoted(target)};",
            "}",
        ]
    for code, page in sorted(code_pages.items()):
        lines += [
            f"location ~* {quoted(location_code_pattern(code))} {{",
            *("    " + line for line in headers),
            '    add_header X-Robots-Tag "noindex" always;',
            f"    try_files /{page} =404;",
            "}",
        ]
    return "\n".join(lines) + "\n"
