"""A visitor page is a function of its ``PageKey``: the cache key and the template context
come from the same value, so nothing can vary a page without also varying its key.

Visitor pages depend only on the language, the country, whether a code was mistyped,
whether the page is the 404 chooser, and which helplines are open now; content and
catalogs are fixed after start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from helpsite.web.pages import help_context, open_states

if TYPE_CHECKING:
    from helpsite.web.site import Site

LANGUAGE_PAGES = ("safety", "privacy")


@dataclass(frozen=True)
class PageKey:
    """Everything one visitor page varies by, and nothing else."""

    page: str  # "help", "chooser", "safety", "privacy", "error"
    language: str  # URL slug of an offered language
    country: str | None = None  # ISO code, help pages only
    code_note: str | None = None  # "mistyped": a code landing whose check failed
    not_found: bool = False  # the chooser answering a 404
    open_now: tuple[bool, ...] = ()  # per shown helpline, help pages only

    @classmethod
    def help(
        cls, site: Site, language: str, country: str, note: str | None = None, now=None
    ) -> PageKey:
        """The help page as it is now: "open now" is read from the clock here, once."""
        open_now = open_states(site.countries[country], now or datetime.now(UTC))
        return cls("help", language, country, note, open_now=open_now)

    @classmethod
    def chooser(cls, language: str, *, not_found: bool = False) -> PageKey:
        return cls("chooser", language, not_found=not_found)

    @classmethod
    def language_page(cls, name: str, language: str, country: str | None = None) -> PageKey:
        """``country``: the page was reached from that country's help (links keep it)."""
        if name not in LANGUAGE_PAGES:
            raise ValueError(f"{name!r} is not a page of its own")
        return cls(name, language, country)

    def template_and_context(self, site: Site) -> tuple[str, dict[str, Any]]:
        """What the page shows, built from this key alone (and the fixed site)."""
        language = site.languages[self.language]
        country = site.countries[self.country] if self.country else None
        context: dict[str, Any] = {"country": country, "page_name": self.page}
        if self.page == "help":
            context.update(help_context(country, language, self.open_now))
            context.update(code_note=self.code_note, path_after_language=country.slug)
        elif self.page == "chooser":
            context.update(not_found=self.not_found, path_after_language="")
        elif self.page in LANGUAGE_PAGES:
            prefix = f"{country.slug}/" if country else ""
            context.update(path_after_language=prefix + self.page)
        else:
            context.update(path_after_language="")
        return f"{self.page}.html", context
