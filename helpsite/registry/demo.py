"""Demo data for `make run`: a few venues with placements and two staff accounts.

Idempotent: what exists already is left alone (an account's password is never changed),
so running it again adds only what is missing. Passwords are random and shown once.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from helpsite.registry.accounts import add_account, get_account
from helpsite.registry.venues import add_placement, add_venue, find_placement, find_venue

DEMO_ACCOUNTS = (
    ("demo-manager", "manager", ("GB", "IE")),
    ("demo-inspector", "inspector", ("GB", "IE")),
)
# (name, address, country, type, placements)
DEMO_VENUES = (
    (
        "Demo Coach Station",
        "1 Example Road, London",
        "GB",
        "transit-hub",
        ("customer toilets, inside cubicle door", "left luggage, by the lockers"),
    ),
    (
        "Demo Riverside Hotel",
        "2 Example Quay, Manchester",
        "GB",
        "hotel",
        ("staff room, by the time clock", "staff toilets, inside door"),
    ),
    (
        "Demo Harbour Café",
        "3 Example Street, Dublin",
        "IE",
        "restaurant",
        ("customer toilets, inside cubicle door",),
    ),
)


@dataclass(frozen=True)
class DemoReport:
    """What `helpsite demo` did, for its output."""

    created: tuple[str, ...]  # one line per thing made; passwords of new accounts included
    existing: int  # how many were there already


def add_demo_data(conn: Connection, now: datetime, known_countries: Collection[str]) -> DemoReport:
    """Add whatever demo rows are missing (venues only in countries the site has)."""
    created: list[str] = []
    existing = 0
    manager = None
    for name, role, area in DEMO_ACCOUNTS:
        area = tuple(code for code in area if code in known_countries)
        if not area:
            continue
        account = get_account(conn, name)
        if account is None:
            password = secrets.token_urlsafe(15)
            account = add_account(
                conn, name, role, ",".join(area), password, now=now, known_countries=known_countries
            )
            created.append(f"account {name} ({role}, {','.join(area)}), password: {password}")
        else:
            existing += 1
        if role == "manager":
            manager = account
    for name, address, country, kind, spots in DEMO_VENUES:
        if country not in known_countries:
            continue
        venue = find_venue(conn, name, country)
        if venue is None:
            venue = add_venue(
                conn,
                manager if manager is not None and manager.works_in(country) else None,
                name=name,
                address=address,
                country=country,
                type=kind,
                now=now,
                known_countries=known_countries,
            )
            created.append(f"venue {name} ({country})")
        else:
            existing += 1
        for spot in spots:
            if find_placement(conn, venue.id, spot) is None:
                add_placement(conn, None, venue.id, spot, now)
                created.append(f"placement {name}: {spot}")
            else:
                existing += 1
    return DemoReport(tuple(created), existing)
