"""The signed static export, served by nginx on loopback as a mirror would be.

Crawled from ``/``: every live visitor page is there with the live bytes (plus the line
naming the official address and the copy's date, minus the "open now" tags a copy cannot
know), within the same byte budget, with no broken link; the exit leaves; location codes
resolve; ``verify`` tells a current mirror from an altered or a stale one.
"""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpsite.cli import cli
from helpsite.export.build import MIRROR_MARK, SNIPPET, without_open_now
from qr.codes import new_code
from tests.conftest import visitor_urls
from tests.export.nginx import available, nginx
from tests.pagecheck import PAGE_BUDGET_GZIP, gzip_size, parse_page

pytestmark = pytest.mark.skipif(not available(), reason="nginx is not installed")

MIRROR_LINE = re.compile(r'<p class="source" data-mirror="[^"]*" dir="ltr">.*?</p>\n')


def env_for(settings, key: Path) -> dict[str, str]:
    return {
        "HELPSITE_EXIT_URL": settings.exit_url,
        "HELPSITE_EXPORT_KEY": str(key),
        "HELPSITE_COUNTRIES_DIR": settings.countries_dir,
    }


@pytest.fixture(scope="module")
def exported(tmp_path_factory, settings):
    root = tmp_path_factory.mktemp("export")
    key = root / "keys" / "export.pem"
    runner = CliRunner()
    made = runner.invoke(cli, ["export", "keygen", str(key)])
    assert made.exit_code == 0, made.output
    mirror = root / "mirror"
    result = runner.invoke(cli, ["export", str(mirror)], env=env_for(settings, key))
    assert result.exit_code == 0, result.output
    assert "pages exported" in result.output
    return mirror, key


@pytest.fixture(scope="module")
def mirror_url(exported):
    mirror, _key = exported
    with nginx(mirror, f"        include {mirror / SNIPPET};") as base:
        yield base


def fetch(url: str, **headers) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                (response.read()),
            )
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def live_urls(site) -> list[str]:
    """The live site's visitor pages in the languages offered to visitors (no pseudo)."""
    pseudo = {slug for slug, lang in site.languages.items() if lang.pseudo}
    return [u for u in visitor_urls(site) if u.split("/")[1] not in pseudo]


def test_every_live_page_is_in_the_mirror_with_the_live_bytes(mirror_url, client, site):
    today = datetime.now(UTC).date().isoformat()
    for url in live_urls(site):
        status, headers, body = fetch(mirror_url + url)
        assert status == 200, url
        live = client.get(url, headers={"Accept-Encoding": "identity"})
        html = body.decode("utf-8")
        assert f'{MIRROR_MARK}{today}"' in html, url
        assert 'href="http://127.0.0.1:8000/"' in html, url  # the official address
        assert MIRROR_LINE.sub("", html, count=1) == without_open_now(live.text, site), url
        assert gzip_size(body) <= PAGE_BUDGET_GZIP, url
        for name in ("content-security-policy", "referrer-policy", "x-frame-options"):
            assert headers[name] == live.headers[name], (url, name)
        assert headers["cache-control"] == "no-store"
        assert "set-cookie" not in headers


def test_a_crawl_from_the_start_finds_no_broken_link(mirror_url, site):
    seen, queue, exits = set(), ["/"], set()
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        status, headers, body = fetch(mirror_url + path)
        if path.startswith("/exit"):
            assert status == 303 and headers["clear-site-data"] == '"cache", "storage"', path
            exits.add(path)
            continue
        assert status == 200, path
        for _tag, attr, value in parse_page(body.decode("utf-8")).urls:
            if attr == "href" and value.startswith("/") and not value.startswith("//"):
                queue.append(value.split("#")[0] or "/")
    assert set(live_urls(site)) <= seen
    assert "/exit" in exits and "/exit/gb" in exits


def test_the_exit_leaves_and_asks_the_browser_to_forget(mirror_url, settings):
    status, headers, body = fetch(mirror_url + "/exit")
    assert status == 303
    assert headers["location"] == settings.exit_url
    assert headers["clear-site-data"] == '"cache", "storage"'
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "no-referrer"


def test_location_codes_resolve_to_their_country_page(mirror_url):
    _, _, country_page = fetch(mirror_url + "/en/gb")
    code = new_code("GB").compact
    check = code[-1]
    mistyped = code[:-1] + ("2" if check != "2" else "3")
    # About one valid code in twenty has no digit at all; the live site takes it, so must
    # the mirror (it was a 404 there).
    lettered = next(
        c
        for c in (new_code("GB").compact for _ in range(5000))
        if not any(ch.isdigit() for ch in c)
    )
    paths = (f"/{code}", f"/{code.lower()}", f"/{code}/", f"/{mistyped}", f"/{lettered}")
    for path in paths:
        status, headers, body = fetch(mirror_url + path)
        assert status == 200, path
        assert body == country_page, path
        assert headers["x-robots-tag"] == "noindex"
    status, _, body = fetch(mirror_url + "/itinerary")
    assert status == 404 and b'data-mirror="' in body  # the chooser, never a bare 404


def test_an_unknown_path_gets_the_chooser(mirror_url):
    status, headers, body = fetch(mirror_url + "/no/such/page")
    assert status == 404
    assert b'href="/en/gb"' in body
    assert headers["content-security-policy"].startswith("default-src 'none'")


def run_verify(mirror: Path, key: Path, settings) -> object:
    env = env_for(settings, key)
    return CliRunner().invoke(cli, ["export", "verify", str(mirror)], env=env)


def test_verify_passes_a_current_mirror_and_fails_an_altered_one(exported, settings, tmp_path):
    mirror, key = exported
    ok = run_verify(mirror, key, settings)
    assert ok.exit_code == 0 and ok.output.startswith("OK"), ok.output
    copy = tmp_path / "copy"
    shutil.copytree(mirror, copy)
    page = copy / "en" / "gb.html"
    tampered = page.read_text("utf-8").replace("</main>", "<p>Call 000 0000</p></main>", 1)
    page.write_text(tampered, "utf-8")
    (copy / "en" / "extra.html").write_text("<p>added</p>", "utf-8")
    altered = run_verify(copy, key, settings)
    assert altered.exit_code == 1
    assert "altered: en/gb.html" in altered.output and "not in the manifest: en/extra.html" in (
        altered.output
    )
    assert "ALTERED" in altered.output
    # A re-signed manifest with another key is not ours either.
    other = tmp_path / "other.pem"
    CliRunner().invoke(cli, ["export", "keygen", str(other)])
    forged = run_verify(mirror, other, settings)
    assert forged.exit_code == 1 and "signature" in forged.output


def test_new_country_data_makes_the_mirror_stale_and_the_export_names_changed_pages(
    exported, settings, tmp_path
):
    mirror, key = exported
    countries = tmp_path / "countries"
    shutil.copytree(settings.countries_dir, countries)
    gb = countries / "gb.toml"
    text = gb.read_text("utf-8")
    helplines = text.index("[[helplines]]")
    changed = text[helplines:].replace("verified = 2026-11-22", "verified = 2026-11-23", 1)
    gb.write_text(text[:helplines] + changed, "utf-8")
    newer = replace(settings, countries_dir=str(countries))
    stale = run_verify(mirror, key, newer)
    assert stale.exit_code == 2 and "STALE" in stale.output, stale.output
    copy = tmp_path / "mirror"
    shutil.copytree(mirror, copy)
    again = CliRunner().invoke(cli, ["export", str(copy)], env=env_for(newer, key))
    assert again.exit_code == 0, again.output
    changed_pages = {
        line.split(": ", 1)[1] for line in again.output.splitlines() if line.startswith("changed: ")
    }
    assert "en/gb.html" in changed_pages and "gb.html" in changed_pages
    assert not any("safety" in page or page.endswith("/ie.html") for page in changed_pages)
    assert run_verify(copy, key, newer).exit_code == 0


def test_export_without_a_key_says_how_to_make_one(tmp_path, settings):
    result = CliRunner().invoke(
        cli, ["export", str(tmp_path / "out")], env={"HELPSITE_EXPORT_KEY": ""}
    )
    assert result.exit_code != 0 and "helpsite export keygen" in result.output
    assert not (tmp_path / "out").exists()
