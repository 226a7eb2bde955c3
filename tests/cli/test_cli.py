"""The helpsite command, through click's CliRunner."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from helpsite.cli import cli
from tests.conftest import FIXTURES


def test_check_passes_on_the_shipped_data():
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert "content OK" in result.output


def test_check_fails_naming_file_and_field_for_a_number_phonenumbers_rejects(tmp_path):
    text = (FIXTURES / "countries" / "gb.toml").read_text("utf-8")
    (tmp_path / "gb.toml").write_text(text.replace("08000 121 700", "08000 121 700 99"), "utf-8")
    result = CliRunner().invoke(cli, ["check"], env={"HELPSITE_COUNTRIES_DIR": str(tmp_path)})
    assert result.exit_code == 1
    assert "error: gb.toml: helplines[0].number: '08000 121 700 99' is not a valid" in result.output


def test_check_fails_for_a_fact_without_a_source(tmp_path):
    text = (FIXTURES / "countries" / "gb.toml").read_text("utf-8")
    text = text.replace('source = "https://www.legislation.gov.uk/ukpga/2015/30/section/45"\n', "")
    (tmp_path / "gb.toml").write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["check"], env={"HELPSITE_COUNTRIES_DIR": str(tmp_path)})
    assert result.exit_code == 1
    assert "error: gb.toml: rights[0].source: missing" in result.output


def test_check_warns_about_old_facts_but_passes(tmp_path):
    shutil.copy(FIXTURES / "countries" / "gb.toml", tmp_path / "gb.toml")
    result = CliRunner().invoke(
        cli, ["check", "--today", "2028-01-01"], env={"HELPSITE_COUNTRIES_DIR": str(tmp_path)}
    )
    assert result.exit_code == 0, result.output
    assert "more than 12 months old" in result.output


def test_a_bad_setting_is_a_clear_error_not_a_traceback():
    result = CliRunner().invoke(cli, ["check"], env={"HELPSITE_HSTS_MAX_AGE": "forever"})
    assert result.exit_code != 0
    assert "HELPSITE_HSTS_MAX_AGE" in result.output
    assert "Traceback" not in result.output


def test_serve_offers_host_port_and_workers():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers"):
        assert option in result.output
