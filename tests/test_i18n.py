"""Languages and catalogs: negotiation, completeness, freshness, plural forms, safety of msgstrs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from helpsite import catalogs
from helpsite.i18n import CatalogError, load_languages, negotiate, parse_accept_language
from tests.conftest import IN_CI, ROOT

LOCALES = ROOT / "locales"
CATALOGS = sorted(LOCALES.glob("*/LC_MESSAGES/messages.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
BIDI_CONTROLS = {chr(c) for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}
INVISIBLE = BIDI_CONTROLS | {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# Zero-width (non-)joiners are part of correct spelling in Persian and Urdu.
NEEDS_JOINERS = {"fa", "ur"}


def catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def language_of(path: Path) -> str:
    return path.parent.parent.name


def test_there_are_catalogs_beyond_english():
    assert {"ro", "pl", "ar"} <= {language_of(p) for p in CATALOGS}


@pytest.mark.parametrize("path", CATALOGS, ids=language_of)
def test_every_shipped_catalog_is_complete(path):
    untranslated = [m.id for m in catalog(path) if m.id and (m.fuzzy or not all(_strings(m)))]
    assert untranslated == [], f"{path}: {len(untranslated)} untranslated, e.g. {untranslated[:3]}"


def _strings(message) -> tuple:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _ids(message) -> tuple:
    return message.id if isinstance(message.id, tuple) else (message.id,)


@pytest.mark.parametrize("path", CATALOGS, ids=language_of)
def test_msgstrs_keep_placeholders_and_hold_no_numbers_urls_or_invisible_characters(path):
    lang = language_of(path)
    problems = []
    for message in catalog(path):
        if not message.id:
            continue
        wanted = set(PLACEHOLDER.findall(" ".join(_ids(message))))
        for text in _strings(message):
            if not text:
                continue
            if set(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"placeholders differ: {_ids(message)[0]!r}")
            if re.search(r"\d[\d\s\-]{2,}\d|https?:|www\.|@", text):
                problems.append(f"number or address in msgstr: {text!r}")
            allowed = INVISIBLE - {"\u200c", "\u200d"} if lang in NEEDS_JOINERS else INVISIBLE
            if any(ch in allowed for ch in text):
                problems.append(f"invisible or bidi control character: {_ids(message)[0]!r}")
    assert problems == []


@pytest.mark.parametrize("path", CATALOGS, ids=language_of)
def test_plural_forms_come_from_cldr(path):
    lang = language_of(path)
    expected = get_plural(Locale.parse(lang))
    assert catalog(path).num_plurals == expected.num_plurals
    assert catalog(path).plural_expr.replace(" ", "") == expected.plural_expr.replace(" ", "")


def test_plural_forms_are_used_on_the_page(client):
    # Arabic has a dual: "2 more times" and "1 more time" are different forms.
    html = client.get("/ar/gb").text
    two = re.search(r'data-press-2="([^"]+)"', html).group(1)
    one = re.search(r'data-press-1="([^"]+)"', html).group(1)
    assert two != one
    assert "Shift" in two and "press" not in two


msgfmt = shutil.which("msgfmt")


@pytest.mark.skipif(msgfmt is None and not IN_CI, reason="msgfmt (Debian gettext) not installed")
@pytest.mark.parametrize("path", CATALOGS, ids=language_of)
def test_msgfmt_check_passes(path):
    result = subprocess.run(
        [msgfmt or "msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", CATALOGS, ids=language_of)
def test_dennis_lint_finds_no_errors(path):
    dennis = Path(sys.executable).parent / "dennis-cmd"
    result = subprocess.run(
        [str(dennis), "lint", "--errorsonly", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_committed_template_is_fresh(tmp_path):
    """A changed string without an updated messages.pot fails here."""
    fresh = catalogs.extract(tmp_path / "messages.pot").read_text("utf-8")
    committed = (LOCALES / "messages.pot").read_text("utf-8")
    assert catalogs.without_creation_date(fresh) == catalogs.without_creation_date(committed), (
        "locales/messages.pot is out of date: run `make update`, translate, and commit the catalogs"
    )


def test_a_stale_catalog_stops_start_up(tmp_path):
    shutil.copytree(LOCALES / "ro", tmp_path / "ro")
    po = tmp_path / "ro" / "LC_MESSAGES" / "messages.po"
    po.touch()
    mo = po.with_suffix(".mo")
    import os

    os.utime(mo, (po.stat().st_mtime - 10, po.stat().st_mtime - 10))
    with pytest.raises(CatalogError, match="older than its .po"):
        load_languages(tmp_path)
    mo.unlink()
    with pytest.raises(CatalogError, match="not compiled"):
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


def test_language_names_are_in_their_own_script(site):
    assert site.languages["ar"].native_name == "العربية"
    assert site.languages["ro"].native_name == "Română"
    assert unicodedata.name(site.languages["ar"].native_name[0]).startswith("ARABIC")


def test_an_unreviewed_translation_says_so_and_links_to_english(client, site):
    for language in site.menu_languages:
        html = client.get(f"/{language.slug}/gb").text
        has_note = 'href="/en/gb" hreflang="en"' in html
        assert has_note == (not language.reviewed), language.tag


def test_country_content_is_translated_too(client, site):
    ro = site.languages["ro"]
    country = site.countries["GB"]
    title = country.shown(country.rights)[0].title
    translated = ro.translations.gettext(title)
    assert translated != title
    assert translated in client.get("/ro/gb").text
