"""Exporting leads and touchpoints to CSV, in the columns their importers read.

Export → import into an empty database gives the same export again. Times are written in
local time with their offset (exact across daylight-saving nights, and to the fraction of a
second when they have one); a won lead's `value` is the deal it was won with.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.model.io.csv_writer import moment_cell, money_cell, write_csv
from app.model.io.leads import LEAD_COLUMNS
from app.model.io.touchpoints import TOUCHPOINT_COLUMNS
from app.model.store.entities import Campaign, Deal, Lead, Person, Touchpoint


def _names(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    people = {p.id: p.name for p in session.scalars(select(Person))}
    campaigns = {c.id: c.name for c in session.scalars(select(Campaign))}
    return people, campaigns


def lead_rows(session: Session, *, include_archived: bool = False) -> Iterator[list[str]]:
    people, campaigns = _names(session)
    first_deal = {
        row.lead_id: row.value
        for row in session.execute(
            select(Deal.lead_id, Deal.value).order_by(
                Deal.lead_id.desc(), Deal.won_at.desc(), Deal.id.desc()
            )
        )
    }
    query = select(Lead).options(selectinload(Lead.tags)).order_by(Lead.id)
    if not include_archived:
        query = query.where(Lead.archived.is_(False))
    for lead in session.scalars(query.execution_options(yield_per=2000)):
        value = first_deal.get(lead.id) if lead.status == "won" else lead.estimated_value
        yield [
            lead.name,
            lead.company,
            lead.email,
            lead.phone,
            lead.temperature,
            lead.status,
            campaigns.get(lead.source_id, "") if lead.source_id else "",
            money_cell(value),
            people.get(lead.owner_id, "") if lead.owner_id else "",
            moment_cell(lead.created_at),
            moment_cell(lead.closed_at),
            lead.lost_reason or "",
            lead.next_action,
            lead.next_action_due.isoformat() if lead.next_action_due else "",
            ";".join(sorted((t.name for t in lead.tags), key=str.lower)),
            lead.notes,
        ]


def export_leads(session: Session, path: Path, *, include_archived: bool = False) -> int:
    return write_csv(path, LEAD_COLUMNS, lead_rows(session, include_archived=include_archived))


def touchpoint_rows(session: Session) -> Iterator[list[str]]:
    people, _campaigns = _names(session)
    leads = {
        row.id: (row.email or row.name)
        for row in session.execute(select(Lead.id, Lead.email, Lead.name))
    }
    query = select(Touchpoint).order_by(Touchpoint.at, Touchpoint.id)
    for t in session.scalars(query.execution_options(yield_per=5000)):
        yield [
            leads[t.lead_id],
            t.kind,
            t.side,
            moment_cell(t.at),
            people.get(t.person_id, "") if t.person_id else "",
            t.note,
            t.new_temperature or "",
        ]


def export_touchpoints(session: Session, path: Path) -> int:
    return write_csv(path, TOUCHPOINT_COLUMNS, touchpoint_rows(session))
