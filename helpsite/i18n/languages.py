"""Which catalogs exist, whether each is complete and reviewed, and their translations.

Compiled catalogs (``.mo``) are build products. At start-up a ``.mo`` is used when it
is at least as new as its ``.po``; otherwise the ``.po`` is compiled in memory. Never
beside it: an installed package may be read-only, and the site writes no file while it
runs. So an installed wheel works without ``make compile``, and a stale ``.mo`` can
never show old wording.
"""

from __future__ import annotations

import io
import tomllib
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from helpsite.i18n.completeness import is_complete

DOMAIN = "messages"
SOURCE_LANGUAGE = "en"  # msgids are English


class CatalogError(RuntimeError):
    """A catalog cannot be read or names a locale Babel does not know."""


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47, e.g. "pt-BR", "zh-Hans"
    locale: Locale
    translations: Translations
    complete: bool  # every message translated (helpsite.i18n.completeness)
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
        """The language's name in its own language and script (CLDR).

        A regional variant with a name of its own is called by it (fa_AF is دری, Dari,
        not "فارسی (افغانستان)"), so the menu tells it apart from the language it shares.
        """
        own = self.locale.languages.get(str(self.locale)) if self.locale.territory else None
        name = own or self.locale.get_display_name(self.locale) or self.tag
        return name[:1].upper() + name[1:]


def tag_for(locale_dir_name: str) -> str:
    """Babel's ``pt_BR``/``zh_Hans`` folder names as BCP 47 tags."""
    return locale_dir_name.replace("_", "-")


def catalog_paths(locales_dir: str | Path) -> list[Path]:
    """Every ``<lang>/LC_MESSAGES/messages.po`` in a locales folder, sorted."""
    return sorted(Path(locales_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read_catalog(path: Path) -> Catalog:
    """A .po or .pot file, or a CatalogError naming it (never a traceback)."""
    try:
        with path.open("rb") as handle:
            return read_po(handle)
    except (OSError, PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: cannot be read: {exc}") from None


def read_template(locales_dir: str | Path) -> Catalog | None:
    pot_path = Path(locales_dir) / f"{DOMAIN}.pot"
    return read_catalog(pot_path) if pot_path.exists() else None


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


def translations_for(po_path: Path, catalog: Catalog) -> Translations:
    """The compiled .mo when it is fresh, else the catalog compiled in memory."""
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        with mo_path.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy messages left out, as `pybabel compile` does
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def load_languages(locales_dir: str | Path, *, pseudo: bool = False) -> dict[str, Language]:
    """Every catalog in ``locales_dir`` plus the source language, by slug."""
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
    template = read_template(root)
    for po_path in catalog_paths(root):
        name = po_path.parent.parent.name
        try:
            locale = Locale.parse(name)
        except (UnknownLocaleError, ValueError):
            raise CatalogError(f"{po_path}: {name!r} is not a locale Babel knows") from None
        catalog = read_catalog(po_path)
        language = Language(
            tag_for(name),
            locale,
            translations_for(po_path, catalog),
            complete=is_complete(catalog, template),
            reviewed=is_reviewed(po_path.parent.parent),
        )
        languages[language.slug] = language
    if pseudo:
        from helpsite.i18n.pseudo import pseudo_translations

        for tag, (locale, translations) in pseudo_translations(root / "messages.pot").items():
            languages[tag.lower()] = Language(tag, locale, translations, True, True, pseudo=True)
    return languages
