"""The content version a poster prints changes with what it says, not with the file's bytes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from helpsite.content.loader import load_countries
from helpsite.posters.content import build_content
from helpsite.posters.request import parse_request
from qr.codes import new_code

COUNTRIES = Path(__file__).resolve().parents[2] / "helpsite" / "countries"


def _version(directory: Path, site, *, languages: str = "en,ro", format: str = "a4") -> str:  # noqa: A002
    countries = load_countries(directory)
    request = parse_request(
        country="GB",
        languages=languages,
        format=format,
        venue="Station",
        placement="Door",
        countries=countries,
        offered=site.visitor_languages,
    )
    code = new_code("GB")
    return build_content(
        request, "https://help.example", code=code, today=date(2026, 12, 1)
    ).content_version


@pytest.fixture
def copied(tmp_path) -> Path:
    directory = tmp_path / "countries"
    shutil.copytree(COUNTRIES, directory)
    return directory


def _edit(directory: Path, old: str, new: str) -> None:
    path = directory / "gb.toml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_comment_only_edit_keeps_the_digest(copied, site):
    before = _version(copied, site)
    _edit(copied, 'id = "msh"\n', 'id = "msh"  # reviewed again, nothing changed\n# a note\n')
    path = copied / "gb.toml"
    path.write_text("# Edited by a reviewer.\n" + path.read_text("utf-8"), "utf-8")
    assert _version(copied, site) == before


def test_the_digest_is_the_same_for_every_poster_of_the_same_content(copied, site):
    # Codes, venue, placement and print date differ per poster; the content does not.
    assert _version(copied, site) == _version(copied, site)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the helpline number (and its display form, which must be the same digits)
        (
            '"08000 121 700"\ndisplay = "08000 121 700"',
            '"0800 808 3733"\ndisplay = "0800 808 3733"',
        ),
        ("confidential = true  # the helpline itself", "confidential = false  # the helpline"),
        ('name = "Modern Slavery & Exploitation Helpline"', 'name = "Modern Slavery Helpline"'),
    ],
    ids=["number", "confidential flag", "name"],
)
def test_a_changed_number_flag_or_name_changes_the_digest(copied, site, old, new):
    before = _version(copied, site)
    _edit(copied, old, new)
    assert _version(copied, site) != before


def test_languages_and_format_are_part_of_the_digest(site):
    base = _version(COUNTRIES, site)
    assert _version(COUNTRIES, site, languages="en,pl") != base
    assert _version(COUNTRIES, site, format="a5") != base
