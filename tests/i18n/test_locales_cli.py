"""`helpsite locales …` works on the catalogs the site serves (HELPSITE_LOCALES_DIR) and never
changes the process's working directory."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from click.testing import CliRunner

from helpsite.cli import cli
from helpsite.i18n import CatalogError, checks, load_languages, workflow
from tests.conftest import ROOT

LOCALES = ROOT / "helpsite" / "locales"


@pytest.fixture
def locales_copy(tmp_path):
    """The template and the Romanian catalog, in a folder of their own."""
    target = tmp_path / "locales"
    target.mkdir()
    shutil.copy(LOCALES / "messages.pot", target / "messages.pot")
    shutil.copytree(LOCALES / "ro", target / "ro", ignore=shutil.ignore_patterns("*.mo"))
    return target


def run(locales_dir, *args):
    result = CliRunner().invoke(
        cli, ["locales", *args], env={"HELPSITE_LOCALES_DIR": str(locales_dir)}
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_status_reports_the_folder_the_variable_names(locales_copy):
    output = run(locales_copy, "status")
    lines = output.splitlines()
    rows = lines[1 : next(i for i, line in enumerate(lines) if "languages complete" in line)]
    assert [row.split()[0] for row in rows] == ["ro"]
    assert "2 languages complete" in output


def test_compile_writes_into_the_folder_the_variable_names(locales_copy):
    mo = locales_copy / "ro" / "LC_MESSAGES" / "messages.mo"
    assert not mo.exists()
    run(locales_copy, "compile")
    assert mo.exists()


def test_extract_writes_the_template_there_without_changing_directory(
    locales_copy, tmp_path, monkeypatch
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    def refuse(path):
        raise AssertionError(f"os.chdir({path!r}) called")

    monkeypatch.setattr(os, "chdir", refuse)
    (locales_copy / "messages.pot").unlink()
    output = run(locales_copy, "extract")
    assert f"wrote {locales_copy / 'messages.pot'}" in output
    assert os.getcwd() == str(elsewhere)
    assert list(elsewhere.iterdir()) == []
    assert 'msgid "In danger now?"' in (locales_copy / "messages.pot").read_text("utf-8")


def test_a_catalog_lacking_a_message_is_incomplete_everywhere(locales_copy):
    """One definition of complete: the site, `locales status` and the checks agree."""
    po = locales_copy / "ro" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    entry = re.search(r'\n\n(#[^\n]*\n)*msgid "Free help"\nmsgstr "[^"]*"\n', text).group(0)
    po.write_text(text.replace(entry, "\n\n", 1), "utf-8")

    assert not load_languages(locales_copy)["ro"].complete
    assert checks.untranslated(po, locales_copy / "messages.pot") == ["Free help"]
    row = next(line for line in run(locales_copy, "status").splitlines() if line.startswith("ro "))
    language, percent, fuzzy, complete = row.split()[:4]
    assert (percent != "100.0%", fuzzy, complete) == (True, "0", "no"), row
    assert "1 languages complete" in run(locales_copy, "status")


@pytest.mark.parametrize("command", ["extract", "update", "compile", "status"])
def test_a_locales_folder_that_does_not_exist_is_one_clear_line(tmp_path, command):
    missing = tmp_path / "no-such-folder"
    result = CliRunner().invoke(
        cli, ["locales", command], env={"HELPSITE_LOCALES_DIR": str(missing)}
    )
    assert result.exit_code == 1
    assert f"HELPSITE_LOCALES_DIR: {missing} is not a folder" in result.output
    assert not missing.exists()


def test_extracting_without_the_source_checkout_says_so(tmp_path):
    """An installed wheel has no babel.cfg beside the package: a clear error, not a traceback."""
    package = tmp_path / "helpsite"
    shutil.copytree(ROOT / "helpsite" / "countries", package / "countries")
    with pytest.raises(CatalogError, match="extracting needs the source checkout"):
        workflow.extract(tmp_path / "messages.pot", package_dir=package)
    assert not (tmp_path / "messages.pot").exists()
