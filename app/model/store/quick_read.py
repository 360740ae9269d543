"""The quick road's connection: Python's own sqlite3, no SQLAlchemy.

`hearth-cli status` and `summary`, and the window's first look at the Dashboard's numbers,
would otherwise spend ~0.4 s importing SQLAlchemy before their first query. The reads they
need are SQL text run by a Reader (app.model.store.reading), so over
`Reader.of_sqlite(connect(db))` they are the very functions the app runs through a session.
This connection is given only for a SQLite file that is already at the current schema; in
every other case (a server, an older file, no file yet) they take the ordinary road. Tests
run both roads on the same data and compare what they show.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.model.store import location as locate
from app.model.store.reading import Reader
from app.model.store.revisions import HEAD
from app.model.store.sqlite_uri import file_uri

T = TypeVar("T")

# How long the version read waits for a lock another program holds. Not long: the window's
# first look runs on the window's thread, and a locked file is left to the ordinary road,
# which waits for it (busy timeout) behind its "Opening your data…" and says it is locked.
# Once the version is read, the reads that follow are in its snapshot and wait for nothing.
_WAIT = 0.5


def read(db: str | None, work: Callable[[Reader, Path], T]) -> T | None:
    """`work` run on the current SQLite file `db` names (as `--db` does), given its Reader
    over the read-only connection below and the file's path; None, `work` not run, for any
    other database (the ordinary road's to open). The connection is closed after."""
    path = chosen_file(db)
    connection = connect(db)
    if connection is None or path is None:
        return None
    try:
        return work(Reader.of_sqlite(connection), path)
    finally:
        connection.close()


def connect(db: str | None) -> sqlite3.Connection | None:
    """A read-only connection to the chosen SQLite file if it is at the current schema, its
    reads in one transaction (closing the connection ends it)."""
    path = chosen_file(db)
    if path is None or not path.is_file():
        return None
    try:
        connection = sqlite3.connect(
            file_uri(path, "ro"), uri=True, timeout=_WAIT, isolation_level=None
        )
    except sqlite3.Error:
        return None
    try:
        # One read transaction from the version read to the close: every read sees the file
        # as it was at one moment, as a session's do, though `hearth-cli log` or the window
        # commits in between (else the week's hours and the trend's last week could differ).
        connection.execute("BEGIN")
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        connection.close()
        return None
    if rows != [(HEAD,)]:  # older, newer, none, or a damaged table: the ordinary road says
        connection.close()
        return None
    return connection


def chosen_file(db: str | None) -> Path | None:
    """The SQLite file `db` names (as `--db` does), as the ordinary road's location names it
    (~ expanded, absolute); None for a database server."""
    choice = locate.choose(db)
    if not isinstance(choice, locate.File):
        return None
    return choice.path.expanduser().absolute()
