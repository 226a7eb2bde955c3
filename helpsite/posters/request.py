"""One parser for a poster request, shared by the CLI, the CSV batch and the staff form.

Raw strings go in (country, languages, format, venue, placement); out comes a
``PosterRequest`` or every problem at once as ``FieldError``s (field name + message).
Each interface shows the errors its own way (CLI option, CSV row, beside a form field)
but the message text, the defaults and the length limit are the same everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from helpsite.content.model import Country, Helpline
from helpsite.i18n import Language, match_tag
from qr.formats import PosterFormat, formats, formats_for

MAX_TEXT = 200  # venue, placement and every other raw field: characters
FIELDS = ("country", "languages", "format", "venue", "placement")
# Exactly two ASCII letters: "ıe".upper() == "IE" and "ＧＢ" must not pass as a country.
_COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")


class PosterRequestError(ValueError):
    """One field of a poster request that cannot be printed; ``field`` names what to change."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class PosterRequestInvalid(ValueError):
    """Every problem of one request, so a single round of corrections is enough."""

    def __init__(self, errors: list[PosterRequestError]):
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class PosterRequest:
    country: Country
    languages: tuple[Language, ...]
    format_name: str
    venue: str | None = None
    placement: str | None = None


def _shown(raw: str) -> str:
    """A raw value quoted for a message, cut short so a message stays one line."""
    return repr(raw if len(raw) <= 20 else raw[:20] + "…")


def check_staff_text(field: str, value: str | None, limit: int = MAX_TEXT) -> str | None:
    """Venue and placement: printed small on the poster, so plain text only."""
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise PosterRequestError(field, f"at most {limit} characters")
    for ch in value:
        category = unicodedata.category(ch)
        if category.startswith("C") or category == "So":
            raise PosterRequestError(
                field, f"use letters, numbers and punctuation only (not U+{ord(ch):04X})"
            )
    return value or None


def parse_country(raw: str, countries: Mapping[str, Country]) -> Country:
    """A country we have help pages for, named by exactly two ASCII letters in any case."""
    code = raw.strip()
    country = countries.get(code.upper()) if _COUNTRY_CODE.fullmatch(code) else None
    if country is None:
        known = ", ".join(sorted(countries))
        raise PosterRequestError(
            "country", f"{_shown(code)} is not a country with help pages; choose one of {known}"
        )
    return country


def parse_format(raw: str, country: Country | None) -> PosterFormat:
    """A shipped format offered in the country; empty means the country's default."""
    name = raw.strip()
    if not name and country is not None:
        return default_format(country)
    fmt = formats().get(name.lower()) if name.isascii() else None
    if fmt is None:
        known = ", ".join(formats())
        raise PosterRequestError("format", f"{_shown(name)} is not a format; choose one of {known}")
    if country is not None and not fmt.offered_in(country.code):
        offered = ", ".join(f.name for f in formats_for(country.code))
        raise PosterRequestError(
            "format", f"{fmt.name} is not offered in {country.code}; choose one of {offered}"
        )
    return fmt


def parse_language_tags(text: str, offered: Mapping[str, Language]) -> tuple[Language, ...]:
    """``en,zh-Hans, pt_br`` -> languages; BCP 47 in any case, with - or _."""
    chosen: list[Language] = []
    for raw in text.replace(";", ",").split(","):
        if not raw.strip():
            continue
        language = match_tag(raw, offered) if raw.isascii() else None
        if language is None:
            known = ", ".join(sorted(lang.tag for lang in offered.values()))
            raise PosterRequestError(
                "languages", f"{_shown(raw.strip())} is not offered; use {known}"
            )
        if language in chosen:
            raise PosterRequestError("languages", f"{language.tag} is listed twice")
        chosen.append(language)
    if not chosen:
        raise PosterRequestError("languages", "choose at least one language")
    return tuple(chosen)


def check_languages_for_format(languages: tuple[Language, ...], fmt: PosterFormat) -> None:
    """The format's language rules (count; US notice laws: English and Spanish)."""
    if not fmt.min_languages <= len(languages) <= fmt.max_languages:
        raise PosterRequestError(
            "languages", f"{fmt.title} takes {fmt.min_languages} to {fmt.max_languages} languages"
        )
    present = {language.locale.language for language in languages}
    missing = [tag for tag in fmt.required_languages if tag not in present]
    if missing:
        raise PosterRequestError("languages", f"{fmt.title} must include: {', '.join(missing)}")


def default_format(country: Country) -> PosterFormat:
    """A4 where it is legal paper, else the country's first format (US: Letter)."""
    offered = formats_for(country.code)
    return next((fmt for fmt in offered if fmt.name == "a4"), offered[0])


def default_languages(country: Country, offered: Mapping[str, Language], limit: int) -> str:
    """The local language, then the languages victims identified there speak, then the rest.

    The order follows the country file: its first poster language (the local one), the
    ``[victim_languages]`` in order of frequency (official statistics), then its other
    poster languages; only languages we offer (complete catalogs), as many as fit. A
    regional variant of a language already chosen (Brazilian Portuguese on a Portuguese
    poster) takes no second place: its readers read the first, and the place goes to a
    language they do not.
    """
    local = country.poster_languages[:1]
    known = country.victim_languages
    victims = known.tags if known is not None and known.visible else ()
    tags: list[str] = []
    for tag in (*local, *victims, *country.poster_languages[1:]):
        chosen = {t.lower().split("-")[0] for t in tags}
        if tag.lower() in offered and tag.lower().split("-")[0] not in chosen:
            tags.append(tag)
    return ",".join(tags[:limit]) or "en"


def parse_request(
    *,
    country: str | None,
    languages: str | None,
    format: str | None,  # noqa: A002 - the field's name in every interface
    venue: str | None,
    placement: str | None,
    countries: Mapping[str, Country],
    offered: Mapping[str, Language],
) -> PosterRequest:
    """Check every field; raise ``PosterRequestInvalid`` listing all problems, else the request.

    An empty format is the country's default; empty languages are the country's poster
    languages, up to the format's maximum.
    """

    raw = {
        "country": country or "",
        "languages": languages or "",
        "format": format or "",
        "venue": venue or "",
        "placement": placement or "",
    }
    errors: list[PosterRequestError] = []
    too_long = {n for n, v in raw.items() if len(v.strip()) > MAX_TEXT}
    errors += [
        PosterRequestError(n, f"at most {MAX_TEXT} characters") for n in FIELDS if n in too_long
    ]

    def attempt(field: str, check):
        if field in too_long:
            return None
        try:
            return check()
        except PosterRequestError as exc:
            errors.append(exc)
            return None

    found = attempt("country", lambda: parse_country(raw["country"], countries))
    if found is not None and attempt("country", lambda: poster_helpline(found)) is None:
        found = None
    fmt = None
    if found is not None or raw["format"].strip():  # no default without a country
        fmt = attempt("format", lambda: parse_format(raw["format"], found))
    chosen = None
    tags = raw["languages"]
    if not tags.strip() and found is not None and fmt is not None:
        tags = default_languages(found, offered, fmt.max_languages)
    if tags.strip() or (found is not None and fmt is not None):
        chosen = attempt("languages", lambda: parse_language_tags(tags, offered))
        if chosen is not None and fmt is not None:
            attempt("languages", lambda: check_languages_for_format(chosen, fmt))
    venue_text = attempt("venue", lambda: check_staff_text("venue", raw["venue"]))
    placement_text = attempt("placement", lambda: check_staff_text("placement", raw["placement"]))
    if errors:
        errors.sort(key=lambda e: FIELDS.index(e.field) if e.field in FIELDS else len(FIELDS))
        raise PosterRequestInvalid(errors)
    return PosterRequest(found, chosen, fmt.name, venue_text, placement_text)


# A poster asks "Are you forced to work?": its line must be for everyone who answers yes.
# Lines for one group (violence against women) stay on the web page, not on posters.
POSTER_KINDS = ("trafficking", "anonymous-report", "labour", "police")


def poster_helpline(country: Country) -> Helpline:
    """The number a poster prints: a trafficking line, free and 24/7 if there is one."""
    lines = [
        h
        for h in country.shown(country.helplines)
        if h.number is not None and h.kind in POSTER_KINDS
    ]
    if not lines:
        raise PosterRequestError(
            "country",
            f"{country.code} has no verified helpline for everyone to print on a poster"
            " (its page still lists the emergency numbers and any other lines)",
        )

    def rank(h: Helpline) -> tuple:
        always = h.hours is not None and h.hours.always
        return (POSTER_KINDS.index(h.kind), not h.free, not always)

    return sorted(lines, key=rank)[0]
