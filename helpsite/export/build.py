"""``helpsite export DIR``: every visitor page through the real app, signed.

Pages are fetched in-process through the app (Starlette's TestClient, an ASGI client),
so each body is what the server sends, byte for byte, with one addition: a line in the
footer naming the official address and the date the copy was made, so a visitor on a
mirror can tell it is a copy and how old it is. The line holds no words to translate:
the address and a date formatted in the page's own language.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from babel.dates import format_date
from markupsafe import escape as markup_escape
from starlette.testclient import TestClient

from helpsite.export import nginx_conf, static_hosts
from helpsite.export.manifest import (
    MANIFEST,
    SIGNATURE,
    Manifest,
    content_digest,
    file_hashes,
    read_manifest,
    sha256,
)
from helpsite.export.signing import load_private, sign
from helpsite.settings import Settings

SNIPPET = "helpsite-nginx.conf"
MIRROR_MARK = 'data-mirror="'
EXIT_HEADERS = [(b"clear-site-data", b'"cache", "storage"')]


@dataclass
class ExportReport:
    pages: int
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    first: bool = True  # no earlier export in the folder


def page_paths(site) -> list[str]:
    """Every visitor URL a mirror serves, in a fixed order (languages offered to visitors)."""
    paths = ["/"]
    for language in site.visitor_languages.values():
        paths += [f"/{language.slug}", f"/{language.slug}/"]
        paths += [f"/{language.slug}/safety", f"/{language.slug}/privacy"]
        for c in site.countries.values():
            # A country's help links to its own safety and privacy pages (they keep it).
            paths += [f"/{language.slug}/{c.slug}", f"/{language.slug}/{c.slug}/safety"]
            paths.append(f"/{language.slug}/{c.slug}/privacy")
    paths += [f"/{c.slug}" for c in site.countries.values()]
    return list(dict.fromkeys(paths))


def file_for(path: str) -> str:
    """``/`` → index.html, ``/en/`` → en/index.html, ``/en/gb`` → en/gb.html."""
    if path.endswith("/"):
        return path.lstrip("/") + "index.html"
    return path.lstrip("/") + ".html"


def mirror_line(html: str, official: str, as_of: date) -> str:
    """The official address and the copy's date, in the footer of a page."""
    lang = re.search(r'<html lang="([^"]+)"', html)
    locale = (lang.group(1) if lang else "en").replace("-", "_")
    try:
        shown = format_date(as_of, "long", locale=locale)
    except (ValueError, LookupError):
        shown = as_of.isoformat()
    host = urlsplit(official).netloc or official
    line = (
        f'<p class="source" {MIRROR_MARK}{as_of.isoformat()}" dir="ltr">'
        f'<a href="{escape(official)}">{escape(host)}</a> · '
        f'<time datetime="{as_of.isoformat()}">{escape(shown)}</time></p>\n'
    )
    if "</footer>" not in html:
        raise ValueError("a page without a footer: nowhere to say it is a copy")
    return html.replace("</footer>", line + "</footer>", 1)


def exit_page(target: str) -> str:
    """For hosts that cannot redirect: leave at once without script (meta refresh)."""
    url = escape(target)
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0;url={url}">'
        '<meta name="referrer" content="no-referrer">'
        f'<title>…</title></head><body><a href="{url}">→</a></body></html>\n'
    )


def export_site(
    settings: Settings, out: Path, key_path: Path, *, today: date | None = None
) -> ExportReport:
    """Write the mirror into ``out`` (replacing an earlier export there) and sign it."""
    from helpsite.web.app import create_app

    key = load_private(key_path)
    as_of = today or datetime.now(UTC).date()
    official = settings.base_url.rstrip("/") + "/"
    app = create_app(settings)
    site = app.state.site
    previous = read_manifest(out)
    staging = out.with_name(out.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    security = app.state.security
    paths = page_paths(site)
    served: dict[str, bytes] = {}
    with TestClient(app, base_url=official) as client:
        for path in paths:
            response = client.get(path, headers={"Accept-Encoding": "identity"})
            if response.status_code != 200:
                raise RuntimeError(f"{path}: status {response.status_code}")
            served[file_for(path)] = response.content
        missing = client.get("/this-page-does-not-exist", headers={"Accept-Encoding": "identity"})
        served["404.html"] = missing.content
        for name, body in served.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            page = without_open_now(body.decode("utf-8"), site)
            target.write_text(mirror_line(page, official, as_of), "utf-8")
        (staging / "robots.txt").write_bytes(client.get("/robots.txt").content)
    default = site.settings.default_language.lower()
    exits = {"/exit": settings.exit_url}
    for country in site.countries.values():
        exits[f"/exit/{country.slug}"] = country.exit_url or settings.exit_url
    for path, target in exits.items():
        destination = staging / file_for(path)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(exit_page(target), "utf-8")
    code_pages = {c.code: file_for(f"/{default}/{c.slug}") for c in site.countries.values()}
    page_headers = [*security.page[True]]
    exit_headers = [*EXIT_HEADERS, *security.page[True]]
    (staging / SNIPPET).write_text(
        nginx_conf.server_snippet(page_headers, exit_headers, exits, code_pages), "utf-8"
    )
    (staging / "_headers").write_text(
        static_hosts.headers_file(page_headers, exit_headers, exits, code_pages), "utf-8"
    )
    (staging / "_redirects").write_text(static_hosts.redirects_file(exits, code_pages), "utf-8")
    manifest = Manifest(
        official=official,
        as_of=as_of.isoformat(),
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        content_digest=content_digest(settings),
        files=file_hashes(staging),
        served={name: sha256(body) for name, body in served.items()},
    )
    data = manifest.to_bytes()
    (staging / MANIFEST).write_bytes(data)
    (staging / SIGNATURE).write_text(sign(key, data), "ascii")
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    return _report(len(paths), previous, manifest)


def _report(pages: int, previous: Manifest | None, current: Manifest) -> ExportReport:
    """Which pages the app now sends differently (not the copy's date: ``served`` bytes)."""
    report = ExportReport(pages)
    if previous is None:
        return report
    report.first = False
    old, new = previous.served, current.served
    report.changed = sorted(p for p in new if p in old and old[p] != new[p])
    report.added = sorted(p for p in new if p not in old)
    report.removed = sorted(p for p in old if p not in new)
    return report


def without_open_now(html: str, site) -> str:
    """A page without its "Open now" / "Closed now" tags: a mirror is read hours or days
    after it was made, so it cannot say which lines are open. The hours stay."""
    lang = re.search(r'<html lang="([^"]+)"', html)
    language = next((x for x in site.languages.values() if lang and x.tag == lang.group(1)), None)
    if language is None:
        return html
    gettext = language.translations.gettext
    for css, text in (("tag", "Open now"), ("tag tag--closed", "Closed now")):
        html = html.replace(f'<span class="{css}">{markup_escape(gettext(text))}</span>', "")
    return html
