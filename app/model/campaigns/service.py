"""Campaigns: the marketing efforts a lead's source names; a promotional calendar is just
campaigns on a timeline. Their figures are in `app.model.campaigns.figures`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model.enums import CAMPAIGN_CHANNELS
from app.model.errors import NotFoundError, ValidationError
from app.model.store import conflicts
from app.model.store.entities import Campaign

_KNOWN_CHANNELS = {channel.lower(): channel for channel in CAMPAIGN_CHANNELS}


@dataclass(frozen=True)
class CampaignName:
    id: int
    name: str
    archived: bool = False


@dataclass(frozen=True)
class CampaignFields:
    name: str
    channel: str = "other"
    start_date: date | None = None
    end_date: date | None = None
    cost: Decimal = Decimal(0)
    notes: str = ""

    def cleaned(self) -> CampaignFields:
        name = " ".join(self.name.split())
        if not name:
            raise ValidationError("A campaign needs a name.")
        if len(name) > 200:
            raise ValidationError("A campaign's name must be at most 200 characters.")
        channel = " ".join(self.channel.split()) or "other"
        channel = _KNOWN_CHANNELS.get(channel.lower(), channel)  # "Email" is email; SEO stays
        if len(channel) > 50:
            raise ValidationError("A channel's name must be at most 50 characters.")
        try:
            cost = Decimal(self.cost)
        except (InvalidOperation, TypeError, ValueError):
            raise ValidationError(f"{self.cost!r} is not an amount of money.") from None
        if cost < 0 or not cost.is_finite():
            raise ValidationError("A campaign's cost cannot be negative.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError("A campaign cannot end before it starts.")
        return dataclasses.replace(
            self, name=name, channel=channel, cost=cost, notes=self.notes.strip()
        )


def channels(session: Session) -> list[str]:
    """The default channels and any others already used (the list is editable that way)."""
    used = set(session.scalars(select(Campaign.channel).distinct()))
    return list(CAMPAIGN_CHANNELS) + sorted(used - set(CAMPAIGN_CHANNELS))


def list_names(session: Session, *, include_archived: bool = False) -> list[CampaignName]:
    query = select(Campaign.id, Campaign.name, Campaign.archived).order_by(Campaign.name)
    if not include_archived:
        query = query.where(Campaign.archived.is_(False))
    return [CampaignName(row.id, row.name, row.archived) for row in session.execute(query)]


def _taken(session: Session, name: str, other_than: int | None) -> bool:
    query = select(Campaign.id).where(func.lower(Campaign.name) == name.lower())
    if other_than is not None:
        query = query.where(Campaign.id != other_than)
    return session.scalar(query) is not None


def create(session: Session, fields: CampaignFields) -> int:
    fields = fields.cleaned()
    if _taken(session, fields.name, None):
        raise ValidationError(f"There is already a campaign called {fields.name!r}.")
    campaign = Campaign(**dataclasses.asdict(fields), created_at=datetime.now(UTC))
    session.add(campaign)
    session.commit()
    return campaign.id


def update(
    session: Session,
    campaign_id: int,
    fields: CampaignFields,
    *,
    base: CampaignFields | None = None,
) -> None:
    """Save `fields`; `base` is what the user started from (ConflictError if someone else
    saved the campaign meanwhile)."""
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFoundError(f"There is no campaign number {campaign_id}.")
    if base is not None:
        conflicts.refuse_if_changed(campaign.name, base, fields_of(session, campaign_id))
    fields = fields.cleaned()
    if _taken(session, fields.name, campaign_id):
        raise ValidationError(f"There is already a campaign called {fields.name!r}.")
    for key, value in dataclasses.asdict(fields).items():
        setattr(campaign, key, value)
    conflicts.commit(session, "this campaign")


def fields_of(session: Session, campaign_id: int) -> CampaignFields:
    c = session.get(Campaign, campaign_id)
    if c is None:
        raise NotFoundError(f"There is no campaign number {campaign_id}.")
    return CampaignFields(c.name, c.channel, c.start_date, c.end_date, c.cost, c.notes)


def set_archived(session: Session, campaign_id: int, archived: bool = True) -> None:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFoundError(f"There is no campaign number {campaign_id}.")
    campaign.archived = archived
    session.commit()


@dataclass(frozen=True)
class CalendarEntry:
    name: str
    start: date
    end: date
    open_ended: bool = False  # no end date: it runs on (to `today`, on the calendar)


def calendar(session: Session, today: date | None = None) -> list[CalendarEntry]:
    """The promotional calendar: every dated, unarchived campaign; one without an end date
    runs to today (or is a day long, if it has not begun)."""
    day = today or date.today()
    rows = session.execute(
        select(Campaign.name, Campaign.start_date, Campaign.end_date)
        .where(Campaign.archived.is_(False), Campaign.start_date.is_not(None))
        .order_by(Campaign.start_date, Campaign.name)
    )
    return [
        CalendarEntry(r.name, r.start_date, r.end_date)
        if r.end_date
        else CalendarEntry(r.name, r.start_date, max(r.start_date, day), open_ended=True)
        for r in rows
    ]
