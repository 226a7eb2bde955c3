"""Review records: safety-critical words are recorded and back-translated for every language."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT

SAFETY_TERMS = (
    "Exit this page",
    "Exit this page now",
    "Emergency",
    "Free",
    "Free help",
    "Free, confidential help",
    "Free, confidential help, 24 hours",
    "In danger now?",
    "Call for help",
)
LOCALES = ROOT / "helpsite" / "locales"
LANGUAGE_DIRS = sorted(p.parent.parent for p in LOCALES.glob("*/LC_MESSAGES/*.po"))


def review(language_dir):
    with (language_dir / "review.toml").open("rb") as handle:
        return tomllib.load(handle)


@pytest.mark.parametrize("language_dir", LANGUAGE_DIRS, ids=lambda p: p.name)
def test_every_language_records_its_safety_terms_and_their_back_translation(language_dir):
    record = review(language_dir)
    assert isinstance(record["reviewed"], bool)
    assert isinstance(record["drafted"], date)
    with (language_dir / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    terms = {term["msgid"]: term for term in record["safety_terms"]}
    assert set(terms) == set(SAFETY_TERMS)
    for msgid, term in terms.items():
        assert term["msgstr"] == catalog[msgid].string, f"{msgid!r} differs from the catalog"
        assert term["back_translation"].strip(), msgid
        # A back-translation that does not match must say how it was resolved.
        assert term["agrees"] is True or term.get("resolution", "").strip(), msgid


def test_the_status_command_lists_every_language(tmp_path):
    from click.testing import CliRunner

    from helpsite.cli import cli

    result = CliRunner().invoke(cli, ["locales", "status"])
    assert result.exit_code == 0, result.output
    for language_dir in LANGUAGE_DIRS:
        assert f"\n{language_dir.name} " in result.output
    # Every shipped catalog is complete (test_i18n), so all are counted, plus English.
    assert f"{len(LANGUAGE_DIRS) + 1} languages complete" in result.output
