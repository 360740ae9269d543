"""The lead list's queries: search, filter, sort and page, all in SQL.

The Leads page asks for one page of rows at a time, so 100,000 leads never become 100,000
Python objects. Sorting is done by the database (with the lead id as the tie-breaker, so
pages never overlap or skip a row).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    and_,
    bindparam,
    case,
    exists,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, aliased

from app.model.enums import Status, Temperature
from app.model.leads.rules import DUE, Clock
from app.model.store.entities import Campaign, Deal, Lead, Person, Tag, lead_tag


class SortKey(StrEnum):
    NAME = "name"
    COMPANY = "company"
    EMAIL = "email"
    TEMPERATURE = "temperature"
    STATUS = "status"
    SOURCE = "source"
    OWNER = "owner"
    VALUE = "value"
    NEXT_ACTION_DUE = "next_action_due"
    LAST_CONTACT = "last_contact"
    CREATED = "created"


@dataclass(frozen=True)
class LeadFilter:
    text: str = ""
    temperatures: frozenset[Temperature] = frozenset()
    statuses: frozenset[Status] = frozenset()
    source_id: int | None = None
    owner_id: int | None = None
    tag: str = ""
    overdue: bool = False
    stale: bool = False
    include_archived: bool = False


@dataclass(frozen=True)
class LeadRow:
    id: int
    name: str
    company: str
    email: str
    phone: str
    temperature: Temperature
    status: Status
    source: str
    owner: str
    estimated_value: Decimal | None
    next_action: str
    next_action_due: date | None
    last_contact_at: datetime | None
    created_at: datetime
    archived: bool
    overdue: bool = False
    stale: bool = False
    won_value: Decimal | None = None  # what a customer bought (every deal), None if not won

    @property
    def value(self) -> Decimal | None:
        """The lead's worth as the list shows it: what a customer bought, else the estimate."""
        return self.won_value if self.status is Status.WON else self.estimated_value

    @property
    def stage(self) -> str:
        """'cold', 'warm' or 'hot' while open; 'won' or 'lost' once closed."""
        return self.temperature.value if self.status is Status.OPEN else self.status.value


_owner = aliased(Person)
_source = aliased(Campaign)
# Every deal of the lead, summed (a customer's repeat business counts too).
_WON_VALUE = (
    select(func.sum(Deal.value)).where(Deal.lead_id == Lead.id).correlate(Lead).scalar_subquery()
)
_TEMPERATURE_ORDER = case({"cold": 0, "warm": 1, "hot": 2}, value=Lead.temperature)
_STATUS_ORDER = case({"open": 0, "won": 1, "lost": 2}, value=Lead.status)
_SORT_COLUMNS: dict[SortKey, Any] = {
    SortKey.NAME: Lead.name,
    SortKey.COMPANY: Lead.company,
    SortKey.EMAIL: Lead.email,
    SortKey.TEMPERATURE: _TEMPERATURE_ORDER,
    SortKey.STATUS: _STATUS_ORDER,
    SortKey.SOURCE: _source.name,
    SortKey.OWNER: _owner.name,
    SortKey.VALUE: case((Lead.status == Status.WON.value, _WON_VALUE), else_=Lead.estimated_value),
    SortKey.NEXT_ACTION_DUE: Lead.next_action_due,
    SortKey.LAST_CONTACT: Lead.last_contact_at,
    SortKey.CREATED: Lead.created_at,
}


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def is_overdue(clock: Clock) -> ColumnElement[bool]:
    return and_(Lead.status == Status.OPEN.value, Lead.next_action_due < clock.today)


def is_stale(clock: Clock) -> ColumnElement[bool]:
    """PRODUCT.md: a warm or hot open lead with no touchpoint in the last N days, counting
    from its creation when it has had none (a lead created today is not stale).
    `rules.went_stale` is the same rule for one lead."""
    return and_(
        Lead.status == Status.OPEN.value,
        Lead.temperature.in_((Temperature.WARM.value, Temperature.HOT.value)),
        Lead.created_at < clock.stale_before,
        or_(Lead.last_contact_at.is_(None), Lead.last_contact_at < clock.stale_before),
    )


def _conditions(f: LeadFilter, clock: Clock, session: Session) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    # SQLite's LIKE ignores case already (and keeps its index use); PostgreSQL's needs ILIKE.
    postgres = session.get_bind().dialect.name == "postgresql"
    if not f.include_archived:
        where.append(Lead.archived.is_(False))
    words = f.text.split()
    for word in words:  # every word must appear somewhere
        pattern = _like(word)
        where.append(
            or_(
                *(
                    (column.ilike if postgres else column.like)(pattern, escape="\\")
                    for column in (Lead.name, Lead.company, Lead.email, Lead.notes)
                )
            )
        )
    if f.temperatures:
        where.append(Lead.temperature.in_(sorted(t.value for t in f.temperatures)))
    if f.statuses:
        where.append(Lead.status.in_(sorted(s.value for s in f.statuses)))
    if f.source_id is not None:
        where.append(Lead.source_id == f.source_id)
    if f.owner_id is not None:
        where.append(Lead.owner_id == f.owner_id)
    if f.tag:
        where.append(
            exists().where(
                lead_tag.c.lead_id == Lead.id,
                lead_tag.c.tag_id == Tag.id,
                func.lower(Tag.name) == f.tag.strip().lower(),
            )
        )
    if f.overdue:
        where.append(is_overdue(clock))
    if f.stale:
        where.append(is_stale(clock))
    return where


def count(session: Session, f: LeadFilter, clock: Clock) -> int:
    query = select(func.count()).select_from(Lead).where(*_conditions(f, clock, session))
    return int(session.scalar(query) or 0)


def _row_query(clock: Clock) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Lead.id,
            Lead.name,
            Lead.company,
            Lead.email,
            Lead.phone,
            Lead.temperature,
            Lead.status,
            func.coalesce(_source.name, "").label("source"),
            func.coalesce(_owner.name, "").label("owner"),
            Lead.estimated_value,
            Lead.next_action,
            Lead.next_action_due,
            Lead.last_contact_at,
            Lead.created_at,
            Lead.archived,
            is_overdue(clock).label("overdue"),
            is_stale(clock).label("stale"),
            _WON_VALUE.label("won_value"),
        )
        .outerjoin(_source, _source.id == Lead.source_id)
        .outerjoin(_owner, _owner.id == Lead.owner_id)
    )


def page(
    session: Session,
    f: LeadFilter,
    clock: Clock,
    *,
    sort: SortKey = SortKey.CREATED,
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[LeadRow]:
    column = _SORT_COLUMNS[sort]
    primary = column.desc() if descending else column.asc()
    tie = Lead.id.desc() if descending else Lead.id.asc()
    query = (
        _row_query(clock)
        .where(*_conditions(f, clock, session))
        .order_by(primary.nulls_last(), tie)
        .offset(offset)
        .limit(limit)
    )
    return [_row(r) for r in session.execute(query)]


def rows_by_id(session: Session, ids: list[int], clock: Clock) -> list[LeadRow]:
    if not ids:
        return []
    rows = {r.id: _row(r) for r in session.execute(_row_query(clock).where(Lead.id.in_(ids)))}
    return [rows[i] for i in ids if i in rows]


def _row(r: Any) -> LeadRow:
    return LeadRow(
        id=r.id,
        name=r.name,
        company=r.company,
        email=r.email,
        phone=r.phone,
        temperature=Temperature(r.temperature),
        status=Status(r.status),
        source=r.source,
        owner=r.owner,
        estimated_value=r.estimated_value,
        next_action=r.next_action,
        next_action_due=r.next_action_due,
        last_contact_at=r.last_contact_at,
        created_at=r.created_at,
        archived=r.archived,
        overdue=bool(r.overdue),
        stale=bool(r.stale),
        won_value=r.won_value,
    )


def is_due(today: date) -> ColumnElement[bool]:
    """A follow-up: an open lead's next action due by `today` (`rules.DUE`, the review's
    condition too)."""
    # and_: the text as a condition like the page's others, the day bound as a typed Date.
    return and_(text(DUE).bindparams(bindparam("due_by", today, type_=Date)))


def follow_ups(
    session: Session, clock: Clock, f: LeadFilter | None = None, *, limit: int = 500
) -> list[LeadRow]:
    """Next actions due today or overdue, across the open leads `f` lets through (all of
    them without a filter), oldest due first."""
    where = _conditions(f, clock, session) if f is not None else []
    query = (
        _row_query(clock)
        .where(is_due(clock.today), *where)
        .order_by(Lead.next_action_due, Lead.id)
        .limit(limit)
    )
    return [_row(r) for r in session.execute(query)]


def board(
    session: Session,
    f: LeadFilter,
    clock: Clock,
    *,
    per_column: int = 100,
) -> dict[str, tuple[int, list[LeadRow]]]:
    """The board's columns (cold, warm, hot, won; lost when the filter asks for it): for
    each, how many leads in all, and the most recently touched ones."""
    columns: dict[str, ColumnElement[bool]] = {
        t.value: and_(Lead.status == Status.OPEN.value, Lead.temperature == t.value)
        for t in Temperature
    }
    columns[Status.WON.value] = Lead.status == Status.WON.value
    if not f.statuses or Status.LOST in f.statuses:  # "Lost" or "All"
        columns[Status.LOST.value] = Lead.status == Status.LOST.value
    base = LeadFilter(
        text=f.text,
        temperatures=f.temperatures,
        source_id=f.source_id,
        owner_id=f.owner_id,
        tag=f.tag,
        overdue=f.overdue,
        stale=f.stale,
        include_archived=f.include_archived,
    )
    where = _conditions(base, clock, session)
    result: dict[str, tuple[int, list[LeadRow]]] = {}
    for name, condition in columns.items():
        total = session.scalar(select(func.count()).select_from(Lead).where(condition, *where)) or 0
        recent = (
            _row_query(clock)
            .where(condition, *where)
            .order_by(func.coalesce(Lead.last_contact_at, Lead.created_at).desc(), Lead.id.desc())
            .limit(per_column)
        )
        result[name] = (int(total), [_row(r) for r in session.execute(recent)])
    return result


@dataclass(frozen=True)
class LeadChoice:
    id: int
    label: str  # "Anna Baker (North Bakery)"


def choices(session: Session, *, limit: int = 500, keep: tuple[int, ...] = ()) -> list[LeadChoice]:
    """Leads to pick from (time spent on a lead, say): the open ones and the customers (time
    spent caring for them counts too), not archived, most recently in touch first, up to
    `limit`, and the leads in `keep` whatever they are."""
    query = (
        select(Lead.id, Lead.name, Lead.company)
        .where(Lead.status != Status.LOST.value, Lead.archived.is_(False))
        .order_by(func.coalesce(Lead.last_contact_at, Lead.created_at).desc(), Lead.id.desc())
        .limit(limit)
    )
    rows = list(session.execute(query))
    missing = set(keep) - {row.id for row in rows}
    if missing:
        rows += session.execute(
            select(Lead.id, Lead.name, Lead.company).where(Lead.id.in_(sorted(missing)))
        ).all()
    return [
        LeadChoice(row.id, f"{row.name} ({row.company})" if row.company else row.name)
        for row in rows
    ]


def names(session: Session, ids: set[int]) -> dict[int, str]:
    """The names of the leads `ids` (an entry's or a list's), in one query."""
    if not ids:
        return {}
    rows = session.execute(select(Lead.id, Lead.name).where(Lead.id.in_(sorted(ids))))
    return {row.id: row.name for row in rows}
