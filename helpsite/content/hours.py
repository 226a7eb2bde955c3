"""Opening hours: parsed from the data files, asked "open now?" in the helpline's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class HoursError(ValueError):
    """Opening hours that cannot be read."""


@dataclass(frozen=True)
class Period:
    days: tuple[int, ...]  # 0 = Monday, as datetime.weekday()
    opens: time
    closes: time  # may be before ``opens`` for a period running past midnight

    def contains(self, moment: datetime) -> bool:
        day, now = moment.weekday(), moment.time()
        if self.opens < self.closes:
            return day in self.days and self.opens <= now < self.closes
        # Past midnight: open from ``opens`` on a listed day until ``closes`` the next day.
        return (day in self.days and now >= self.opens) or (
            (day - 1) % 7 in self.days and now < self.closes
        )


@dataclass(frozen=True)
class Hours:
    always: bool
    periods: tuple[Period, ...]
    timezone: str

    def is_open(self, moment: datetime) -> bool:
        """Whether the line is open at ``moment`` (an aware datetime)."""
        if self.always:
            return True
        local = moment.astimezone(ZoneInfo(self.timezone))
        return any(period.contains(local) for period in self.periods)


def parse_days(text: str) -> tuple[int, ...]:
    days: list[int] = []
    for part in text.lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise HoursError(f"days {text!r}: use mon…sun, ranges like mon-fri, or lists")
        start = DAYS.index(first)
        end = DAYS.index(last) if last else start
        span = (end - start) % 7
        days.extend((start + i) % 7 for i in range(span + 1))
    return tuple(sorted(set(days)))


def _time(text: object, key: str) -> time:
    try:
        hours, minutes = str(text).split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise HoursError(
            f"{key} {text!r}: use HH:MM from 00:00 to 23:59 (00:00 for midnight)"
        ) from None


def parse_hours(value: object, timezone: str) -> Hours:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise HoursError(f"unknown time zone {timezone!r}") from None
    if value == "24/7":
        return Hours(always=True, periods=(), timezone=timezone)
    if not isinstance(value, list) or not value:
        raise HoursError('hours must be "24/7" or a list of {days, open, close} tables')
    periods = []
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != {"days", "open", "close"}:
            raise HoursError("each hours entry needs exactly days, open and close")
        opens, closes = _time(entry["open"], "open"), _time(entry["close"], "close")
        if opens == closes:
            raise HoursError("open and close are the same time")
        periods.append(Period(parse_days(str(entry["days"])), opens, closes))
    return Hours(always=False, periods=tuple(periods), timezone=timezone)
