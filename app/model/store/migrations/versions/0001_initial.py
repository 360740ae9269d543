"""Initial schema: every entity of PRODUCT.md, and the default categories.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 18:22:40.847372
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.model.store.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

DEFAULT_CATEGORIES = {
    "marketing": (
        "content",
        "social media",
        "email campaign",
        "ads",
        "website/SEO",
        "events",
        "networking",
        "market research",
    ),
    "sales": (
        "prospecting calls",
        "follow-ups",
        "meetings",
        "demos",
        "proposals",
        "negotiation",
        "customer care",
    ),
}


def upgrade() -> None:
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=50), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column(
            "cost",
            app.model.store.types.Money(precision=18, scale=4),
            server_default=sa.text("0"),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", app.model.store.types.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_campaign_dates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
        sa.UniqueConstraint("name", name=op.f("uq_campaign_name")),
    )
    op.create_table(
        "category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("side IN ('marketing', 'sales')", name=op.f("ck_category_side")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category")),
        sa.UniqueConstraint("side", "name", name=op.f("uq_category_side_name")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", app.model.store.types.UTCDateTime(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_person_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("name", name=op.f("uq_person_name")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("name", name=op.f("uq_tag_name")),
    )
    op.create_table(
        "lead",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("company", sa.String(length=500), server_default="", nullable=False),
        sa.Column("email", sa.String(length=320), server_default="", nullable=False),
        sa.Column("phone", sa.String(length=100), server_default="", nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column(
            "estimated_value", app.model.store.types.Money(precision=18, scale=4), nullable=True
        ),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("next_action", sa.String(length=500), server_default="", nullable=False),
        sa.Column("next_action_due", sa.Date(), nullable=True),
        sa.Column("temperature", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("lost_reason", sa.String(length=50), nullable=True),
        sa.Column("created_at", app.model.store.types.UTCDateTime(), nullable=False),
        sa.Column("closed_at", app.model.store.types.UTCDateTime(), nullable=True),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "lost_reason IS NULL OR lost_reason IN ('no budget', 'not a fit', 'no interest', 'chose a competitor', 'no response', 'other')",
            name=op.f("ck_lead_lost_reason"),
        ),
        sa.CheckConstraint("status IN ('open', 'won', 'lost')", name=op.f("ck_lead_status")),
        sa.CheckConstraint(
            "temperature IN ('cold', 'warm', 'hot')", name=op.f("ck_lead_temperature")
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_lead_name_not_blank")),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], name=op.f("fk_lead_owner_id_person")),
        sa.ForeignKeyConstraint(
            ["source_id"], ["campaign.id"], name=op.f("fk_lead_source_id_campaign")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead")),
    )
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_closed_at"), ["closed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_email"), ["email"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_lead_next_action_due"), ["next_action_due"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_lead_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_source_id"), ["source_id"], unique=False)
        batch_op.create_index("ix_lead_status_temperature", ["status", "temperature"], unique=False)

    op.create_table(
        "weekly_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("marketing_share", sa.Float(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.CheckConstraint("hours >= 0", name=op.f("ck_weekly_target_hours_not_negative")),
        sa.CheckConstraint(
            "marketing_share >= 0 AND marketing_share <= 1",
            name=op.f("ck_weekly_target_share_range"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_weekly_target_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weekly_target")),
        sa.UniqueConstraint("week", "person_id", name=op.f("uq_weekly_target_week_person_id")),
    )
    op.create_table(
        "deal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("value", app.model.store.types.Money(precision=18, scale=4), nullable=False),
        sa.Column("won_at", app.model.store.types.UTCDateTime(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint("value >= 0", name=op.f("ck_deal_value_not_negative")),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["lead.id"], name=op.f("fk_deal_lead_id_lead"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_deal_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal")),
    )
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_lead_id"), ["lead_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_won_at"), ["won_at"], unique=False)

    op.create_table(
        "lead_tag",
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["lead.id"], name=op.f("fk_lead_tag_lead_id_lead"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_lead_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("lead_id", "tag_id", name=op.f("pk_lead_tag")),
    )
    with op.batch_alter_table("lead_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_tag_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("at", app.model.store.types.UTCDateTime(), nullable=False),
        sa.Column("from_status", sa.String(length=10), nullable=True),
        sa.Column("to_status", sa.String(length=10), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint(
            "to_status IN ('open', 'won', 'lost')", name=op.f("ck_status_change_to_status")
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["lead.id"], name=op.f("fk_status_change_lead_id_lead"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_status_change_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_change")),
    )
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.create_index("ix_status_change_at", ["at"], unique=False)
        batch_op.create_index("ix_status_change_lead_at", ["lead_id", "at"], unique=False)

    op.create_table(
        "temperature_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("at", app.model.store.types.UTCDateTime(), nullable=False),
        sa.Column("from_temperature", sa.String(length=10), nullable=True),
        sa.Column("to_temperature", sa.String(length=10), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint(
            "from_temperature IS NULL OR from_temperature IN ('cold', 'warm', 'hot')",
            name=op.f("ck_temperature_change_from_temperature"),
        ),
        sa.CheckConstraint(
            "to_temperature IN ('cold', 'warm', 'hot')",
            name=op.f("ck_temperature_change_to_temperature"),
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["lead.id"],
            name=op.f("fk_temperature_change_lead_id_lead"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_temperature_change_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_temperature_change")),
    )
    with op.batch_alter_table("temperature_change", schema=None) as batch_op:
        batch_op.create_index("ix_temperature_change_at", ["at"], unique=False)
        batch_op.create_index("ix_temperature_change_lead_at", ["lead_id", "at"], unique=False)

    op.create_table(
        "time_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=20), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("start", app.model.store.types.UTCDateTime(), nullable=False),
        sa.Column("end", app.model.store.types.UTCDateTime(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("side IN ('marketing', 'sales')", name=op.f("ck_time_entry_side")),
        sa.CheckConstraint(
            '"end" IS NULL OR "end" > start', name=op.f("ck_time_entry_end_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_time_entry_campaign_id_campaign"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"], ["category.id"], name=op.f("fk_time_entry_category_id_category")
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["lead.id"], name=op.f("fk_time_entry_lead_id_lead"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_time_entry_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_entry")),
    )
    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_time_entry_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index("ix_time_entry_person_start", ["person_id", "start"], unique=False)
        batch_op.create_index(batch_op.f("ix_time_entry_start"), ["start"], unique=False)
        batch_op.create_index(
            "uq_time_entry_one_running_per_person",
            ["person_id"],
            unique=True,
            sqlite_where=sa.text('"end" IS NULL'),
            postgresql_where=sa.text('"end" IS NULL'),
        )

    op.create_table(
        "touchpoint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("side", sa.String(length=20), nullable=False),
        sa.Column("at", app.model.store.types.UTCDateTime(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("new_temperature", sa.String(length=10), nullable=True),
        sa.CheckConstraint(
            "new_temperature IS NULL OR new_temperature IN ('cold', 'warm', 'hot')",
            name=op.f("ck_touchpoint_new_temperature"),
        ),
        sa.CheckConstraint("side IN ('marketing', 'sales')", name=op.f("ck_touchpoint_side")),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_touchpoint_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["lead.id"], name=op.f("fk_touchpoint_lead_id_lead"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_touchpoint_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_touchpoint")),
    )
    with op.batch_alter_table("touchpoint", schema=None) as batch_op:
        batch_op.create_index("ix_touchpoint_at", ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_touchpoint_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index("ix_touchpoint_lead_at", ["lead_id", "at"], unique=False)

    # The default categories of PRODUCT.md (a frozen copy: migrations never import app code
    # that may change later).
    category = sa.table(
        "category",
        sa.column("side", sa.String),
        sa.column("name", sa.String),
        sa.column("position", sa.Integer),
    )
    op.bulk_insert(
        category,
        [
            {"side": side, "name": name, "position": position}
            for side, names in DEFAULT_CATEGORIES.items()
            for position, name in enumerate(names)
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("touchpoint", schema=None) as batch_op:
        batch_op.drop_index("ix_touchpoint_lead_at")
        batch_op.drop_index(batch_op.f("ix_touchpoint_campaign_id"))
        batch_op.drop_index("ix_touchpoint_at")

    op.drop_table("touchpoint")
    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_time_entry_one_running_per_person",
            sqlite_where=sa.text('"end" IS NULL'),
            postgresql_where=sa.text('"end" IS NULL'),
        )
        batch_op.drop_index(batch_op.f("ix_time_entry_start"))
        batch_op.drop_index("ix_time_entry_person_start")
        batch_op.drop_index(batch_op.f("ix_time_entry_campaign_id"))

    op.drop_table("time_entry")
    with op.batch_alter_table("temperature_change", schema=None) as batch_op:
        batch_op.drop_index("ix_temperature_change_lead_at")
        batch_op.drop_index("ix_temperature_change_at")

    op.drop_table("temperature_change")
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.drop_index("ix_status_change_lead_at")
        batch_op.drop_index("ix_status_change_at")

    op.drop_table("status_change")
    with op.batch_alter_table("lead_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lead_tag_tag_id"))

    op.drop_table("lead_tag")
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_won_at"))
        batch_op.drop_index(batch_op.f("ix_deal_lead_id"))

    op.drop_table("deal")
    op.drop_table("weekly_target")
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.drop_index("ix_lead_status_temperature")
        batch_op.drop_index(batch_op.f("ix_lead_source_id"))
        batch_op.drop_index(batch_op.f("ix_lead_owner_id"))
        batch_op.drop_index(batch_op.f("ix_lead_next_action_due"))
        batch_op.drop_index(batch_op.f("ix_lead_email"))
        batch_op.drop_index(batch_op.f("ix_lead_created_at"))
        batch_op.drop_index(batch_op.f("ix_lead_closed_at"))

    op.drop_table("lead")
    op.drop_table("tag")
    op.drop_table("setting")
    op.drop_table("person")
    op.drop_table("category")
    op.drop_table("campaign")
