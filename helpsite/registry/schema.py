"""The registry's tables, in SQLAlchemy Core; the migrations must build exactly these."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

# Named constraints, so migrations can alter them the same way on SQLite and PostgreSQL.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

VENUE_TYPES = (
    "public-toilet",
    "shop",
    "restaurant",  # restaurant or fast food
    "transit-hub",
    "hotel",
    "workplace-staff-area",
    "health-service",
    "other",
)
ROLES = ("manager", "inspector")
POSTER_STATES = ("active", "removed", "replaced")
RESULTS = (
    "present",  # present and intact
    "damaged",
    "obscured",
    "missing",
    "wrong-place",
    "tampered",
    "outdated",
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class UTCDateTime(TypeDecorator):
    """A moment in UTC on both engines: aware datetimes in, aware UTC datetimes out."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("registry times must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("area", String(200), nullable=False),  # country codes, comma-separated: "GB,IE"
    Column("password_hash", String(200), nullable=False),
    Column("disabled", Boolean(create_constraint=False), nullable=False, default=False),
    # Failed sign-ins slow the account down; kept here so every worker sees them.
    Column("failed_sign_ins", Integer, nullable=False, default=0),
    Column("next_sign_in_at", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint(_one_of("role", ROLES), name="role"),
)

venues = Table(
    "venues",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("address", String(500), nullable=False),
    Column("country", String(2), nullable=False),
    Column("type", String(32), nullable=False),
    Column("manager_id", Integer, ForeignKey("accounts.id"), nullable=True, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint(_one_of("type", VENUE_TYPES), name="type"),
)

placements = Table(
    "placements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("venue_id", Integer, ForeignKey("venues.id"), nullable=False, index=True),
    Column("description", String(200), nullable=False),
    Column("next_due", Date, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("venue_id", "description"),
)

posters = Table(
    "posters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("location_code", String(10), nullable=False, unique=True),  # URL form, GB7K2Q9XM5
    Column("placement_id", Integer, ForeignKey("placements.id"), nullable=False, index=True),
    Column("format", String(16), nullable=False),
    Column("languages", String(200), nullable=False),  # BCP 47 tags, comma-separated
    Column("content_digest", String(128), nullable=False),
    Column("printed_data", JSON, nullable=False),  # a copy of what the poster printed
    Column("printed_on", Date, nullable=False),
    Column("state", String(16), nullable=False, default="active"),
    Column("replaced_by_id", Integer, ForeignKey("posters.id"), nullable=True),
    CheckConstraint(_one_of("state", POSTER_STATES), name="state"),
    CheckConstraint(
        "(state = 'replaced') = (replaced_by_id IS NOT NULL)", name="replaced_names_successor"
    ),
)

inspections = Table(
    "inspections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("poster_id", Integer, ForeignKey("posters.id"), nullable=False, index=True),
    Column("inspector_id", Integer, ForeignKey("accounts.id"), nullable=False, index=True),
    Column("inspected_at", UTCDateTime, nullable=False),
    Column("result", String(16), nullable=False),
    Column("note", Text, nullable=True),
    # What the inspector's camera or typing gave: proof of presence, and the tamper check.
    Column("scanned_code", String(200), nullable=True),
    CheckConstraint(_one_of("result", RESULTS), name="result"),
)

# Days between inspections, per venue type (a placement's next-due date follows it).
inspection_intervals = Table(
    "inspection_intervals",
    metadata,
    Column("venue_type", String(32), primary_key=True),
    Column("days", Integer, nullable=False),
    CheckConstraint("days BETWEEN 1 AND 3660", name="days"),
)

DEFAULT_INTERVAL_DAYS = {
    "public-toilet": 30,
    "shop": 90,
    "restaurant": 90,
    "transit-hub": 30,
    "hotel": 90,
    "workplace-staff-area": 90,
    "health-service": 90,
    "other": 90,
}

# Keys the site makes for itself on first use (the staff form-token key), kept here so
# every web worker signs and checks with the same one.
site_keys = Table(
    "site_keys",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", String(128), nullable=False),
)
