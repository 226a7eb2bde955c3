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
from markupsafe import Markup

from helpsite.i18n import Language
from helpsite.i18n.filters import locale_filters

# Components (GOV.UK Frontend style): one folder each, holding its macro, CSS and script.
# Templates import a macro as "components/<name>/macro.html".
COMPONENTS_DIR = Path(__file__).resolve().parent / "components"
CSS_FILES = (("static", "site.css"), ("components", "exit_this_page/exit-this-page.css"))
JS_FILES = (("components", "exit_this_page/exit-this-page.js"),)


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once for all languages, in memory.

    Every language has its own environment (its translations), but their settings are
    the same, so a template compiles to the same code in each: without this, each
    language's first page compiled them all again (300-450 ms, blocking the worker).
    A changed template has another checksum and is compiled afresh.
    """

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class Renderer:
    """Renders templates in a language; environments are built once and reused."""

    def __init__(
        self,
        templates_dir: str | Path,
        static_dir: str | Path,
        globals_: dict,
        components_dir: str | Path = COMPONENTS_DIR,
        *,
        css_files: tuple[tuple[str, str], ...] = CSS_FILES,
        js_files: tuple[tuple[str, str], ...] = JS_FILES,
        extra_css: str = "",
    ):
        """``css_files``/``js_files``: (``static`` or ``components``, path) pairs to inline;
        the CSP hashes exactly these, so a page can run and style nothing else."""
        self.templates_dir = Path(templates_dir)
        self.static_dir = Path(static_dir)
        self.components_dir = Path(components_dir)
        self.globals = globals_
        self.css_files, self.js_files, self.extra_css = css_files, js_files, extra_css
        self._envs: dict[str, jinja2.Environment] = {}
        self._compiled = CompiledTemplates()  # shared by every language's environment

    def _asset(self, folder: str, name: str) -> str:
        base = self.static_dir if folder == "static" else self.components_dir
        return (base / name).read_text("utf-8")

    @cached_property
    def css(self) -> str:
        parts = [_minify_css(self._asset(*f)) for f in self.css_files]
        return "\n".join([*parts, self.extra_css] if self.extra_css else parts)

    @cached_property
    def js(self) -> str:
        return "\n".join(self._asset(*f).strip() for f in self.js_files)

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
            # Templates first; "components/<name>/..." falls through to the component folders.
            loader=jinja2.ChoiceLoader(
                [
                    jinja2.FileSystemLoader(self.templates_dir),
                    jinja2.PrefixLoader(
                        {"components": jinja2.FileSystemLoader(self.components_dir)}
                    ),
                ]
            ),
            autoescape=True,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            bytecode_cache=self._compiled,
        )
        env.policies["ext.i18n.trimmed"] = True
        env.install_gettext_translations(language.translations, newstyle=True)  # type: ignore[attr-defined]
        env.globals.update(self.globals)
        env.globals.update(language=language, css=self.css, js=self.js)
        env.filters.update(locale_filters(language))
        env.filters.update(
            num=lambda number: Markup('<bdi class="number" dir="ltr">%s</bdi>') % number,
            pick=lambda key, mapping: mapping[key],
            site_name=site_name,
        )
        return env

    def render(self, name: str, language: Language, **context: Any) -> str:
        return self.environment(language).get_template(name).render(**context)


def site_name(url: str) -> str:
    """A source or web address shown as text: its host, without www."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


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
