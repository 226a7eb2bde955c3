import dataclasses

import pytest
from qr_samples import LANGS, make_content

import qr
from qr import fonts
from qr.errors import PosterRefused


def _without(low: int, high: int, coverage=None) -> tuple[tuple[int, int], ...]:
    """Installed coverage minus one block, as if that script's fonts were not installed."""
    out = []
    for start, end in coverage or fonts.installed_coverage():
        if end < low or start > high:
            out.append((start, end))
            continue
        if start < low:
            out.append((start, low - 1))
        if end > high:
            out.append((high + 1, end))
    return tuple(out)


def test_installed_fonts_cover_every_sample_language():
    texts = [t for block in LANGS.values() for t in block.texts()]
    assert fonts.missing_characters(texts) == []
    fonts.check_fonts(texts)


def test_private_use_character_is_refused_naming_it():
    block = dataclasses.replace(LANGS["en"], offer="Free help \ue000 24 hours")
    with pytest.raises(PosterRefused) as info:
        qr.make_poster(make_content([block]), "a4")
    message = str(info.value)
    assert info.value.rules == ("fonts",)
    assert "private use script (U+E000)" in message and "remove it" in message


def test_unassigned_code_point_is_refused():
    with pytest.raises(PosterRefused, match="unassigned script"):
        fonts.check_fonts(["ok \U000e0080"])  # unassigned in Unicode 15


def test_missing_ethiopic_font_names_script_and_debian_package(monkeypatch):
    no_ethiopic = _without(0x1200, 0x139F)
    monkeypatch.setattr(fonts, "installed_coverage", lambda: no_ethiopic)
    with pytest.raises(PosterRefused) as info:
        qr.make_poster(make_content(["en", "ti"]), "a4")
    message = str(info.value)
    assert "Ethiopic script" in message
    assert "apt-get install fonts-noto-core" in message


def test_missing_cjk_font_names_fonts_noto_cjk():
    no_cjk = _without(0xFF00, 0xFFEF, _without(0x3000, 0x9FFF))
    with pytest.raises(PosterRefused) as info:
        fonts.check_fonts(LANGS["zh-Hans"].texts(), coverage=no_cjk)
    assert "CJK script" in str(info.value)
    assert "fonts-noto-cjk" in str(info.value)


def test_spaces_and_bidi_controls_need_no_glyph():
    assert fonts.missing_characters(["a\u200b\u200f\u00a0b"], coverage=((0x61, 0x62),)) == []
