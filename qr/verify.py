"""Decode the QR codes of a finished file, the way a phone would, before it is released.

A poster whose code does not decode to its own payload is worse than no poster, so
``qr.make_poster``/``make_batch`` call ``check_pdf`` on the final bytes and write nothing
if it fails.  ``read_pdf`` serves inspectors and tests: per page, size and decoded URLs.
"""

from __future__ import annotations

import base64
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2
import weasyprint
import zxingcpp
from PIL import Image

from qr.errors import PosterRefused
from qr.formats import PAPER_TOLERANCE_MM, PosterFormat
from qr.layout import ERROR_LEVEL
from qr.pdfium import pdfium_lock

MM_PER_PT = 25.4 / 72
# 100 dpi gives >= 5 px per module for the smallest shipped code (50 mm on A6).
DEFAULT_DPI = 100.0
# Pages drawn per hold of the pdfium lock: bounds memory (an A3 page at 100 dpi is ~2 MB).
PAGES_PER_ROUND = 16


@dataclass(frozen=True)
class Decoded:
    """One QR symbol found on a page."""

    text: str
    ec_level: str
    width_mm: float  # symbol width without quiet zone, measured from its corners


@dataclass(frozen=True)
class PageReport:
    """What an inspector would see on one page."""

    index: int
    width_mm: float
    height_mm: float
    codes: tuple[Decoded, ...]

    @property
    def urls(self) -> tuple[str, ...]:
        """The decoded payloads, one per QR symbol found."""
        return tuple(code.text for code in self.codes)


def decode_image(image: Image.Image, dpi: float) -> tuple[Decoded, ...]:
    """Full QR codes in a raster image (Micro QR is not looked for: phones don't read it)."""
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    out = []
    for barcode in found:
        pos = barcode.position
        width_px = math.dist((pos.top_left.x, pos.top_left.y), (pos.top_right.x, pos.top_right.y))
        out.append(Decoded(barcode.text, str(barcode.ec_level), width_px / dpi * 25.4))
    return tuple(out)


def read_pdf(pdf: bytes, dpi: float = DEFAULT_DPI) -> list[PageReport]:
    """Rasterise every page with pdfium and decode its QR codes.

    Pages are drawn a few at a time and decoded before the next few, so a batch of
    thousands of pages never holds thousands of images, and other threads get the
    pdfium lock between rounds.
    """
    reports: list[PageReport] = []
    start, count = 0, None
    while count is None or start < count:
        with pdfium_lock:
            document = pypdfium2.PdfDocument(pdf)
            try:
                count = len(document)
                drawn = []
                for index in range(start, min(start + PAGES_PER_ROUND, count)):
                    page = document[index]
                    try:
                        width_pt, height_pt = page.get_size()
                        bitmap = page.render(scale=dpi / 72, grayscale=True, draw_annots=False)
                        image = bitmap.to_pil().copy()  # own pixels: the bitmap closes now
                        bitmap.close()
                    finally:
                        page.close()
                    size = (round(width_pt * MM_PER_PT, 3), round(height_pt * MM_PER_PT, 3))
                    drawn.append((index, size, image))
            finally:
                document.close()
        # Decoding needs no pdfium: other threads may render meanwhile.
        reports += [PageReport(i, w, h, decode_image(image, dpi)) for i, (w, h), image in drawn]
        start += PAGES_PER_ROUND
    return reports


def _page_problems(
    report: PageReport, expected: str, fmt: PosterFormat | None
) -> list[PosterRefused]:
    where = f"page {report.index + 1}"
    out = []
    if report.urls != (expected,):
        out.append(
            PosterRefused(
                "verify-decode",
                f"{where}: QR decodes to {list(report.urls)}, expected exactly [{expected!r}].",
            )
        )
    elif report.codes[0].ec_level != ERROR_LEVEL:
        out.append(
            PosterRefused(
                "verify-error-level",
                f"{where}: QR error level {report.codes[0].ec_level}, expected {ERROR_LEVEL}.",
            )
        )
    if fmt is not None:
        dw, dh = abs(report.width_mm - fmt.width_mm), abs(report.height_mm - fmt.height_mm)
        if dw > PAPER_TOLERANCE_MM or dh > PAPER_TOLERANCE_MM:
            out.append(
                PosterRefused(
                    "verify-paper",
                    f"{where}: page is {report.width_mm:.1f} x {report.height_mm:.1f} mm, "
                    f"{fmt.title} is {fmt.width_mm:g} x {fmt.height_mm:g} mm "
                    f"(tolerance {PAPER_TOLERANCE_MM} mm).",
                )
            )
    return out


def _raise(problems: list[PosterRefused]) -> None:
    if problems:
        raise PosterRefused.combine(problems)


def check_pdf(
    pdf: bytes,
    expected_urls: Sequence[str],
    fmt: PosterFormat | Sequence[PosterFormat] | None = None,
    dpi: float = DEFAULT_DPI,
) -> list[PageReport]:
    """Refuse unless page i holds exactly one QR decoding to ``expected_urls[i]``.

    ``fmt`` is the paper of every page, or one format per page (a batch of several sizes).
    """
    reports = read_pdf(pdf, dpi)
    if len(reports) != len(expected_urls):
        raise PosterRefused(
            "verify-pages", f"PDF has {len(reports)} pages, expected {len(expected_urls)}."
        )
    fmts = [fmt] * len(reports) if fmt is None or isinstance(fmt, PosterFormat) else list(fmt)
    if len(fmts) != len(reports):
        raise ValueError(f"{len(fmts)} formats for {len(reports)} pages")
    _raise(
        [
            p
            for r, url, page_fmt in zip(reports, expected_urls, fmts, strict=True)
            for p in _page_problems(r, url, page_fmt)
        ]
    )
    return reports


def check_png(png: bytes, expected_url: str) -> PageReport:
    """Refuse unless the PNG holds exactly one QR decoding to ``expected_url``."""
    image = Image.open(io.BytesIO(png))
    dpi = float(image.info.get("dpi", (DEFAULT_DPI,))[0])
    report = PageReport(
        0,
        image.width / dpi * 25.4,
        image.height / dpi * 25.4,
        decode_image(image.convert("L"), dpi),
    )
    _raise(_page_problems(report, expected_url, None))
    return report


def check_svg(svg: bytes, expected_url: str, fmt: PosterFormat) -> PageReport:
    """Refuse unless the SVG, drawn by a second renderer (WeasyPrint's), decodes correctly.

    Drawing the SVG independently of the cairo code that wrote it catches an SVG whose
    code would come out wrong in another program.
    """
    pdf = weasyprint.HTML(string=_svg_page(svg, fmt)).write_pdf()
    drawn = read_pdf(pdf)[0]
    width_mm, height_mm = _svg_size_mm(svg)
    report = PageReport(0, width_mm, height_mm, drawn.codes)
    _raise(_page_problems(report, expected_url, fmt))
    return report


_UNITS_MM = {"pt": MM_PER_PT, "mm": 1.0, "cm": 10.0, "in": 25.4, "px": 25.4 / 96, "": 25.4 / 96}


def _svg_size_mm(svg: bytes) -> tuple[float, float]:
    """The width and height an SVG declares on its root element, in mm (0 if absent)."""
    root = re.search(rb"<svg\b[^>]*>", svg)
    sizes = []
    for name in (b"width", b"height"):
        match = root and re.search(rb"\s" + name + rb'="([\d.]+)\s*([a-z]*)"', root.group(0))
        if not match:
            sizes.append(0.0)
            continue
        unit = match.group(2).decode()
        sizes.append(float(match.group(1)) * _UNITS_MM.get(unit, 0.0))
    return sizes[0], sizes[1]


def _svg_page(svg: bytes, fmt: PosterFormat) -> str:
    size = f"{fmt.width_mm}mm {fmt.height_mm}mm"
    data = base64.b64encode(svg).decode("ascii")
    return (
        f"<style>@page {{ size: {size}; margin: 0 }} html, body {{ margin: 0 }}"
        "img { display: block; width: 100%; }</style>"
        f'<img src="data:image/svg+xml;base64,{data}">'
    )
