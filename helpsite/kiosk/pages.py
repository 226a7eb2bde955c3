"""What the kiosk shows: start screen, help page, numbers slip, and the blank reset page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from helpsite.content.model import Country
from helpsite.i18n import SOURCE_LANGUAGE, Language
from helpsite.kiosk.render import JS, PAGE_CSS, SLIP_CSS, SLIP_PAGE
from helpsite.kiosk.takeaway import takeaway_svg, takeaway_url
from helpsite.settings import SettingsError
from helpsite.web.pages import help_context, open_states
from helpsite.web.templating import Renderer

if TYPE_CHECKING:
    from helpsite.web.site import Site

COUNTDOWN_SECONDS = 10
TEXT_SIZES = (0, 1, 2)  # steps above the kiosk's own large base size
RESET_PATH = "/kiosk/reset"
START_PATH = "/kiosk/"


@dataclass
class Kiosk:
    """The kiosk of one site: its country (None: kiosk pages are off) and renderers."""

    site: Site
    country: Country | None
    pages: Renderer
    slip: Renderer | None  # None: printing is off
    _cache: dict[tuple, str] = field(default_factory=dict)

    def _render(self, renderer: Renderer, name: str, language: Language, **context) -> str:
        return renderer.render(
            name,
            language,
            country=self.country,
            exit_href=RESET_PATH,
            reset_href=RESET_PATH,
            idle_seconds=self.site.settings.kiosk_idle_seconds,
            countdown_seconds=COUNTDOWN_SECONDS,
            english_offered=SOURCE_LANGUAGE in self.site.visitor_languages,
            printing=self.slip is not None,
            **context,
        )

    def start(self, language: Language) -> str:
        key = ("start", language.slug)
        if key not in self._cache:
            self._cache[key] = self._render(
                self.pages,
                "kiosk/start.html",
                language,
                idle=False,
                languages=self.site.menu_languages,
            )
        return self._cache[key]

    def help(self, language: Language, size: int) -> str:
        assert self.country is not None
        open_now = open_states(self.country, datetime.now(UTC))
        key = ("help", language.slug, size, open_now)
        if key not in self._cache:
            context = help_context(self.country, language, open_now)
            url = takeaway_url(self.site.settings.base_url, language.slug, self.country.slug)
            self._cache[key] = self._render(
                self.pages,
                "kiosk/help.html",
                language,
                idle=True,
                size=size,
                sizes=TEXT_SIZES,
                takeaway_qr=takeaway_svg(url),
                **context,
            )
        return self._cache[key]

    def numbers_slip(self, language: Language) -> str:
        assert self.country is not None and self.slip is not None
        open_now = open_states(self.country, datetime.now(UTC))
        key = ("slip", language.slug, open_now)
        if key not in self._cache:
            context = help_context(self.country, language, open_now)
            self._cache[key] = self._render(
                self.slip, "kiosk/slip.html", language, idle=True, **context
            )
        return self._cache[key]

    def reset(self) -> str:
        if "reset" not in self._cache:
            language = self.site.languages[self.site.settings.default_language.lower()]
            self._cache["reset"] = self._render(
                self.pages, "kiosk/reset.html", language, start_href=START_PATH
            )
        return self._cache["reset"]


def build_kiosk(site: Site) -> Kiosk:
    """Checked at start-up: a kiosk country the site has no help for stops the server."""
    settings = site.settings
    country = None
    if settings.kiosk_country:
        country = site.countries.get(settings.kiosk_country)
        if country is None:
            raise SettingsError(
                f"HELPSITE_KIOSK_COUNTRY: no help pages for {settings.kiosk_country!r}"
                f" ({', '.join(sorted(site.countries))})"
            )
    globals_ = {"page_title": settings.page_title}
    pages = Renderer(
        settings.templates_dir, settings.static_dir, globals_, css_files=PAGE_CSS, js_files=JS
    )
    slip = None
    if settings.kiosk_print != "off":
        slip = Renderer(
            settings.templates_dir,
            settings.static_dir,
            globals_,
            css_files=PAGE_CSS + SLIP_CSS,
            js_files=JS,
            extra_css=SLIP_PAGE[settings.kiosk_print],
        )
    return Kiosk(site, country, pages, slip)
