"""Languages and catalogs: negotiation, completeness, freshness, plural forms, safety of msgstrs."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from helpsite.i18n import CatalogError, checks, load_languages, negotiate, parse_accept_language
from helpsite.i18n import workflow as catalogs
from tests.conftest import FIXTURES, IN_CI, ROOT
from tests.i18n import catalog_tools

LOCALES = ROOT / "helpsite" / "locales"
CATALOGS = sorted(LOCALES.glob("*/LC_MESSAGES/messages.po"))
FIXTURE_PO = FIXTURES / "catalogs"


def language_of(path: Path) -> str:
    return path.parent.parent.name


def test_there_are_catalogs_beyond_english():
    assert {"ro", "pl", "ar"} <= {language_of(p) for p in CATALOGS}


@pytest.mark.parametrize("path", CATALOGS, ids=language_of)
def test_every_shipped_catalog_is_complete(path):
    assert checks.untranslated(path, LOCALES / "messages.pot") == []


@pytest.mark.parametrize("path", CATALOGS, ids=language_of)
def test_msgstrs_keep_placeholders_and_hold_no_numbers_urls_or_invisible_characters(path):
    assert checks.msgstr_problems(path) == []


@pytest.mark.parametrize("path", CATALOGS, ids=language_of)
def test_plural_forms_come_from_cldr(path):
    assert checks.plural_problems(path) == []


@pytest.mark.skipif(shutil.which("msgfmt") is None and not IN_CI, reason="no msgfmt (gettext)")
@pytest.mark.parametrize("path", CATALOGS, ids=language_of)
def test_msgfmt_check_passes(path):
    assert catalog_tools.msgfmt_problems(path) == []


@pytest.mark.parametrize("path", CATALOGS, ids=language_of)
def test_dennis_lint_finds_no_errors(path):
    assert catalog_tools.dennis_problems(path) == []


def missing_from_template(path: Path) -> list[str]:
    return checks.untranslated(path, LOCALES / "messages.pot")


@pytest.mark.parametrize(
    ("fixture", "check", "expected"),
    [
        ("pl/LC_MESSAGES/messages.po", checks.untranslated, "Free help"),
        ("pl/LC_MESSAGES/messages.po", missing_from_template, "In danger now?"),
        ("ro/LC_MESSAGES/messages.po", checks.msgstr_problems, "placeholders differ"),
        ("ro/LC_MESSAGES/messages.po", checks.msgstr_problems, "a number or address"),
        ("ro/LC_MESSAGES/messages.po", checks.msgstr_problems, "invisible or bidi"),
        ("ro/LC_MESSAGES/messages.po", checks.msgstr_problems, "a stray marker"),
        ("ar/LC_MESSAGES/messages.po", checks.plural_problems, "plural forms"),
        ("ro/LC_MESSAGES/messages.po", catalog_tools.dennis_problems, "E201: invalid variables"),
    ],
)
def test_each_catalog_check_fails_on_a_planted_fault(fixture, check, expected):
    problems = check(FIXTURE_PO / fixture)
    assert any(expected in problem for problem in problems), problems


@pytest.mark.skipif(shutil.which("msgfmt") is None and not IN_CI, reason="no msgfmt (gettext)")
def test_msgfmt_check_fails_on_a_planted_fault():
    problems = catalog_tools.msgfmt_problems(FIXTURE_PO / "pl" / "LC_MESSAGES" / "messages.po")
    assert any("format specification for argument 'number'" in p for p in problems), problems


def test_plural_forms_are_used_on_the_page(client):
    # Arabic has a dual: "2 more times" and "1 more time" are different forms.
    html = client.get("/ar/gb").text
    two = re.search(r'data-press-2="([^"]+)"', html).group(1)
    one = re.search(r'data-press-1="([^"]+)"', html).group(1)
    assert two != one
    assert "Shift" in two and "press" not in two


def test_the_committed_template_is_fresh(tmp_path):
    """A changed string without an updated messages.pot fails here."""
    fresh = catalogs.extract(tmp_path / "messages.pot").read_text("utf-8")
    committed = (LOCALES / "messages.pot").read_text("utf-8")
    assert catalogs.template_messages(fresh) == catalogs.template_messages(committed), (
        "helpsite/locales/messages.pot is out of date: run `make update`, translate, commit"
    )


def test_the_freshness_check_fails_on_a_changed_string(tmp_path):
    # The whole package (wherever its poster text lives), without catalogs or caches.
    junk = shutil.ignore_patterns("__pycache__", "locales")
    shutil.copytree(ROOT / "helpsite", tmp_path / "helpsite", ignore=junk)
    shutil.copy(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    help_page = tmp_path / "helpsite" / "web" / "templates" / "help.html"
    help_page.write_text(
        help_page.read_text("utf-8").replace("In danger now?", "In danger right now?"), "utf-8"
    )
    fresh = catalogs.extract(tmp_path / "fresh.pot", package_dir=tmp_path / "helpsite")
    fresh = fresh.read_text("utf-8")
    committed = (LOCALES / "messages.pot").read_text("utf-8")
    assert catalogs.template_messages(fresh) != catalogs.template_messages(committed)
    assert 'msgid "In danger right now?"' in fresh


def test_a_half_translated_language_is_not_offered(tmp_path):
    from helpsite.settings import Settings
    from helpsite.web.site import offered_languages

    shutil.copytree(LOCALES / "ro", tmp_path / "ro")
    po = tmp_path / "ro" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    first = re.search(r'msgid "Free help"\nmsgstr "([^"]+)"', text).group(0)
    po.write_text(text.replace(first, 'msgid "Free help"\nmsgstr ""'), "utf-8")
    catalogs.compile_all(tmp_path)
    languages = load_languages(tmp_path)
    assert not languages["ro"].complete
    assert "ro" not in offered_languages(languages, Settings())


def _ro_with_new_wording(tmp_path: Path) -> tuple[Path, str]:
    """A copy of the Romanian catalog whose "Free help" now reads differently."""
    shutil.copytree(LOCALES / "ro", tmp_path / "ro")
    po = tmp_path / "ro" / "LC_MESSAGES" / "messages.po"
    catalogs.compile_all(tmp_path)  # a .mo with the old wording
    text = po.read_text("utf-8")
    old = re.search(r'msgid "Free help"\nmsgstr "([^"]+)"', text)
    new_wording = old.group(1) + " (nou)"
    po.write_text(text.replace(old.group(0), f'msgid "Free help"\nmsgstr "{new_wording}"'), "utf-8")
    return po, new_wording


def test_a_stale_compiled_catalog_is_never_served(tmp_path):
    """A .mo older than its .po is ignored: the .po is compiled in memory, no file written."""
    po, new_wording = _ro_with_new_wording(tmp_path)
    mo = po.with_suffix(".mo")
    os.utime(mo, (po.stat().st_mtime - 10, po.stat().st_mtime - 10))
    before = mo.read_bytes()
    assert load_languages(tmp_path)["ro"].translations.gettext("Free help") == new_wording
    assert mo.read_bytes() == before


def test_an_uncompiled_catalog_is_compiled_in_memory(tmp_path):
    """An installed wheel carries no .mo files: the site still speaks every language."""
    po, new_wording = _ro_with_new_wording(tmp_path)
    po.with_suffix(".mo").unlink()
    languages = load_languages(tmp_path)
    assert languages["ro"].translations.gettext("Free help") == new_wording
    assert languages["ro"].complete
    assert not po.with_suffix(".mo").exists()


def test_an_unreadable_catalog_is_a_clear_error(tmp_path):
    shutil.copytree(LOCALES / "ro", tmp_path / "ro")
    (tmp_path / "ro" / "LC_MESSAGES" / "messages.po").write_bytes(b"\xff\xfe not a catalog")
    with pytest.raises(CatalogError, match="messages.po"):
        load_languages(tmp_path)


def test_accept_language_parsing():
    assert parse_accept_language("ro-RO,ro;q=0.9,en;q=0.8") == ["ro-RO", "ro", "en"]
    assert parse_accept_language("en;q=0.1, pl") == ["pl", "en"]
    assert parse_accept_language("*, xx;q=0, ;;;, ar;q=abc") == []


def test_negotiation_order(site):
    langs = site.languages
    assert negotiate("pl-PL", langs, "en").tag == "pl"
    assert negotiate("fr-FR, ar-EG;q=0.5", langs, "en").tag in {"fr", "ar"}
    assert negotiate("xx", langs, "en").tag == "en"
    assert negotiate(None, langs, "en").tag == "en"


def test_portuguese_of_portugal_and_of_brazil_are_told_apart(site):
    langs = site.languages
    assert negotiate("pt-PT", langs, "en").tag == "pt-PT"
    assert negotiate("pt-BR", langs, "en").tag == "pt-BR"
    # CLDR: Angolan, Mozambican, ... Portuguese follow Portugal's spelling, not Brazil's.
    assert negotiate("pt-AO", langs, "en").tag == "pt-PT"
    assert negotiate("pt-MZ, en;q=0.5", langs, "en").tag == "pt-PT"


def test_regional_and_old_tags_find_the_new_languages(site):
    langs = site.languages
    assert negotiate("fil-PH", langs, "en").tag == "fil"
    assert negotiate("tl-PH", langs, "en").tag == "fil"  # the old tag for Tagalog/Filipino
    assert negotiate("th-TH", langs, "en").tag == "th"
    assert negotiate("el-CY", langs, "en").tag == "el"
    assert negotiate("tr-TR", langs, "en").tag == "tr"


def test_language_names_are_in_their_own_script(site):
    assert site.languages["ar"].native_name == "العربية"
    assert site.languages["ro"].native_name == "Română"
    assert unicodedata.name(site.languages["ar"].native_name[0]).startswith("ARABIC")


def test_an_unreviewed_translation_says_so_and_links_to_english(client, site):
    for language in site.menu_languages:
        html = client.get(f"/{language.slug}/gb").text
        has_note = f'<p class="note" lang="{language.tag}">' in html
        assert has_note == (not language.reviewed), language.tag


def test_country_content_is_translated_too(client, site):
    ro = site.languages["ro"]
    country = site.countries["GB"]
    title = country.shown(country.rights)[0].title
    translated = ro.translations.gettext(title)
    assert translated != title
    assert translated in client.get("/ro/gb").text


def test_the_freshness_check_ignores_tool_headers():
    """A new Babel release or another day changes headers, not what translators see."""
    committed = (LOCALES / "messages.pot").read_text("utf-8")
    other_tool = re.sub(r"Generated-By: Babel [^\\]+", "Generated-By: Babel 9.9.9", committed)
    other_day = re.sub(
        r"POT-Creation-Date: [^\\]+", "POT-Creation-Date: 2030-01-01 00:00+0000", other_tool
    )
    assert other_day != committed
    assert catalogs.template_messages(other_day) == catalogs.template_messages(committed)


def test_new_cldr_plural_rules_are_merged_and_new_forms_wait_for_a_translator(tmp_path):
    """`make upgrade` after a CLDR change: the rule is merged, a new form is never guessed."""
    shutil.copytree(LOCALES / "fr", tmp_path / "fr")
    po = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    header = re.search(r'"Plural-Forms: [^"]*"', text).group(0)
    old = text.replace(header, '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"')
    old = re.sub(r'msgstr\[2\] "[^"]*"\n', "", old)
    po.write_text(old, "utf-8")
    assert checks.plural_problems(po) == ["2 plural forms; CLDR says 3"]

    changes = catalogs.merge_plural_rules(tmp_path)

    assert changes == [
        "fr: plural rule '(n > 1)' -> '(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 "
        ": 2'; 2 -> 3 forms, 1 message(s) fuzzy"
    ]
    assert checks.plural_problems(po) == []
    assert "Shift, press %(num)s more time to exit." in checks.untranslated(po)
    catalogs.compile_all(tmp_path)
    assert not load_languages(tmp_path)["fr"].complete
    assert catalogs.merge_plural_rules(tmp_path) == []  # merged once, nothing left to do
