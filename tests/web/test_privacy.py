"""Non-negotiables 1 and 2, checked on every visitor page in every language.

No cookie, no storage, nothing from another origin, strict headers, the page
budget, lang/dir right, and no log line that could trace a visitor.
"""

from __future__ import annotations

import logging
import re

import pytest

from tests.pagecheck import PAGE_BUDGET_GZIP, gzip_size, other_origin_urls, parse_page

STORAGE_APIS = re.compile(
    r"localStorage|sessionStorage|indexedDB|serviceWorker|document\.cookie|caches\.", re.I
)


def test_every_visitor_page_keeps_the_privacy_rules(client, site, all_visitor_urls):
    failures = []
    for url in all_visitor_urls:
        response = client.get(url)
        problems = []
        if response.status_code != 200:
            problems.append(f"status {response.status_code}")
        if "set-cookie" in response.headers:
            problems.append("Set-Cookie")
        html = response.text
        if other_origin_urls(html):
            problems.append(f"other-origin URLs {other_origin_urls(html)[:3]}")
        if STORAGE_APIS.search(html):
            problems.append("mentions a storage API")
        if re.search(r"url\(|@import", html):
            problems.append("CSS that could load something")
        if gzip_size(response.content) > PAGE_BUDGET_GZIP:
            problems.append(f"{gzip_size(response.content)} bytes gzip > {PAGE_BUDGET_GZIP}")
        if problems:
            failures.append(f"{url}: {', '.join(problems)}")
    assert not failures, "\n".join(failures)


def test_lang_and_dir_are_right_in_every_language(client, site):
    for language in site.languages.values():
        for path in ("", "safety", "privacy", "gb"):
            html = client.get(f"/{language.slug}/{path}").text
            attrs = parse_page(html).html_attrs
            assert attrs["lang"] == language.tag, (language.tag, path)
            assert attrs["dir"] == language.direction, (language.tag, path)


def test_arabic_pages_are_right_to_left(client, site):
    assert site.languages["ar"].direction == "rtl"
    assert 'dir="rtl"' in client.get("/ar/gb").text


@pytest.mark.parametrize("url", ["/", "/en/gb", "/en/safety", "/GB", "/nonsense-path", "/exit"])
def test_security_headers(client, url):
    headers = client.get(url, follow_redirects=False).headers
    csp = headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'none'"
    assert "unsafe" not in csp
    assert re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'", directives["script-src"])
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    permissions = headers["permissions-policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions
    assert headers["strict-transport-security"].startswith("max-age=31536000")
    assert "set-cookie" not in headers


def test_html_is_never_cached(client):
    for url in ("/", "/en/gb", "/GB7K2Q9XMD"):
        assert client.get(url).headers["cache-control"] == "no-store"


def test_hsts_only_over_https(http_client):
    assert "strict-transport-security" not in http_client.get("/en/gb").headers


def test_inline_script_and_style_match_the_csp_hashes(client, site):
    from helpsite.web.templating import csp_hash

    html = client.get("/en/gb").text
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    csp = client.get("/en/gb").headers["content-security-policy"]
    assert f"script-src {csp_hash(script)}" in csp
    assert f"style-src {csp_hash(style)}" in csp
    assert "style=" not in html, "inline style attributes are blocked by the CSP"


def test_the_neutral_title_is_on_every_page(client, site, all_visitor_urls):
    for url in all_visitor_urls[:40]:
        assert f"<title>{site.settings.page_title}</title>" in client.get(url).text, url


def test_no_log_line_holds_ip_user_agent_path_or_code(app, client, caplog, monkeypatch):
    secret_ua = "Mozilla/5.0 SECRET-AGENT-7"
    code = "GB7K2Q9XMD"
    caplog.set_level(logging.DEBUG)
    headers = {"User-Agent": secret_ua, "X-Forwarded-For": "203.0.113.77"}
    for url in (f"/{code}", f"/{code.lower()}?ref=poster", "/en/gb", "/nope/nope/nope"):
        client.get(url, headers=headers)

    def broken(*args, **kwargs):
        raise RuntimeError(f"failed while rendering /{code} for 203.0.113.77")

    monkeypatch.setattr(app.state.site, "encoded", broken)
    # Another Accept-Language: not an answer the fast path already holds for this minute.
    response = client.get(f"/{code}", headers={**headers, "Accept-Language": "fr"})
    assert response.status_code == 500
    assert "Traceback" not in response.text and code not in response.text
    # The test client logs its own requests (httpx); only the server's records count.
    server_records = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    log = "\n".join(record.getMessage() for record in server_records)
    log += "\n".join(str(record.exc_info) for record in server_records if record.exc_info)
    # The code landing redirects to /<lang>/<cc>, which renders (and fails) there.
    assert "error in route country_help: RuntimeError" in log
    for trace in (code, code.lower(), "203.0.113.77", "SECRET-AGENT", "testclient", "poster"):
        assert trace not in log, trace
