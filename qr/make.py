"""The public way to make posters: check, render, verify, and only then write.

Nothing reaches disk unless every rule passed and every code in the final file decoded
to its own payload, and files are written atomically (no half-written poster).
"""

from __future__ import annotations

import collections
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from qr import verify
from qr.content import PosterContent
from qr.errors import PosterRefused
from qr.formats import PosterFormat, get_format
from qr.render import pdf_to_png, pdf_to_svg, render_pdf

KINDS = ("pdf", "png", "svg")


def make_poster(
    content: PosterContent,
    fmt: PosterFormat | str,
    out: str | Path | None = None,
    *,
    kind: str | None = None,
    dpi: float = 300,
) -> bytes:
    """One verified poster as PDF, PNG (at ``dpi``) or SVG; written to ``out`` if given.

    ``kind`` defaults to ``out``'s suffix, else PDF.  Raises ``PosterRefused`` instead of
    producing a poster that breaks a rule or whose code does not decode.
    """
    fmt = get_format(fmt)
    kind = _kind(kind, out)
    pdf = render_pdf([content], fmt)
    # Decode the final bytes; on failure this raises and nothing is written.
    verify.check_pdf(pdf, [content.payload_url], fmt)
    if kind == "pdf":
        data = pdf
    elif kind == "png":
        data = pdf_to_png(pdf, dpi)
        verify.check_png(data, content.payload_url)
    else:
        data = pdf_to_svg(pdf)
        verify.check_svg(data, content.payload_url, fmt)
    if out is not None:
        _write(Path(out), data)
    return data


def make_batch(
    contents: Sequence[PosterContent],
    fmt: PosterFormat | str,
    out: str | Path | None = None,
    *,
    verify_dpi: float = verify.DEFAULT_DPI,
) -> bytes:
    """Many posters as one verified PDF, one page each, in order; written to ``out`` if given."""
    fmt = get_format(fmt)
    urls = [c.payload_url for c in contents]
    duplicates = sorted(u for u, n in collections.Counter(urls).items() if n > 1)
    if duplicates:
        raise PosterRefused(
            "batch-duplicate",
            f"{len(duplicates)} payload(s) appear twice, e.g. {duplicates[0]}: every poster "
            "needs its own location code (qr.codes.new_code).",
        )
    pdf = render_pdf(contents, fmt)
    verify.check_pdf(pdf, urls, fmt, dpi=verify_dpi)
    if out is not None:
        _write(Path(out), pdf)
    return pdf


def _kind(kind: str | None, out: str | Path | None) -> str:
    if kind is None:
        suffix = Path(out).suffix.lower().lstrip(".") if out is not None else ""
        kind = suffix or "pdf"
    if kind not in KINDS:
        raise PosterRefused("output-kind", f"kind {kind!r}: choose one of {', '.join(KINDS)}")
    return kind


def _write(path: Path, data: bytes) -> None:
    # Write beside the target and rename, so a reader never sees a partial poster.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
