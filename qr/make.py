"""The public way to make posters: check, render, verify, and only then write.

Nothing reaches disk unless every rule passed and every code in the final file decoded
to its own payload, and files are written atomically (no half-written poster).
"""

from __future__ import annotations

import collections
import math
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from qr import verify
from qr.content import PosterContent
from qr.errors import PosterRefused
from qr.formats import PosterFormat, get_format
from qr.merge import merge_pages
from qr.render import pdf_to_png, pdf_to_svg, render_pdf

KINDS = ("pdf", "png", "svg")
# A PNG poster at most this many pixels (50 MP: A3 at 500 dpi, A4 at 700): beyond it the
# render takes gigabytes and Pillow refuses the file as a decompression bomb.
MAX_PNG_PIXELS = 50_000_000
MM_PER_INCH = 25.4
CHUNK = 25  # posters rendered per WeasyPrint document in a mixed batch


class BatchRefused(PosterRefused):
    """A refused batch; ``indexes`` are the positions of the posters the refusal is about."""

    def __init__(self, refused: PosterRefused, indexes: Sequence[int]) -> None:
        super().__init__(refused.rules[0], str(refused))
        self.args = refused.args
        self.rules = refused.rules
        self.indexes = tuple(indexes)


def max_png_dpi(fmt: PosterFormat | str) -> int:
    """The highest PNG resolution for a paper size that stays within ``MAX_PNG_PIXELS``."""
    fmt = get_format(fmt)
    square_inches = (fmt.width_mm / MM_PER_INCH) * (fmt.height_mm / MM_PER_INCH)
    return math.floor(math.sqrt(MAX_PNG_PIXELS / square_inches))


def check_png_dpi(fmt: PosterFormat | str, dpi: float) -> None:
    """Refuse, before rendering, a PNG too large to make or to open."""
    fmt = get_format(fmt)
    limit = max_png_dpi(fmt)
    if dpi > limit:
        pixels = (fmt.width_mm / MM_PER_INCH * dpi) * (fmt.height_mm / MM_PER_INCH * dpi)
        raise PosterRefused(
            "png-size",
            f"{dpi:g} dpi on {fmt.title} would be {pixels / 1e6:.0f} megapixels; "
            f"at most {limit} dpi for this paper (or print the PDF, which has no pixel limit)",
        )


def check_output_path(out: str | Path) -> None:
    """Write only to a new file or over an existing regular file (never a device or folder)."""
    try:
        mode = os.stat(out).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise PosterRefused("output-path", f"cannot write {out}: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise PosterRefused("output-path", f"{out} exists and is not a regular file")


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
    if kind == "png":
        check_png_dpi(fmt, dpi)
    if out is not None:
        check_output_path(out)
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
    _refuse_duplicates(urls)
    if out is not None:
        check_output_path(out)
    pdf = render_pdf(contents, fmt)
    verify.check_pdf(pdf, urls, fmt, dpi=verify_dpi)
    if out is not None:
        _write(Path(out), pdf)
    return pdf


def _refuse_duplicates(urls: Sequence[str]) -> None:
    """Never two posters with one code: the placement list could not tell them apart."""
    duplicates = sorted(u for u, n in collections.Counter(urls).items() if n > 1)
    if duplicates:
        raise PosterRefused(
            "batch-duplicate",
            f"{len(duplicates)} payload(s) appear twice, e.g. {duplicates[0]}: every poster "
            "needs its own location code (qr.codes.new_code).",
        )


def make_mixed_batch(
    posters: Sequence[tuple[PosterContent, PosterFormat | str]],
    *,
    progress: Callable[[int], None] | None = None,
    verify_dpi: float = verify.DEFAULT_DPI,
) -> bytes:
    """Posters of several formats as one PDF, one page each, in the order given.

    Each format is rendered in chunks (one page size per WeasyPrint document), the pages
    are merged back into order, and then the merged bytes themselves are decoded page by
    page: each page must hold exactly its own URL on the paper of its own format. A merge
    that lost or misplaced a page is refused, so nothing wrong is returned.
    """
    if not posters:
        raise PosterRefused("batch", "no posters to render")
    contents = [content for content, _fmt in posters]
    fmts = [get_format(fmt) for _content, fmt in posters]
    urls = [c.payload_url for c in contents]
    _refuse_duplicates(urls)
    by_format: dict[str, list[int]] = {}
    for index, fmt in enumerate(fmts):
        by_format.setdefault(fmt.name, []).append(index)
    chunks: list[bytes] = []
    where: dict[int, tuple[int, int]] = {}  # poster index -> (chunk, page in chunk)
    for name, indexes in by_format.items():
        for start in range(0, len(indexes), CHUNK):
            chunk = indexes[start : start + CHUNK]
            try:
                chunks.append(render_pdf([contents[i] for i in chunk], get_format(name)))
            except PosterRefused as exc:
                raise BatchRefused(exc, chunk) from None
            for page, index in enumerate(chunk):
                where[index] = (len(chunks) - 1, page)
            if progress:
                progress(len(chunk))
    merged = merge_pages(chunks, [where[i] for i in range(len(contents))])
    verify.check_pdf(merged, urls, fmts, dpi=verify_dpi)
    return merged


def _kind(kind: str | None, out: str | Path | None) -> str:
    if kind is None:
        suffix = Path(out).suffix.lower().lstrip(".") if out is not None else ""
        kind = suffix or "pdf"
    if kind not in KINDS:
        raise PosterRefused("output-kind", f"kind {kind!r}: choose one of {', '.join(KINDS)}")
    return kind


def _write(path: Path, data: bytes) -> None:
    # Write beside the target and rename, so a reader never sees a partial poster.
    check_output_path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
