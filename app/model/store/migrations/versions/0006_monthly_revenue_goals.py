"""A revenue goal per calendar month (the default goal, for every other month, is a setting).

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


def downgrade() -> None:
    op.drop_table("monthly_goal")
