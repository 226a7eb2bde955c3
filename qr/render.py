"""Render checked posters to PDF with WeasyPrint, and convert a PDF to PNG or SVG.

PDF is the master: WeasyPrint sets the exact paper size from ``@page``, draws the QR and
pictogram as vectors and embeds subset fonts.  PNG is that PDF rasterised by pdfium, and
SVG is that PDF converted by poppler's ``pdftocairo -svg`` (text becomes outlines), so
every output is the same verified drawing.  WeasyPrint itself cannot write SVG.

Text sizes are fitted: the largest text (and helpline number) that leaves the language
blocks clear of the white panel, measured by laying the poster out; if even the format's
minimum size does not fit, the poster is refused.
"""

from __future__ import annotations

import functools
import io
import math
import shutil
import subprocess  # noqa: S404 - fixed argv, no shell
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
import pypdfium2
import weasyprint
from markupsafe import Markup

from qr import rules
from qr.codes import LocationCode, check_character, parse
from qr.content import PosterContent
from qr.errors import PosterRefused
from qr.fonts import check_fonts
from qr.formats import PosterFormat
from qr.layout import INK, WHITE, Layout, plan
from qr.pdfium import pdfium_lock

TEMPLATES = Path(__file__).with_name("templates")
PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS pixels
# Fitting ladder, largest first: (text scale, number scale).  Text shrinks to the
# format's minimum before the helpline number gives up any size.
_TEXT_SCALES = (2.2, 1.9, 1.65, 1.45, 1.3, 1.2, 1.1, 1.0)
_LADDER = [(s, 1.0) for s in _TEXT_SCALES] + [(1.0, 0.85), (1.0, 0.72)]
_MIN_GAP_MM = 1.5  # clear space kept between the language text and the white panel


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@functools.cache
def _pictogram() -> Markup:
    svg = (TEMPLATES / "pictogram.svg").read_text(encoding="utf-8")
    return Markup(svg)  # noqa: S704 - our own static file


@dataclass(frozen=True)
class _Page:
    """What the template needs for one poster."""

    content: PosterContent
    layout: Layout
    spacing_mm: float

    @property
    def lang(self) -> str:
        return self.content.languages[0].tag

    @property
    def qr_svg(self) -> Markup:
        svg = self.layout.symbol.svg_inline(
            scale=self.layout.module_mm,
            unit="mm",
            border=self.layout.quiet_zone_modules,
            dark=INK,
            light=WHITE,
        )
        return Markup(svg)  # noqa: S704 - segno's SVG of our own payload

    @property
    def _code(self) -> LocationCode:
        parsed = parse(self.content.location_code)
        if parsed is None or parsed.code is None:  # rules.check refuses this earlier
            raise PosterRefused("location-code", f"{self.content.location_code!r} is not a code")
        return parsed.code

    @property
    def url_host(self) -> str:
        """The printed address up to the code; a line may break after each slash and dot."""
        host = self.content.short_url[: -len(self._code.compact)]
        return host.replace("/", "/\u200b").replace(".", ".\u200b")

    @property
    def code_groups(self) -> tuple[str, ...]:
        """The code as the address ends, in the printed form's groups: GB, 7K2Q, 9XM5."""
        groups = tuple(self.content.location_code.replace("-", " ").split())
        tail = self.content.short_url[-len(self._code.compact) :]
        if "".join(groups) != tail.upper():  # rules.check refuses this earlier
            raise PosterRefused("short-url", "the printed address does not end in the code")
        return groups

    @property
    def fine_print(self) -> str:
        """Staff line; a US format made for no state law says so here."""
        fmt = self.layout.fmt
        if fmt.notice is None and fmt.notice_line:
            return f"{self.content.fine_print} · {fmt.notice_line}"
        return self.content.fine_print

    @property
    def state_notice(self) -> str | None:
        """The line naming the state law (printed under its wording on the green sign)."""
        fmt = self.layout.fmt
        return fmt.notice_line if fmt.notice is not None else None

    @property
    def statute(self) -> tuple[tuple[str, str], ...]:
        """The state law's own wording, where confirmed (qr/notices.toml), never translated."""
        notice = self.layout.fmt.notice
        return notice.wording if notice is not None else ()


def _html(pages: Sequence[_Page], fmt: PosterFormat) -> str:
    template = _environment().get_template("poster.html")
    return template.render(posters=pages, fmt=fmt, title="helpsite poster", pictogram=_pictogram())


def _document(pages: Sequence[_Page], fmt: PosterFormat) -> weasyprint.Document:
    return weasyprint.HTML(string=_html(pages, fmt), base_url=str(TEMPLATES)).render()


def _leftover_mm(doc: weasyprint.Document, index: int, fmt: PosterFormat) -> float:
    """Free space between the text and the panel on poster ``index``; negative = overlap."""
    if len(doc.pages) <= index:
        return -1.0
    anchors = doc.pages[index].anchors
    end_y = anchors[f"end-{index}"][1]
    panel_y = anchors[f"panel-{index}"][1]
    leftover = (panel_y - end_y) / PX_PER_MM - _MIN_GAP_MM
    right_edge = (fmt.width_mm - fmt.margin_mm) * PX_PER_MM + 0.5
    for name in (f"num-{index}", f"code-{index}"):
        if name in anchors and anchors[name][2] > right_edge:
            return -1.0  # the number or the code runs off its column
    if not _inside_sign(anchors.get(f"picto-{index}"), fmt, panel_y):
        return -1.0  # the pictogram must stay on the green sign, clear of the white panel
    return leftover


def pictogram_box_mm(doc: weasyprint.Document, index: int) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of poster ``index``'s pictogram, in mm from the page corner."""
    left, top, right, bottom = doc.pages[index].anchors[f"picto-{index}"]
    return left / PX_PER_MM, top / PX_PER_MM, right / PX_PER_MM, bottom / PX_PER_MM


def _inside_sign(box: tuple | None, fmt: PosterFormat, panel_y: float) -> bool:
    if box is None:
        return False
    left, top, right, bottom = (v / PX_PER_MM for v in box)
    slack = 0.1
    return (
        left >= fmt.margin_mm - slack
        and top >= fmt.margin_mm - slack
        and right <= fmt.width_mm - fmt.margin_mm + slack
        and bottom <= panel_y / PX_PER_MM + slack
    )


def _problem_pages(doc: weasyprint.Document, n: int, fmt: PosterFormat) -> list[int]:
    if len(doc.pages) != n:
        return list(range(n))
    return [i for i in range(n) if _leftover_mm(doc, i, fmt) < 0]


def fit(content: PosterContent, fmt: PosterFormat) -> tuple[Layout, float]:
    """The largest checked layout whose text fits, and the spare space per language gap."""
    rules.check(content, plan(fmt, content))  # minimum sizes must pass the rules first
    probe = _widest_variant(content)
    candidates = [plan(fmt, content, text_scale=t, number_scale=n) for t, n in _LADDER]
    candidates = [c for c in candidates if not rules.layout_problems(c)]

    def measure(layout: Layout) -> float:
        page = _Page(probe, layout, spacing_mm=0.0)
        return _leftover_mm(_document([page], fmt), 0, fmt)

    # Binary search for the first (largest) candidate that fits: smaller always fits better.
    lo, hi, best = 0, len(candidates) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        leftover = measure(candidates[mid])
        if leftover >= 0:
            best, hi = (candidates[mid], leftover), mid - 1
        else:
            lo = mid + 1
    if best is None:
        bigger = ", ".join(f.title for f in rules.larger_formats(content, fmt))
        raise PosterRefused(
            "fit",
            f"the text of {len(content.languages)} languages does not fit on {fmt.title} "
            f"even at the minimum {fmt.min_text_pt:g} pt beside a {fmt.min_qr_mm:.0f} mm "
            "code. Use fewer languages, shorter texts or a larger format"
            + (f" ({bigger})." if bigger else "."),
        )
    layout, leftover = best
    # Spread the spare space evenly above each language block (rounded down, so the
    # final page never needs more room than was measured).
    return layout, math.floor(leftover / (len(content.languages) + 1) * 100) / 100


def _statute(fmt: PosterFormat) -> tuple[tuple[str, str], ...]:
    return fmt.notice.wording if fmt.notice is not None else ()


def _widest_variant(content: PosterContent) -> PosterContent:
    """The same poster with the widest possible code, so any code fits the measured layout."""
    parsed = parse(content.location_code)
    if parsed is None or parsed.code is None:  # rules.check refuses this earlier
        raise PosterRefused("location-code", f"{content.location_code!r} is not a code")
    old = parsed.code
    body = "W" * len(old.body)  # W is the widest Crockford character
    new = LocationCode(old.country, body, check_character(old.country, body))
    cut = len(old.compact)
    return replace(
        content,
        payload_url=content.payload_url[:-cut] + new.compact,
        short_url=content.short_url[:-cut] + new.compact,
        location_code=new.printed,
    )


def _shape_key(content: PosterContent, fmt: PosterFormat) -> tuple:
    # Posters that differ only in their code, venue or placement share a layout: codes
    # have a fixed length, and the group is measured with its longest venue and
    # placement (the small print is the only place they appear).
    c = content
    return (
        c.languages,
        c.helpline_display,
        c.emergency_number,
        c.print_date,
        c.data_edition,
        c.content_version,
        len(c.short_url),
        plan(fmt, c).symbol.version,
    )


def _longest_small_print(group: Sequence[PosterContent]) -> PosterContent:
    """The group's first poster with its longest venue and placement, for measuring."""
    venue = max((c.venue or "" for c in group), key=len) or None
    placement = max((c.placement or "" for c in group), key=len) or None
    return replace(group[0], venue=venue, placement=placement)


def render_pdf(contents: Sequence[PosterContent], fmt: PosterFormat) -> bytes:
    """One PDF page per poster, at ``fmt``'s exact paper size; refuses rule-breaking posters.

    The result is not yet verified: use ``qr.make_poster``/``make_batch``, which decode
    every page before writing anything.
    """
    if not contents:
        raise PosterRefused("batch", "no posters to render")
    notice_texts = [fmt.notice_line or "", *(text for _, text in _statute(fmt))]
    check_fonts([*(t for c in contents for t in c.texts()), *filter(None, notice_texts)])
    groups: dict[tuple, list[PosterContent]] = {}
    for content in contents:
        groups.setdefault(_shape_key(content, fmt), []).append(content)
    fitted = {key: fit(_longest_small_print(group), fmt) for key, group in groups.items()}

    def page_for(content: PosterContent, fitting: tuple[Layout, float]) -> _Page:
        layout, spacing = fitting
        layout = replace(layout, symbol=plan(fmt, content).symbol)
        rules.check(content, layout)
        return _Page(content, layout, spacing)

    pages = [page_for(c, fitted[_shape_key(c, fmt)]) for c in contents]
    doc = _document(pages, fmt)
    bad = _problem_pages(doc, len(pages), fmt)
    if bad:
        # Longer is not always wider: fit the few posters that ran over on their own.
        for index in bad:
            pages[index] = page_for(contents[index], fit(contents[index], fmt))
        doc = _document(pages, fmt)
        bad = _problem_pages(doc, len(pages), fmt)
    if bad:
        raise PosterRefused(
            "fit",
            f"{len(bad)} poster(s) laid out past their page (first: #{bad[0] + 1}); "
            "use fewer languages or a larger format.",
        )
    return doc.write_pdf()


def pdf_to_png(pdf: bytes, dpi: float, page: int = 0) -> bytes:
    """One page of a PDF as PNG at ``dpi``, with the DPI recorded in the file."""
    with pdfium_lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            drawn = document[page]
            bitmap = drawn.render(scale=dpi / 72)
            image = bitmap.to_pil().copy()  # own pixels: bitmap and page close under the lock
            bitmap.close()
            drawn.close()
        finally:
            document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), optimize=False)
    return out.getvalue()


def pdf_to_svg(pdf: bytes, page: int = 0) -> bytes:
    """One page of a PDF as SVG via poppler's ``pdftocairo`` (Debian: poppler-utils)."""
    tool = shutil.which("pdftocairo")
    if tool is None:
        raise PosterRefused("svg", "SVG output needs pdftocairo: apt-get install poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp, "in.pdf"), Path(tmp, "out.svg")
        src.write_bytes(pdf)
        number = str(page + 1)
        subprocess.run(  # noqa: S603 - fixed argv, no shell
            [tool, "-svg", "-f", number, "-l", number, str(src), str(dst)],
            check=True,
            capture_output=True,
        )
        return dst.read_bytes()
