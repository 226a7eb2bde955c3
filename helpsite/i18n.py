"""Languages: which catalogs exist, which are offered, and how a request picks one.

Negotiation order (no cookie, ever): the language in the URL, then the
browser's ``Accept-Language``, then ``HELPSITE_DEFAULT_LANGUAGE``.

At start-up every catalog must be compiled and its ``.mo`` no older than its
``.po``; a stale catalog stops the site rather than showing old wording.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "messages"
SOURCE_LANGUAGE = "en"  # msgids are English


class CatalogError(RuntimeError):
    """A catalog is missing, uncompiled or stale."""


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47, e.g. "pt-BR", "zh-Hans"
    locale: Locale
    translations: Translations
    complete: bool  # every message translated
    reviewed: bool  # a native speaker has checked it (<lang>/review.toml)
    pseudo: bool = False  # a test locale: routable when enabled, never offered

    @property
    def slug(self) -> str:
        """The URL segment: lower-case BCP 47."""
        return self.tag.lower()

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.text_direction == "rtl" else "ltr"

    @property
    def native_name(self) -> str:
        """The language's name in its own language and script (CLDR)."""
        name = self.locale.get_display_name(self.locale) or self.tag
        return name[:1].upper() + name[1:]


def tag_for(locale_dir_name: str) -> str:
    """Babel's ``pt_BR``/``zh_Hans`` folder names as BCP 47 tags."""
    return locale_dir_name.replace("_", "-")


def template_ids(pot_path: Path) -> set:
    """Every (context, msgid) the template asks for."""
    if not pot_path.exists():
        return set()
    with pot_path.open("rb") as handle:
        return {(m.context, m.id) for m in read_po(handle) if m.id}


def is_complete(po_path: Path, required: set | None = None) -> bool:
    """Every message of the template present and translated, none fuzzy."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.context, m.id)
        for m in catalog
        if m.id
        and not m.fuzzy
        and (all(m.string) if isinstance(m.string, tuple) else bool(m.string))
    }
    present = {(m.context, m.id) for m in catalog if m.id}
    return present <= translated and (required or set()) <= translated


def is_reviewed(language_dir: Path) -> bool:
    """``<lang>/review.toml`` says ``reviewed = true`` once a native speaker checked it.

    Kept beside the catalog rather than in a PO header: Babel drops unknown
    headers when it reads or updates a catalog.
    """
    path = language_dir / "review.toml"
    if not path.exists():
        return False
    with path.open("rb") as handle:
        return tomllib.load(handle).get("reviewed") is True


def load_languages(locales_dir: str | Path, *, pseudo: bool = False) -> dict[str, Language]:
    """Every compiled catalog in ``locales_dir`` plus the source language, by slug."""
    root = Path(locales_dir)
    languages: dict[str, Language] = {
        SOURCE_LANGUAGE: Language(
            tag=SOURCE_LANGUAGE,
            locale=Locale.parse(SOURCE_LANGUAGE),
            translations=Translations(),
            complete=True,
            reviewed=True,
        )
    }
    required = template_ids(root / f"{DOMAIN}.pot")
    for po_path in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        name = po_path.parent.parent.name
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            raise CatalogError(f"{po_path} is not compiled: run `make compile`")
        if mo_path.stat().st_mtime < po_path.stat().st_mtime:
            raise CatalogError(f"{mo_path} is older than its .po: run `make compile`")
        try:
            locale = Locale.parse(name)
        except (UnknownLocaleError, ValueError):
            raise CatalogError(f"{po_path}: {name!r} is not a locale Babel knows") from None
        with mo_path.open("rb") as handle:
            translations = Translations(handle, domain=DOMAIN)
        reviewed = is_reviewed(po_path.parent.parent)
        complete = is_complete(po_path, required)
        language = Language(tag_for(name), locale, translations, complete, reviewed)
        languages[language.slug] = language
    if pseudo:
        from helpsite.pseudo import pseudo_translations

        for tag, (locale, translations) in pseudo_translations(root / "messages.pot").items():
            languages[tag.lower()] = Language(tag, locale, translations, True, True, pseudo=True)
    return languages


def parse_accept_language(header: str) -> list[str]:
    """Tags from an Accept-Language header, best first; malformed parts are skipped."""
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        if not tag or tag == "*" or len(tag) > 35:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = -1.0
        if 0 < quality <= 1:
            weighted.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(weighted)]


def match_tag(tag: str, offered: dict[str, Language]) -> Language | None:
    """The offered language for one tag, in any case, with ``-`` or ``_``.

    An exact tag wins; otherwise the same language in a compatible script
    (``zh-CN`` finds ``zh-Hans``, ``pt-PT`` finds ``pt-BR``, ``ro-RO`` finds ``ro``).
    """
    slug = tag.strip().lower().replace("_", "-")
    if slug in offered:
        return offered[slug]
    try:
        wanted = Locale.parse(slug, sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    for language in offered.values():
        script = language.locale.script
        if language.locale.language == wanted.language and script in (None, wanted.script):
            return language
    return None


def negotiate(header: str | None, offered: dict[str, Language], default: str) -> Language:
    """The best offered language for an Accept-Language header, else the default."""
    for tag in parse_accept_language(header or ""):
        language = match_tag(tag, offered)
        if language is not None:
            return language
    return offered[default.lower()]
