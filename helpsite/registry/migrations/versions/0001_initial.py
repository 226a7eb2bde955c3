"""Venues, placements, posters, accounts, inspections and inspection intervals.

A copy of the schema as it was, not an import of it: later edits of schema.py must come
with a new migration, and the test comparing database and models says when one is missing.

Revision ID: 0001
Revises:
Create Date: 2026-12-01 08:58:39.677226
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("area", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failed_sign_ins", sa.Integer(), nullable=False),
        sa.Column("next_sign_in_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("role IN ('manager', 'inspector')", name=op.f("ck_accounts_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("name", name=op.f("uq_accounts_name")),
    )
    op.create_table(
        "inspection_intervals",
        sa.Column("venue_type", sa.String(length=32), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.CheckConstraint("days BETWEEN 1 AND 3660", name=op.f("ck_inspection_intervals_days")),
        sa.PrimaryKeyConstraint("venue_type", name=op.f("pk_inspection_intervals")),
    )
    op.create_table(
        "venues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "type IN ('public-toilet', 'shop', 'restaurant', 'transit-hub', 'hotel',"
            " 'workplace-staff-area', 'health-service', 'other')",
            name=op.f("ck_venues_type"),
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"], ["accounts.id"], name=op.f("fk_venues_manager_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_venues")),
    )
    with op.batch_alter_table("venues", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_venues_manager_id"), ["manager_id"], unique=False)

    op.create_table(
        "placements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["venue_id"], ["venues.id"], name=op.f("fk_placements_venue_id_venues")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placements")),
        sa.UniqueConstraint("venue_id", "description", name=op.f("uq_placements_venue_id")),
    )
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_placements_venue_id"), ["venue_id"], unique=False)

    op.create_table(
        "posters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("location_code", sa.String(length=10), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("languages", sa.String(length=200), nullable=False),
        sa.Column("content_digest", sa.String(length=128), nullable=False),
        sa.Column("printed_data", sa.JSON(), nullable=False),
        sa.Column("printed_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("replaced_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(state = 'replaced') = (replaced_by_id IS NOT NULL)",
            name=op.f("ck_posters_replaced_names_successor"),
        ),
        sa.CheckConstraint(
            "state IN ('active', 'removed', 'replaced')", name=op.f("ck_posters_state")
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placements.id"], name=op.f("fk_posters_placement_id_placements")
        ),
        sa.ForeignKeyConstraint(
            ["replaced_by_id"], ["posters.id"], name=op.f("fk_posters_replaced_by_id_posters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posters")),
        sa.UniqueConstraint("location_code", name=op.f("uq_posters_location_code")),
    )
    with op.batch_alter_table("posters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_posters_placement_id"), ["placement_id"], unique=False)

    op.create_table(
        "inspections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("poster_id", sa.Integer(), nullable=False),
        sa.Column("inspector_id", sa.Integer(), nullable=False),
        sa.Column("inspected_at", sa.DateTime(), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("scanned_code", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "result IN ('present', 'damaged', 'obscured', 'missing', 'wrong-place',"
            " 'tampered', 'outdated')",
            name=op.f("ck_inspections_result"),
        ),
        sa.ForeignKeyConstraint(
            ["inspector_id"], ["accounts.id"], name=op.f("fk_inspections_inspector_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["poster_id"], ["posters.id"], name=op.f("fk_inspections_poster_id_posters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspections")),
    )
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inspections_inspector_id"), ["inspector_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_inspections_poster_id"), ["poster_id"], unique=False)

    intervals = sa.table("inspection_intervals", sa.column("venue_type"), sa.column("days"))
    op.bulk_insert(
        intervals,
        [
            {"venue_type": "public-toilet", "days": 30},
            {"venue_type": "shop", "days": 90},
            {"venue_type": "restaurant", "days": 90},
            {"venue_type": "transit-hub", "days": 30},
            {"venue_type": "hotel", "days": 90},
            {"venue_type": "workplace-staff-area", "days": 90},
            {"venue_type": "health-service", "days": 90},
            {"venue_type": "other", "days": 90},
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspections_poster_id"))
        batch_op.drop_index(batch_op.f("ix_inspections_inspector_id"))

    op.drop_table("inspections")
    with op.batch_alter_table("posters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_posters_placement_id"))

    op.drop_table("posters")
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_placements_venue_id"))

    op.drop_table("placements")
    with op.batch_alter_table("venues", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_venues_manager_id"))

    op.drop_table("venues")
    op.drop_table("inspection_intervals")
    op.drop_table("accounts")
