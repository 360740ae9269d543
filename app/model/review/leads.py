"""The leads part of the weekly review, following PRODUCT.md's rules for a week [S, E).

A lead's state at a moment comes from its history (`temperature_change`, `status_change`).
Reading the whole history for years of leads is slow, so only the leads changed after the
moment are read from history; every other lead is as its own row says (the row keeps the
latest state, and nothing has changed it since).

Read with SQL text (app.model.store.reading), from a session or from sqlite3 alone, so the
Dashboard's numbers need no SQLAlchemy (#19).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.model.enums import NO_SOURCE, TEMPERATURES, LostReason
from app.model.leads.rules import DUE, Clock, went_stale
from app.model.review.types import DealLine, LeadLine, LeadsSection
from app.model.store.reading import Reader, ids, reading

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_CHUNK = 500
_RANK = {t: n for n, t in enumerate(TEMPERATURES)}


def _chunks(lead_ids: Iterable[int]) -> Iterator[list[int]]:
    items = sorted(lead_ids)
    for first in range(0, len(items), _CHUNK):
        yield items[first : first + _CHUNK]


def _owned(owner_id: int | None, params: dict[str, object]) -> str:
    """The condition (to add to a WHERE) keeping the leads `owner_id` owns, its parameter put
    in `params`; nothing for everyone's."""
    if owner_id is None:
        return ""
    params["owner_id"] = owner_id
    return " AND lead.owner_id = :owner_id"


@dataclass(frozen=True)
class OpenLeads:
    """The leads open at a moment, read in one pass: each one's temperature then, its
    estimated value when set and above 0 (the pipeline's), and the warm and hot ones as lines
    (their last contact as their row says it, before `lead_lines` looks at touchpoints)."""

    temperatures: dict[int, str]
    values: dict[int, Decimal]
    lines: dict[int, LeadLine]


_LINE_COLUMNS = (
    "lead.estimated_value, lead.name, lead.company, lead.last_contact_at, lead.next_action,"
    " lead.next_action_due, lead.created_at"
)


def open_at(session: Session | Reader, moment: datetime, owner_id: int | None = None) -> OpenLeads:
    """The leads open at `moment` (created at or before it, not won or lost at or before it),
    each with its temperature then."""
    r = reading(session)
    at: dict[str, object] = {"moment": r.at(moment)}
    params = dict(at)
    owned = _owned(owner_id, params)
    changed: set[int] = set()
    for table in ("temperature_change", "status_change"):
        # No DISTINCT: with it SQLite walks the whole (lead_id, at) index instead of the
        # few rows after `moment` in the `at` index; the set removes the repeats.
        changed.update(
            lead_id
            for (lead_id,) in r.rows(
                f"SELECT {table}.lead_id FROM {table} WHERE {table}.at > :moment", at
            )
        )
    found = OpenLeads({}, {}, {})

    def add(lead_id: int, temperature: str, row: Sequence[Any]) -> None:
        value, name, company, last, action, due, created = row
        found.temperatures[lead_id] = temperature
        amount = r.money(value)
        if amount is not None and amount > 0:
            found.values[lead_id] = amount
        if temperature != "cold":
            found.lines[lead_id] = LeadLine(
                lead_id,
                name,
                company,
                temperature,
                r.time(last),
                action,
                r.day(due),
                r.time(created),
            )

    untouched = (
        f"SELECT lead.id, lead.temperature, {_LINE_COLUMNS} FROM lead"
        f" WHERE lead.status = 'open' AND lead.created_at <= :moment{owned}"
    )
    for lead_id, temperature, *row in r.rows(untouched, params):
        if lead_id not in changed:
            add(lead_id, temperature, row)
    for chunk in _chunks(changed):
        created = (
            f"SELECT lead.id, {_LINE_COLUMNS} FROM lead"
            f" WHERE lead.id IN ({ids(chunk)}) AND lead.created_at <= :moment{owned}"
        )
        row_of = {lead_id: row for lead_id, *row in r.rows(created, params)}
        wanted = set(row_of)
        if not wanted:
            continue
        status = _last(r, "status_change", "to_status", wanted, moment)
        temperature = _last(r, "temperature_change", "to_temperature", wanted, moment)
        for lead_id in wanted:
            if status.get(lead_id, "open") == "open" and lead_id in temperature:
                add(lead_id, temperature[lead_id], row_of[lead_id])
    return found


def _last(
    r: Reader, table: str, column: str, lead_ids: set[int], moment: datetime
) -> dict[int, str]:
    """Each lead's last value in a history table at or before `moment`."""
    rows = r.rows(
        f"SELECT {table}.lead_id, {table}.{column} FROM {table}"
        f" WHERE {table}.lead_id IN ({ids(lead_ids)}) AND {table}.at <= :moment"
        f" ORDER BY {table}.lead_id, {table}.at, {table}.id",
        {"moment": r.at(moment)},
    )
    return {lead_id: value for lead_id, value in rows}  # the last row of each lead wins


def lead_lines(
    session: Session | Reader, lines: dict[int, LeadLine], moment: datetime
) -> list[LeadLine]:
    """The lines (`OpenLeads.lines`) with their last touchpoint at or before `moment`,
    longest untouched first (never contacted before everyone)."""
    found = dict(lines)
    # Touched since: the touchpoints say when, before.
    later = [
        i for i, ln in lines.items() if ln.last_contact is not None and ln.last_contact > moment
    ]
    r = reading(session)
    for chunk in _chunks(later):
        before: dict[int, datetime | None] = {
            lead_id: r.time(at)
            for lead_id, at in r.rows(
                "SELECT touchpoint.lead_id, max(touchpoint.at) FROM touchpoint"
                f" WHERE touchpoint.lead_id IN ({ids(chunk)}) AND touchpoint.at <= :moment"
                " GROUP BY touchpoint.lead_id",
                {"moment": r.at(moment)},
            )
        }
        for lead_id in chunk:
            found[lead_id] = found[lead_id]._replace(last_contact=before.get(lead_id))
    ordered = list(found.values())
    ordered.sort(key=lambda line: (line.last_contact is not None, line.last_contact, line.id))
    return ordered


def _between(column: str) -> str:
    """`column` in the week [:start, :end)."""
    return f"{column} >= :start AND {column} < :end"


def _week(r: Reader, start: datetime, end: datetime) -> dict[str, object]:
    return {"start": r.at(start), "end": r.at(end)}


def leads_section(
    session: Session | Reader,
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
    r = reading(session)
    moment = min(now, end)  # the week's end, or now while the week is still going
    new_by_source = _new_by_source(r, start, end, owner_id)
    if open_leads is None:
        open_leads = open_at(r, moment, owner_id)
    temperatures = open_leads.temperatures
    lines = lead_lines(r, open_leads.lines, moment)
    stale_before = Clock(now=moment, today=moment.date(), stale_days=stale_days).stale_before
    warmed, heated, cooled = _moves(r, start, end, owner_id)
    won, reasons = _closed(r, start, end, owner_id)
    deals = _deals(r, start, end, owner_id)
    today = min(now.astimezone().date(), next_week[0] - timedelta(days=1))
    # Due now (by `today`) and next week's follow-ups, read in one pass: today is before
    # next week, so the two are the start and the end of the same list.
    due = _due(r, next_week[1], owner_id)
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
    r: Reader, start: datetime, end: datetime, owner_id: int | None
) -> tuple[tuple[str, int], ...]:
    params = _week(r, start, end) | {"no_source": NO_SOURCE}
    rows = r.rows(
        "SELECT coalesce(campaign.name, :no_source), count(lead.id)"
        " FROM lead LEFT OUTER JOIN campaign ON campaign.id = lead.source_id"
        f" WHERE {_between('lead.created_at')}{_owned(owner_id, params)}"
        " GROUP BY campaign.name",
        params,
    )
    return tuple(sorted(((n, int(c)) for n, c in rows), key=lambda item: (-item[1], item[0])))


def _moves(r: Reader, start: datetime, end: datetime, owner_id: int | None) -> tuple[int, int, int]:
    """Temperature moves in the week: (to warm from cold, to hot, to a colder temperature)."""
    params = _week(r, start, end)
    rows = r.rows(
        "SELECT temperature_change.from_temperature, temperature_change.to_temperature,"
        " count(*)"
        " FROM temperature_change JOIN lead ON lead.id = temperature_change.lead_id"
        f" WHERE {_between('temperature_change.at')}"
        f" AND temperature_change.from_temperature IS NOT NULL{_owned(owner_id, params)}"
        " GROUP BY temperature_change.from_temperature, temperature_change.to_temperature",
        params,
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
    r: Reader, start: datetime, end: datetime, owner_id: int | None
) -> tuple[int, tuple[tuple[str, int], ...]]:
    """Leads won in the week, and those lost by reason (most first). A loss's row holds the
    reason, or the note given with it in its place; then the lead's lost reason is the one."""
    params = _week(r, start, end)
    rows = list(
        r.rows(
            "SELECT status_change.to_status, status_change.reason, lead.lost_reason,"
            " count(DISTINCT lead.id)"
            " FROM status_change JOIN lead ON lead.id = status_change.lead_id"
            f" WHERE {_between('status_change.at')}"
            f" AND status_change.to_status IN ('won', 'lost'){_owned(owner_id, params)}"
            " GROUP BY status_change.to_status, status_change.reason, lead.lost_reason",
            params,
        )
    )
    known = {reason.value for reason in LostReason}
    won = sum(int(c) for status, _r, _l, c in rows if status == "won")
    reasons: dict[str, int] = {}
    for status, said, lead_reason, count in rows:
        if status == "lost":
            reason = said if said in known else (lead_reason or LostReason.OTHER.value)
            reasons[reason] = reasons.get(reason, 0) + int(count)
    return won, tuple(sorted(reasons.items(), key=lambda item: (-item[1], item[0])))


def _deals(r: Reader, start: datetime, end: datetime, owner_id: int | None) -> tuple[DealLine, ...]:
    params = _week(r, start, end)
    rows = r.rows(
        "SELECT deal.lead_id, lead.name, deal.value, deal.won_at"
        " FROM deal JOIN lead ON lead.id = deal.lead_id"
        f" WHERE {_between('deal.won_at')}{_owned(owner_id, params)}"
        " ORDER BY deal.won_at, deal.id",
        params,
    )
    deals = []
    for lead_id, name, value, at in rows:
        amount, won_at = r.money(value), r.time(at)
        assert amount is not None and won_at is not None  # neither column takes NULL
        deals.append(DealLine(lead_id, name, amount, won_at))
    return tuple(deals)


def _due(r: Reader, by: date, owner_id: int | None) -> tuple[LeadLine, ...]:
    """Follow-ups due by `by` (`rules.DUE`, the Leads page's too), oldest due first."""
    params: dict[str, object] = {"due_by": r.on(by)}
    rows = r.rows(
        "SELECT lead.id, lead.name, lead.company, lead.temperature, lead.last_contact_at,"
        " lead.next_action, lead.next_action_due"
        f" FROM lead WHERE {DUE}{_owned(owner_id, params)}"
        " ORDER BY lead.next_action_due, lead.id",
        params,
    )
    return tuple(
        LeadLine(lead_id, name, company, temperature, r.time(last), action, r.day(due))
        for lead_id, name, company, temperature, last, action, due in rows
    )
