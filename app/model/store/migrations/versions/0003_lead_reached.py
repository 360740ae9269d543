"""When each lead first reached warm and hot, filled from the temperature history.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.model.store.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("warm_at", app.model.store.types.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("hot_at", app.model.store.types.UTCDateTime(), nullable=True))
    op.execute(
        "UPDATE lead SET "
        "warm_at = (SELECT min(t.at) FROM temperature_change t WHERE t.lead_id = lead.id "
        "AND t.to_temperature IN ('warm', 'hot')), "
        "hot_at = (SELECT min(t.at) FROM temperature_change t WHERE t.lead_id = lead.id "
        "AND t.to_temperature = 'hot')"
    )


def downgrade() -> None:
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.drop_column("hot_at")
        batch_op.drop_column("warm_at")
