"""Kiosk pages over HTTP: off without a country, every visitor promise kept, no way out."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from helpsite.cli import cli
from helpsite.settings import Settings, SettingsError
from helpsite.web.app import create_app
from helpsite.web.templating import csp_hash
from tests.pagecheck import PAGE_BUDGET_GZIP, gzip_size, other_origin_urls, parse_page
from tests.web.test_privacy import STORAGE_APIS

KIOSK_PATHS = ["/kiosk", "/kiosk/", "/kiosk/en", "/kiosk/en/print", "/kiosk/reset"]


def kiosk_client(settings: Settings, **overrides) -> TestClient:
    app = create_app(replace(settings, kiosk_country="GB", **overrides))
    return TestClient(app, base_url="https://testserver")


@pytest.fixture(scope="module")
def kiosk(settings):
    with kiosk_client(settings, kiosk_idle_seconds=7) as client:
        yield client


def kiosk_urls(client: TestClient) -> list[str]:
    site = client.app.state.site
    urls = ["/kiosk/", "/kiosk/reset"]
    for slug in site.languages:
        urls += [f"/kiosk/{slug}", f"/kiosk/{slug}?size=1", f"/kiosk/{slug}?size=2"]
        urls.append(f"/kiosk/{slug}/print")
    return urls


@pytest.mark.parametrize("path", KIOSK_PATHS)
def test_without_a_kiosk_country_every_kiosk_page_is_the_404_chooser(client, path):
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 404
    assert "/kiosk/reset" not in response.text
    assert '<ul class="choices" aria-labelledby="countries">' in response.text


def test_every_kiosk_page_keeps_the_visitor_promises(kiosk):
    failures = []
    for url in kiosk_urls(kiosk):
        response = kiosk.get(url)
        html = response.text
        problems = []
        if response.status_code != 200:
            problems.append(f"status {response.status_code}")
        if "set-cookie" in response.headers:
            problems.append("Set-Cookie")
        if other_origin_urls(html):
            problems.append(f"other-origin URLs {other_origin_urls(html)[:3]}")
        if STORAGE_APIS.search(html):
            problems.append("mentions a storage API")
        if re.search(r"url\(|@import", html) or "style=" in html:
            problems.append("CSS that could load something, or a style attribute")
        if gzip_size(response.content) > PAGE_BUDGET_GZIP:
            problems.append(f"{gzip_size(response.content)} bytes gzip")
        if response.headers["cache-control"] != "no-store":
            problems.append("cacheable")
        csp = response.headers["content-security-policy"]
        scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
        styles = re.findall(r"<style>(.*?)</style>", html, re.S)
        if len(scripts) != 1 or len(styles) != 1:
            problems.append("not exactly one inline script and style")
        elif f"script-src {csp_hash(scripts[0])};" not in csp or (
            f"style-src {csp_hash(styles[0])};" not in csp
        ):
            problems.append("inline script or style not the one the CSP allows")
        if "default-src 'none'" not in csp or "unsafe" in csp:
            problems.append(f"CSP not strict: {csp}")
        if "<title>Information</title>" not in html:
            problems.append("title is not the neutral one")
        if problems:
            failures.append(f"{url}: {', '.join(problems)}")
    assert not failures, "\n".join(failures)


def test_no_link_leads_out_of_the_kiosk_and_every_screen_has_done_and_the_exit(kiosk):
    failures = []
    for url in kiosk_urls(kiosk):
        if url == "/kiosk/reset":
            continue
        page = parse_page(kiosk.get(url).text)
        hrefs = [value for tag, attr, value in page.urls if tag == "a" and attr == "href"]
        leaving = [href for href in hrefs if not href.startswith("/kiosk/")]
        if leaving:
            failures.append(f"{url}: links out of the kiosk {leaving[:3]}")
        if hrefs.count("/kiosk/reset") < 3:  # the exit, its skip link, and Done
            failures.append(f"{url}: no exit or no Done")
    assert not failures, "\n".join(failures)


def test_the_start_screen_offers_every_language_by_its_own_name(kiosk):
    html = kiosk.get("/kiosk/").text
    site = kiosk.app.state.site
    for language in site.menu_languages:
        link = f'<a href="/kiosk/{language.slug}" hreflang="{language.tag}"'
        assert link in html, language.tag
        assert f">{language.native_name}</a>" in html
    assert 'data-idle="7"' not in html, "the start screen keeps nothing worth an idle reset"


def test_the_help_page_shows_the_numbers_the_countdown_and_the_takeaway_code(kiosk):
    html = kiosk.get("/kiosk/en").text
    assert 'data-idle="7" data-countdown="10"' in html
    assert "Are you still there? Touch the screen to continue." in html
    assert "08000 121 700" in html and ">999<" in html
    assert "tel:" not in html and "sms:" not in html, "a kiosk has no phone to dial with"
    assert '<svg viewBox="0 0' in html and 'class="kiosk-qr__code"' in html
    assert '<a class="kiosk-print" href="/kiosk/en/print">Print the numbers</a>' in html
    assert 'class="kiosk kiosk-size-0"' in html


def test_text_size_steps_and_bad_sizes_fall_back_to_the_normal_size(kiosk):
    assert 'class="kiosk kiosk-size-2"' in kiosk.get("/kiosk/en?size=2").text
    larger = kiosk.get("/kiosk/en?size=1").text
    assert 'href="/kiosk/en?size=2"' in larger
    assert 'href="/kiosk/en" class="kiosk-size__step"' in larger
    for bad in ("9", "-1", "big", "1e3", "%00"):
        response = kiosk.get(f"/kiosk/en?size={bad}")
        assert response.status_code == 200
        assert 'class="kiosk kiosk-size-0"' in response.text


def test_the_slip_holds_the_numbers_in_neutral_words_only(kiosk):
    html = kiosk.get("/kiosk/en/print").text
    body = re.sub(r"<(script|style)>.*?</\1>", "", html, flags=re.S)
    assert "08000 121 700" in body and ">999<" in body and ">112<" in body
    assert "size: 80mm" in html
    for word in ("traffick", "slavery", "Slavery", "exploitation", "Helpline", "testserver"):
        assert word not in body, word
    assert 'data-print="/kiosk/en"' in html


def test_the_slip_follows_the_paper_width_and_printing_can_be_turned_off(settings):
    with kiosk_client(settings, kiosk_print="58mm") as narrow:
        assert "size: 58mm" in narrow.get("/kiosk/en/print").text
    with kiosk_client(settings, kiosk_print="off") as no_printer:
        assert "/kiosk/en/print" not in no_printer.get("/kiosk/en").text
        assert no_printer.get("/kiosk/en/print").status_code == 404


def test_reset_asks_the_browser_to_forget_and_returns_to_the_start(kiosk):
    response = kiosk.get("/kiosk/reset")
    assert response.headers["clear-site-data"] == '"cache", "storage"'
    assert 'content="3;url=/kiosk/"' in response.text
    assert 'data-restart="/kiosk/"' in response.text
    assert kiosk.get("/kiosk", follow_redirects=False).headers["location"] == "/kiosk/"


def test_unknown_kiosk_languages_get_the_chooser(kiosk):
    for path in ("/kiosk/xx", "/kiosk/xx/print", "/kiosk/en/print/more"):
        assert kiosk.get(path).status_code == 404


def test_kiosk_requests_leave_no_log_line(kiosk, caplog):
    caplog.set_level(logging.DEBUG)
    for url in ("/kiosk/", "/kiosk/ro", "/kiosk/ro/print", "/kiosk/reset", "/kiosk/zz"):
        kiosk.get(url, headers={"User-Agent": "SECRET-AGENT"})
    server = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    assert server == []


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("HELPSITE_KIOSK_COUNTRY", "GBR"),
        ("HELPSITE_KIOSK_COUNTRY", "1A"),
        ("HELPSITE_KIOSK_IDLE_SECONDS", "0"),
        ("HELPSITE_KIOSK_IDLE_SECONDS", "soon"),
        ("HELPSITE_KIOSK_PRINT", "a4"),
    ],
)
def test_a_bad_kiosk_setting_names_its_variable(variable, value):
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env({variable: value})


def test_a_kiosk_country_without_help_pages_stops_start_up_with_one_clear_line():
    result = CliRunner().invoke(cli, ["serve"], env={"HELPSITE_KIOSK_COUNTRY": "ZZ"})
    assert result.exit_code == 1
    assert "cannot start: HELPSITE_KIOSK_COUNTRY: no help pages for 'ZZ'" in result.output
    assert "Traceback" not in result.output
