"""``_headers`` and ``_redirects`` (Netlify, Cloudflare Pages and alike) for the export."""

from __future__ import annotations


def headers_file(
    page_headers: list[tuple[bytes, bytes]],
    exit_headers: list[tuple[bytes, bytes]],
    exits: dict[str, str],
    code_pages: dict[str, str],
) -> str:
    def block(path: str, headers: list[tuple[bytes, bytes]]) -> list[str]:
        return [path, *(f"  {name.decode().title()}: {value.decode()}" for name, value in headers)]

    lines = block("/*", page_headers)
    for path in sorted(exits):
        lines += block(path, exit_headers)
    for code in sorted(code_pages):
        lines += [f"/{code.upper()}*", "  X-Robots-Tag: noindex"]
        lines += [f"/{code.lower()}*", "  X-Robots-Tag: noindex"]
    return "\n".join(lines) + "\n"


def redirects_file(exits: dict[str, str], code_pages: dict[str, str]) -> str:
    """The exit leaves (303); a code's prefix leads to its country's page (200: a rewrite)."""
    lines = [f"{path} {target} 303" for path, target in sorted(exits.items())]
    for code, page in sorted(code_pages.items()):
        target = "/" + page.removesuffix(".html")
        for prefix in (code.upper(), code.lower()):
            lines.append(f"/{prefix}* {target} 200")
    return "\n".join(lines) + "\n"
