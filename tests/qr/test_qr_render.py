"""Every format in several scripts: rendered, then inspected as an outsider would."""

import functools
import re

import pytest
from qr_samples import char_boxes_mm, font_descriptors, make_content, text_sizes_pt

import qr
from qr import render
from qr.formats import get_format
from qr.layout import CAP_HEIGHT_EM, MM_PER_PT, plan
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
]
IDS = [f"{fmt}-{'+'.join(langs)}" for fmt, _, langs in CASES]


@functools.cache
def rendered(case_id):
    fmt, country, langs = CASES[IDS.index(case_id)]
    content = make_content(langs, country=country)
    return get_format(fmt), content, qr.make_poster(content, fmt)


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
    fine_print = set(f"{content.print_date} · {content.content_version} · {content.venue} · ")
    fine_print |= set(content.placement or "")
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
    _, content, pdf = rendered(case_id)
    text = "".join(ch for ch, _ in text_sizes_pt(pdf))
    for printed in (content.location_code, content.helpline_display, content.emergency_number):
        assert printed.replace(" ", "") in text
    assert content.short_url.replace("/", "") in text.replace("/", "").replace("\u200b", "")
    assert content.print_date.isoformat() in text


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
