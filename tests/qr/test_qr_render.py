"""Every format in several scripts: rendered, then inspected as an outsider would."""

import datetime
import functools
import io
import re

import pytest
import weasyprint
from PIL import Image
from qr_samples import char_boxes_mm, font_descriptors, make_content, text_sizes_pt

import qr
from qr import render
from qr.formats import formats, get_format
from qr.layout import CAP_HEIGHT_EM, MM_PER_PT, SAFETY_GREEN, plan
from qr.rules import CAPITAL_MM_PER_M

CASES = [
    ("a6", "GB", ("en", "ar")),
    ("a6", "GB", ("ti", "ru")),
    ("a6", "GB", ("zh-Hans", "vi")),
    ("a5", "GB", ("en", "ar", "ti")),
    ("a5", "GB", ("ru", "zh-Hans", "am")),
    ("a4", "GB", ("en", "ar", "ti", "zh-Hans")),
    ("a4", "GB", ("vi", "ru", "am")),
    ("a3", "GB", ("en", "es", "ru", "ar", "ti")),
    ("a3", "GB", ("zh-Hans", "am")),
    ("letter", "US", ("en", "es", "ar")),
    ("letter", "US", ("es", "en", "ti")),
    ("letter", "US", ("en", "es", "zh-Hans")),
    ("tabloid", "US", ("en", "es", "ru", "ar", "ti", "zh-Hans")),
    ("tabloid", "US", ("en", "es", "am")),
    ("a2", "GB", ("en", "ar", "ti", "zh-Hans", "es")),
    ("tabloid-ca", "US", ("en", "es", "vi", "ar")),
    ("tabloid-fl", "US", ("en", "es", "ar")),
    ("tabloid-ga", "US", ("es", "en", "zh-Hans", "ti")),
    ("letter-ny", "US", ("en", "es")),
    ("tabloid-tx", "US", ("en", "es", "am")),
]
IDS = [f"{fmt}-{'+'.join(langs)}" for fmt, _, langs in CASES]
PAPERS = sorted({fmt for fmt, _, _ in CASES})


EDITION = datetime.date(2026, 11, 24)


@functools.cache
def rendered(case_id):
    fmt, country, langs = CASES[IDS.index(case_id)]
    content = make_content(langs, country=country, data_edition=EDITION)
    return get_format(fmt), content, qr.make_poster(content, fmt)


def test_every_format_is_rendered_here():
    assert {fmt for fmt, _, _ in CASES} == set(formats())


@pytest.mark.parametrize("case_id", IDS)
def test_qr_decodes_to_its_own_url_and_is_large_enough(case_id):
    fmt, content, pdf = rendered(case_id)
    [page] = qr.read_pdf(pdf, dpi=150)
    assert page.urls == (content.payload_url,)
    [code] = page.codes
    assert code.ec_level == "H"
    # Measured from the raster: within a pixel or two of the planned width.
    assert code.width_mm >= fmt.min_qr_mm - 1.0


@pytest.mark.parametrize("case_id", IDS)
def test_exact_paper_size(case_id):
    fmt, _, pdf = rendered(case_id)
    [page] = qr.read_pdf(pdf, dpi=20)
    assert page.width_mm == pytest.approx(fmt.width_mm, abs=0.5)
    assert page.height_mm == pytest.approx(fmt.height_mm, abs=0.5)


@pytest.mark.parametrize("case_id", IDS)
def test_fonts_embedded_and_subset(case_id):
    _, _, pdf = rendered(case_id)
    descriptors = font_descriptors(pdf)
    assert descriptors
    for descriptor in descriptors:
        assert re.search(rb"/FontFile[23]?\s", descriptor), descriptor[:120]
        assert re.search(rb"/FontName\s*/[A-Z]{6}\+", descriptor), descriptor[:120]


@pytest.mark.parametrize("case_id", IDS)
def test_text_sizes_meet_the_format(case_id):
    fmt, content, pdf = rendered(case_id)
    sizes = text_sizes_pt(pdf)
    fine_print = set(content.fine_print) | set(fmt.notice_line or "")
    assert min(size for _, size in sizes) >= fmt.fine_print_pt - 0.05
    small = {ch for ch, size in sizes if size < fmt.min_text_pt - 0.05}
    assert small <= fine_print, f"message text below {fmt.min_text_pt} pt: {small - fine_print}"
    # Most of the poster is message text at or above the minimum.
    assert sum(size >= fmt.min_text_pt - 0.05 for _, size in sizes) > len(sizes) / 2
    # The helpline number is readable from the design distance (AS 1319 capitals).
    number = max(size for ch, size in sizes if ch.isdigit())
    assert number * MM_PER_PT * CAP_HEIGHT_EM >= CAPITAL_MM_PER_M * fmt.viewing_distance_m


@pytest.mark.parametrize("case_id", IDS)
def test_printed_code_url_and_numbers_are_on_the_page(case_id):
    fmt, content, pdf = rendered(case_id)
    sizes = text_sizes_pt(pdf)
    text = "".join(ch for ch, _ in sizes)
    for printed in (content.helpline_display, content.emergency_number):
        assert printed.replace(" ", "") in text
    assert content.short_url.replace("/", "") in text.replace("/", "").replace("\u200b", "")
    # The code is printed once, as the end of the address, at least at the text size
    # (before: again beside the address, plus an 8-character content hash).
    compact = content.payload_url.rsplit("/", 1)[1]
    assert text.count(compact) == 1
    assert content.location_code.replace(" ", "") not in text  # no second "GB7K2Q-9XM5"
    start = text.index(compact)
    assert min(size for _, size in sizes[start : start + len(compact)]) >= fmt.min_text_pt - 0.05
    assert content.content_version.replace(" ", "") not in text
    # The content edition is readable by a person.
    assert "Printed24Nov2026" in text
    assert "Helplinedataof24Nov2026" in text


def test_rtl_block_is_marked_and_right_aligned():
    fmt, content, pdf = rendered(IDS[0])  # A6, English + Arabic
    html = render._html([render._Page(content, plan(fmt, content), 0.0)], fmt)
    assert '<div class="lang" lang="ar" dir="rtl"' in html
    boxes = char_boxes_mm(pdf)
    arabic = [b for b in boxes if 0x0600 <= ord(b[0]) <= 0x06FF]
    latin = [b for b in boxes if b[0] in "Are you forced"]
    assert arabic and latin
    right_edge = fmt.width_mm - fmt.margin_mm
    # Arabic lines end at the right margin; English lines start at the left margin.
    assert max(right for _, _, right in arabic) == pytest.approx(right_edge, abs=1.5)
    assert min(left for _, left, _ in latin) == pytest.approx(fmt.margin_mm, abs=1.5)


# ---------------------------------------------------------------- the pictogram

# The first pictogram (a figure walking out of a door: reads as ISO 7010 E001/E002
# "emergency exit"), kept here only to prove the rendered posters no longer show it.
OLD_EXIT_PICTOGRAM = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <g fill="none" stroke="#FFFFFF" stroke-linecap="round" stroke-linejoin="round">
    <path d="M7 93 V8 H43 V93" stroke-width="6"/>
    <path d="M3 94 H97" stroke-width="5"/>
    <path d="M72 31 L65 56" stroke-width="11"/>
    <path d="M71 35 L80 46 L90 45" stroke-width="7.5"/>
    <path d="M71 35 L62 45 L55 50" stroke-width="7.5"/>
    <path d="M65 56 L76 71 L84 89" stroke-width="8.5"/>
    <path d="M65 56 L60 74 L52 88" stroke-width="8.5"/>
  </g>
  <path d="M7 8 L26 15 V86 L7 93 Z" fill="#FFFFFF"/>
  <circle cx="76" cy="19" r="8" fill="#FFFFFF"/>
</svg>"""
PICTO_DPI = 100


def _grey(png: bytes) -> list[float]:
    image = Image.open(io.BytesIO(png)).convert("L")
    return [v / 255 for v in image.tobytes()], image.size


@functools.cache
def _reference(svg: str, size_mm: float) -> tuple:
    """The pictogram alone on safety green at ``size_mm``, rasterised like the posters."""
    html = (
        f"<style>@page {{ size: {size_mm}mm {size_mm}mm; margin: 0 }} body {{ margin: 0;"
        f" background: {SAFETY_GREEN} }} svg {{ display: block; width: {size_mm}mm;"
        f" height: {size_mm}mm }}</style>{svg}"
    )
    return _grey(render.pdf_to_png(weasyprint.HTML(string=html).write_pdf(), PICTO_DPI))


def _difference(poster_png: bytes, fmt, size_mm: float, svg: str) -> float:
    """Mean grey difference between the poster's top-left pictogram square and ``svg``."""
    poster = Image.open(io.BytesIO(poster_png)).convert("L")
    px = PICTO_DPI / 25.4
    reference, (w, h) = _reference(svg, size_mm)
    left = round(fmt.margin_mm * px)
    crop = poster.crop((left, left, left + w, left + h))
    values = [v / 255 for v in crop.tobytes()]
    return sum(abs(a - b) for a, b in zip(values, reference, strict=True)) / len(values)


@pytest.mark.parametrize("case_id", [IDS[[c[0] for c in CASES].index(f)] for f in PAPERS])
def test_every_format_prints_the_new_pictogram_not_the_exit_sign(case_id):
    fmt, content, pdf = rendered(case_id)
    png = render.pdf_to_png(pdf, PICTO_DPI)
    new_svg = render._pictogram()
    # The fitting loop may shrink the pictogram with the number: try each planned size.
    sizes = {plan(fmt, content, number_scale=n).pictogram_mm for _, n in render._LADDER}
    best = min(sizes, key=lambda s: _difference(png, fmt, s, new_svg))
    new = _difference(png, fmt, best, new_svg)
    old = _difference(png, fmt, best, OLD_EXIT_PICTOGRAM)
    assert new < 0.04, f"the poster's pictogram does not match pictogram.svg ({new:.3f})"
    assert old > 3 * new, f"the poster's pictogram looks like the old exit sign ({old:.3f})"


def test_the_exit_pictogram_is_gone_from_the_source():
    svg = (render.TEMPLATES / "pictogram.svg").read_text(encoding="utf-8")
    for old_path in ("M7 93 V8 H43 V93", "M7 8 L26 15 V86 L7 93 Z", "M65 56 L76 71"):
        assert old_path not in svg
    label = re.search(r'aria-label="([^"]+)"', svg).group(1).lower()
    for word in ("walk", "run", "door", "exit", "arrow", "person"):
        assert word not in label
    assert "handset" in label and "speech" in label
    reasons = (render.TEMPLATES / "pictogram.md").read_text(encoding="utf-8")
    assert "ISO 7010" in reasons and "15 mm" in reasons


@pytest.mark.parametrize("name", PAPERS)
def test_the_pictogram_stays_on_the_green_sign_at_every_size(name):
    fmt = get_format(name)
    langs = ("en", "es", "zh-Hans") if "US" in fmt.countries else ("en", "ar")
    content = make_content(langs, country="US" if "US" in fmt.countries else "GB")
    # Every size the fitting loop may give the pictogram (it shrinks with the number).
    for text_scale, number_scale in [(1.0, n) for n in sorted({n for _, n in render._LADDER})]:
        layout = plan(fmt, content, text_scale=text_scale, number_scale=number_scale)
        doc = render._document([render._Page(content, layout, 0.0)], fmt)
        left, top, right, bottom = render.pictogram_box_mm(doc, 0)
        panel_top = doc.pages[0].anchors["panel-0"][1] / render.PX_PER_MM
        assert left >= fmt.margin_mm - 0.1 and top >= fmt.margin_mm - 0.1
        assert right <= fmt.width_mm - fmt.margin_mm + 0.1
        assert bottom <= panel_top + 0.1
        assert right - left == pytest.approx(layout.pictogram_mm, abs=0.1)
        assert bottom - top == pytest.approx(layout.pictogram_mm, abs=0.1)
