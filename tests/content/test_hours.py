"""Opening hours: "open now" in the helpline's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from helpsite.content.hours import HoursError, parse_days, parse_hours

OFFICE = [{"days": "mon-fri", "open": "09:00", "close": "17:00"}]


def test_office_hours_follow_the_helplines_time_zone():
    hours = parse_hours(OFFICE, "Australia/Sydney")
    # Monday 2026-11-23 23:30 UTC is Tuesday 10:30 in Sydney (UTC+11 in summer).
    assert hours.is_open(datetime(2026, 11, 23, 23, 30, tzinfo=UTC))
    # Monday 12:00 UTC is Monday 23:00 in Sydney: closed.
    assert not hours.is_open(datetime(2026, 11, 23, 12, 0, tzinfo=UTC))


def test_weekends_are_closed_for_weekday_lines():
    hours = parse_hours(OFFICE, "Europe/Amsterdam")
    assert not hours.is_open(datetime(2026, 11, 28, 11, 0, tzinfo=UTC))  # Saturday


def test_a_period_past_midnight():
    hours = parse_hours([{"days": "fri", "open": "22:00", "close": "02:00"}], "UTC")
    assert hours.is_open(datetime(2026, 11, 27, 23, 0, tzinfo=UTC))  # Friday night
    assert hours.is_open(datetime(2026, 11, 28, 1, 0, tzinfo=UTC))  # early Saturday
    assert not hours.is_open(datetime(2026, 11, 28, 3, 0, tzinfo=UTC))


def test_always_open():
    assert parse_hours("24/7", "UTC").is_open(datetime(2026, 1, 1, 3, tzinfo=UTC))


def test_day_lists_and_ranges():
    assert parse_days("mon-fri") == (0, 1, 2, 3, 4)
    assert parse_days("sat,sun") == (5, 6)
    assert parse_days("fri-mon") == (0, 4, 5, 6)


@pytest.mark.parametrize(
    "value",
    ["always", [], [{"days": "weekdays", "open": "09:00", "close": "17:00"}], [{"days": "mon"}]],
)
def test_unreadable_hours_are_refused(value):
    with pytest.raises(HoursError):
        parse_hours(value, "UTC")
