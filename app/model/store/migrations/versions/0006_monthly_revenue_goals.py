"""A revenue goal per calendar month (the default goal, for every other month, is a setting);
and two indexes that hold what the win rates read (a year's closes, and the temperatures of
each closed lead before it closed), so they are read from the index alone.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.model.store.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monthly_goal",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("amount", app.model.store.types.Money(precision=18, scale=4), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_monthly_goal_amount_positive")),
        sa.PrimaryKeyConstraint("month", name=op.f("pk_monthly_goal")),
    )

    _index("status_change", "ix_status_change_at", ["at", "to_status", "lead_id"])
    _index(
        "temperature_change",
        "ix_temperature_change_lead_at",
        ["lead_id", "at", "to_temperature", "from_temperature"],
    )


def _index(table: str, name: str, columns: list[str]) -> None:
    """`name` made again over `columns` (same name: every query that used it still does)."""
    with op.batch_alter_table(table) as batch_op:
        batch_op.drop_index(name)
        batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    _index("temperature_change", "ix_temperature_change_lead_at", ["lead_id", "at"])
    _index("status_change", "ix_status_change_at", ["at"])
    op.drop_table("monthly_goal")
