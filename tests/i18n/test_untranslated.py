"""No English left on a translated page: pseudo-locale comparison.

The pseudo-locale en-XA accents every string that goes through gettext. Text
that is the same on the English and the en-XA page therefore never went through
gettext: it must be data that is not translated (a helpline's own name, a
statute, a web host, CLDR names, numbers). On a real language's page, any text
that gettext would have changed in en-XA but is still English is untranslated.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po

from helpsite.web.templating import site_name
from tests.conftest import ROOT

# Every help page (one per shipped country) and the other visitor pages.
PAGES = ["", "safety", "privacy"] + sorted(
    path.stem for path in (ROOT / "helpsite" / "countries").glob("*.toml")
)


class TextNodes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.nodes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self.skip -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if not self.skip and re.search(r"[A-Za-z]{3,}", text):
            self.nodes.add(text)


def text_nodes(html: str) -> set[str]:
    parser = TextNodes()
    parser.feed(html)
    return parser.nodes


def untranslated_data(site) -> set[str]:
    """What is rightly the same in every language: proper names and identifiers from the data.

    A helpline's name is allowed only when the data marks it ``proper_name``; any other
    name describes the line and must be translated like any text.
    """
    allowed = set()
    for country in site.countries.values():
        for helpline in country.helplines:
            allowed |= {helpline.email or "", site_name(helpline.online or "")}
            if helpline.proper_name:
                allowed.add(helpline.name)
            allowed.add(site_name(helpline.source))
        for right in country.rights:
            allowed |= {right.law or "", site_name(right.source)}
        for emergency in country.emergency:
            allowed.add(site_name(emergency.source))
    allowed |= {lang.native_name for lang in site.languages.values()}
    return {a for a in allowed if a}


@pytest.fixture(scope="module")
def english_pages(client):
    return {page: text_nodes(client.get(f"/en/{page}").text) for page in PAGES}


@pytest.fixture(scope="module")
def translatable(client, english_pages):
    """English text that gettext changes (it differs in en-XA)."""
    pseudo = {page: text_nodes(client.get(f"/en-xa/{page}").text) for page in PAGES}
    return {page: english_pages[page] - pseudo[page] for page in PAGES}


def unmarked_english(client, site) -> dict[str, list[str]]:
    """Text that is the same in English and en-XA but is not data: it skipped gettext."""
    allowed = untranslated_data(site)
    english_cldr = {site.languages["en"].locale.territories.get(c) for c in site.countries}
    leaks = {}
    for page in PAGES:
        english = text_nodes(client.get(f"/en/{page}").text)
        pseudo = text_nodes(client.get(f"/en-xa/{page}").text)
        same = (english & pseudo) - allowed - english_cldr
        same = {s for s in same if not re.fullmatch(r"[\w.@+\- ]*\d[\w.@+\- ]*", s)}
        if same:
            leaks[page] = sorted(same)
    return leaks


def test_every_english_text_on_the_pages_goes_through_gettext(client, site):
    assert unmarked_english(client, site) == {}


def test_the_comparison_finds_a_planted_unmarked_string(tmp_path, settings):
    from dataclasses import replace

    from starlette.testclient import TestClient

    from helpsite.web.app import create_app

    shutil.copytree(ROOT / "helpsite" / "web" / "templates", tmp_path / "templates")
    help_page = tmp_path / "templates" / "help.html"
    planted = "<p>Nobody translated this sentence.</p>"
    help_page.write_text(help_page.read_text("utf-8").replace("</h1>", "</h1>" + planted), "utf-8")
    app = create_app(replace(settings, templates_dir=str(tmp_path / "templates")))
    with TestClient(app) as planted_client:
        leaks = unmarked_english(planted_client, app.state.site)
    assert leaks == {page: ["Nobody translated this sentence."] for page in PAGES if len(page) == 2}


def test_a_helpline_name_not_marked_proper_is_untranslated_english(tmp_path, settings):
    """Without ``proper_name`` a name is text: left out of the catalogs, the test finds it."""
    from dataclasses import replace

    from starlette.testclient import TestClient

    from helpsite.web.app import create_app

    countries = tmp_path / "countries"
    shutil.copytree(ROOT / "helpsite" / "countries", countries)
    gb = countries / "gb.toml"
    text = gb.read_text("utf-8")
    planted = 'name = "Bristol Night Line"'
    gb.write_text(text.replace('name = "Police non-emergency number"', planted), "utf-8")
    app = create_app(replace(settings, countries_dir=str(countries)))
    with TestClient(app) as planted_client:
        leaks = unmarked_english(planted_client, app.state.site)
    assert leaks == {"gb": ["Bristol Night Line"]}


def catalog_identities(lang: str) -> set[str]:
    path = ROOT / "helpsite" / "locales" / lang.replace("-", "_") / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id and m.string == m.id}


def test_no_english_fragments_on_translated_pages(client, site, translatable):
    failures = {}
    for language in site.menu_languages:
        if language.tag == "en":
            continue
        kept = catalog_identities(language.tag)
        for page in PAGES:
            nodes = text_nodes(client.get(f"/{language.slug}/{page}").text)
            english = {n for n in nodes & translatable[page] if n not in kept}
            if english:
                failures[f"{language.tag}/{page}"] = sorted(english)[:5]
    assert failures == {}
