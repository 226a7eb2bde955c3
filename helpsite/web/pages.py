"""What each visitor page shows, built from the content model for one language and country."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_location

from helpsite.content.model import Country, Helpline, Right
from helpsite.i18n import Language


@dataclass(frozen=True)
class HelplineView:
    helpline: Helpline
    open_now: bool
    zone_city: str | None  # shown beside office hours when the country has several zones


@dataclass(frozen=True)
class RightsGroup:
    region: str | None  # None: the whole country
    rights: tuple[Right, ...]


def open_states(country: Country, now: datetime) -> tuple[bool, ...]:
    """Whether each shown helpline answers at ``now``, in the country file's order."""
    return tuple(
        helpline.hours is not None and helpline.hours.is_open(now)
        for helpline in country.shown(country.helplines)
    )


def helplines_for(
    country: Country, language: Language, open_now: tuple[bool, ...]
) -> list[HelplineView]:
    views = []
    shown = country.shown(country.helplines)
    for helpline, is_open in zip(shown, open_now, strict=True):
        hours = helpline.hours
        zone_city = None
        if hours is not None and not hours.always:
            zone_city = _zone_city(hours.timezone, str(language.locale))
        views.append(HelplineView(helpline, is_open, zone_city))
    # Trafficking lines first, then the rest in file order: the file orders by usefulness.
    views.sort(key=lambda v: v.helpline.kind != "trafficking")
    return views


@functools.cache
def _zone_city(timezone: str, locale: str) -> str:
    return get_timezone_location(ZoneInfo(timezone), locale=locale, return_city=True)


def rights_groups(country: Country) -> list[RightsGroup]:
    shown = country.shown(country.rights)
    groups = [RightsGroup(None, tuple(r for r in shown if r.region is None))]
    for region in country.regions:
        rights = tuple(r for r in shown if r.region == region.id)
        if rights:
            groups.append(RightsGroup(region.name, rights))
    return [g for g in groups if g.rights]


def help_context(
    country: Country, language: Language, open_now: tuple[bool, ...] | None = None
) -> dict:
    """``open_now``: from ``open_states`` (the page key holds it); None reads the clock."""
    if open_now is None:
        open_now = open_states(country, datetime.now(UTC))
    return {
        "emergency": country.shown(country.emergency),
        "helplines": helplines_for(country, language, open_now),
        "rights_groups": rights_groups(country),
        "last_verified": country.last_verified,
    }
