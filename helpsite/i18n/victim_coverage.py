"""Which languages of each country's victims we cannot offer yet, and who needs each one.

A country file's ``[victim_languages]`` lists the languages of the most common
nationalities of identified victims there. A language is offered only with a complete
catalog (``helpsite.i18n.completeness``); posters skip the others. This names the gaps
so translators know which catalog would reach the most people.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from helpsite.content.model import Country


@dataclass(frozen=True)
class CountryCoverage:
    code: str
    state: str  # "listed", "none" (no table: no source found) or "unverified" (not used)
    missing: tuple[str, ...] = ()  # victims' language tags with no complete catalog, in order


def coverage(countries: Iterable[Country], offered: Iterable[str]) -> list[CountryCoverage]:
    """Per country (by code): its victims' languages that no complete catalog serves.

    ``offered`` holds the tags of complete catalogs (English, the source, included);
    tags match as posters match them: case-insensitive BCP 47, so ``pt-BR`` is not ``pt-PT``.
    """
    have = {tag.lower() for tag in offered}
    rows = []
    for country in sorted(countries, key=lambda c: c.code):
        known = country.victim_languages
        if known is None:
            rows.append(CountryCoverage(country.code, "none"))
        elif not known.visible:
            rows.append(CountryCoverage(country.code, "unverified"))
        else:
            missing = tuple(tag for tag in known.tags if tag.lower() not in have)
            rows.append(CountryCoverage(country.code, "listed", missing))
    return rows


def needed_by(rows: Iterable[CountryCoverage]) -> dict[str, tuple[str, ...]]:
    """Each missing language and the countries that need it, most-needed first."""
    need: dict[str, list[str]] = {}
    for row in rows:
        for tag in row.missing:
            need.setdefault(tag, []).append(row.code)
    ordered = sorted(need.items(), key=lambda item: (-len(item[1]), item[0].lower()))
    return {tag: tuple(codes) for tag, codes in ordered}


def english_name(tag: str) -> str:
    """The language's English name from CLDR ("bs" is "Bosnian"), else the tag itself."""
    try:
        return Locale.parse(tag, sep="-").get_display_name("en") or tag
    except (UnknownLocaleError, ValueError):
        return tag


def describe(row: CountryCoverage) -> str:
    """One line of `helpsite locales status` for a country."""
    if row.state == "none":
        return f"{row.code}  no [victim_languages]: no sourced statistics yet"
    if row.state == "unverified":
        return f"{row.code}  [victim_languages] is unverified: not used"
    if not row.missing:
        return f"{row.code}  victims' languages: all offered"
    names = ", ".join(f"{tag} ({english_name(tag)})" for tag in row.missing)
    return f"{row.code}  victims' languages missing: {names}"


def report(countries: Mapping[str, Country], offered: Iterable[str]) -> list[str]:
    """The per-country lines, then each language we lack with the countries that need it."""
    rows = coverage(countries.values(), offered)
    lines = ["", "victims' languages by country (from [victim_languages]):"]
    lines += [describe(row) for row in rows]
    lacking = needed_by(rows)
    if lacking:
        lines.append("languages victims need that we do not offer:")
        lines += [
            f"  {tag} ({english_name(tag)}): {', '.join(codes)}" for tag, codes in lacking.items()
        ]
    else:
        lines.append("every country's victims' languages are offered")
    return lines
