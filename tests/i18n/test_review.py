"""Review records: safety-critical words are recorded and back-translated for every language."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from babel.messages.pofile import read_po

from helpsite.i18n.safety_critical import SAFETY_TERMS, SafetyTerm
from tests.conftest import ROOT

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
    terms = {SafetyTerm(t["msgid"], t.get("context")): t for t in record["safety_terms"]}
    assert len(terms) == len(record["safety_terms"]), "a term is recorded twice"
    assert set(terms) == set(SAFETY_TERMS)
    for key, term in terms.items():
        message = catalog.get(key.msgid, context=key.context)
        current = list(message.string) if isinstance(message.string, tuple) else message.string
        assert term["msgstr"] == current, f"{key} differs from the catalog"
        assert term["back_translation"].strip(), key
        # A back-translation that does not match must say how it was resolved, or stay open
        # for a native speaker (``open``): an open term is never marked as agreeing.
        if term.get("open"):
            assert term["agrees"] is False and term["open"].strip(), key
        else:
            assert term["agrees"] is True or term.get("resolution", "").strip(), key


def test_the_status_command_lists_every_language(tmp_path):
    from click.testing import CliRunner

    from helpsite.cli import cli

    result = CliRunner().invoke(cli, ["locales", "status"])
    assert result.exit_code == 0, result.output
    for language_dir in LANGUAGE_DIRS:
        assert f"\n{language_dir.name} " in result.output
    # Every shipped catalog is complete (test_i18n), so all are counted, plus English.
    assert f"{len(LANGUAGE_DIRS) + 1} languages complete" in result.output
