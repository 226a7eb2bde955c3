"""Facts go stale: `helpsite check` warns after 12 months and fails after 24 (issue 13).

Through the command, on a planted copy of the fixture country file, checked as of one day.
"""

from __future__ import annotations

import re
from datetime import date

from click.testing import CliRunner

from helpsite.cli import cli
from helpsite.content.loader import load_countries
from tests.conftest import FIXTURES

TODAY = "2026-12-01"
# The fixture's facts in file order: emergency[0], helplines[0..2] (the last unverified), rights[0].
FIELDS = [
    "emergency[0]",
    "helplines[0]",
    "helplines[1]",
    "helplines[2]",
    "rights[0]",
]


def planted(tmp_path, dates: list[str]):
    """The fixture with each fact's `verified` set to the given date, in file order."""
    text = (FIXTURES / "countries" / "gb.toml").read_text("utf-8")
    found = re.findall(r"^verified = .*$", text, flags=re.MULTILINE)
    assert len(found) == len(dates) == len(FIELDS)
    parts = re.split(r"^verified = .*$", text, flags=re.MULTILINE)
    out = parts[0]
    for day, rest in zip(dates, parts[1:], strict=True):
        out += f"verified = {day}" + rest
    (tmp_path / "gb.toml").write_text(out, "utf-8")
    return tmp_path


def check(directory):
    return CliRunner().invoke(
        cli, ["check", "--today", TODAY], env={"HELPSITE_COUNTRIES_DIR": str(directory)}
    )


def test_a_fact_between_twelve_and_twenty_four_months_old_warns_and_passes(tmp_path):
    # 366 days and exactly 730 days (two years to the day) before TODAY: both only warn.
    directory = planted(
        tmp_path, ["2025-11-30", "2024-12-01", "2026-11-22", "2026-11-22", "2026-11-22"]
    )
    result = check(directory)
    assert result.exit_code == 0, result.output
    assert (
        "warning: gb.toml: emergency[0].verified: 2025-11-30 is more than 12 months old: re-check"
        in result.output
    )
    assert (
        "warning: gb.toml: helplines[0].verified: 2024-12-01 is more than 12 months old: re-check"
        in result.output
    )
    assert "error" not in result.output
    assert "content OK (2 warning(s))" in result.output


def test_a_fact_more_than_twenty_four_months_old_fails_naming_field_and_date(tmp_path):
    # 731 days before TODAY: one day past two years.
    directory = planted(
        tmp_path, ["2026-11-22", "2024-11-30", "2026-11-22", "2026-11-22", "2026-11-22"]
    )
    result = check(directory)
    assert result.exit_code == 1, result.output
    assert (
        "error: gb.toml: helplines[0].verified: 2024-11-30 is more than 24 months old:"
        ' re-check it against the source, or mark it status = "unverified"'
    ) in result.output
    assert "12 months" not in result.output  # one problem per fact: the error, not also a warning
    assert "1 error(s)" in result.output


def test_a_running_site_keeps_serving_a_fact_that_expired(tmp_path):
    # A restart after the date must not take every country's help offline: the check (and
    # so every deploy) fails, but the site loads and still shows the line.
    directory = planted(
        tmp_path, ["2026-11-22", "2024-11-30", "2026-11-22", "2026-11-22", "2026-11-22"]
    )
    countries = load_countries(directory, today=date(2026, 12, 1))
    shown = [h.name for h in countries["GB"].helplines]
    assert shown and shown[0], shown


def test_an_old_fact_already_marked_unverified_neither_warns_nor_fails(tmp_path):
    # The hidden line (helplines[2]) was last checked long ago: it is not shown, so no alarm.
    directory = planted(
        tmp_path, ["2026-11-22", "2026-11-22", "2026-11-22", "2020-01-01", "2026-11-22"]
    )
    result = check(directory)
    assert result.exit_code == 0, result.output
    assert "content OK (0 warning(s))" in result.output
