"""Check a poster against its format before rendering, and refuse rather than print badly.

Each failed rule becomes one line of a ``PosterRefused`` message saying what failed and
what to change; all failures are reported together.
"""

from __future__ import annotations

import unicodedata

from qr.codes import CodeStatus, LocationCode, parse
from qr.content import PosterContent
from qr.errors import PosterRefused
from qr.formats import PosterFormat, formats_for
from qr.layout import (
    CAP_HEIGHT_EM,
    ERROR_LEVEL,
    MM_PER_PT,
    QUIET_ZONE_MODULES,
    Layout,
    text_width_mm,
)

WCAG_AA = 4.5  # minimum contrast for normal text (WCAG 2.x, level AA)
# AS 1319: capitals >= 5 mm and symbols >= 15 mm per metre of viewing distance.
CAPITAL_MM_PER_M = 5.0
SYMBOL_MM_PER_M = 15.0
# Characters QR alphanumeric mode can encode (ISO/IEC 18004).
QR_ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB ``#RRGGBB`` colour."""
    colour = colour.lstrip("#")
    if len(colour) != 6:
        raise ValueError(f"expected #RRGGBB, got {colour!r}")
    channels = []
    for i in (0, 2, 4):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1 to 21: white on safety green #237F52 is 4.96 (AA needs 4.5)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def _direction_of(text: str) -> str | None:
    """Direction of the first strong character, as the Unicode bidi algorithm would see it."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def content_problems(content: PosterContent, fmt: PosterFormat) -> list[PosterRefused]:
    """Language and payload rules that do not depend on sizes."""
    return [
        *_language_count_problems(content, fmt),
        *_required_language_problems(content, fmt),
        *_direction_problems(content),
        *_payload_problems(content, fmt),
    ]


def _language_count_problems(content: PosterContent, fmt: PosterFormat) -> list[PosterRefused]:
    n = len(content.languages)
    if n > fmt.max_languages:
        return [
            PosterRefused(
                "language-count",
                f"{n} languages on {fmt.title}; at most {fmt.max_languages} fit at "
                f"{fmt.min_text_pt:g} pt. Use fewer languages or a larger format.",
            )
        ]
    if n < fmt.min_languages:
        return [
            PosterRefused(
                "language-count",
                f"{fmt.title} needs at least {fmt.min_languages} languages, got {n}. "
                f"Add languages. {fmt.law}".strip(),
            )
        ]
    return []


def _required_language_problems(content: PosterContent, fmt: PosterFormat) -> list[PosterRefused]:
    present = {block.language for block in content.languages}
    missing = [tag for tag in fmt.required_languages if tag not in present]
    if not missing:
        return []
    return [
        PosterRefused(
            "required-languages",
            f"{fmt.title} must include {', '.join(missing)} (required: "
            f"{', '.join(fmt.required_languages)}). {fmt.law}".strip(),
        )
    ]


def _direction_problems(content: PosterContent) -> list[PosterRefused]:
    out = []
    for block in content.languages:
        seen = _direction_of(block.questions)
        if seen is not None and seen != block.direction:
            out.append(
                PosterRefused(
                    "text-direction",
                    f"{block.tag}: text reads {seen} but direction is {block.direction!r}; "
                    "set the direction from the locale (Babel Locale.text_direction).",
                )
            )
    return out


def _payload_problems(content: PosterContent, fmt: PosterFormat) -> list[PosterRefused]:
    """The QR payload: alphanumeric mode, its own valid code, nothing private in it."""
    url = content.payload_url
    out = []
    odd = sorted(set(url) - QR_ALPHANUMERIC)
    if odd:
        out.append(
            PosterRefused(
                "qr-alphanumeric",
                f"payload {url!r} has {''.join(odd)!r}, which forces QR byte mode (a "
                "bigger symbol, smaller modules); build it with qr.codes.payload_url().",
            )
        )
    parsed = parse(content.location_code)
    if parsed is None or parsed.status is not CodeStatus.VALID or parsed.code is None:
        out.append(
            PosterRefused(
                "location-code",
                f"{content.location_code!r} is not a valid location code; use qr.codes.new_code().",
            )
        )
        return out
    return [
        *out,
        *_code_problems(content, parsed.code),
        *_private_text_problems(content),
        *_format_country_problems(fmt, parsed.code.country),
    ]


def _code_problems(content: PosterContent, code: LocationCode) -> list[PosterRefused]:
    """The printed code, the printed address and the QR payload must all say the same."""
    url = content.payload_url
    out = []
    if content.location_code != code.printed:
        out.append(
            PosterRefused(
                "location-code",
                f"print the code as {code.printed!r}, not {content.location_code!r}.",
            )
        )
    if not url.endswith("/" + code.compact):
        out.append(
            PosterRefused(
                "payload-code",
                f"payload {url!r} does not end in /{code.compact}: the QR would open a "
                "different place than the printed code says.",
            )
        )
    bare = url.split("://", 1)[-1]
    if content.short_url.upper() != bare:
        out.append(
            PosterRefused(
                "short-url",
                f"printed URL {content.short_url!r} differs from the QR payload {url!r}; "
                "print the payload without its scheme so people can compare them.",
            )
        )
    return out


def _private_text_problems(content: PosterContent) -> list[PosterRefused]:
    out = []
    for name in ("venue", "placement"):
        value = getattr(content, name)
        if value and len(value.strip()) >= 3 and value.strip().upper() in content.payload_url:
            out.append(
                PosterRefused(
                    "payload-private",
                    f"the {name} must never be in the QR payload; the payload is "
                    "base URL + location code only.",
                )
            )
    return out


def _format_country_problems(fmt: PosterFormat, country: str) -> list[PosterRefused]:
    if fmt.offered_in(country):
        return []
    offered = formats_for(country)
    allowed = ", ".join(f.title for f in offered) or "none"
    return [
        PosterRefused(
            "format-country",
            f"{fmt.title} is not offered for {country} posters; use {allowed}."
            + _below_legal_paper(fmt, offered),
        )
    ]


def _below_legal_paper(fmt: PosterFormat, offered: list[PosterFormat]) -> str:
    """Why a paper is refused where the law sets sizes (formats.toml's law_min_paper_mm).

    Names the smallest legal size the paper fails, as the law states it.
    """
    for min_width, min_height in sorted(
        {f.law_min_paper_mm for f in offered if f.law_min_paper_mm}
    ):
        if fmt.width_mm < min_width - 1e-9:
            return (
                f" {fmt.title} ({fmt.width_mm:g} mm wide) is narrower than the"
                f" {min_width:g} mm the law asks for."
            )
        if fmt.height_mm < min_height - 1e-9:
            return (
                f" {fmt.title} ({fmt.height_mm:g} mm tall) is shorter than the"
                f" {min_height:g} mm the law asks for."
            )
    return ""


def larger_formats(content: PosterContent, fmt: PosterFormat) -> list[PosterFormat]:
    """Bigger formats offered for the poster's country that allow its number of languages."""
    parsed = parse(content.location_code)
    country = parsed.code.country if parsed and parsed.code else "*"
    area = fmt.width_mm * fmt.height_mm
    return [
        other
        for other in (formats_for(country) if country != "*" else [])
        if other.width_mm * other.height_mm > area
        and other.min_languages <= len(content.languages) <= other.max_languages
    ]


def layout_problems(layout: Layout) -> list[PosterRefused]:
    """Size, contrast and symbol rules for a planned layout."""
    return [
        *_symbol_problems(layout),
        *_text_size_problems(layout),
        *_number_and_pictogram_problems(layout),
        *_contrast_problems(layout),
    ]


def _symbol_problems(layout: Layout) -> list[PosterRefused]:
    """A full QR at error level H, with its quiet zone, big enough for the distance."""
    fmt, symbol = layout.fmt, layout.symbol
    out = []
    if symbol.is_micro or symbol.error != ERROR_LEVEL:
        out.append(
            PosterRefused(
                "qr-error-level",
                f"symbol is {symbol.designator}; posters need a full QR code at error level "
                f"{ERROR_LEVEL} (Micro QR is not read by ZXing or Android).",
            )
        )
    if layout.quiet_zone_modules < QUIET_ZONE_MODULES:
        out.append(PosterRefused("qr-quiet-zone", "QR needs a 4-module quiet zone."))
    if layout.qr_mm < fmt.min_qr_mm - 1e-6:
        out.append(
            PosterRefused(
                "qr-size",
                f"QR is {layout.qr_mm:.1f} mm ({layout.module_mm:.2f} mm modules) but "
                f"{fmt.viewing_distance_m:g} m viewing distance needs >= {fmt.min_qr_mm:.0f} mm "
                "(1/10 of the distance). Make it larger or shorten the payload.",
            )
        )
    room, need = layout.side_column_mm, _code_width_mm(layout)
    if room < need:
        out.append(
            PosterRefused(
                "qr-fit",
                f"the {layout.qr_with_quiet_zone_mm:.0f} mm code with its quiet zone leaves "
                f"{room:.0f} mm beside it; the printed code needs {need:.0f} mm. Use a larger "
                "format or a shorter viewing distance.",
            )
        )
    return out


def _text_size_problems(layout: Layout) -> list[PosterRefused]:
    fmt = layout.fmt
    out = []
    for name in ("text_pt", "heading_pt", "emergency_pt", "code_pt"):
        size = getattr(layout, name)
        if size < fmt.min_text_pt - 1e-6:
            out.append(
                PosterRefused(
                    "text-size",
                    f"{name} {size:g} pt is below {fmt.title}'s minimum {fmt.min_text_pt:g} pt.",
                )
            )
    if layout.fine_print_pt < fmt.fine_print_pt - 1e-6:
        out.append(
            PosterRefused(
                "text-size",
                f"fine print {layout.fine_print_pt:g} pt is below {fmt.fine_print_pt:g} pt.",
            )
        )
    return out


def _number_and_pictogram_problems(layout: Layout) -> list[PosterRefused]:
    """Readable from the viewing distance (AS 1319's millimetres per metre)."""
    fmt = layout.fmt
    out = []
    cap_mm = layout.number_pt * MM_PER_PT * CAP_HEIGHT_EM
    need_cap = CAPITAL_MM_PER_M * fmt.viewing_distance_m
    if cap_mm < need_cap or layout.number_pt < fmt.min_text_pt:
        out.append(
            PosterRefused(
                "number-size",
                f"helpline number digits are {cap_mm:.1f} mm tall; {fmt.viewing_distance_m:g} m "
                f"needs {need_cap:.1f} mm (AS 1319: 5 mm per metre). Shorten the displayed "
                "number's spacing or use a larger format.",
            )
        )
    if layout.pictogram_mm < SYMBOL_MM_PER_M * fmt.viewing_distance_m:
        out.append(
            PosterRefused(
                "pictogram-size",
                f"pictogram {layout.pictogram_mm:g} mm; needs >= "
                f"{SYMBOL_MM_PER_M * fmt.viewing_distance_m:g} mm (AS 1319: 15 mm per metre).",
            )
        )
    return out


def _contrast_problems(layout: Layout) -> list[PosterRefused]:
    out = []
    for foreground, background in layout.colours:
        ratio = contrast_ratio(foreground, background)
        if ratio < WCAG_AA:
            out.append(
                PosterRefused(
                    "contrast",
                    f"{foreground} on {background} has contrast {ratio:.2f}:1, below WCAG AA "
                    f"{WCAG_AA}:1; use white on safety green #237F52 and black on white.",
                )
            )
    return out


def _code_width_mm(layout: Layout) -> float:
    # The printed code (10 characters in three groups, "GB 7K2Q 9XM5") must fit on one
    # line at the text size at least; the rendered page is measured for the real width.
    return text_width_mm("WW WWWW WWWW", layout.text_pt)


def check(content: PosterContent, layout: Layout) -> None:
    """Raise ``PosterRefused`` naming every rule the poster breaks; return if it is fine."""
    problems = content_problems(content, layout.fmt) + layout_problems(layout)
    if problems:
        raise PosterRefused.combine(problems)
