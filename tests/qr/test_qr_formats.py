import tomllib

import pytest

from qr.errors import PosterRefused
from qr.formats import FORMATS_FILE, formats, formats_for, get_format, load_formats

PAPER = {
    "a6": (105, 148),
    "a5": (148, 210),
    "a4": (210, 297),
    "a3": (297, 420),
    "a2": (420, 594),
    "letter": (215.9, 279.4),  # 8.5 x 11 in
    "tabloid": (279.4, 431.8),  # 11 x 17 in
    "tabloid-ca": (279.4, 431.8),
    "tabloid-fl": (279.4, 431.8),
    "tabloid-ga": (279.4, 431.8),
    "letter-ny": (215.9, 279.4),
    "tabloid-tx": (279.4, 431.8),
}
US_FORMATS = ("letter", "tabloid", "tabloid-ca", "tabloid-fl", "tabloid-ga", "letter-ny")


def test_shipped_formats_and_paper_sizes():
    shipped = formats()
    assert set(shipped) == set(PAPER)
    for name, (width, height) in PAPER.items():
        fmt = shipped[name]
        assert (fmt.width_mm, fmt.height_mm) == pytest.approx((width, height), abs=1e-9)
        assert fmt.viewing_distance_m > 0
        assert fmt.min_qr_mm == pytest.approx(fmt.viewing_distance_m * 100)
        assert fmt.min_languages <= fmt.max_languages


@pytest.mark.parametrize("name", US_FORMATS)
def test_us_formats_carry_the_state_law_rules(name):
    fmt = get_format(name)
    assert fmt.min_text_pt >= 16 and fmt.fine_print_pt >= 16
    assert fmt.required_languages == ("en", "es")
    assert fmt.min_languages >= 2
    assert "§" in fmt.law
    # Every US format says on the poster which law it is made for, or that it is none.
    assert fmt.notice_line.startswith("Not a compliance notice for ")
    # Never A4/A3: both are smaller than the US legal minimum in one dimension.
    assert fmt.width_mm >= 215.9 and fmt.height_mm >= 279.4
    assert (fmt.width_mm, fmt.height_mm) not in {(210, 297), (297, 420)}
    assert fmt.law_min_paper_mm is not None


def test_us_gets_only_us_paper_and_others_get_iso_paper():
    assert [f.name for f in formats_for("US")] == [
        "letter",
        "tabloid",
        "tabloid-ca",
        "tabloid-fl",
        "tabloid-ga",
        "letter-ny",
        "tabloid-tx",
    ]
    assert [f.name for f in formats_for("gb")] == ["a6", "a5", "a4", "a3", "a2"]
    assert not get_format("a4").offered_in("US")


def _rewrite(tmp_path, edit):
    data = FORMATS_FILE.read_text(encoding="utf-8")
    path = tmp_path / "formats.toml"
    path.write_text(edit(data), encoding="utf-8")
    return path


def test_loader_refuses_letter_declared_on_a4_paper(tmp_path):
    path = _rewrite(
        tmp_path, lambda s: s.replace("\npaper_mm = [215.9, 279.4]", "\npaper_mm = [210, 297]")
    )
    assert tomllib.loads(path.read_text())  # still valid TOML: the loader must catch it
    with pytest.raises(PosterRefused) as info:
        load_formats(path)
    message = str(info.value)
    assert "letter" in message and "A4" in message and "8.5 in" in message


def test_loader_refuses_tabloid_declared_on_a3_paper(tmp_path):
    path = _rewrite(
        tmp_path, lambda s: s.replace("\npaper_mm = [279.4, 431.8]", "\npaper_mm = [297, 420]")
    )
    with pytest.raises(PosterRefused, match="17 in"):
        load_formats(path)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda s: s.replace("min_text_pt = 9\n", "", 1), "missing key 'min_text_pt'"),
        (lambda s: s.replace("margin_mm = 4\n", "margin_mm = 4\ncolour = 1\n", 1), "unknown keys"),
        (lambda s: s.replace("paper_mm = [105, 148]", "paper_mm = [148, 105]"), "portrait"),
        (lambda s: s.replace("fine_print_pt = 16", "fine_print_pt = 8", 1), "fine_print_pt"),
    ],
)
def test_loader_refuses_bad_entries(tmp_path, edit, expected):
    with pytest.raises(PosterRefused, match="format-file") as info:
        load_formats(_rewrite(tmp_path, edit))
    assert expected in str(info.value)


def test_a2_sizes_its_code_for_walking_up_not_for_twenty_metres():
    fmt = get_format("a2")
    # 20 m by the 1/10 rule would be a 2 m code; 2.4 m gives 240 mm, and the pictogram
    # (a sixth of the width) carries further than the code.
    assert fmt.min_qr_mm == pytest.approx(240)
    assert fmt.min_qr_mm < fmt.width_mm - 2 * fmt.margin_mm
    assert fmt.min_text_pt >= get_format("a3").min_text_pt


def test_loader_refuses_a_state_format_below_its_laws_sizes(tmp_path):
    def edit(s):
        start = s.index('name = "tabloid-ga"')
        return s[:start] + s[start:].replace("fine_print_pt = 16", "fine_print_pt = 8", 1)

    with pytest.raises(PosterRefused, match="§16-5-47 needs 16-point type throughout"):
        load_formats(_rewrite(tmp_path, edit))
    with pytest.raises(PosterRefused, match="not in notices.toml"):
        load_formats(_rewrite(tmp_path, lambda s: s.replace('"US-GA"', '"US-ZZ"')))


def test_unknown_format_name_lists_the_choices():
    with pytest.raises(PosterRefused, match="a4, a3, a2, letter"):
        get_format("b5")
