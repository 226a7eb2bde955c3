"""Inspections: an inspector's one result for one poster, and the next-due date it sets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, insert, select, update

from helpsite.registry import fields
from helpsite.registry.accounts import Account
from helpsite.registry.errors import NotAllowed, NotFound, RegistryError
from helpsite.registry.posters import find_poster
from helpsite.registry.schema import (
    RESULTS,
    VENUE_TYPES,
    inspection_intervals,
    inspections,
    placements,
    venues,
)


@dataclass(frozen=True)
class Inspection:
    """One recorded inspection and the next-due date it set."""

    id: int
    poster_id: int
    inspector_id: int
    inspected_at: datetime
    result: str
    note: str | None
    scanned_code: str | None
    next_due: date


def interval_days(conn: Connection, venue_type: str) -> int:
    """Days between inspections for a venue type (90 if none is set)."""
    row = conn.execute(
        select(inspection_intervals.c.days).where(inspection_intervals.c.venue_type == venue_type)
    ).first()
    return row.days if row else 90


def set_interval(conn: Connection, venue_type: object, days: object) -> int:
    """Days between inspections for a venue type (applies from each next inspection)."""
    kind = fields.one_of("venue_type", venue_type, VENUE_TYPES)
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 3660:
        raise RegistryError("days", "a whole number of days from 1 to 3660")
    done = conn.execute(
        update(inspection_intervals)
        .where(inspection_intervals.c.venue_type == kind)
        .values(days=days)
    )
    if done.rowcount == 0:
        conn.execute(insert(inspection_intervals).values(venue_type=kind, days=days))
    return days


def record_inspection(
    conn: Connection,
    inspector: Account,
    *,
    code: object,
    result: object,
    now: datetime,
    note: object = None,
    scanned_code: object = None,
) -> Inspection:
    """Record what an inspector found; moves the placement's next-due date on."""
    if inspector.role != "inspector" or inspector.disabled:
        raise NotAllowed("role", "only inspectors record inspections")
    poster = find_poster(conn, code) if isinstance(code, str) else None
    if poster is None:
        raise NotFound("location_code", f"no poster {code!r} is registered")
    place = conn.execute(
        select(placements.c.id, venues.c.country, venues.c.type)
        .join(venues, venues.c.id == placements.c.venue_id)
        .where(placements.c.id == poster.placement_id)
    ).one()
    if not inspector.works_in(place.country):
        raise NotAllowed("location_code", f"{poster.location_code} is outside your area")
    outcome = fields.one_of("result", result, RESULTS)
    text = fields.plain_text("note", note, 2000, required=False, multiline=True)
    scanned = fields.plain_text("scanned_code", scanned_code, 200, required=False)
    new_id = conn.execute(
        insert(inspections).values(
            poster_id=poster.id,
            inspector_id=inspector.id,
            inspected_at=now,
            result=outcome,
            note=text,
            scanned_code=scanned,
        )
    ).inserted_primary_key[0]
    next_due = now.date() + timedelta(days=interval_days(conn, place.type))
    conn.execute(update(placements).where(placements.c.id == place.id).values(next_due=next_due))
    return Inspection(new_id, poster.id, inspector.id, now, outcome, text, scanned, next_due)


def due_placements(conn: Connection, countries: tuple[str, ...], today: date) -> list[int]:
    """Placements in these countries due by ``today``, soonest first.

    A new placement is due from the day it is registered, so never-inspected ones count.
    """
    rows = conn.execute(
        select(placements.c.id)
        .join(venues, venues.c.id == placements.c.venue_id)
        .where(venues.c.country.in_(countries), placements.c.next_due <= today)
        .order_by(placements.c.next_due, placements.c.id)
    )
    return [row.id for row in rows]
