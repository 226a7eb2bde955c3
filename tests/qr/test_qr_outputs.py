import io
import re

import pytest
from PIL import Image
from qr_samples import make_content

import qr
from qr import make, render, verify
from qr.errors import PosterRefused
from qr.formats import get_format


@pytest.fixture(scope="module")
def poster():
    return make_content(["en", "ar"])


def test_png_at_chosen_dpi(tmp_path, poster):
    out = tmp_path / "poster.png"
    png = qr.make_poster(poster, "a5", out, dpi=150)
    assert out.read_bytes() == png
    image = Image.open(io.BytesIO(png))
    expected = (148 / 25.4 * 150, 210 / 25.4 * 150)  # pdfium rounds up to whole pixels
    assert image.size == pytest.approx(expected, abs=1)
    assert image.info["dpi"] == pytest.approx((150, 150), abs=0.05)  # stored per metre
    assert verify.check_png(png, poster.payload_url).urls == (poster.payload_url,)


def test_svg_has_paper_size_and_decodes(tmp_path, poster):
    out = tmp_path / "poster.svg"
    svg = qr.make_poster(poster, "a4", out)
    assert out.read_bytes() == svg
    head = re.search(rb"<svg\b[^>]*>", svg).group(0)
    width, height = (float(v) for v in re.findall(rb'(?:width|height)="([\d.]+)pt"', head))
    assert width * 25.4 / 72 == pytest.approx(210, abs=0.5)
    assert height * 25.4 / 72 == pytest.approx(297, abs=0.5)
    report = verify.check_svg(svg, poster.payload_url, get_format("a4"))
    assert report.urls == (poster.payload_url,)
    assert b"<text" not in svg  # text is outlined, so the SVG needs no fonts


def test_kind_from_suffix_and_unknown_kind(tmp_path, poster):
    pdf = qr.make_poster(poster, "a6", tmp_path / "p.pdf")
    assert pdf.startswith(b"%PDF-")
    with pytest.raises(PosterRefused, match="output-kind"):
        qr.make_poster(poster, "a6", tmp_path / "p.jpg")
    assert not (tmp_path / "p.jpg").exists()


def test_poster_whose_code_does_not_decode_is_not_written(monkeypatch, tmp_path, poster):
    # Simulate a rendering bug: the PDF carries another poster's code.
    other = make_content(["en"])
    wrong_pdf = render.render_pdf([other], get_format("a6"))
    monkeypatch.setattr(make, "render_pdf", lambda contents, fmt: wrong_pdf)
    out = tmp_path / "poster.pdf"
    with pytest.raises(PosterRefused) as info:
        qr.make_poster(poster, "a6", out)
    assert info.value.rules == ("verify-decode",)
    assert poster.payload_url in str(info.value) and other.payload_url in str(info.value)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either


def test_verify_reports_wrong_paper_size(poster):
    pdf = render.render_pdf([poster], get_format("a4"))
    with pytest.raises(PosterRefused) as info:
        verify.check_pdf(pdf, [poster.payload_url], get_format("a5"))
    assert info.value.rules == ("verify-paper",)
    assert "210.0 x 297.0 mm" in str(info.value)


def test_verify_counts_pages(poster):
    pdf = render.render_pdf([poster], get_format("a6"))
    with pytest.raises(PosterRefused, match="verify-pages"):
        verify.check_pdf(pdf, [poster.payload_url, poster.payload_url])
