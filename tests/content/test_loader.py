"""Loading country data: good data loads; every planted fault is named by file and field."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from helpsite.content.loader import ContentError, check_countries, load_countries
from tests.conftest import FIXTURES, ROOT

TODAY = date(2026, 12, 1)  # the shipped data holds facts verified on this day


@pytest.fixture
def data_dir(tmp_path):
    shutil.copy(FIXTURES / "countries" / "gb.toml", tmp_path / "gb.toml")
    return tmp_path


def plant(data_dir, old: str, new: str) -> None:
    path = data_dir / "gb.toml"
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def errors(data_dir) -> list[str]:
    return [str(p) for p in check_countries(data_dir, TODAY) if p.severity == "error"]


def test_the_fixture_and_the_shipped_data_load_without_errors(data_dir):
    assert errors(data_dir) == []
    shipped = load_countries(ROOT / "helpsite" / "countries", TODAY)
    expected = {"GB", "IE", "NL", "RO", "PL", "DE", "FR", "ES", "IT", "AL", "VN", "US", "CA", "AU"}
    assert expected <= set(shipped)


def test_unverified_facts_are_kept_but_hidden(data_dir):
    country = load_countries(data_dir, TODAY)["GB"]
    assert [h.id for h in country.helplines] == ["msh", "office", "hidden"]
    assert [h.id for h in country.shown(country.helplines)] == ["msh", "office"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('number = "08000 121 700"', 'number = "08000 121 700 99"', "helplines[0].number"),
        ('number = "999"', 'number = "12345678901234"', "emergency[0].number"),
        ('source = "https://www.modernslaveryhelpline.org/"\n', "", "helplines[0].source: missing"),
        ("verified = 2026-11-22\n\n[[helplines]]", "\n[[helplines]]", "emergency[0].verified"),
        ('source = "https://www.example.org/emergency"', 'source = "www.example.org"', "https"),
        ('region = "scotland"', 'region = "wales"', "helplines[1].region"),
        ('kind = "support"', 'kind = "friendly"', "helplines[1].kind"),
        ('hours = "24/7"', 'hours = "always"', "helplines[0].hours"),
        ('open = "09:00"', 'open = "9am"', "helplines[1].hours"),
        ("free = true", 'free = "yes"', "helplines[0].free"),
        ("interpreters = true", "interpreter = true", "helplines[0].interpreter: unknown field"),
        (
            "interpreters = true",
            'interpreters = true\nlanguages = ["en", "tlh"]',
            "helplines[0].languages: 'tlh' is not a language tag",
        ),
        ("free = true", 'free = true\nconfidential = "yes"', "helplines[0].confidential"),
        (
            'description = "Help on weekdays."',
            'description = "Call 0141 276 7724 on weekdays."',
            "helplines[1].description: holds the number",
        ),
        (
            'text = "The law can protect you."',
            'text = "See www.gov.uk for more."',
            "rights[0].text: holds a web address",
        ),
        ("verified = 2026-11-22\n\n[[rights]]", "verified = 2027-01-01\n\n[[rights]]", "future"),
        ('timezone = "Europe/London"', 'timezone = "Europe/Londres"', "country.timezone"),
        ('code = "GB"', 'code = "IE"', "country.code"),
    ],
)
def test_a_planted_fault_is_named_by_file_and_field(data_dir, old, new, expected):
    plant(data_dir, old, new)
    found = errors(data_dir)
    assert any(expected in line and line.startswith("error: gb.toml: ") for line in found), found
    with pytest.raises(ContentError):
        load_countries(data_dir, TODAY)


def test_a_fact_older_than_twelve_months_warns_but_loads(data_dir):
    plant(
        data_dir, "verified = 2026-11-22\n\n[[helplines]]", "verified = 2025-06-01\n\n[[helplines]]"
    )
    problems = check_countries(data_dir, TODAY)
    assert [str(p) for p in problems] == [
        "warning: gb.toml: emergency[0].verified: 2025-06-01 is more than 12 months old: re-check"
    ]
    assert "GB" in load_countries(data_dir, TODAY)


def test_a_country_needs_a_verified_emergency_number(data_dir):
    plant(data_dir, 'services = ["all"]', 'services = ["all"]\nstatus = "unverified"')
    assert any("no verified emergency number" in line for line in errors(data_dir))


def test_invalid_toml_is_reported_not_raised(data_dir):
    (data_dir / "ie.toml").write_text("code = 'IE\n", "utf-8")
    assert any(line.startswith("error: ie.toml: file: not valid TOML") for line in errors(data_dir))


RELAY = """[[text_relay]]
prefix = "18001"
service = "Relay UK"
source = "https://example.org/relay"
verified = 2026-11-22

[[regions]]"""


def test_a_text_relay_prefix_comes_from_the_country_file(data_dir):
    plant(data_dir, 'number = "08000 121 700"', 'number = "08000 121 700"\ntextphone = "18001 101"')
    assert any("textphone" in e and "18001 101" in e for e in errors(data_dir))
    plant(data_dir, "[[regions]]", RELAY)
    assert errors(data_dir) == []
    helpline = load_countries(data_dir, TODAY)["GB"].helplines[0]
    assert helpline.textphone.dial == "18001101"


def test_a_text_relay_prefix_needs_digits_and_a_source(data_dir):
    plant(data_dir, "[[regions]]", RELAY.replace('prefix = "18001"', 'prefix = "18OO1"'))
    assert any("text_relay[0].prefix" in e for e in errors(data_dir))
    plant(data_dir, 'source = "https://example.org/relay"\n', "")
    assert any("text_relay[0].source" in e for e in errors(data_dir))


@pytest.mark.parametrize(
    "text",
    [
        "Outside office hours, urgent calls go to an intervention phone.",
        "Its staff answer on weekdays.",
        "At night you can leave a message.",
    ],
)
def test_a_line_shown_as_24_7_whose_own_text_says_otherwise_is_rejected(data_dir, text):
    plant(
        data_dir,
        'description = "Advice and support if you think someone is being exploited."',
        f'description = "Advice and support. {text}"',
    )
    assert any(
        e.startswith('error: gb.toml: helplines[0].hours: "24/7", but its description says')
        for e in errors(data_dir)
    ), errors(data_dir)
    with pytest.raises(ContentError):
        load_countries(data_dir, TODAY)


def test_the_same_words_are_fine_on_a_line_with_its_real_hours(data_dir):
    plant(data_dir, 'description = "Help on weekdays."', 'description = "Help on weekdays only."')
    assert errors(data_dir) == []


def test_no_shipped_line_shown_as_24_7_says_otherwise_and_kcik_is_not_24_7():
    shipped = load_countries(ROOT / "helpsite" / "countries", TODAY)
    poland = {h.id: h for h in shipped["PL"].helplines}
    for ident in ("kcik", "kcik-2", "la-strada"):
        assert poland[ident].hours is None, ident  # the page says "hours not confirmed"
    assert "weekdays" in poland["kcik-2"].description
    assert "urgent matters only" in poland["kcik-2"].description


VICTIMS = """[victim_languages]
tags = ["sq", "vi", "tlh"]
source = "https://www.example.org/nrm-statistics"
verified = 2026-12-01

[[regions]]"""


def test_victim_languages_load_with_their_source(data_dir):
    plant(data_dir, "[[regions]]", VICTIMS.replace('"tlh"', '"ti"'))
    assert errors(data_dir) == []
    victims = load_countries(data_dir, TODAY)["GB"].victim_languages
    assert victims.tags == ("sq", "vi", "ti")
    assert victims.source == "https://www.example.org/nrm-statistics"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('"tlh"', '"tlh"', "victim_languages.tags: 'tlh' is not a language tag"),
        ('"tlh"', '"sq"', "victim_languages.tags: a language is listed twice"),
        ('source = "https://www.example.org/nrm-statistics"\n', "", "victim_languages.source"),
        ("verified = 2026-12-01\n", 'verified = "soon"\n', "victim_languages.verified"),
        ('tags = ["sq", "vi", "tlh"]', 'tags = ["sq"]\nyear = 2024', "victim_languages.year"),
    ],
)
def test_a_fault_in_victim_languages_is_named(data_dir, old, new, expected):
    plant(data_dir, "[[regions]]", VICTIMS.replace(old, new))
    found = errors(data_dir)
    assert any(expected in line for line in found), found


def test_display_must_be_the_same_number(data_dir):
    number = 'number = "08000 121 700"'
    plant(data_dir, number, number + '\ndisplay = "08000 121 700"')
    assert errors(data_dir) == []
    assert load_countries(data_dir, TODAY)["GB"].helplines[0].number.display == "08000 121 700"
    plant(data_dir, 'display = "08000 121 700"', 'display = "08000 121 707"')
    assert any("helplines[0].display" in e for e in errors(data_dir)), errors(data_dir)


def test_proper_name_is_a_bool(data_dir):
    plant(data_dir, 'kind = "trafficking"', 'kind = "trafficking"\nproper_name = true')
    assert load_countries(data_dir, TODAY)["GB"].helplines[0].proper_name is True
    plant(data_dir, "proper_name = true", 'proper_name = "yes"')
    assert any("helplines[0].proper_name" in e for e in errors(data_dir))
