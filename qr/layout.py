"""Plan a poster's geometry (sizes in mm and pt) from its format, before anything is drawn.

Keeping the numbers in one plain object lets ``rules`` check them before rendering and
lets the renderer stay a dumb template.  ``text_scale``/``number_scale`` are what the
renderer's fitting loop turns down when the text does not fit.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import segno

from qr.content import PosterContent
from qr.formats import PosterFormat

SAFETY_GREEN = "#237F52"  # RAL 6032 safety green, sRGB approximation (ISO 3864-4)
WHITE = "#FFFFFF"
INK = "#000000"  # text and modules on the white panel
QUIET_ZONE_MODULES = 4  # ISO/IEC 18004 minimum for QR
ERROR_LEVEL = "H"  # 30% recovery: posters get dirty, creased and partly covered
MM_PER_PT = 25.4 / 72
CAP_HEIGHT_EM = 0.714  # Noto Sans capital height per em
# Advance widths in em for Noto Sans Bold, rounded up: what the helpline number needs.
_DIGIT_EM = 0.6
_CAPITAL_EM = 0.72
_NARROW_EM = 0.3


def make_symbol(url: str) -> segno.QRCode:
    """The QR symbol for a payload: always full QR (never Micro QR) at error level H."""
    return segno.make_qr(url, error=ERROR_LEVEL.lower(), boost_error=False)


# The location code is printed once, as the end of the printed address, in groups
# ("GB 7K2Q 9XM5" by spacing, so it is typed without spaces): 10 characters of the widest
# glyph (Noto Sans Bold W, 0.93 em) and two group gaps.
CODE_CHARACTERS = 10
CODE_CHAR_EM = 0.93
CODE_GAP_EM = 0.25
CODE_SCALE = 1.4  # as large as the side column allows, up to 1.4 x the text size


def code_width_mm(pt: float) -> float:
    """Printed width of the widest possible location code at ``pt``."""
    return (CODE_CHARACTERS * CODE_CHAR_EM + 2 * CODE_GAP_EM) * pt * MM_PER_PT


def text_width_mm(text: str, pt: float) -> float:
    """A generous estimate of the printed width of digits/Latin capitals at ``pt``."""
    em = sum(
        _NARROW_EM if ch in " -.()/" else _CAPITAL_EM if ch.isalpha() else _DIGIT_EM for ch in text
    )
    return em * pt * MM_PER_PT


@dataclass(frozen=True)
class Layout:
    """Every size the poster uses; checked by ``qr.rules`` before rendering."""

    fmt: PosterFormat
    symbol: segno.QRCode
    qr_mm: float  # symbol width without the quiet zone
    quiet_zone_modules: int
    text_pt: float  # language text, instructions, labels, URL, code
    heading_pt: float  # the questions, bold
    number_pt: float  # the helpline number, bold
    emergency_pt: float  # the emergency number, bold
    fine_print_pt: float  # date, version, venue: for staff
    pictogram_mm: float
    panel_padding_mm: float
    gap_mm: float
    text_scale: float
    number_scale: float
    colours: tuple[tuple[str, str], ...]  # (text colour, background) pairs printed
    code_pt: float = 0.0  # the location code, printed once at the end of the address

    @property
    def modules(self) -> int:
        """Modules across the symbol, without the quiet zone."""
        return self.symbol.symbol_size(border=0)[0]

    @property
    def module_mm(self) -> float:
        """Printed size of one module."""
        return self.qr_mm / self.modules

    @property
    def qr_with_quiet_zone_mm(self) -> float:
        """The white square the code needs, quiet zone included."""
        return self.qr_mm + 2 * self.quiet_zone_modules * self.module_mm

    @property
    def inner_width_mm(self) -> float:
        """Width inside the green margin."""
        return self.fmt.width_mm - 2 * self.fmt.margin_mm

    @property
    def side_column_mm(self) -> float:
        """Room beside the code (outside its quiet zone) for URL, code and emergency number."""
        return self.inner_width_mm - self.panel_padding_mm - self.qr_with_quiet_zone_mm

    @property
    def number_width_mm(self) -> float:
        """Room for the helpline number beside the pictogram."""
        return self.inner_width_mm - self.pictogram_mm - self.gap_mm


def plan(
    fmt: PosterFormat,
    content: PosterContent,
    *,
    text_scale: float = 1.0,
    number_scale: float = 1.0,
) -> Layout:
    """Sizes for ``content`` on ``fmt``; scale 1.0 means every text at the format's minimum."""
    symbol = make_symbol(content.payload_url)
    # Round the code up to a whole millimetre: never below the 1/10 rule.
    qr_mm = math.ceil(fmt.min_qr_mm - 1e-9)
    text_pt = round(fmt.min_text_pt * text_scale, 2)
    gap = round(fmt.margin_mm * 0.6, 2)
    # Pictogram: a sixth of the width (less when the number must shrink to make room),
    # but never below AS 1319's 15 mm per metre of viewing distance.
    pictogram = round(max(fmt.width_mm / 6 * number_scale, 15 * fmt.viewing_distance_m), 1)
    layout = Layout(
        fmt=fmt,
        symbol=symbol,
        qr_mm=qr_mm,
        quiet_zone_modules=QUIET_ZONE_MODULES,
        text_pt=text_pt,
        heading_pt=round(text_pt * 1.12, 2),
        number_pt=0.0,
        emergency_pt=round(text_pt * 1.6, 2),
        fine_print_pt=fmt.fine_print_pt,
        pictogram_mm=pictogram,
        panel_padding_mm=gap,
        gap_mm=gap,
        text_scale=text_scale,
        number_scale=number_scale,
        colours=((WHITE, SAFETY_GREEN), (INK, WHITE)),
    )
    # The helpline number as large as the width beside the pictogram allows, capped so
    # it never towers over the pictogram.
    fit_pt = layout.number_width_mm / text_width_mm(content.helpline_display, 1.0)
    cap_pt = pictogram / MM_PER_PT * 0.9
    number_pt = round(min(fit_pt, cap_pt) * number_scale, 1)
    # The code: large enough to type, never below the text size (rules refuse a column
    # too narrow for that), rounded down so it always fits what was planned.
    room = layout.side_column_mm - layout.panel_padding_mm
    code_pt = max(text_pt, min(text_pt * CODE_SCALE, room / code_width_mm(1.0)))
    return dataclasses.replace(layout, number_pt=number_pt, code_pt=math.floor(code_pt * 10) / 10)
