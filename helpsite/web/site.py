"""The site: content, catalogs and renderer loaded once at start-up, shared by every request."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

from helpsite.content.loader import load_countries
from helpsite.content.model import Country
from helpsite.i18n import SOURCE_LANGUAGE, Language, load_languages
from helpsite.settings import Settings, SettingsError
from helpsite.web.encoded import EncodedPage
from helpsite.web.page_key import PageKey
from helpsite.web.pages import open_states
from helpsite.web.templating import Renderer


@dataclass
class Site:
    """Everything a request needs, loaded once at start-up."""

    settings: Settings
    countries: dict[str, Country]
    languages: dict[str, Language]  # routable, by URL slug (pseudo-locales when enabled)
    renderer: Renderer
    source_language: Language  # English, even when not offered to visitors (staff pages)
    _sorted: dict[str, list[Country]] = field(default_factory=dict)
    _pages: dict[PageKey, str] = field(default_factory=dict)
    _encoded: dict[PageKey, EncodedPage] = field(default_factory=dict)
    _open_now: dict[str, tuple[bool, ...]] = field(default_factory=dict)
    _open_minute: int = -1

    @cached_property
    def menu_languages(self) -> list[Language]:
        """Offered languages in the order of their own names (as CLDR spells them)."""
        return sorted(self.visitor_languages.values(), key=lambda lang: lang.native_name.casefold())

    @cached_property
    def visitor_languages(self) -> dict[str, Language]:
        """Languages offered in menus and chosen from Accept-Language: never pseudo-locales."""
        return {slug: lang for slug, lang in self.languages.items() if not lang.pseudo}

    def render(self, key: PageKey) -> str:
        """The visitor page for ``key``, rendered once and then served from memory.

        The context is built from the key alone (``PageKey.template_and_context``), so two
        requests share a page exactly when they share a key.
        """
        html = self._pages.get(key)
        if html is None:
            template, context = key.template_and_context(self)
            html = self.render_page(template, self.languages[key.language], **context)
            self._pages[key] = html
        return html

    def encoded(self, key: PageKey) -> EncodedPage:
        """The page for ``key`` as bytes, gzip and brotli, encoded once.

        Bounded by construction: keys range over languages × countries × notes × open
        states, all finite and fixed at start-up.
        """
        page = self._encoded.get(key)
        if page is None:
            page = self._encoded[key] = EncodedPage.of(self.render(key))
        return page

    def encoded_ready(self, key: PageKey) -> EncodedPage | None:
        """The page for ``key`` if it is already encoded (the fast path builds it off the loop)."""
        return self._encoded.get(key)

    @staticmethod
    def minute() -> int:
        """The clock's minute (since the epoch): what "open now" and cached answers go by."""
        return int(time.time() // 60)

    def open_now(self, code: str) -> tuple[bool, ...]:
        """Which of a country's helplines are open, read from the clock once a minute.

        Opening hours are given to the minute, so the state can only change when the
        minute does; every request in between shares one reading.
        """
        minute = self.minute()
        if minute != self._open_minute:
            self._open_now, self._open_minute = {}, minute
        states = self._open_now.get(code)
        if states is None:
            now = datetime.fromtimestamp(minute * 60, UTC)
            states = self._open_now[code] = open_states(self.countries[code], now)
        return states

    def render_page(
        self,
        template: str,
        language: Language,
        *,
        country: Country | None = None,
        path_after_language: str = "",
        **context,
    ) -> str:
        """A page with what every visitor page shows: exit, menus, language links."""
        return self.renderer.render(
            template,
            language,
            languages=self.menu_languages,
            countries=self.countries_sorted(language),
            country=country,
            exit_href=f"/exit/{country.slug}" if country else "/exit",
            exit_target=(country.exit_url if country else None) or self.settings.exit_url,
            path_after_language=path_after_language,
            english_offered=SOURCE_LANGUAGE in self.visitor_languages,
            **context,
        )

    @cached_property
    def robots_txt(self) -> str:
        return (self.renderer.static_dir / "robots.txt").read_text("utf-8")

    def language(self, slug: str) -> Language | None:
        return self.languages.get(slug.lower())

    def countries_sorted(self, language: Language) -> list[Country]:
        """Countries by their name in the visitor's language (CLDR)."""
        cached = self._sorted.get(language.slug)
        if cached is None:
            names = language.locale.territories
            cached = sorted(self.countries.values(), key=lambda c: names.get(c.code, c.code))
            self._sorted[language.slug] = cached
        return cached


def offered_languages(
    all_languages: dict[str, Language], settings: Settings
) -> dict[str, Language]:
    """Complete catalogs only (a half-translated page can mislead), limited by the setting."""
    wanted = {tag.lower() for tag in settings.languages}
    return {
        slug: lang
        for slug, lang in all_languages.items()
        if lang.complete and (not wanted or slug in wanted or lang.pseudo)
    }


def build_site(settings: Settings) -> Site:
    catalogs = load_languages(settings.locales_dir, pseudo=settings.pseudo_locales)
    languages = offered_languages(catalogs, settings)
    if settings.default_language.lower() not in languages:
        raise SettingsError(
            f"HELPSITE_DEFAULT_LANGUAGE: {settings.default_language!r} is not an offered language"
            f" ({', '.join(languages)})"
        )
    renderer = Renderer(
        settings.templates_dir,
        settings.static_dir,
        {"page_title": settings.page_title},
    )
    countries = load_countries(settings.countries_dir)
    return Site(settings, countries, languages, renderer, catalogs[SOURCE_LANGUAGE])
