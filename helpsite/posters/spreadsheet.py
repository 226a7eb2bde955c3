"""Cells that a spreadsheet opens as text, never as a formula.

The placement list is opened in Excel or LibreOffice; a venue typed as
``=HYPERLINK("http://…")`` or ``+cmd|' /C calc'!A0`` would run there. Every CSV the
project writes passes each cell through ``csv_safe`` (OWASP's advice: a leading quote).
"""

from __future__ import annotations

# What makes a spreadsheet read a cell as a formula, full-width forms included.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def csv_safe(value: str) -> str:
    """``value`` with a leading ``'`` if a spreadsheet would otherwise evaluate it."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
