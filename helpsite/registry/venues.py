"""Venues and their placements (where in the venue a poster hangs)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, insert, select

from helpsite.registry import fields
from helpsite.registry.accounts import Account
from helpsite.registry.errors import NotAllowed, NotFound, RegistryError
from helpsite.registry.schema import VENUE_TYPES, placements, venues


@dataclass(frozen=True)
class Venue:
    """A place posters hang in; managed by the manager who registered it."""

    id: int
    name: str
    address: str
    country: str
    type: str
    manager_id: int | None


@dataclass(frozen=True)
class Placement:
    """Where in a venue a poster hangs, and when it is next due a check."""

    id: int
    venue_id: int
    description: str
    next_due: date


def _venue(row) -> Venue:
    return Venue(row.id, row.name, row.address, row.country, row.type, row.manager_id)


def _placement(row) -> Placement:
    return Placement(row.id, row.venue_id, row.description, row.next_due)


def add_venue(
    conn: Connection,
    actor: Account | None,
    *,
    name: object,
    address: object,
    country: object,
    type: object,
    now: datetime,
    known_countries: Collection[str],
) -> Venue:
    """Register a venue; a manager registers it in their area, and manages it.

    ``actor`` None is the command line (an operator at the machine).
    """
    if actor is not None and actor.role != "manager":
        raise NotAllowed("role", "only venue managers register venues")
    values = {
        "name": fields.plain_text("name", name, 200),
        "address": fields.plain_text("address", address, 500),
        "country": fields.country("country", country, known_countries),
        "type": fields.one_of("type", type, VENUE_TYPES),
    }
    if actor is not None and not actor.works_in(values["country"]):
        raise NotAllowed("country", f"{values['country']} is outside your area")
    manager_id = actor.id if actor is not None else None
    new_id = conn.execute(
        insert(venues).values(**values, manager_id=manager_id, created_at=now)
    ).inserted_primary_key[0]
    return Venue(new_id, **values, manager_id=manager_id)


def get_venue(conn: Connection, venue_id: int) -> Venue:
    """The venue with this id; NotFound names the field otherwise."""
    row = conn.execute(select(venues).where(venues.c.id == venue_id)).first()
    if row is None:
        raise NotFound("venue", f"no venue {venue_id}")
    return _venue(row)


def may_manage(actor: Account, venue: Venue) -> bool:
    """A manager manages the venues they registered (and only those)."""
    return actor.role == "manager" and not actor.disabled and venue.manager_id == actor.id


def visible_venues(conn: Connection, actor: Account) -> list[Venue]:
    """A manager sees their venues; an inspector every venue in their area."""
    query = select(venues).order_by(venues.c.country, venues.c.name, venues.c.id)
    if actor.role == "manager":
        query = query.where(venues.c.manager_id == actor.id)
    else:
        query = query.where(venues.c.country.in_(actor.area))
    return [_venue(row) for row in conn.execute(query)]


def find_venue(conn: Connection, name: str, country: str) -> Venue | None:
    """The first venue with this name in this country (demo data re-runs)."""
    row = conn.execute(
        select(venues)
        .where(venues.c.name == name, venues.c.country == country)
        .order_by(venues.c.id)
    ).first()
    return _venue(row) if row else None


def add_placement(
    conn: Connection,
    actor: Account | None,
    venue_id: int,
    description: object,
    now: datetime,
) -> Placement:
    """Where a poster hangs in a venue. Never inspected yet, so due from today."""
    venue = get_venue(conn, venue_id)
    if actor is not None and not may_manage(actor, venue):
        raise NotAllowed("venue", "you do not manage this venue")
    text = fields.plain_text("placement", description, 200)
    taken = conn.execute(
        select(placements.c.id).where(
            placements.c.venue_id == venue.id, placements.c.description == text
        )
    ).first()
    if taken:
        raise RegistryError("placement", f"{venue.name} already has a placement {text!r}")
    today = now.date()
    new_id = conn.execute(
        insert(placements).values(
            venue_id=venue.id, description=text, next_due=today, created_at=now
        )
    ).inserted_primary_key[0]
    return Placement(new_id, venue.id, text, today)


def placements_of(conn: Connection, venue_id: int) -> list[Placement]:
    """A venue's placements in the order they were registered."""
    rows = conn.execute(
        select(placements).where(placements.c.venue_id == venue_id).order_by(placements.c.id)
    )
    return [_placement(row) for row in rows]


def find_placement(conn: Connection, venue_id: int, description: str) -> Placement | None:
    """A venue's placement with exactly this description, or None."""
    row = conn.execute(
        select(placements).where(
            placements.c.venue_id == venue_id, placements.c.description == description
        )
    ).first()
    return _placement(row) if row else None
