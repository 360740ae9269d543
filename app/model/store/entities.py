"""Every entity of PRODUCT.md as a typed SQLAlchemy model.

Times are `UTCDateTime` (aware UTC in Python), money is `Money` (exact `Decimal`). A lead keeps
its current temperature and status on its own row for fast filtering, and the full story in
`temperature_change` and `status_change`; services change both in one transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from app.model.enums import LostReason, Side, Status, Temperature, sql_in
from app.model.store.base import Base
from app.model.store.types import Money, UTCDateTime

_SIDE_CHECK = f"side IN ({sql_in(Side)})"


def _temperature_check(column: str) -> str:
    return f"{column} IN ({sql_in(Temperature)})"


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),)


class Category(Base):
    """A finer label inside a side; the list is editable, PRODUCT.md's are the defaults."""

    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    side: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    archived: Mapped[bool] = mapped_column(default=False, server_default=false())

    __table_args__ = (
        UniqueConstraint("side", "name"),
        CheckConstraint(_SIDE_CHECK, name="side"),
    )


class Campaign(Base):
    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Written by every change and checked by it (migration 0005): no lost updates.
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    __mapper_args__ = {"version_id_col": version}
    name: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(50), default="other")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    cost: Mapped[Decimal] = mapped_column(Money, default=Decimal(0), server_default=text("0"))
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    archived: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"
        ),
    )


lead_tag = Table(
    "lead_tag",
    Base.metadata,
    Column("lead_id", ForeignKey("lead.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(Base):
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Lead(Base):
    __tablename__ = "lead"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Written by every change and checked by it (migration 0005): no lost updates.
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    __mapper_args__ = {"version_id_col": version}
    name: Mapped[str] = mapped_column(String(500))
    company: Mapped[str] = mapped_column(String(500), default="", server_default="")
    email: Mapped[str] = mapped_column(String(320), default="", server_default="", index=True)
    phone: Mapped[str] = mapped_column(String(100), default="", server_default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id"), index=True)
    estimated_value: Mapped[Decimal | None] = mapped_column(Money)
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    next_action: Mapped[str] = mapped_column(String(500), default="", server_default="")
    next_action_due: Mapped[date | None] = mapped_column(Date, index=True)
    temperature: Mapped[str] = mapped_column(String(10), default=Temperature.COLD.value)
    status: Mapped[str] = mapped_column(String(10), default=Status.OPEN.value)
    lost_reason: Mapped[str | None] = mapped_column(String(50))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    archived: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The time of the newest touchpoint, kept by app.model.leads.touchpoints: "stale" and the
    # "last contact" column filter and sort on it without visiting every touchpoint.
    last_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # When the lead first reached warm (or hotter) and hot, kept with its history: the
    # funnel and campaign figures ask "reached by then?" without reading every change.
    warm_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hot_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    owner: Mapped[Person | None] = relationship()
    source: Mapped[Campaign | None] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary=lead_tag)
    # Write-only: adding a row never loads the whole history (imports add thousands).
    temperature_changes: WriteOnlyMapped[TemperatureChange] = relationship(
        passive_deletes=True, order_by="TemperatureChange.at"
    )
    status_changes: WriteOnlyMapped[StatusChange] = relationship(
        passive_deletes=True, order_by="StatusChange.at"
    )
    deals: WriteOnlyMapped[Deal] = relationship(passive_deletes=True, order_by="Deal.won_at")

    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint(_temperature_check("temperature"), name="temperature"),
        CheckConstraint(f"status IN ({sql_in(Status)})", name="status"),
        CheckConstraint(
            f"lost_reason IS NULL OR lost_reason IN ({sql_in(LostReason)})", name="lost_reason"
        ),
        Index("ix_lead_status_temperature", "status", "temperature"),
        # Covers what the campaign figures count per source, so they never visit the rows.
        Index(
            "ix_lead_source_figures",
            "source_id",
            "created_at",
            "warm_at",
            "hot_at",
            "status",
            "closed_at",
            "lost_reason",
        ),
    )


class TemperatureChange(Base):
    """One step in a lead's temperature history; the first row is its temperature at creation."""

    __tablename__ = "temperature_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("lead.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    from_temperature: Mapped[str | None] = mapped_column(String(10))
    to_temperature: Mapped[str] = mapped_column(String(10))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (
        CheckConstraint(
            f"from_temperature IS NULL OR {_temperature_check('from_temperature')}",
            name="from_temperature",
        ),
        CheckConstraint(_temperature_check("to_temperature"), name="to_temperature"),
        # With the temperatures: the win rates read a closed lead's history from the index
        # alone (migration 0006).
        Index(
            "ix_temperature_change_lead_at", "lead_id", "at", "to_temperature", "from_temperature"
        ),
        Index("ix_temperature_change_at", "at"),
    )


class StatusChange(Base):
    """open → won / lost (and back, when a lead is reopened), with when, who and why."""

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("lead.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    from_status: Mapped[str | None] = mapped_column(String(10))
    to_status: Mapped[str] = mapped_column(String(10))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # A close's (won, lost) temperatures before it, as bits (cold 1, warm 2, hot 4); NULL on a
    # reopening. Kept by app.model.leads.closes for the win rates (migration 0007).
    held: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint(f"to_status IN ({sql_in(Status)})", name="to_status"),
        Index("ix_status_change_lead_at", "lead_id", "at"),
        # With the status, lead and what the close held: the closes of a year for the win
        # rates, from the index alone (migrations 0006, 0007).
        Index("ix_status_change_at", "at", "to_status", "lead_id", "held"),
    )


class Deal(Base):
    """Money won from a lead. A customer can bring repeat business: several deals."""

    __tablename__ = "deal"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("lead.id", ondelete="CASCADE"), index=True)
    value: Mapped[Decimal] = mapped_column(Money)
    won_at: Mapped[datetime] = mapped_column(UTCDateTime)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (
        CheckConstraint("value >= 0", name="value_not_negative"),
        # With the value: a period's revenue (the pacing, the average deal, the weeks'
        # revenue) is summed from the index alone (migration 0007).
        Index("ix_deal_won_at", "won_at", "value"),
    )


class Touchpoint(Base):
    __tablename__ = "touchpoint"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("lead.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(50))
    side: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The temperature this contact set, if it set one (the change itself is in the history).
    new_temperature: Mapped[str | None] = mapped_column(String(10))

    __table_args__ = (
        CheckConstraint(_SIDE_CHECK, name="side"),
        CheckConstraint(
            f"new_temperature IS NULL OR {_temperature_check('new_temperature')}",
            name="new_temperature",
        ),
        Index("ix_touchpoint_lead_at", "lead_id", "at"),
        Index("ix_touchpoint_at", "at"),
    )


class TimeEntry(Base):
    """Hours on one side. `end` is empty while the timer runs; one running entry per person."""

    __tablename__ = "time_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Written by every change and checked by it (migration 0005): no lost updates.
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    __mapper_args__ = {"version_id_col": version}
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    side: Mapped[str] = mapped_column(String(20))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("lead.id", ondelete="SET NULL"))
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True
    )

    __table_args__ = (
        CheckConstraint(_SIDE_CHECK, name="side"),
        CheckConstraint('"end" IS NULL OR "end" > start', name="end_after_start"),
        Index("ix_time_entry_person_start", "person_id", "start"),
        Index(
            "uq_time_entry_one_running_per_person",
            "person_id",
            unique=True,
            sqlite_where=text('"end" IS NULL'),
            postgresql_where=text('"end" IS NULL'),
        ),
    )


class Setting(Base):
    """One row per setting; `app.model.store.settings.Settings` is the typed view with defaults."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class WeeklyTarget(Base):
    """A per-week override of the target split and hours; person empty means everyone."""

    __tablename__ = "weekly_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    week: Mapped[str] = mapped_column(String(8))  # ISO week name, "2026-W47"
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    marketing_share: Mapped[float] = mapped_column(Float)
    hours: Mapped[float] = mapped_column(Float)

    __table_args__ = (
        UniqueConstraint("week", "person_id"),
        CheckConstraint("marketing_share >= 0 AND marketing_share <= 1", name="share_range"),
        CheckConstraint("hours >= 0", name="hours_not_negative"),
    )


class MonthlyGoal(Base):
    """A calendar month's own revenue goal (the default goal is a setting)."""

    __tablename__ = "monthly_goal"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-11"
    amount: Mapped[Decimal] = mapped_column(Money)

    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)
