"""The command line's fast path for reading: Python's own sqlite3, no SQLAlchemy.

`hearth-cli status` would otherwise spend ~0.6 s importing SQLAlchemy to run three small
queries. This module reads the same rows with the same conditions as `time_entries`,
`people`, `settings` and `targets` do, and hands them to the same pure functions
(`hours_of`, `choose_target`, `combine`, `people.choose`), so every figure is still computed
in one place. It is used only for a SQLite file that is already at the current schema; in
every other case (a server, an older file) the command takes the ordinary path. A test runs
both paths on the same data and compares what they print.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from app.model.people import PersonInfo
from app.model.store import location as locate
from app.model.store.revisions import HEAD
from app.model.store.settings import Settings, from_rows
from app.model.store.sqlite_uri import file_uri
from app.model.store.stored_time import read_back, stored
from app.model.time.targets import Target
from app.model.time.types import MAX_ENTRY, EntryInfo, entry_from_row

_ENTRY = (
    "SELECT t.id, t.person_id, p.name, t.side, t.category_id, c.name, t.start, "
    't."end", t.note, t.lead_id, t.campaign_id FROM time_entry t '
    "JOIN person p ON p.id = t.person_id LEFT JOIN category c ON c.id = t.category_id "
)


def connect(db: str | None) -> sqlite3.Connection | None:
    """A read-only connection to the chosen SQLite file if it is at the current schema."""
    choice = locate.choose(db)
    if not isinstance(choice, locate.File) or not choice.path.is_file():
        return None
    try:
        connection = sqlite3.connect(file_uri(choice.path, "ro"), uri=True, timeout=10)
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    if row is None or row[0] != HEAD:
        connection.close()
        return None
    return connection


def people(connection: sqlite3.Connection) -> list[PersonInfo]:
    rows = connection.execute("SELECT id, name, active FROM person WHERE active ORDER BY id")
    return [PersonInfo(i, name, bool(active)) for i, name, active in rows]


def settings(connection: sqlite3.Connection) -> Settings:
    return from_rows(connection.execute("SELECT key, value FROM setting"))


def week_overrides(connection: sqlite3.Connection, week: str) -> dict[int | None, Target]:
    rows = connection.execute(
        "SELECT person_id, marketing_share, hours FROM weekly_target WHERE week = ?", (week,)
    )
    return {person: Target(share, hours, overridden=True) for person, share, hours in rows}


def _entry(row: tuple[Any, ...]) -> EntryInfo:
    return entry_from_row(row, read_back)


def running(connection: sqlite3.Connection, person_id: int | None = None) -> list[EntryInfo]:
    query = _ENTRY + 'WHERE t."end" IS NULL'
    args: tuple[object, ...] = ()
    if person_id is not None:
        query += " AND t.person_id = ?"
        args = (person_id,)
    # Sorted here, not in SQL (see time_entries.running).
    return sorted((_entry(r) for r in connection.execute(query, args)), key=lambda e: e.start)


def entries_between(
    connection: sqlite3.Connection,
    start: datetime,
    end: datetime,
    *,
    person_id: int | None = None,
    now: datetime | None = None,
) -> list[EntryInfo]:
    """As `time_entries.entries_between`: finished entries that started at most a week
    before `start`, and the running timers (filtered here, to keep their small index)."""
    moment = now or datetime.now(UTC)
    query = _ENTRY + 'WHERE t.start >= ? AND t.start < ? AND t."end" > ?'
    args: tuple[object, ...] = (stored(start - MAX_ENTRY), stored(end), stored(start))
    if person_id is not None:
        query += " AND t.person_id = ?"
        args += (person_id,)
    found = [_entry(r) for r in connection.execute(query, args)]
    found += [e for e in running(connection, person_id) if moment > start and e.start < end]
    found.sort(key=lambda e: (e.start, e.id))
    return found
