"""Creating leads, one or ten thousand, with the first rows of their history.

Every new lead goes through `create_many` (the one-lead `create` too): a lead row, its
temperature at creation as the first history row, and, when it arrives already won or lost
(an import), its status change and deal. Rows are written with batched inserts, so an import
of 10,000 leads takes seconds; they are plain SQL rows, not objects in the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.model.enums import LostReason, Status, Temperature
from app.model.errors import ValidationError
from app.model.leads import service as leads
from app.model.leads.closes import refresh_held
from app.model.leads.service import LeadFields, LeadInfo
from app.model.store.base import insert_rows, table_of
from app.model.store.entities import Deal, Lead, StatusChange, TemperatureChange, lead_tag


@dataclass(frozen=True)
class NewLead:
    fields: LeadFields
    temperature: Temperature = Temperature.COLD
    at: datetime | None = None
    person_id: int | None = None
    # Arriving already decided (imports): the status, when, and the deal or the reason.
    status: Status = Status.OPEN
    closed_at: datetime | None = None
    deal_value: Decimal | None = None
    lost_reason: LostReason | None = None
    note: str = ""


def create_many(session: Session, new: Sequence[NewLead]) -> list[int]:
    """Add the leads and their history rows (not committed); their ids, in order."""
    if not new:
        return []
    lead_rows: list[dict[str, Any]] = []
    cleaned: list[tuple[NewLead, LeadFields, datetime]] = []
    for item in new:
        fields = item.fields.cleaned()
        moment = leads.now_or(item.at)
        closed = item.closed_at or moment
        if item.status is not Status.OPEN and closed < moment:
            raise ValidationError(
                f"{fields.name} cannot be {item.status.value} before the lead was created."
            )
        cleaned.append((item, fields, moment))
        lead_rows.append(
            {
                "name": fields.name,
                "company": fields.company,
                "email": fields.email,
                "phone": fields.phone,
                "owner_id": fields.owner_id,
                "source_id": fields.source_id,
                "estimated_value": fields.estimated_value,
                "notes": fields.notes,
                "next_action": fields.next_action,
                "next_action_due": fields.next_action_due,
                "temperature": item.temperature.value,
                "status": item.status.value,
                "lost_reason": (item.lost_reason or LostReason.OTHER).value
                if item.status is Status.LOST
                else None,
                "created_at": moment,
                "warm_at": moment if item.temperature is not Temperature.COLD else None,
                "hot_at": moment if item.temperature is Temperature.HOT else None,
                "closed_at": None if item.status is Status.OPEN else closed,
                "archived": False,
            }
        )
    ids = insert_rows(session, table_of(Lead), lead_rows)
    temperatures, statuses, deals, tags = [], [], [], []
    arrive_closed: list[int] = []  # the leads that arrive won or lost
    for lead_id, (item, fields, moment) in zip(ids, cleaned, strict=True):
        temperatures.append(
            {
                "lead_id": lead_id,
                "at": moment,
                "from_temperature": None,
                "to_temperature": item.temperature.value,
                "person_id": item.person_id,
                "reason": "created",
            }
        )
        if item.status is not Status.OPEN:
            arrive_closed.append(lead_id)
            closed_at = item.closed_at or moment
            reason = (
                (item.lost_reason or LostReason.OTHER).value
                if (item.status is Status.LOST)
                else item.note
            )
            statuses.append(
                {
                    "lead_id": lead_id,
                    "at": closed_at,
                    "from_status": "open",
                    "to_status": item.status.value,
                    "person_id": item.person_id,
                    "reason": reason,
                }
            )
            if item.status is Status.WON:
                deals.append(
                    {
                        "lead_id": lead_id,
                        "value": item.deal_value or Decimal(0),
                        "won_at": closed_at,
                        "person_id": item.person_id,
                        "note": item.note,
                    }
                )
        for tag in leads.tags_named(session, fields.tags):
            tags.append((lead_id, tag))
    for model, rows in ((TemperatureChange, temperatures), (StatusChange, statuses), (Deal, deals)):
        if rows:
            session.execute(insert(table_of(model)), rows)
    if arrive_closed:
        refresh_held(session, arrive_closed)
    if tags:
        session.flush()  # new tags get their ids
        session.execute(
            insert(lead_tag), [{"lead_id": lead_id, "tag_id": tag.id} for lead_id, tag in tags]
        )
    return ids


def create(
    session: Session,
    fields: LeadFields,
    *,
    temperature: Temperature = Temperature.COLD,
    at: datetime | None = None,
    person_id: int | None = None,
) -> LeadInfo:
    """One new lead, committed."""
    (lead_id,) = create_many(session, [NewLead(fields, temperature, at, person_id)])
    leads.commit(session)
    return leads.info(leads.get(session, lead_id))
