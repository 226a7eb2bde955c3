"""The application factory: ``create_app(settings)`` and the served ``app``."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import cached_property

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount

from helpsite.content.loader import load_countries
from helpsite.content.model import Country
from helpsite.i18n import SOURCE_LANGUAGE, Language, load_languages
from helpsite.kiosk.pages import build_kiosk
from helpsite.middleware.body_limit import BodyLimitMiddleware
from helpsite.middleware.private_errors import PrivateErrorsMiddleware
from helpsite.middleware.same_origin import SameOriginMiddleware
from helpsite.middleware.security_headers import SecurityHeadersMiddleware
from helpsite.privacy_log import configure_logging
from helpsite.routes import ROUTES, not_found
from helpsite.settings import Settings, SettingsError
from helpsite.staff.app import create_staff_app
from helpsite.staff.render_pool import RenderPool
from helpsite.templating import Renderer


@dataclass
class Site:
    """Everything a request needs, loaded once at start-up."""

    settings: Settings
    countries: dict[str, Country]
    languages: dict[str, Language]  # routable, by URL slug (pseudo-locales when enabled)
    renderer: Renderer
    source_language: Language  # English, even when not offered to visitors (staff pages)
    _sorted: dict[str, list[Country]] = field(default_factory=dict)
    _pages: dict[tuple, str] = field(default_factory=dict)

    @cached_property
    def menu_languages(self) -> list[Language]:
        """Offered languages in the order of their own names (as CLDR spells them)."""
        return sorted(self.visitor_languages.values(), key=lambda lang: lang.native_name.casefold())

    @cached_property
    def visitor_languages(self) -> dict[str, Language]:
        """Languages offered in menus and chosen from Accept-Language: never pseudo-locales."""
        return {slug: lang for slug, lang in self.languages.items() if not lang.pseudo}

    def render_page(
        self,
        template: str,
        language: Language,
        *,
        country: Country | None = None,
        path_after_language: str = "",
        cache_key: tuple | None = None,
        **context,
    ) -> str:
        """A visitor page with what every page shows: exit, menus, language links.

        Content and catalogs are fixed after start-up, so a page is rendered once per
        ``cache_key`` (which must name everything that varies, such as "open now")
        and then served from memory.
        """
        if cache_key is not None and cache_key in self._pages:
            return self._pages[cache_key]
        html = self.renderer.render(
            template,
            language,
            languages=self.menu_languages,
            countries=self.countries_sorted(language),
            country=country,
            exit_href=f"/exit/{country.slug}" if country else "/exit",
            path_after_language=path_after_language,
            english_offered=SOURCE_LANGUAGE in self.visitor_languages,
            **context,
        )
        if cache_key is not None:
            self._pages[cache_key] = html
        return html

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


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level)
    site = build_site(settings)
    error_page = site.render_page("error.html", site.languages[settings.default_language.lower()])
    render_pool = RenderPool(settings, settings.poster_renders, settings.poster_idle_seconds)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        render_pool.close()  # no render process outlives its web worker

    app = Starlette(
        routes=[
            Mount("/staff", app=create_staff_app(site, render_pool, error_page=error_page)),
            *ROUTES,
        ],
        lifespan=lifespan,
        middleware=[
            Middleware(
                SecurityHeadersMiddleware,
                content_security_policy=site.renderer.content_security_policy,
                hsts_max_age=settings.hsts_max_age,
            ),
            Middleware(PrivateErrorsMiddleware, error_page=error_page),
            Middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes),
            Middleware(SameOriginMiddleware, base_url=settings.base_url),
        ],
        exception_handlers={HTTPException: not_found},
    )
    # Starlette's own slash redirect builds an absolute URL from the Host header;
    # routes.not_found redirects with a relative one instead.
    app.router.redirect_slashes = False
    app.state.site = site
    app.state.render_pool = render_pool
    app.state.kiosk = build_kiosk(site)
    return app


def __getattr__(name: str):
    # ``helpsite.app:app`` for uvicorn and the Procfile, built on first use so that
    # importing this module (tests, the CLI) does not read the environment.
    if name == "app":
        global app
        app = create_app()
        return app
    raise AttributeError(name)
