"""`helpsite check` and a short number libphonenumber does not know (PH 1343, GR 1109).

Such a number is accepted only with ``short_number_source`` (the official page that
publishes it), with a warning naming that page; without it the check fails, as for any
number the library rejects.
"""

from __future__ import annotations

from click.testing import CliRunner

from helpsite.cli import cli

SOURCE = "https://1343actionline.ph/1055-phl-tops-list-in-fight-vs-human-trafficking"
COUNTRY = """\
code = "PH"
timezone = "Asia/Manila"
poster_languages = ["en"]
rights = []

[[emergency]]
number = "911"
services = ["all"]
source = "https://mb.com.ph/2025/09/12/unified-911-emergency-hotline-to-be-fully-operational-this-year-dilg"
verified = 2026-12-01

[[helplines]]
id = "actionline"
name = "Anti-trafficking line"
operator = "Government"
kind = "trafficking"
description = "For victims of trafficking."
number = "{number}"
{extra}free = false
source = "https://1343actionline.ph/"
verified = 2026-12-01
"""


def check(tmp_path, number: str = "1343", extra: str = ""):
    (tmp_path / "ph.toml").write_text(COUNTRY.format(number=number, extra=extra), "utf-8")
    return CliRunner().invoke(
        cli, ["check", "--today", "2026-12-01"], env={"HELPSITE_COUNTRIES_DIR": str(tmp_path)}
    )


def test_an_unknown_short_number_without_a_source_fails(tmp_path):
    result = check(tmp_path)
    assert result.exit_code == 1
    assert "error: ph.toml: helplines[0].number: '1343' is not a valid" in result.output


def test_an_unknown_short_number_on_its_official_source_passes_with_a_warning(tmp_path):
    result = check(tmp_path, extra=f'short_number_source = "{SOURCE}"\n')
    assert result.exit_code == 0, result.output
    assert "content OK" in result.output
    warning = next(line for line in result.output.splitlines() if "helplines[0].number" in line)
    assert warning.startswith("warning: ph.toml: helplines[0].number: '1343'")
    assert SOURCE in warning


def test_the_source_must_be_an_https_address(tmp_path):
    result = check(tmp_path, extra='short_number_source = "http://1343actionline.ph/"\n')
    assert result.exit_code == 1
    assert "error: ph.toml: helplines[0].short_number_source: must be an https URL" in (
        result.output
    )


def test_the_exception_takes_only_a_short_number(tmp_path):
    for number in ("02 1343", "1343 1343 13", "13-43", "12"):
        result = check(tmp_path, number=number, extra=f'short_number_source = "{SOURCE}"\n')
        assert result.exit_code == 1, (number, result.output)
        assert "error: ph.toml: helplines[0].number:" in result.output, number


def test_a_source_on_a_number_libphonenumber_knows_is_flagged_as_not_needed(tmp_path):
    result = check(tmp_path, number="911", extra=f'short_number_source = "{SOURCE}"\n')
    assert result.exit_code == 0, result.output
    assert "warning: ph.toml: helplines[0].short_number_source:" in result.output
    assert "not needed" in result.output
