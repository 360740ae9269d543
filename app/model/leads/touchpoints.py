"""Touchpoints (each contact with a lead) and a lead's timeline.

Logging a touchpoint may set a new temperature in the same step: both are written in one
transaction, and the lead's last-contact time moves with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model.enums import TOUCHPOINT_KINDS, Side, Temperature
from app.model.errors import ValidationError
from app.model.leads import service as leads
from app.model.store.entities import Deal, Lead, Person, StatusChange, TemperatureChange, Touchpoint


def default_side(kind: str) -> Side:
    """The side a kind of contact is on unless the user says otherwise (unknown: sales)."""
    return TOUCHPOINT_KINDS.get(kind.strip().lower(), Side.SALES)


@dataclass(frozen=True)
class TouchpointInfo:
    id: int
    lead_id: int
    kind: str
    side: Side
    at: datetime
    note: str
    temperature_change_id: int | None


def stage_touchpoint(
    session: Session,
    lead: Lead,
    kind: str,
    *,
    side: Side | None = None,
    at: datetime | None = None,
    person_id: int | None = None,
    note: str = "",
    campaign_id: int | None = None,
    new_temperature: Temperature | None = None,
) -> tuple[Touchpoint, TemperatureChange | None]:
    kind = " ".join(kind.split()).lower()
    if not kind:
        raise ValidationError("A touchpoint needs a kind, such as call or email campaign.")
    if len(kind) > 50:
        raise ValidationError("A touchpoint's kind must be at most 50 characters.")
    moment = leads.now_or(at)
    if moment < lead.created_at:
        raise ValidationError(f"A contact with {lead.name} cannot be before the lead was created.")
    touchpoint = Touchpoint(
        lead_id=lead.id,
        kind=kind,
        side=(side or default_side(kind)).value,
        at=moment,
        person_id=person_id,
        campaign_id=campaign_id,
        note=note.strip(),
        new_temperature=new_temperature.value if new_temperature else None,
    )
    session.add(touchpoint)
    change = None
    if new_temperature is not None:
        change = leads.stage_temperature(
            session, lead, new_temperature, at=moment, person_id=person_id, reason=f"after {kind}"
        )
    if lead.last_contact_at is None or moment > lead.last_contact_at:
        lead.last_contact_at = moment
    session.flush()
    return touchpoint, change


def log_touchpoint(
    session: Session,
    lead_id: int,
    kind: str,
    *,
    side: Side | None = None,
    at: datetime | None = None,
    person_id: int | None = None,
    note: str = "",
    campaign_id: int | None = None,
    new_temperature: Temperature | None = None,
) -> TouchpointInfo:
    lead = leads.get(session, lead_id)
    touchpoint, change = stage_touchpoint(
        session,
        lead,
        kind,
        side=side,
        at=at,
        person_id=person_id,
        note=note,
        campaign_id=campaign_id,
        new_temperature=new_temperature,
    )
    session.commit()
    return TouchpointInfo(
        touchpoint.id,
        lead.id,
        touchpoint.kind,
        Side(touchpoint.side),
        touchpoint.at,
        touchpoint.note,
        change.id if change else None,
    )


def delete_touchpoint(
    session: Session, touchpoint_id: int, temperature_change_id: int | None = None
) -> None:
    """Remove a contact logged by mistake (undo) — with the temperature change it made, in the
    same transaction; the lead's last contact and temperature follow."""
    touchpoint = session.get(Touchpoint, touchpoint_id)
    if temperature_change_id is not None:
        leads.stage_undo_temperature(session, temperature_change_id)
    if touchpoint is not None:
        lead = leads.get(session, touchpoint.lead_id)
        session.delete(touchpoint)
        session.flush()
        lead.last_contact_at = session.scalar(
            select(func.max(Touchpoint.at)).where(Touchpoint.lead_id == lead.id)
        )
    session.commit()


@dataclass(frozen=True)
class TimelineItem:
    """One line of a lead's story, newest first on the detail panel."""

    at: datetime
    kind: str  # "touchpoint", "temperature", "status" or "deal"
    title: str
    detail: str
    person: str
    record_id: int


def timeline(session: Session, lead_id: int) -> list[TimelineItem]:
    names: dict[int, str] = {
        row.id: row.name for row in session.execute(select(Person.id, Person.name))
    }
    items: list[TimelineItem] = []
    for t in session.scalars(select(Touchpoint).where(Touchpoint.lead_id == lead_id)):
        items.append(
            TimelineItem(
                t.at,
                "touchpoint",
                f"{t.kind} ({t.side})",
                t.note,
                names.get(t.person_id, "") if t.person_id else "",
                t.id,
            )
        )
    for c in session.scalars(select(TemperatureChange).where(TemperatureChange.lead_id == lead_id)):
        title = (
            f"created {c.to_temperature}"
            if c.from_temperature is None
            else f"{c.from_temperature} → {c.to_temperature}"
        )
        items.append(
            TimelineItem(
                c.at,
                "temperature",
                title,
                c.reason,
                names.get(c.person_id, "") if c.person_id else "",
                c.id,
            )
        )
    for s in session.scalars(select(StatusChange).where(StatusChange.lead_id == lead_id)):
        items.append(
            TimelineItem(
                s.at,
                "status",
                f"{s.from_status} → {s.to_status}",
                s.reason,
                names.get(s.person_id, "") if s.person_id else "",
                s.id,
            )
        )
    for d in session.scalars(select(Deal).where(Deal.lead_id == lead_id)):
        items.append(
            TimelineItem(
                d.won_at,
                "deal",
                f"deal {d.value:,.2f}",
                d.note,
                names.get(d.person_id, "") if d.person_id else "",
                d.id,
            )
        )
    order = {"temperature": 0, "touchpoint": 1, "status": 2, "deal": 3}
    items.sort(key=lambda i: (i.at, order[i.kind], i.record_id), reverse=True)
    return items
