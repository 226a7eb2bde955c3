"""One list of translatable country fields: what is extracted for translators is what is checked.

Every field the extractor hands to translators must be checked for phone numbers and web
addresses (numbers and addresses stay in their own checked fields), and every field the
loader checks as text must reach the catalogs.
"""

from __future__ import annotations

import io
import tomllib
from datetime import date

import pytest

from helpsite.content.loader import check_countries
from helpsite.content.translatable import TEXT_FIELDS, translated_fields
from helpsite.i18n.extractor import extract_countries
from tests.conftest import ROOT

SHIPPED_GB = ROOT / "helpsite" / "countries" / "gb.toml"
FIELDS = [(section, field) for section, fields in TEXT_FIELDS.items() for field in fields]
NUMBER = "08000 121 700"  # GB's own helpline number


def plant(tmp_path, section: str, field: str, addition: str) -> tuple[str, str]:
    """GB's data with ``addition`` appended to the first ``section`` table's ``field``.

    The first table where the field is translated: a proper name is not (it is shown as written).
    """
    text = SHIPPED_GB.read_text("utf-8")
    data = tomllib.loads(text)
    value = next(
        t[field]
        for t in data[section]
        if isinstance(t.get(field), str) and field in translated_fields(section, t)
    )
    assert value in text, (section, field)
    changed = value + addition
    text = text.replace(value, changed, 1)
    (tmp_path / "gb.toml").write_text(text, "utf-8")
    return changed, text


def errors_about(tmp_path, section: str, field: str) -> list[str]:
    problems = check_countries(tmp_path, date.today())
    return [
        p.message
        for p in problems
        if p.severity == "error"
        and p.where.startswith(f"gb.toml: {section}[")
        and p.where.endswith(f"].{field}")
    ]


def test_every_listed_field_is_used_by_the_shipped_data():
    data = tomllib.loads(SHIPPED_GB.read_text("utf-8"))
    for section, field in FIELDS:
        assert any(isinstance(t.get(field), str) for t in data[section]), (section, field)


@pytest.mark.parametrize(("section", "field"), FIELDS, ids=lambda v: v)
def test_a_phone_number_in_any_translatable_field_is_refused(tmp_path, section, field):
    plant(tmp_path, section, field, f", call {NUMBER}")
    assert errors_about(tmp_path, section, field) == [
        f"holds the number '{NUMBER}': numbers go in number/sms fields"
    ]


@pytest.mark.parametrize(("section", "field"), FIELDS, ids=lambda v: v)
def test_a_web_address_in_any_translatable_field_is_refused(tmp_path, section, field):
    plant(tmp_path, section, field, " (see www.example.org)")
    assert errors_about(tmp_path, section, field) == ["holds a web address: put it in `online`"]


@pytest.mark.parametrize(("section", "field"), FIELDS, ids=lambda v: v)
def test_every_checked_field_is_extracted_for_translators(tmp_path, section, field):
    changed, text = plant(tmp_path, section, field, " Planted for the test.")
    extracted = {
        message: comments[0]
        for _line, _func, message, comments in extract_countries(
            io.BytesIO(text.encode("utf-8")), None, None, {}
        )
    }
    assert changed in extracted
    assert f"GB, {section}[" in extracted[changed]
    assert f"].{field}" in extracted[changed]


def extracted_messages(text: str) -> set[str]:
    return {m for _l, _f, m, _c in extract_countries(io.BytesIO(text.encode()), None, None, {})}


def test_a_proper_name_is_not_extracted_and_a_descriptive_name_is():
    messages = extracted_messages(SHIPPED_GB.read_text("utf-8"))
    assert "Modern Slavery & Exploitation Helpline" not in messages  # proper_name = true
    assert "Police non-emergency number" in messages
    assert "Migrant Help (Scotland, daytime)" in messages


def test_without_the_flag_a_name_goes_to_translators(tmp_path):
    text = SHIPPED_GB.read_text("utf-8")
    flagged = 'name = "Modern Slavery & Exploitation Helpline"\nproper_name = true\n'
    assert flagged in text
    unflagged = text.replace(flagged, 'name = "Modern Slavery & Exploitation Helpline"\n')
    assert "Modern Slavery & Exploitation Helpline" in extracted_messages(unflagged)


def test_a_proper_name_may_hold_its_number_but_a_translated_name_may_not(tmp_path):
    """Italy's "Numero antiviolenza e stalking 1522" is the service's own name."""
    italy = (ROOT / "helpsite" / "countries" / "it.toml").read_text("utf-8")
    assert 'name = "Numero antiviolenza e stalking 1522"\nproper_name = true' in italy
    (tmp_path / "it.toml").write_text(italy, "utf-8")
    assert [p for p in check_countries(tmp_path, date(2026, 12, 1)) if p.severity == "error"] == []
    (tmp_path / "it.toml").write_text(
        italy.replace('stalking 1522"\nproper_name = true', 'stalking 1522"'), "utf-8"
    )
    problems = check_countries(tmp_path, date(2026, 12, 1))
    assert [p.where for p in problems if p.severity == "error"] == ["it.toml: helplines[1].name"]


def test_proper_name_must_be_a_boolean(tmp_path):
    text = SHIPPED_GB.read_text("utf-8").replace("proper_name = true", 'proper_name = "yes"', 1)
    (tmp_path / "gb.toml").write_text(text, "utf-8")
    errors = [str(p) for p in check_countries(tmp_path, date(2026, 12, 1)) if p.severity == "error"]
    assert errors == ["error: gb.toml: helplines[0].proper_name: must be bool, not str"]
