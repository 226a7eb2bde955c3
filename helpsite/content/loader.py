"""Read ``countries/<cc>.toml`` into the content model, naming file and field on any problem.

The loader and ``helpsite check`` share one pass so the site can never start on
data that the check would reject.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from babel import Locale, UnknownLocaleError

from helpsite.content.hours import HoursError, parse_hours
from helpsite.content.model import (
    HELPLINE_KINDS,
    RIGHT_TOPICS,
    SERVICES,
    Country,
    Emergency,
    Helpline,
    Region,
    Right,
    VictimLanguages,
)
from helpsite.content.phones import (
    PhoneNumber,
    PhoneNumberError,
    parse_phone,
    parse_unlisted_short,
)
from helpsite.content.translatable import translated_fields

STALE_AFTER_DAYS = 365
# A verified fact not re-checked for two years may be a dead number or a repealed law:
# it fails `helpsite check` (so no deploy passes) until someone re-checks or hides it. The
# site itself keeps serving it: the help pages must not go dark because a date passed.
EXPIRED_AFTER_DAYS = 730
FACT_KEYS = {"source", "verified", "status", "region"}
_DIGIT_RUN = re.compile(r"\+?\d[\d ()\-.]*\d")
# Words that say a line is not answered at all hours: a line with hours = "24/7" whose
# own text says any of these would promise someone at night who may not be there.
_NOT_ALWAYS_OPEN = re.compile(
    r"\b(office hours|opening hours|working hours|business hours|out of hours|weekdays?"
    r"|daytime|monday to friday|urgent (?:calls|matters) only|only urgent"
    r"|leave a message)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Problem:
    where: str  # "gb.toml: helplines[2].number"
    message: str
    severity: str = "error"  # or "warning"
    # An error that fails `helpsite check` but must not stop a running site: a fact that
    # merely got old is still the best we have, and refusing to start would take every
    # country's help offline on the day it expires.
    serving_continues: bool = False

    def __str__(self) -> str:
        return f"{self.severity}: {self.where}: {self.message}"


class ContentError(ValueError):
    """Country data that must not be served."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Reader:
    """Walks one file, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path, today: date):
        self.file = path.name
        self.today = today
        self.problems: list[Problem] = []
        self.region = path.stem.upper()
        self.relay_prefixes: tuple[str, ...] = ()  # from the file's [[text_relay]]

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(f"{self.file}: {where}", message))

    def warn(self, where: str, message: str) -> None:
        self.problems.append(Problem(f"{self.file}: {where}", message, "warning"))

    def keys(self, table: dict, where: str, required: set[str], optional: set[str]) -> bool:
        ok = True
        for key in sorted(required - table.keys()):
            self.error(f"{where}.{key}", "missing")
            ok = False
        for key in sorted(table.keys() - required - optional):
            self.error(f"{where}.{key}", "unknown field (a typo?)")
            ok = False
        return ok

    def typed(self, table: dict, key: str, where: str, kind: type, default: Any = None) -> Any:
        value = table.get(key, default)
        if value is not None and not isinstance(value, kind):
            self.error(f"{where}.{key}", f"must be {kind.__name__}, not {type(value).__name__}")
            return default
        return value

    def phone(self, table: dict, key: str, where: str) -> PhoneNumber | None:
        raw = self.typed(table, key, where, str)
        if raw is None:
            return None
        sourced = self.short_number_source(table, where) if key == "number" else None
        try:
            number = parse_phone(raw, self.region, self.relay_prefixes)
        except PhoneNumberError as exc:
            if sourced is None:
                self.error(f"{where}.{key}", str(exc))
                return None
            return self.unlisted_short(raw, where, sourced)
        if sourced is not None:
            self.warn(
                f"{where}.short_number_source",
                f"libphonenumber now knows {raw!r} for {self.region}: the exception is not needed",
            )
        if number.only_possible:
            self.warn(
                f"{where}.{key}",
                f"{raw!r} is only a possible short number for {self.region} in libphonenumber:"
                " make sure the source confirms it",
            )
        return number

    def short_number_source(self, table: dict, where: str) -> str | None:
        """The official page that publishes a short number libphonenumber does not know."""
        source = self.typed(table, "short_number_source", where, str)
        if source is not None and not source.startswith("https://"):
            self.error(f"{where}.short_number_source", f"must be an https URL, not {source!r}")
            return None
        return source

    def unlisted_short(self, raw: str, where: str, source: str) -> PhoneNumber | None:
        """Accept a short code on its official source, with a warning naming that source."""
        try:
            number = parse_unlisted_short(raw, self.region)
        except PhoneNumberError as exc:
            self.error(f"{where}.number", str(exc))
            return None
        self.warn(
            f"{where}.number",
            f"{raw!r} is not a number libphonenumber knows for {self.region}; accepted as a"
            f" short number dialled as written, on {source}: make sure that page publishes it",
        )
        return number

    def displayed(self, table: dict, where: str, number: PhoneNumber | None) -> PhoneNumber | None:
        """``number`` shown as its operator publishes it (``display``), once proven the same digits.

        The formatter's national form can differ from the operator's own (GB: ``0800 012 1700``
        for the helpline that prints ``08000 121 700``); a visitor should see the form on the
        operator's posters. Only the grouping may differ: the digits must be the national or
        international digits of ``number``.
        """
        display = self.typed(table, "display", where, str)
        if display is None or number is None:
            return number
        if re.search(r"[^\d\s()\-+./]", display):
            self.error(f"{where}.display", f"{display!r} may hold only digits, spaces, - ( ) . /")
            return number
        digits = re.sub(r"\D", "", display)
        forms = {number.display, number.dial, number.international or ""}
        if digits not in {re.sub(r"\D", "", form) for form in forms if form}:
            self.error(
                f"{where}.display",
                f"{display!r} is not the same number as {number.raw!r} ({number.dial})",
            )
            return number
        return replace(number, display=display.strip())

    def fact(self, table: dict, where: str, regions: set[str]) -> dict[str, Any]:
        source = self.typed(table, "source", where, str)
        if source is not None and not source.startswith("https://"):
            self.error(f"{where}.source", f"must be an https URL, not {source!r}")
        verified = table.get("verified")
        if verified is not None and (not isinstance(verified, date) or hasattr(verified, "hour")):
            self.error(f"{where}.verified", "must be a TOML date such as 2026-11-22")
            verified = None
        status = self.typed(table, "status", where, str, "verified")
        if status not in {"verified", "unverified"}:
            self.error(f"{where}.status", 'must be "verified" or "unverified"')
        if isinstance(verified, date):
            age = (self.today - verified).days
            if age < 0:
                self.error(f"{where}.verified", f"{verified} is in the future")
            elif age > EXPIRED_AFTER_DAYS and status == "verified":
                self.problems.append(
                    Problem(
                        f"{self.file}: {where}.verified",
                        f"{verified} is more than 24 months old: re-check it against the source,"
                        ' or mark it status = "unverified"',
                        serving_continues=True,
                    )
                )
            elif age > STALE_AFTER_DAYS and status == "verified":
                self.warn(f"{where}.verified", f"{verified} is more than 12 months old: re-check")
        region = self.typed(table, "region", where, str)
        if region is not None and region not in regions:
            self.error(f"{where}.region", f"{region!r} is not one of the file's [[regions]]")
        return {"source": source, "verified": verified, "status": status, "region": region}

    def texts(self, section: str, table: dict, where: str, numbers: list[str]) -> None:
        """Translatable text must hold no phone number and no URL (issue: numbers stay in data).

        A helpline's proper name is not translated, so it may hold its number ("1522").
        """
        digits_of = {re.sub(r"\D", "", n) for n in numbers if n}
        for key in translated_fields(section, table):
            text = table.get(key)
            if not isinstance(text, str):
                continue
            if "://" in text or "www." in text:
                self.error(f"{where}.{key}", "holds a web address: put it in `online`")
            for match in _DIGIT_RUN.finditer(text):
                run = re.sub(r"\D", "", match.group())
                if run in digits_of or _looks_like_phone(match.group(), self.region):
                    self.error(
                        f"{where}.{key}",
                        f"holds the number {match.group()!r}: numbers go in number/sms fields",
                    )


def known_language(tag: object) -> bool:
    """Whether CLDR can name the language, so every page can show it."""
    try:
        Locale.parse(str(tag), sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def _looks_like_phone(text: str, region: str) -> bool:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def _load_one(path: Path, today: date) -> tuple[Country | None, list[Problem]]:
    reader = _Reader(path, today)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        reader.error("file", f"not valid TOML: {exc}")
        return None, reader.problems
    return _CountryFile(reader, path, data).country(), reader.problems


TOP_REQUIRED = {"code", "timezone", "poster_languages", "emergency", "helplines", "rights"}
TOP_OPTIONAL = {"exit_url", "regions", "text_relay", "victim_languages"}
HELPLINE_REQUIRED = {"id", "name", "operator", "kind", "description", "free", "source", "verified"}
HELPLINE_OPTIONAL = FACT_KEYS | {
    "number",
    "display",
    "short_number_source",
    "proper_name",
    "hours",
    "timezone",
    "confidentiality",
    "confidential",
    "languages",
    "interpreters",
    "interpreter_note",
    "sms",
    "textphone",
    "online",
    "email",
}


class _CountryFile:
    """One country file, read section by section; each reader names what it checks."""

    def __init__(self, reader: _Reader, path: Path, data: dict):
        self.r = reader
        self.path = path
        self.data = data
        self.all_numbers = _all_numbers(data)
        self.timezone = "UTC"
        self.region_ids: set[str] = set()
        self.seen_ids: set[str] = set()

    def country(self) -> Country:
        exit_url = self._header()
        self.r.relay_prefixes = self._text_relay()
        regions = self._regions()
        self.region_ids = {region.id for region in regions}
        country = Country(
            code=self.path.stem.upper(),
            timezone=self.timezone,
            poster_languages=tuple(
                self.r.typed(self.data, "poster_languages", "country", list, [])
            ),
            exit_url=exit_url,
            regions=tuple(regions),
            emergency=self._each("emergency", self._emergency),
            helplines=self._each("helplines", self._helpline),
            rights=self._each("rights", self._right),
            victim_languages=self._victim_languages(),
            source_file=str(self.path),
        )
        if not any(e.visible for e in country.emergency):
            self.r.error(
                "emergency", "no verified emergency number: the page could not say who to call"
            )
        return country

    def _header(self) -> str | None:
        """Code, time zone and exit address; returns the exit address."""
        r, data = self.r, self.data
        r.keys(data, "country", TOP_REQUIRED, TOP_OPTIONAL)
        code = r.typed(data, "code", "country", str, "")
        if code != self.path.stem.upper():
            r.error("country.code", f"{code!r} does not match the file name {self.path.name}")
        timezone = r.typed(data, "timezone", "country", str, "UTC")
        try:
            ZoneInfo(timezone)
            self.timezone = timezone
        except (ZoneInfoNotFoundError, ValueError):
            r.error("country.timezone", f"unknown IANA time zone {timezone!r}")
        exit_url = r.typed(data, "exit_url", "country", str)
        if exit_url is not None and not exit_url.startswith("https://"):
            r.error("country.exit_url", "must be an https URL")
        return exit_url

    def _text_relay(self) -> tuple[str, ...]:
        """Prefixes of the country's text relay service (a fact with its source, like a number)."""
        prefixes = []
        for i, table in enumerate(self.data.get("text_relay", [])):
            where = f"text_relay[{i}]"
            if not self.r.keys(table, where, {"prefix", "service", "source", "verified"}, set()):
                continue
            prefix = self.r.typed(table, "prefix", where, str, "")
            if not prefix.isdigit():
                self.r.error(f"{where}.prefix", f"{prefix!r} must be digits only")
                continue
            if self.r.fact(table, where, set())["verified"] is not None:
                prefixes.append(prefix)
        return tuple(prefixes)

    def _regions(self) -> list[Region]:
        regions = []
        for i, table in enumerate(self.data.get("regions", [])):
            where = f"regions[{i}]"
            if self.r.keys(table, where, {"id", "name"}, set()):
                self.r.texts("regions", table, where, self.all_numbers)
                regions.append(Region(str(table["id"]), str(table["name"])))
        return regions

    def _each(self, section: str, build: Callable[[dict, str], Any]) -> tuple:
        entries = self.data.get(section, [])
        if not isinstance(entries, list):
            self.r.error(section, "must be an array of tables ([[" + section + "]])")
            return ()
        items = []
        for i, table in enumerate(entries):
            where = f"{section}[{i}]"
            self.r.texts(section, table, where, self.all_numbers)
            item = build(table, where)
            if item is not None:
                items.append(item)
        return tuple(items)

    def _emergency(self, table: dict, where: str) -> Emergency | None:
        r = self.r
        required = {"number", "services", "source", "verified"}
        r.keys(
            table, where, required, FACT_KEYS | {"note", "sms", "display", "short_number_source"}
        )
        fact = r.fact(table, where, self.region_ids)
        services = r.typed(table, "services", where, list, [])
        for service in services:
            if service not in SERVICES:
                r.error(f"{where}.services", f"{service!r} is not one of {', '.join(SERVICES)}")
        number = r.displayed(table, where, r.phone(table, "number", where))
        sms = r.phone(table, "sms", where)
        if number is None or None in (fact["source"], fact["verified"]):
            return None
        return Emergency(
            number=number,
            services=tuple(services),
            note=table.get("note"),
            sms=sms,
            **fact,
        )

    def _helpline(self, table: dict, where: str) -> Helpline | None:
        r = self.r
        r.keys(table, where, HELPLINE_REQUIRED, HELPLINE_OPTIONAL)
        fact = r.fact(table, where, self.region_ids)
        hidden = fact["status"] != "verified"
        ident = self._helpline_id(table, where)
        kind = r.typed(table, "kind", where, str)
        if kind not in HELPLINE_KINDS:
            r.error(f"{where}.kind", f"{kind!r} is not one of {', '.join(HELPLINE_KINDS)}")
        number = r.displayed(table, where, r.phone(table, "number", where))
        if number is None and not hidden and "number" not in table:
            r.error(f"{where}.number", "missing (only an unverified helpline may lack a number)")
        hours = self._hours(table, where)
        self._always_open_matches_text(table, where, hours)
        online = r.typed(table, "online", where, str)
        if online is not None and not online.startswith("https://"):
            r.error(f"{where}.online", "must be an https URL")
        languages = self._languages(table, where)
        values = {
            "sms": r.phone(table, "sms", where),
            "textphone": r.phone(table, "textphone", where),
            "interpreters": r.typed(table, "interpreters", where, bool, False),
            "confidential": r.typed(table, "confidential", where, bool, False),
            "proper_name": r.typed(table, "proper_name", where, bool, False),
        }
        if None in (fact["source"], fact["verified"]) or (number is None and not hidden):
            return None
        return Helpline(
            id=ident,
            name=str(table["name"]),
            operator=str(table["operator"]),
            kind=kind or "support",
            description=str(table["description"]),
            number=number,
            free=bool(r.typed(table, "free", where, bool, False)),
            hours=hours,
            confidentiality=table.get("confidentiality"),
            interpreter_note=table.get("interpreter_note"),
            online=online,
            email=table.get("email"),
            languages=languages,
            **values,
            **fact,
        )

    def _helpline_id(self, table: dict, where: str) -> str:
        ident = self.r.typed(table, "id", where, str, "")
        if ident in self.seen_ids:
            self.r.error(f"{where}.id", f"{ident!r} is used twice")
        self.seen_ids.add(ident)
        return ident

    def _hours(self, table: dict, where: str):
        """Opening hours in the line's own time zone (the country's unless it says otherwise)."""
        if "hours" not in table:
            return None
        tz = self.r.typed(table, "timezone", where, str, self.timezone)
        try:
            return parse_hours(table["hours"], tz)
        except HoursError as exc:
            self.r.error(f"{where}.hours", str(exc))
            return None

    def _always_open_matches_text(self, table: dict, where: str, hours) -> None:
        """A line shown as open 24/7 must not say in its own text that it is not."""
        if hours is None or not hours.always:
            return
        for key in ("description", "confidentiality", "interpreter_note"):
            text = table.get(key)
            match = _NOT_ALWAYS_OPEN.search(text) if isinstance(text, str) else None
            if match:
                self.r.error(
                    f"{where}.hours",
                    f'"24/7", but its {key} says {match.group()!r}: give the hours'
                    " the operator states",
                )

    def _victim_languages(self) -> VictimLanguages | None:
        """Languages of the most common victims' nationalities, with the statistics' source."""
        table = self.data.get("victim_languages")
        if table is None:
            return None
        where = "victim_languages"
        if not isinstance(table, dict):
            self.r.error(where, "must be a table ([victim_languages])")
            return None
        self.r.keys(table, where, {"tags", "source", "verified"}, {"status"})
        fact = self.r.fact(table, where, set())
        tags = self.r.typed(table, "tags", where, list, [])
        for tag in tags:
            if not known_language(tag):
                self.r.error(f"{where}.tags", f"{tag!r} is not a language tag CLDR knows")
        if len(set(tags)) != len(tags):
            self.r.error(f"{where}.tags", "a language is listed twice")
        if not tags:
            self.r.error(f"{where}.tags", "list at least one language")
        if None in (fact["source"], fact["verified"]):
            return None
        return VictimLanguages(tags=tuple(str(t) for t in tags), **fact)

    def _languages(self, table: dict, where: str) -> tuple[str, ...]:
        tags = self.r.typed(table, "languages", where, list, [])
        for tag in tags:
            if not known_language(tag):
                self.r.error(f"{where}.languages", f"{tag!r} is not a language tag CLDR knows")
        return tuple(tags)

    def _right(self, table: dict, where: str) -> Right | None:
        r = self.r
        r.keys(table, where, {"topic", "title", "text", "source", "verified"}, FACT_KEYS | {"law"})
        fact = r.fact(table, where, self.region_ids)
        topic = r.typed(table, "topic", where, str)
        if topic not in RIGHT_TOPICS:
            r.error(f"{where}.topic", f"{topic!r} is not one of {', '.join(RIGHT_TOPICS)}")
        if None in (fact["source"], fact["verified"]) or "title" not in table:
            return None
        return Right(
            topic=topic or "other",
            title=str(table["title"]),
            text=str(table.get("text", "")),
            law=table.get("law"),
            **fact,
        )


def _all_numbers(data: dict) -> list[str]:
    found = []
    for section in ("emergency", "helplines"):
        for table in data.get(section, []) or []:
            if isinstance(table, dict):
                for key in ("number", "display", "sms", "textphone"):
                    if isinstance(table.get(key), str):
                        found.append(table[key])
    return found


def check_countries(directory: str | Path, today: date | None = None) -> list[Problem]:
    """Every problem (errors and warnings) in every country file."""
    return _load_all(Path(directory), today or date.today())[1]


def load_countries(directory: str | Path, today: date | None = None) -> dict[str, Country]:
    """Load every country; raise ContentError if any file has an error (warnings pass).

    An expired fact (``serving_continues``) fails ``helpsite check`` but not the site.
    """
    countries, problems = _load_all(Path(directory), today or date.today())
    errors = [p for p in problems if p.severity == "error" and not p.serving_continues]
    if errors:
        raise ContentError(errors)
    return countries


def _load_all(directory: Path, today: date) -> tuple[dict[str, Country], list[Problem]]:
    countries: dict[str, Country] = {}
    problems: list[Problem] = []
    paths = sorted(directory.glob("*.toml"))
    if not paths:
        problems.append(Problem(str(directory), "no country files (<cc>.toml) found"))
    for path in paths:
        country, found = _load_one(path, today)
        problems.extend(found)
        if country is not None:
            countries[country.code] = country
    return countries, problems
