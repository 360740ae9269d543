"""Moving a whole SQLite database to an empty database server (PostgreSQL), checked.

Every table is copied with its ids, in the order the foreign keys need, in one transaction on
the server; the server's id sequences are moved past the copied ids. Then the copy is checked:
the same number of rows in every table, and the same view of each of the last weeks (the caller
says what a week's view is: hearth-cli compares the weekly review as its JSON shows it, every
figure Hearth shows, so the model needs no renderer). Anything wrong rolls the server back; the
SQLite file is only read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Table, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from app.model.errors import HearthError
from app.model.store.base import Base
from app.model.store.db import Store
from app.model.weeks import week_of

CHUNK = 5_000
CHECKED_WEEKS = 8
# Tables a new database fills by itself (the default categories and settings); anything in
# the others means the server's database is already in use.
SEEDED = {"category", "setting"}

# A week's view (the session, the week's name, now), compared between the original and the copy.
WeekView = Callable[[Session, str, datetime], object]


@dataclass(frozen=True)
class Moved:
    rows: dict[str, int]
    weeks_checked: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _tables() -> list[Table]:
    import app.model.store.entities  # noqa: F401  (every table on the metadata)

    return list(Base.metadata.sorted_tables)


def _counts(conn: Connection) -> dict[str, int]:
    return {
        table.name: int(conn.scalar(select(func.count()).select_from(table)) or 0)
        for table in _tables()
    }


def move(
    source: Store, target: Store, *, week_view: WeekView, now: datetime | None = None
) -> Moved:
    """Copy `source` (SQLite) into `target` (an empty server database at the same schema);
    `week_view` must be the same on both for each of the last CHECKED_WEEKS weeks."""
    if not source.location.is_sqlite:
        raise HearthError("move-to copies a SQLite database file; this database is not one.")
    if target.location.is_sqlite:
        raise HearthError("move-to copies into a database server (a postgresql+psycopg:// URL).")
    with target.engine.connect() as conn:
        in_use = {name: n for name, n in _counts(conn).items() if n and name not in SEEDED}
    if in_use:
        listed = ", ".join(f"{n} {name}" for name, n in sorted(in_use.items()))
        raise HearthError(
            f"{target.location.describe()} already holds data ({listed}); move-to only fills "
            "an empty database. Nothing was changed."
        )
    with source.engine.connect() as reading, target.engine.begin() as writing:
        expected = _counts(reading)
        copy_tables(reading, writing)
        _move_sequences(writing)
        copied = _counts(writing)
        if copied != expected:
            raise HearthError(
                f"The copy does not match ({_differences(expected, copied)}); the server was "
                "left as it was."
            )
    weeks = _check_weeks(source, target, week_view, now or datetime.now(UTC))
    return Moved(expected, weeks)


def copy_tables(reading: Connection, writing: Connection) -> dict[str, int]:
    """Replace every table's rows in `writing` with those of `reading`, ids and all (the
    defaults a new database seeds itself with go first); the rows copied, by table."""
    for table in reversed(_tables()):
        writing.execute(table.delete())
    return {table.name: _copy(reading, writing, table) for table in _tables()}


def _copy(reading: Connection, writing: Connection, table: Table) -> int:
    result = reading.execute(select(table).order_by(*table.primary_key.columns))
    copied = 0
    while rows := result.fetchmany(CHUNK):
        writing.execute(table.insert(), [dict(row._mapping) for row in rows])
        copied += len(rows)
    return copied


def _move_sequences(writing: Connection) -> None:
    for table in _tables():
        key = list(table.primary_key.columns)
        if len(key) != 1 or not key[0].autoincrement or key[0].type.python_type is not int:
            continue
        writing.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key[0].name}'), "
                f'coalesce(max("{key[0].name}"), 1), max("{key[0].name}") IS NOT NULL) '
                f'FROM "{table.name}"'
            )
        )


def _differences(expected: dict[str, int], copied: dict[str, int]) -> str:
    return ", ".join(
        f"{name}: {expected[name]} rows, {copied.get(name, 0)} copied"
        for name in expected
        if expected[name] != copied.get(name, 0)
    )


def _check_weeks(
    source: Store, target: Store, week_view: WeekView, now: datetime
) -> tuple[str, ...]:
    weeks = tuple(week_of(now - timedelta(weeks=back)) for back in range(CHECKED_WEEKS))
    for week in weeks:
        views: list[object] = []
        for store in (source, target):
            with store.session() as session:
                views.append(week_view(session, week, now))
        if views[0] != views[1]:
            raise HearthError(
                f"The copy's weekly review of {week} differs from the original's; use the "
                "original file and report this. The server keeps the copy for a look."
            )
    return weeks
