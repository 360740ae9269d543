"""A lead's last contact time, kept on the lead for the stale filter and sorting.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.model.store.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_contact_at", app.model.store.types.UTCDateTime(), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_lead_last_contact_at"), ["last_contact_at"])
    op.execute(
        "UPDATE lead SET last_contact_at = "
        "(SELECT max(t.at) FROM touchpoint t WHERE t.lead_id = lead.id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lead_last_contact_at"))
        batch_op.drop_column("last_contact_at")
