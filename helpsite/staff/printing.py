"""What a registered poster printed, what it would print today, and what changed.

The web worker works this out from the site's country data (no rendering library): the
render process prints the same requests, so the copy the registry keeps is what the
paper shows. A comment in a country file changes neither, so it outdates nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from helpsite.posters.content import language_block, offer_text, poster_helpline
from helpsite.posters.digest import digest_of, printed_data
from helpsite.posters.request import PosterRequest, PosterRequestError

FLAG_NAMES = {"free": "free to call", "24h": "open 24 hours", "confidential": "confidential"}
FACT_NAMES = {"display": "number", "name": "name", "operator": "operator"}


def poster_facts(request: PosterRequest) -> tuple[str, dict]:
    """(content digest, printed data) of the poster this request prints."""
    country = request.country
    helpline = poster_helpline(country)
    emergency = country.shown(country.emergency)[0]
    offer = offer_text(helpline)
    blocks = tuple(language_block(lang, offer) for lang in request.languages)
    printed = printed_data(country.code, helpline, emergency, blocks, request.format_name)
    return digest_of(printed), printed


def facts_today(site, country_code: str, tags: Sequence[str], format_name: str) -> dict | None:
    """What a poster for these settings would print with today's data (None: cannot be made)."""
    country = site.countries.get(country_code)
    by_tag = {lang.tag.lower(): lang for lang in site.languages.values()}
    languages = tuple(by_tag.get(tag.lower()) for tag in tags)
    if country is None or None in languages:
        return None
    try:
        return poster_facts(PosterRequest(country, languages, format_name, None, None))[1]
    except PosterRequestError:
        return None


def _yes(value: object) -> str:
    return "yes" if value else "no"


def what_changed(printed: dict, today: dict | None) -> list[str]:
    """Plain sentences naming each printed fact that differs today (numbers and flags)."""
    if today is None:
        return ["no poster can be printed for it with today's data"]
    changes = []
    old_line, new_line = printed.get("helpline", {}), today.get("helpline", {})
    if old_line.get("id") != new_line.get("id"):
        changes.append(f"helpline: {old_line.get('name')} is now {new_line.get('name')}")
    for key, label in FACT_NAMES.items():
        if old_line.get(key) != new_line.get(key):
            changes.append(f"helpline {label}: {old_line.get(key)} → {new_line.get(key)}")
    same_display = old_line.get("display") == new_line.get("display")
    if same_display and old_line.get("dial") != new_line.get("dial"):
        changes.append(f"helpline number dialled: {old_line.get('dial')} → {new_line.get('dial')}")
    for key, label in FLAG_NAMES.items():
        if bool(old_line.get(key)) != bool(new_line.get(key)):
            changes.append(f"{label}: {_yes(old_line.get(key))} → {_yes(new_line.get(key))}")
    old_em, new_em = printed.get("emergency", {}), today.get("emergency", {})
    if old_em.get("display") != new_em.get("display") or old_em.get("dial") != new_em.get("dial"):
        changes.append(f"emergency number: {old_em.get('display')} → {new_em.get('display')}")
    return list(dict.fromkeys(changes))


def is_current(content_digest: str, today: dict | None) -> bool:
    """The poster prints exactly what one printed today would."""
    return today is not None and digest_of(today) == content_digest
