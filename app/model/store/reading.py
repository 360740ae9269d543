"""One road for reading rows with SQL text: from a SQLAlchemy session, or from Python's own
sqlite3 alone (no SQLAlchemy at import).

The figures the window shows first (the Dashboard's week) and the command line's quick
answers (`hearth-cli status`, `summary --json`) would otherwise spend ~0.4 s importing
SQLAlchemy before their first query (#19). So their reads are SQL text, written once with
`:name` parameters, and run by a `Reader`:

- `Reader.of_sqlite(connection)`: a sqlite3 connection to a file at the current schema;
- `reading(session)`: the session's own connection, through SQLAlchemy's `exec_driver_sql`
  (so its transaction, its events and its error handling still apply), on SQLite or
  PostgreSQL.

The SQL must mean the same on both databases. What they hand back differs, and is turned into
Python's values here: a time (SQLite keeps text, in UTC) with `time`, a day with `day`, money
(SQLite keeps whole ten-thousandths, see `types.Money`) with `money`; a time or a day given as a
parameter goes through `at` and `on`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.model.store.money_scale import MONEY_SCALE
from app.model.store.stored_time import read_back, stored

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.orm import Session

Params = Mapping[str, object]
_MONEY_UNIT = Decimal(1).scaleb(-MONEY_SCALE)
_NAMED = re.compile(r"(?<![:\w]):(\w+)")


class Reader:
    """Runs SQL text with `:name` parameters and turns what comes back into Python's values;
    `dialect` is "sqlite" or "postgresql"."""

    __slots__ = ("_run", "dialect", "on_sqlite", "when")

    def __init__(self, run: Callable[[str, Params], Iterable[Sequence[Any]]], dialect: str):
        self._run = run
        self.dialect = dialect
        self.on_sqlite = dialect == "sqlite"
        # A stored time that cannot be missing (a NOT NULL column), read back: SQLite hands
        # back its text, PostgreSQL a naive UTC datetime.
        self.when: Callable[[Any], datetime] = read_back if self.on_sqlite else _in_utc

    @classmethod
    def of_sqlite(cls, connection: sqlite3.Connection) -> Reader:
        return cls(connection.execute, "sqlite")

    def rows(self, sql: str, params: Params | None = None) -> Iterable[Sequence[Any]]:
        """The rows of `sql`, each a sequence of the columns in the order selected."""
        return self._run(sql, params or {})

    def one(self, sql: str, params: Params | None = None) -> Sequence[Any]:
        for row in self.rows(sql, params):
            return row
        raise LookupError(f"no row from {sql!r}")

    def value(self, sql: str, params: Params | None = None) -> Any:
        """The first column of the first row, or None without a row."""
        for row in self.rows(sql, params):
            return row[0]
        return None

    def at(self, moment: datetime) -> object:
        """An aware time as a parameter compared with a stored time."""
        if self.on_sqlite:
            return stored(moment)
        return moment.astimezone(UTC).replace(tzinfo=None)

    def on(self, day: date) -> object:
        """A day as a parameter compared with a stored day."""
        return day.isoformat() if self.on_sqlite else day

    def time(self, value: Any) -> datetime | None:
        """A stored time read back: aware, in UTC."""
        return None if value is None else self.when(value)

    def day(self, value: Any) -> date | None:
        if value is None:
            return None
        if isinstance(value, str):
            return date.fromisoformat(value[:10])
        assert isinstance(value, date)
        return value

    def money(self, value: Any) -> Decimal | None:
        """A stored amount (or a sum of them) read back as a Decimal of MONEY_SCALE places."""
        if value is None:
            return None
        if self.on_sqlite:
            return Decimal(int(value)).scaleb(-MONEY_SCALE).quantize(_MONEY_UNIT)
        return Decimal(value).quantize(_MONEY_UNIT)


def _in_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC)


def ids(values: Iterable[int]) -> str:
    """Whole numbers for `IN (…)`, written into the SQL: they are ids read from the database
    (ints, checked here), and a list as parameters would be written differently by each
    database's driver."""
    return ", ".join(str(int(v)) for v in values) or "NULL"


def reading(db: Session | Reader) -> Reader:
    """`db` itself if it is a Reader; else a Reader over the session's connection (pending
    changes flushed first, as the session's own queries would)."""
    if isinstance(db, Reader):
        return db
    db.flush()
    connection = db.connection()
    dialect = connection.dialect.name
    if dialect == "sqlite":
        return Reader(connection.exec_driver_sql, dialect)

    def run(sql: str, params: Params) -> Iterable[Sequence[Any]]:
        return connection.exec_driver_sql(_pyformat(sql), dict(params))

    return Reader(run, dialect)


_CONVERTED: dict[str, str] = {}


def _pyformat(sql: str) -> str:
    """`:name` parameters as psycopg's `%(name)s` (and a literal % doubled)."""
    converted = _CONVERTED.get(sql)
    if converted is None:
        converted = _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))
        _CONVERTED[sql] = converted
    return converted
