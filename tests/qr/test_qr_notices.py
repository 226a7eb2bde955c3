"""US state formats: the statutory wording we print, and what we say about compliance."""

import datetime
import functools
import re

import pypdfium2
import pytest
from click.testing import CliRunner
from qr_samples import make_content

import qr
from helpsite.cli import cli
from qr.errors import PosterRefused
from qr.formats import formats, formats_for
from qr.notices import NOTICES_FILE, load_notices, notices

STATE_FORMATS = {f.name: f for f in formats().values() if f.notice is not None}


def _page_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        textpage = document[0].get_textpage()
        text = textpage.get_text_range()
        textpage.close()
        return " ".join(text.split())
    finally:
        document.close()


@functools.cache
def _poster(name: str) -> tuple:
    fmt = STATE_FORMATS[name]
    content = make_content(("en", "es"), country="US", data_edition=datetime.date(2026, 11, 24))
    return fmt, _page_text(qr.make_poster(content, fmt))


def test_every_state_law_has_a_format_and_a_sourced_notice():
    assert {f.notice.state for f in STATE_FORMATS.values()} == set(notices())
    assert set(notices()) == {"US-CA", "US-FL", "US-GA", "US-TX", "US-NY"}
    for notice in notices().values():
        assert notice.source.startswith("https://")
        assert notice.verified == datetime.date(2026, 12, 1)
        if notice.wording:
            assert notice.wording_source.startswith("https://")
    assert all(f.offered_in("US") for f in STATE_FORMATS.values())


def test_the_stored_wording_is_what_the_sources_quote():
    # Asserted against the text read on 2026-12-01 (see notices.toml for the sources).
    wording = {state: dict(n.wording) for state, n in notices().items()}
    assert wording["US-GA"]["en"].startswith(
        "Are you or someone you know being sold for sex or made/forced to work for little or"
        " no pay and cannot leave? Call the National Human Trafficking Resource Center at"
        " 1-888-373-7888 for help."
    )
    assert wording["US-GA"]["en"].endswith(
        "(5) Operated by a nonprofit, nongovernmental organization; and (6) Toll free."
    )
    assert (
        "call the Florida Human Trafficking Hotline, 1-855-FLA-SAFE, to access help"
        in (wording["US-FL"]["en"])
    )
    # No official Spanish wording was read, and California's text line is unconfirmed.
    assert all("es" not in w for w in wording.values())
    assert wording["US-CA"] == {} and wording["US-TX"] == {} and wording["US-NY"] == {}


@pytest.mark.parametrize("name", ["tabloid-ga", "tabloid-fl"])
def test_state_posters_print_the_statutory_wording_exactly(name):
    fmt, text = _poster(name)
    for _, wording in fmt.notice.wording:
        assert " ".join(wording.split()) in text


@pytest.mark.parametrize("name", sorted(STATE_FORMATS))
def test_state_posters_name_the_law_and_say_they_are_not_compliance_notices(name):
    fmt, text = _poster(name)
    notice = fmt.notice
    assert not notice.compliance  # nothing confirmed enough yet: see notices.toml
    assert f"Not a compliance notice for {notice.law}:" in text
    assert notice.not_compliance_reason in text
    # An unconfirmed fact stays off: the text number of the US hotline (233733).
    assert not re.search(r"233[ -]?733", text)


def test_general_us_posters_say_they_are_no_state_notice():
    content = make_content(("en", "es", "zh-Hans"), country="US")
    text = _page_text(qr.make_poster(content, "letter"))
    assert "Not a compliance notice for any US state's poster law." in text


def test_formats_list_names_each_state_notice_and_its_law():
    result = CliRunner().invoke(cli, ["posters", "formats", "--country", "US"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for fmt in formats_for("US"):
        [row] = [i for i, line in enumerate(lines) if line.split()[0] == fmt.name]
        notice_line = lines[row + 1]
        assert notice_line.startswith("  notice: ")
        if fmt.notice is None:
            assert "Not a compliance notice for any US state's poster law" in notice_line
        else:
            assert f"Not a compliance notice for {fmt.notice.law}:" in notice_line
            assert fmt.notice.not_compliance_reason in notice_line
    gb = CliRunner().invoke(cli, ["posters", "formats", "--country", "GB"])
    assert "notice" not in gb.output


def _rewrite(tmp_path, edit):
    path = tmp_path / "notices.toml"
    path.write_text(edit(NOTICES_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # Claiming compliance without a Spanish wording is refused.
        (lambda s: s.replace("compliance = false", "compliance = true", 3), "no wording for"),
        # Claiming compliance where the law wants the state's own notice is refused, even
        # with a wording in every language.
        (
            lambda s: s.replace(
                'wording = {}\nwording_source = ""\nsource = "https://oag',
                'wording = {en = "x", es = "y"}\nwording_source = "https://a.example"\n'
                'source = "https://oag',
            ).replace("compliance = false", "compliance = true", 1),
            "official notice",
        ),
        # Statutory text needs the source it was quoted from.
        (
            lambda s: s.replace('wording_source = "https://spaldingsheriff', 'x = "', 1),
            "missing key 'wording_source'",
        ),
    ],
)
def test_loader_refuses_unsupported_claims(tmp_path, edit, expected):
    with pytest.raises(PosterRefused, match="notice-file") as info:
        load_notices(_rewrite(tmp_path, edit))
    assert expected in str(info.value)
