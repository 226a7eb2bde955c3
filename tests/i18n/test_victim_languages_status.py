"""`helpsite locales status` names, per country, the victims' languages we do not offer (issue 13).

Through the command (CliRunner), on a locales folder holding only the Romanian catalog and a
countries folder of planted files: a language counts as offered only with a complete catalog.
"""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from helpsite.cli import cli
from tests.conftest import FIXTURES, ROOT

LOCALES = ROOT / "helpsite" / "locales"

VICTIMS = """
[victim_languages]
tags = [{tags}]
source = "https://www.example.org/statistics"
verified = 2026-11-22
{extra}
"""

IRELAND = """code = "IE"
timezone = "Europe/Dublin"
poster_languages = ["en"]
helplines = []
rights = []
{victims}
[[emergency]]
number = "112"
services = ["all"]
source = "https://www.example.org/emergency"
verified = 2026-11-22
"""


def victims(*tags: str, extra: str = "") -> str:
    return VICTIMS.format(tags=", ".join(f'"{t}"' for t in tags), extra=extra)


def with_victims(text: str, table: str) -> str:
    """A country file with ``table`` inserted before its first [[regions]] or [[emergency]]."""
    head, sep, tail = text.partition("\n[[")
    return head + "\n" + table + sep + tail


@pytest.fixture
def locales_dir(tmp_path):
    target = tmp_path / "locales"
    target.mkdir()
    shutil.copy(LOCALES / "messages.pot", target / "messages.pot")
    shutil.copytree(LOCALES / "ro", target / "ro", ignore=shutil.ignore_patterns("*.mo"))
    return target


def countries(tmp_path, gb_table: str, ie_table: str | None):
    target = tmp_path / "countries"
    target.mkdir()
    gb = (FIXTURES / "countries" / "gb.toml").read_text("utf-8")
    (target / "gb.toml").write_text(with_victims(gb, gb_table), "utf-8")
    if ie_table is not None:
        (target / "ie.toml").write_text(IRELAND.format(victims=ie_table), "utf-8")
    return target


def invoke(locales_dir, countries_dir):
    env = {"HELPSITE_LOCALES_DIR": str(locales_dir), "HELPSITE_COUNTRIES_DIR": str(countries_dir)}
    return CliRunner().invoke(cli, ["locales", "status"], env=env)


def status(locales_dir, countries_dir) -> list[str]:
    result = invoke(locales_dir, countries_dir)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    return lines[lines.index("victims' languages by country (from [victim_languages]):") + 1 :]


def test_each_country_names_the_victims_languages_we_lack_and_who_needs_each(tmp_path, locales_dir):
    directory = countries(tmp_path, victims("en", "ro", "vi", "ti"), victims("ti", "ro", "pl"))
    assert status(locales_dir, directory) == [
        "GB  victims' languages missing: vi (Vietnamese), ti (Tigrinya)",
        "IE  victims' languages missing: ti (Tigrinya), pl (Polish)",
        "languages victims need that we do not offer:",
        "  ti (Tigrinya): GB, IE",
        "  pl (Polish): IE",
        "  vi (Vietnamese): GB",
    ]


def test_a_country_whose_languages_are_all_offered_says_so(tmp_path, locales_dir):
    directory = countries(tmp_path, victims("en", "ro"), None)
    assert status(locales_dir, directory) == [
        "GB  victims' languages: all offered",
        "every country's victims' languages are offered",
    ]


def test_an_incomplete_catalog_is_a_missing_language(tmp_path, locales_dir):
    """One definition of offered: a catalog lacking one message does not serve the victims."""
    po = locales_dir / "ro" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    entry = re.search(r'\n\n(#[^\n]*\n)*msgid "Free help"\nmsgstr "[^"]*"\n', text).group(0)
    po.write_text(text.replace(entry, "\n\n", 1), "utf-8")
    directory = countries(tmp_path, victims("en", "ro"), None)
    assert status(locales_dir, directory)[0] == "GB  victims' languages missing: ro (Romanian)"


def test_no_table_and_an_unverified_table_are_told_apart(tmp_path, locales_dir):
    directory = countries(tmp_path, victims("vi", extra='status = "unverified"'), "")
    assert status(locales_dir, directory) == [
        "GB  [victim_languages] is unverified: not used",
        "IE  no [victim_languages]: no sourced statistics yet",
        "every country's victims' languages are offered",
    ]


def test_broken_country_data_still_shows_the_catalogs(tmp_path, locales_dir):
    directory = countries(tmp_path, victims("xx-notalanguage"), None)
    result = invoke(locales_dir, directory)
    assert result.exit_code == 0, result.output
    assert "2 languages complete" in result.output
    assert "country data has errors (see `helpsite check`): no per-country view" in result.output
