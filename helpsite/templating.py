"""Jinja2 rendering: one environment per language, with its gettext catalog installed.

CSS and the exit script are inlined into every page (one request, nothing from
another origin); their SHA-256 hashes go into the Content-Security-Policy so
nothing else can run or style the page.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_day_names
from babel.lists import format_list
from markupsafe import Markup

from helpsite.i18n import Language

CSS_FILES = ("site.css", "components/exit-this-page.css")
JS_FILES = ("components/exit-this-page.js",)


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class Renderer:
    """Renders templates in a language; environments are built once and reused."""

    def __init__(self, templates_dir: str | Path, static_dir: str | Path, globals_: dict):
        self.templates_dir = Path(templates_dir)
        self.static_dir = Path(static_dir)
        self.globals = globals_
        self._envs: dict[str, jinja2.Environment] = {}

    @cached_property
    def css(self) -> str:
        return "\n".join(_minify_css((self.static_dir / f).read_text("utf-8")) for f in CSS_FILES)

    @cached_property
    def js(self) -> str:
        return "\n".join((self.static_dir / f).read_text("utf-8").strip() for f in JS_FILES)

    @cached_property
    def content_security_policy(self) -> str:
        return "; ".join(
            [
                "default-src 'none'",
                f"style-src {csp_hash(self.css)}",
                f"script-src {csp_hash(self.js)}",
                "img-src 'self' data:",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'",
            ]
        )

    def environment(self, language: Language) -> jinja2.Environment:
        env = self._envs.get(language.slug)
        if env is None:
            env = self._build(language)
            self._envs[language.slug] = env
        return env

    def _build(self, language: Language) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.templates_dir),
            autoescape=True,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        env.policies["ext.i18n.trimmed"] = True
        env.install_gettext_translations(language.translations, newstyle=True)  # type: ignore[attr-defined]
        locale = language.locale
        day_names = get_day_names("abbreviated", locale=locale)
        env.globals.update(self.globals)
        env.globals.update(language=language, css=self.css, js=self.js)
        env.filters.update(
            date=lambda value, fmt="long": format_date(value, fmt, locale=locale),
            time=lambda value: format_time(value, "short", locale=locale),
            list_format=lambda values: format_list(list(values), locale=locale),
            day_range=lambda days: day_ranges(days, day_names),
            num=lambda number: Markup('<bdi class="number" dir="ltr">%s</bdi>') % number,
            pick=lambda key, mapping: mapping[key],
            site_name=site_name,
            territory=lambda code: locale.territories.get(code.upper(), code.upper()),
            language_name=lambda tag: _language_name(tag, locale),
            # Country data text (English in the TOML files): translated without %-formatting.
            tr=lambda text: language.translations.gettext(text) if text else text,
        )
        return env

    def render(self, name: str, language: Language, **context: Any) -> str:
        return self.environment(language).get_template(name).render(**context)


def day_ranges(days: tuple[int, ...], names: dict[int, str]) -> str:
    """(0, 1, 2, 3, 4, 6) -> "Mon–Fri, Sun": runs of three or more days become ranges."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            parts.extend(names[d] for d in run)
    return ", ".join(parts)


def site_name(url: str) -> str:
    """A source or web address shown as text: its host, without www."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _language_name(tag: str, locale: Locale) -> str:
    try:
        return Locale.parse(tag, sep="-").get_display_name(locale) or tag
    except (UnknownLocaleError, ValueError, TypeError):
        return tag


def _minify_css(text: str) -> str:
    """Drop comments and indentation: a few hundred bytes on every page load."""
    out, rest = [], text
    while "/*" in rest:
        before, _, after = rest.partition("/*")
        out.append(before)
        rest = after.partition("*/")[2]
    out.append(rest)
    lines = (line.strip() for line in "".join(out).splitlines())
    return "\n".join(line for line in lines if line)
