"""Numbers as their operators publish them: ``display``, proven the same digits as ``number``."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from click.testing import CliRunner

from helpsite.cli import cli
from helpsite.content.loader import check_countries
from helpsite.posters.content import build_content
from helpsite.posters.request import PosterRequest, parse_language_tags
from tests.conftest import ROOT

TODAY = date(2026, 12, 1)
MSH = 'number = "08000 121 700"\ndisplay = "08000 121 700"'


@pytest.fixture
def countries(tmp_path):
    shutil.copy(ROOT / "helpsite" / "countries" / "gb.toml", tmp_path / "gb.toml")
    return tmp_path


def plant(countries, new: str) -> None:
    path = countries / "gb.toml"
    text = path.read_text("utf-8")
    assert MSH in text
    path.write_text(text.replace(MSH, new, 1), "utf-8")


def display_errors(countries) -> list[str]:
    return [
        p.message
        for p in check_countries(countries, TODAY)
        if p.severity == "error" and p.where.endswith(".display")
    ]


def test_the_help_page_shows_the_operators_form_and_dials_e164(client):
    html = client.get("/en/gb").text
    assert "08000 121 700" in html  # as Unseen prints it
    assert "0800 012 1700" not in html  # the formatter's grouping
    assert 'href="tel:+448000121700"' in html


def test_the_poster_prints_the_operators_form(site):
    languages = parse_language_tags("en", site.visitor_languages)
    request = PosterRequest(site.countries["GB"], languages, "a4", "", "")
    content = build_content(request, "https://help.example", today=TODAY)
    assert content.helpline_display == "08000 121 700"
    assert content.helpline_tel == "+448000121700"


@pytest.mark.parametrize(
    "display",
    ["08000 121 700", "+44 8000 121 700", "(08000) 121-700", "0800 012 1700"],
)
def test_any_grouping_of_the_same_digits_is_accepted(countries, display):
    plant(countries, f'number = "08000 121 700"\ndisplay = "{display}"')
    assert display_errors(countries) == []


@pytest.mark.parametrize("display", ["08000 121 701", "0800 121 700", "121 700"])
def test_a_display_with_other_digits_fails_the_check(countries, display):
    plant(countries, f'number = "08000 121 700"\ndisplay = "{display}"')
    assert display_errors(countries) == [
        f"{display!r} is not the same number as '08000 121 700' (+448000121700)"
    ]


def test_a_display_with_letters_fails_the_check(countries):
    plant(countries, 'number = "08000 121 700"\ndisplay = "08000 121 700 (free)"')
    assert display_errors(countries) == [
        "'08000 121 700 (free)' may hold only digits, spaces, - ( ) . /"
    ]


def test_helpsite_check_exits_1_on_a_planted_mismatch(countries):
    plant(countries, 'number = "08000 121 700"\ndisplay = "08000 121 701"')
    env = {"HELPSITE_COUNTRIES_DIR": str(countries)}
    result = CliRunner().invoke(cli, ["check", "--today", "2026-12-01"], env=env)
    assert result.exit_code == 1
    assert "gb.toml: helplines[0].display" in result.output


def test_a_short_number_display_is_checked_too(countries):
    path = countries / "gb.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('number = "999"\n', 'number = "999"\ndisplay = "9 9 8"\n', 1))
    assert display_errors(countries) == ["'9 9 8' is not the same number as '999' (999)"]
