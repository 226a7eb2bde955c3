"""Refuse a poster whose text no installed font can draw, before rendering it.

Without this, a missing font prints empty boxes ("tofu") where the help text should be,
and nobody notices until the poster is on a wall.  Coverage comes from fontconfig, the
same library WeasyPrint's Pango uses to pick fallback fonts.
"""

from __future__ import annotations

import functools
import shutil
import subprocess  # noqa: S404 - fixed argv, no shell
import unicodedata
from collections.abc import Iterable

from qr.errors import PosterRefused

# Characters that need no glyph: spaces, joiners and bidi/format controls.
_INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf"}
_CJK_WORDS = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC", "FULLWIDTH"}
CJK_PACKAGE = "fonts-noto-cjk"
CORE_PACKAGE = "fonts-noto-core"


def _parse_charset(charset: str) -> list[tuple[int, int]]:
    ranges = []
    for part in charset.split():
        low, _, high = part.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return ranges


@functools.cache
def installed_coverage() -> tuple[tuple[int, int], ...]:
    """Merged code-point ranges covered by any installed font (via ``fc-list``)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise PosterRefused(
            "fonts", "fontconfig's fc-list is missing: apt-get install fontconfig fonts-noto-core"
        )
    out = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [fc_list, "--format", "%{charset}\n"], capture_output=True, text=True, check=True
    ).stdout
    ranges = sorted(r for line in out.splitlines() for r in _parse_charset(line))
    merged: list[list[int]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return tuple((low, high) for low, high in merged)


def _covered(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    lo, hi = 0, len(ranges)
    while lo < hi:
        mid = (lo + hi) // 2
        if ranges[mid][1] < cp:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(ranges) and ranges[lo][0] <= cp


def script_of(ch: str) -> str:
    """A human name for the script of ``ch`` ("Ethiopic", "CJK", "private use")."""
    category = unicodedata.category(ch)
    if category == "Co":
        return "private use"
    if category == "Cn":
        return "unassigned"
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    return "CJK" if first in _CJK_WORDS else first.title() or "unknown"


def package_for(script: str) -> str | None:
    """The Debian package with a Noto font for ``script``; None when no font can exist."""
    if script in ("private use", "unassigned"):
        return None
    return CJK_PACKAGE if script == "CJK" else CORE_PACKAGE


def missing_characters(
    texts: Iterable[str], coverage: tuple[tuple[int, int], ...] | None = None
) -> list[str]:
    """Characters of ``texts`` that no installed font covers, in first-seen order."""
    ranges = installed_coverage() if coverage is None else coverage
    seen: dict[str, None] = {}
    for text in texts:
        for ch in text:
            if ch in seen or unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
                continue
            if not _covered(ord(ch), ranges):
                seen[ch] = None
    return list(seen)


def check_fonts(texts: Iterable[str], coverage: tuple[tuple[int, int], ...] | None = None) -> None:
    """Raise ``PosterRefused`` naming each uncovered script and the package to install."""
    missing = missing_characters(texts, coverage)
    if not missing:
        return
    by_script: dict[str, list[str]] = {}
    for ch in missing:
        by_script.setdefault(script_of(ch), []).append(f"U+{ord(ch):04X}")
    lines = []
    for script, points in by_script.items():
        package = package_for(script)
        shown = ", ".join(points[:5]) + (" ..." if len(points) > 5 else "")
        if package:
            fix = f"install the Debian package {package} (apt-get install {package})"
        else:
            fix = "no font can draw it: remove it from the text"
        lines.append(f"{script} script ({shown}): {fix}")
    raise PosterRefused("fonts", "no installed font covers: " + "; ".join(lines))
