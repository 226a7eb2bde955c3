"""Jinja filters that speak the page's language: dates, lists, day ranges, CLDR names.

Everything here takes its words from CLDR (Babel) or the catalog, never from English
strings in code, so a page in any language reads as that language.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from babel import Locale, UnknownLocaleError, localedata
from babel.dates import format_date, format_time, get_day_names
from babel.lists import format_list

from helpsite.i18n.languages import Language


def locale_filters(language: Language) -> dict[str, Callable[..., Any]]:
    """The filters for one language's Jinja environment."""
    locale = language.locale
    day_names = get_day_names("abbreviated", locale=locale)
    return {
        # ``country``: the country's conventions where CLDR has them (en + GB: 22 November 2026).
        "date": lambda value, fmt="long", country=None: format_date(
            value, fmt, locale=dated_locale(locale, country)
        ),
        "time": lambda value: format_time(value, "short", locale=locale),
        "list_format": lambda values: format_list(list(values), locale=locale),
        "day_range": lambda days: day_ranges(days, day_names),
        "territory": lambda code: locale.territories.get(code.upper(), code.upper()),
        "language_name": lambda tag: language_name(tag, locale),
        # Country data text (English in the TOML files): translated without %-formatting.
        "tr": lambda text: language.translations.gettext(text) if text else text,
    }


@functools.cache
def dated_locale(locale: Locale, country: str | None) -> Locale:
    """The language with the country's date conventions if CLDR has that pair, else the language.

    A page in English about the UK writes dates as the UK does, not as the US does; a
    language CLDR does not pair with the country keeps its own conventions.
    """
    if not country:
        return locale
    parts = [locale.language, locale.script, country.upper()]
    name = "_".join(p for p in parts if p)
    if not localedata.exists(name):
        return locale
    return Locale.parse(name)


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


def language_name(tag: str, locale: Locale) -> str:
    """A language tag's name in the page's language (CLDR), or the tag if CLDR has none."""
    try:
        return Locale.parse(tag, sep="-").get_display_name(locale) or tag
    except (UnknownLocaleError, ValueError, TypeError):
        return tag
