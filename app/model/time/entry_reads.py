"""Reading time entries: one entry, the running timers, the entries meeting a period, the
first that clashes with a new one. SQL text through a Reader (app.model.store.reading), so a
session on either database and the command line's sqlite3 alone run the same queries, and
nothing here imports SQLAlchemy (the Dashboard's week and `hearth-cli status` read through
it, #19). The changes (adding, editing, the timer) are in `entries`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.model.enums import Side
from app.model.errors import NotFoundError
from app.model.store.reading import Reader, reading
from app.model.time.types import MAX_ENTRY, EntryFields, EntryInfo, aware

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Plain columns, not ORM objects: a week of entries loads several times faster.
_ENTRY = (
    "SELECT time_entry.id, time_entry.person_id, person.name, time_entry.side, "
    'time_entry.category_id, category.name, time_entry.start, time_entry."end", '
    "time_entry.note, time_entry.lead_id, time_entry.campaign_id "
    "FROM time_entry JOIN person ON person.id = time_entry.person_id "
    "LEFT OUTER JOIN category ON category.id = time_entry.category_id "
)


def _infos(r: Reader, where: str, params: dict[str, object] | None = None) -> list[EntryInfo]:
    """The entries of `_ENTRY` + `where` (a week's thousand rows: in one comprehension, with
    the lookups bound once, as `hearth-cli status` reads them against Python's start)."""
    side_of, when, time = _SIDES.__getitem__, r.when, r.time
    return [
        EntryInfo(
            entry_id,
            person_id,
            person,
            side_of(side),
            category_id,
            category or "",
            when(start),
            time(end),
            note,
            lead_id,
            campaign_id,
        )
        for (
            entry_id,
            person_id,
            person,
            side,
            category_id,
            category,
            start,
            end,
            note,
            lead_id,
            campaign_id,
        ) in r.rows(_ENTRY + where, params)
    ]


_SIDES = {side.value: side for side in Side}


def get_info(session: Session | Reader, entry_id: int) -> EntryInfo:
    found = _infos(reading(session), "WHERE time_entry.id = :id", {"id": entry_id})
    if not found:
        raise NotFoundError(f"There is no time entry number {entry_id}.")
    return found[0]


def running(session: Session | Reader, person_id: int | None = None) -> list[EntryInfo]:
    """The running timers, oldest first. Sorted here: ORDER BY start in SQL makes SQLite walk
    the whole start index (~0.1 s on 200,000 entries) instead of the running timers' own."""
    where = 'WHERE time_entry."end" IS NULL'
    params: dict[str, object] = {}
    if person_id is not None:
        where += " AND time_entry.person_id = :person"
        params["person"] = person_id
    return sorted(_infos(reading(session), where, params), key=lambda e: e.start)


def long_running(
    session: Session | Reader,
    hours: float,
    *,
    now: datetime | None = None,
) -> list[EntryInfo]:
    """Timers running for longer than `hours`: asked about at start-up, never cut silently."""
    moment = now or datetime.now(UTC)
    return [e for e in running(session) if e.hours(moment) > hours]


def entries_between(
    session: Session | Reader,
    start: datetime,
    end: datetime,
    *,
    person_id: int | None = None,
    now: datetime | None = None,
) -> list[EntryInfo]:
    """Entries that overlap [start, end), oldest first (a running one counts to now).

    Two indexed look-ups: finished entries that started at most a week (the longest entry
    allowed) before `start`, and the running timers.
    """
    r = reading(session)
    moment = now or datetime.now(UTC)
    finished = (
        "WHERE time_entry.start >= :earliest AND time_entry.start < :end "
        'AND time_entry."end" > :start'
    )
    params: dict[str, object] = {
        "earliest": r.at(start - MAX_ENTRY),
        "end": r.at(end),
        "start": r.at(start),
    }
    if person_id is not None:
        finished += " AND time_entry.person_id = :person"
        params["person"] = person_id
    found = _infos(r, finished, params)
    # The start condition is checked here: in SQL it would steer SQLite off the small
    # partial index of running timers onto a scan of the whole start index.
    for entry in running(r, person_id):
        if moment > start and entry.start < end:
            found.append(entry)
    found.sort(key=lambda e: (e.start, e.id))
    return found


def clash(
    session: Session | Reader,
    fields: EntryFields,
    *,
    ignore_id: int | None = None,
    now: datetime | None = None,
) -> EntryInfo | None:
    """The first of the person's entries that overlaps [start, end) (a running one counts to
    now; a new entry without an end clashes with anything after its start), or None.

    Like `entries_between`, two indexed look-ups: finished entries starting at most a week
    before, and the person's running timer.
    """
    r = reading(session)
    moment = now or datetime.now(UTC)
    start = aware(fields.start, "start")
    end = aware(fields.end, "end") if fields.end else None
    finished = (
        "WHERE time_entry.person_id = :person AND time_entry.start >= :earliest "
        'AND time_entry."end" > :start'
    )
    running_now = 'WHERE time_entry.person_id = :person AND time_entry."end" IS NULL'
    params: dict[str, object] = {
        "person": fields.person_id,
        "earliest": r.at(start - MAX_ENTRY),
        "start": r.at(start),
    }
    running_params: dict[str, object] = {"person": fields.person_id}
    if end is not None:
        finished += " AND time_entry.start < :end"
        params["end"] = r.at(end)
    if ignore_id is not None:
        finished += " AND time_entry.id <> :ignore"
        running_now += " AND time_entry.id <> :ignore"
        params["ignore"] = running_params["ignore"] = ignore_id
    found = _infos(r, finished + " ORDER BY time_entry.start LIMIT 1", params)
    for other in _infos(r, running_now, running_params):
        if moment > start and (end is None or other.start < end):
            found.append(other)
    return min(found, key=lambda e: e.start) if found else None
