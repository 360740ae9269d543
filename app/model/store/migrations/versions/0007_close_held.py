"""Each close (won, lost) keeps the temperatures its lead had been at before it, as bits
(cold 1, warm 2, hot 4), filled here from the temperature history the way
app.model.leads.closes keeps it; the closes' index carries them, so the win rates read a
year's closes from the index alone. The deals' index by date carries their value, so a
period's revenue is summed from it alone.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_BITS = " + ".join(
    f"max(CASE WHEN t.to_temperature = '{temperature}' THEN {bit} ELSE 0 END)"
    for temperature, bit in (("cold", 1), ("warm", 2), ("hot", 4))
)


def upgrade() -> None:
    with op.batch_alter_table("status_change") as batch_op:
        batch_op.add_column(sa.Column("held", sa.Integer(), nullable=True))
    op.execute(
        f"UPDATE status_change SET held = (SELECT 0 + {_BITS} FROM temperature_change t "
        "WHERE t.lead_id = status_change.lead_id "
        "AND (t.at < status_change.at OR t.from_temperature IS NULL)) "
        "WHERE to_status IN ('won', 'lost')"
    )
    _index("status_change", "ix_status_change_at", ["at", "to_status", "lead_id", "held"])
    _index("deal", "ix_deal_won_at", ["won_at", "value"])


def _index(table: str, name: str, columns: list[str]) -> None:
    """`name` made again over `columns` (same name: every query that used it still does)."""
    with op.batch_alter_table(table) as batch_op:
        batch_op.drop_index(name)
        batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    _index("deal", "ix_deal_won_at", ["won_at"])
    _index("status_change", "ix_status_change_at", ["at", "to_status", "lead_id"])
    with op.batch_alter_table("status_change") as batch_op:
        batch_op.drop_column("held")
