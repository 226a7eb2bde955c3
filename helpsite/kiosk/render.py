"""Kiosk pages inline more CSS and script than visitor pages, under their own CSP hashes."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from helpsite.templating import Renderer, _minify_css

PAGE_CSS = ("site.css", "components/exit-this-page.css", "components/kiosk/kiosk.css")
SLIP_CSS = ("components/kiosk/slip.css",)
JS = ("components/exit-this-page.js", "components/kiosk/kiosk.js")

# Receipt paper: the slip is as wide as the roll; the length is cut after the text.
SLIP_PAGE = {
    "80mm": "@page { size: 80mm 160mm; margin: 4mm 3mm; }",
    "58mm": "@page { size: 58mm 200mm; margin: 3mm 2mm; }",
}


class KioskRenderer(Renderer):
    """A Renderer with its own inlined files; its CSP hashes exactly what it inlines."""

    def __init__(
        self,
        templates_dir: str | Path,
        static_dir: str | Path,
        globals_: dict,
        *,
        css_files: tuple[str, ...],
        js_files: tuple[str, ...] = JS,
        extra_css: str = "",
    ):
        super().__init__(templates_dir, static_dir, globals_)
        self.css_files = css_files
        self.js_files = js_files
        self.extra_css = extra_css

    @cached_property
    def css(self) -> str:
        parts = [_minify_css((self.static_dir / f).read_text("utf-8")) for f in self.css_files]
        if self.extra_css:
            parts.append(self.extra_css)
        return "\n".join(parts)

    @cached_property
    def js(self) -> str:
        return "\n".join((self.static_dir / f).read_text("utf-8").strip() for f in self.js_files)
