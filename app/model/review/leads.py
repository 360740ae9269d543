"""The leads part of the weekly review, following PRODUCT.md's rules for a week [S, E).

A lead's state at a moment comes from its history (`temperature_change`, `status_change`).
Reading the whole history for years of leads is slow, so only the leads changed after the
moment are read from history; every other lead is as its own row says (the row keeps the
latest state, and nothing has changed it since).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from app.model.enums import NO_SOURCE, TEMPERATURES, LostReason
from app.model.leads.queries import Clock, is_due, went_stale
from app.model.review.types import DealLine, LeadLine, LeadsSection
from app.model.store.entities import (
    Campaign,
    Deal,
    Lead,
    StatusChange,
    TemperatureChange,
    Touchpoint,
)

_CHUNK = 500
_RANK = {t: n for n, t in enumerate(TEMPERATURES)}


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    items = sorted(ids)
    for first in range(0, len(items), _CHUNK):
        yield items[first : first + _CHUNK]


def _owned(query: Any, owner_id: int | None) -> Any:
    return query if owner_id is None else query.where(Lead.owner_id == owner_id)


@dataclass(frozen=True)
class OpenLeads:
    """The leads open at a moment, read in one pass: each one's temperature then, its
    estimated value when set and above 0 (the pipeline's), and the warm and hot ones as lines
    (their last contact as their row says it, before `lead_lines` looks at touchpoints)."""

    temperatures: dict[int, str]
    values: dict[int, Decimal]
    lines: dict[int, LeadLine]


_LINE_COLUMNS = (
    Lead.estimated_value,
    Lead.name,
    Lead.company,
    Lead.last_contact_at,
    Lead.next_action,
    Lead.next_action_due,
    Lead.created_at,
)


def open_at(session: Session, moment: datetime, owner_id: int | None = None) -> OpenLeads:
    """The leads open at `moment` (created at or before it, not won or lost at or before it),
    each with its temperature then."""
    changed: set[int] = set()
    for table in (TemperatureChange, StatusChange):
        # No DISTINCT: with it SQLite walks the whole (lead_id, at) index instead of the
        # few rows after `moment` in the `at` index; the set removes the repeats.
        changed.update(session.scalars(select(table.lead_id).where(table.at > moment)))
    found = OpenLeads({}, {}, {})

    def add(lead_id: int, temperature: str, row: Any) -> None:
        value, name, company, last, action, due, created = row
        found.temperatures[lead_id] = temperature
        if value is not None and value > 0:
            found.values[lead_id] = value
        if temperature != "cold":
            found.lines[lead_id] = LeadLine(
                lead_id, name, company, temperature, last, action, due, created
            )

    untouched = _owned(
        select(Lead.id, Lead.temperature, *_LINE_COLUMNS).where(
            Lead.status == "open", Lead.created_at <= moment
        ),
        owner_id,
    )
    for lead_id, temperature, *row in session.execute(untouched):
        if lead_id not in changed:
            add(lead_id, temperature, row)
    for chunk in _chunks(changed):
        created = _owned(
            select(Lead.id, *_LINE_COLUMNS).where(Lead.id.in_(chunk), Lead.created_at <= moment),
            owner_id,
        )
        row_of = {lead_id: row for lead_id, *row in session.execute(created)}
        wanted = set(row_of)
        if not wanted:
            continue
        status = _last(session, StatusChange, StatusChange.to_status, wanted, moment)
        temperature = _last(
            session, TemperatureChange, TemperatureChange.to_temperature, wanted, moment
        )
        for lead_id in wanted:
            if status.get(lead_id, "open") == "open" and lead_id in temperature:
                add(lead_id, temperature[lead_id], row_of[lead_id])
    return found


def _last(
    session: Session, table: Any, column: Any, ids: set[int], moment: datetime
) -> dict[int, str]:
    """Each lead's last value in a history table at or before `moment`."""
    rows = session.execute(
        select(table.lead_id, column)
        .where(table.lead_id.in_(ids), table.at <= moment)
        .order_by(table.lead_id, table.at, table.id)
    )
    return {lead_id: value for lead_id, value in rows}  # the last row of each lead wins


def lead_lines(session: Session, lines: dict[int, LeadLine], moment: datetime) -> list[LeadLine]:
    """The lines (`OpenLeads.lines`) with their last touchpoint at or before `moment`,
    longest untouched first (never contacted before everyone)."""
    found = dict(lines)
    # Touched since: the touchpoints say when, before.
    later = [
        i for i, ln in lines.items() if ln.last_contact is not None and ln.last_contact > moment
    ]
    for chunk in _chunks(later):
        before: dict[int, datetime] = {
            lead_id: at
            for lead_id, at in session.execute(
                select(Touchpoint.lead_id, func.max(Touchpoint.at))
                .where(Touchpoint.lead_id.in_(chunk), Touchpoint.at <= moment)
                .group_by(Touchpoint.lead_id)
            )
        }
        for lead_id in chunk:
            found[lead_id] = found[lead_id]._replace(last_contact=before.get(lead_id))
    ordered = list(found.values())
    ordered.sort(key=lambda line: (line.last_contact is not None, line.last_contact, line.id))
    return ordered


def _between(column: Any, start: datetime, end: datetime) -> list[Any]:
    return [column >= start, column < end]


def leads_section(
    session: Session,
    *,
    start: datetime,
    end: datetime,
    now: datetime,
    next_week: tuple[date, date],
    stale_days: int,
    owner_id: int | None = None,
    open_leads: OpenLeads | None = None,
) -> LeadsSection:
    """`next_week` is the local dates [first, last] whose follow-ups are due; `open_leads`
    is `open_at` the week's end for the owner, when the caller has it already."""
    moment = min(now, end)  # the week's end, or now while the week is still going
    new_by_source = _new_by_source(session, start, end, owner_id)
    if open_leads is None:
        open_leads = open_at(session, moment, owner_id)
    temperatures = open_leads.temperatures
    lines = lead_lines(session, open_leads.lines, moment)
    stale_before = Clock(now=moment, today=moment.date(), stale_days=stale_days).stale_before
    warmed, heated, cooled = _moves(session, start, end, owner_id)
    won, reasons = _closed(session, start, end, owner_id)
    deals = _deals(session, start, end, owner_id)
    today = min(now.astimezone().date(), next_week[0] - timedelta(days=1))
    # Due now (by `today`) and next week's follow-ups, read in one pass: today is before
    # next week, so the two are the start and the end of the same list.
    due = _due(session, is_due(next_week[1]), owner_id)
    return LeadsSection(
        new=sum(c for _n, c in new_by_source),
        new_by_source=new_by_source,
        by_temperature=tuple(
            (t, sum(1 for v in temperatures.values() if v == t)) for t in TEMPERATURES
        ),
        warmed=warmed,
        heated=heated,
        cooled=cooled,
        won=won,
        revenue=sum((d.value for d in deals), Decimal(0)),
        deals=deals,
        lost=sum(c for _r, c in reasons),
        lost_reasons=reasons,
        hot=tuple(ln for ln in lines if ln.temperature == "hot"),
        stale=tuple(
            ln
            for ln in lines
            if ln.created_at is not None
            and went_stale(ln.created_at, ln.last_contact, stale_before)
        ),
        follow_ups=tuple(ln for ln in due if ln.due is not None and ln.due >= next_week[0]),
        due_now=tuple(ln for ln in due if ln.due is not None and ln.due <= today),
    )


def _new_by_source(
    session: Session, start: datetime, end: datetime, owner_id: int | None
) -> tuple[tuple[str, int], ...]:
    rows = session.execute(
        _owned(
            select(func.coalesce(Campaign.name, NO_SOURCE), func.count(Lead.id))
            .select_from(Lead)
            .outerjoin(Campaign, Campaign.id == Lead.source_id)
            .where(*_between(Lead.created_at, start, end))
            .group_by(Campaign.name),
            owner_id,
        )
    )
    return tuple(sorted(((n, int(c)) for n, c in rows), key=lambda r: (-r[1], r[0])))


def _moves(
    session: Session, start: datetime, end: datetime, owner_id: int | None
) -> tuple[int, int, int]:
    """Temperature moves in the week: (to warm from cold, to hot, to a colder temperature)."""
    rows = session.execute(
        _owned(
            select(
                TemperatureChange.from_temperature,
                TemperatureChange.to_temperature,
                func.count(),
            )
            .join(Lead, Lead.id == TemperatureChange.lead_id)
            .where(
                *_between(TemperatureChange.at, start, end),
                TemperatureChange.from_temperature.is_not(None),
            )
            .group_by(TemperatureChange.from_temperature, TemperatureChange.to_temperature),
            owner_id,
        )
    )
    warmed = heated = cooled = 0
    for before, after, count in rows:
        if before not in _RANK or after not in _RANK or before == after:
            continue
        if _RANK[after] < _RANK[before]:
            cooled += count
        elif after == "hot":
            heated += count
        else:
            warmed += count
    return warmed, heated, cooled


def _closed(
    session: Session, start: datetime, end: datetime, owner_id: int | None
) -> tuple[int, tuple[tuple[str, int], ...]]:
    """Leads won in the week, and those lost by reason (most first). A loss's row holds the
    reason, or the note given with it in its place; then the lead's lost reason is the one."""
    rows = session.execute(
        _owned(
            select(
                StatusChange.to_status,
                StatusChange.reason,
                Lead.lost_reason,
                func.count(distinct(Lead.id)),
            )
            .join(Lead, Lead.id == StatusChange.lead_id)
            .where(
                *_between(StatusChange.at, start, end),
                StatusChange.to_status.in_(("won", "lost")),
            )
            .group_by(StatusChange.to_status, StatusChange.reason, Lead.lost_reason),
            owner_id,
        )
    ).all()
    known = {reason.value for reason in LostReason}
    won = sum(int(c) for status, _r, _l, c in rows if status == "won")
    reasons: dict[str, int] = {}
    for status, said, lead_reason, count in rows:
        if status == "lost":
            reason = said if said in known else (lead_reason or LostReason.OTHER.value)
            reasons[reason] = reasons.get(reason, 0) + int(count)
    return won, tuple(sorted(reasons.items(), key=lambda r: (-r[1], r[0])))


def _deals(
    session: Session, start: datetime, end: datetime, owner_id: int | None
) -> tuple[DealLine, ...]:
    rows = session.execute(
        _owned(
            select(Deal.lead_id, Lead.name, Deal.value, Deal.won_at)
            .join(Lead, Lead.id == Deal.lead_id)
            .where(*_between(Deal.won_at, start, end))
            .order_by(Deal.won_at, Deal.id),
            owner_id,
        )
    )
    return tuple(DealLine(lead_id, name, value, at) for lead_id, name, value, at in rows)


def _due(session: Session, condition: Any, owner_id: int | None) -> tuple[LeadLine, ...]:
    """Follow-ups (`lead_queries.is_due`), oldest due first."""
    query = select(
        Lead.id,
        Lead.name,
        Lead.company,
        Lead.temperature,
        Lead.last_contact_at,
        Lead.next_action,
        Lead.next_action_due,
    ).where(condition)
    query = query.order_by(Lead.next_action_due, Lead.id)
    return tuple(LeadLine(*row) for row in session.execute(_owned(query, owner_id)))
