"""Reading a database file without writing to it: the check and the backups read this way.

Not mode=ro where it can be helped: a read-only connection to a write-ahead-log database leaves
empty -wal and -shm files behind; query_only keeps a read-write one from writing anything. In
a folder nobody may write to (or on a read-only disk) SQLite cannot make those files, and needs
none: without a -wal there, no program can be changing the file, so it is read as it is
(immutable).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.model.store.sqlite_uri import file_uri

# How long a reader waits for another program's lock unless told otherwise (SQLite's default).
WAIT_SECONDS = 5.0


def reader(path: Path, *, timeout: float = WAIT_SECONDS) -> sqlite3.Connection:
    """A connection that only reads `path`, having read its first page: sqlite3.Error if it
    cannot (locked past `timeout`, not a database, a full disk…)."""
    try:
        return _opened(path, timeout)
    except sqlite3.OperationalError as exc:
        if not cannot_write_beside(exc):
            raise
    return _opened(path, timeout, folder_read_only=True)


def cannot_write_beside(exc: sqlite3.Error) -> bool:
    """Did SQLite fail to make the -wal or -shm beside the file (a folder the user may not
    write to, or a read-only disk)?"""
    name = str(getattr(exc, "sqlite_errorname", ""))
    return name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN"))


def _opened(path: Path, timeout: float, *, folder_read_only: bool = False) -> sqlite3.Connection:
    if folder_read_only:
        immutable = not Path(f"{path}-wal").exists()
        address = file_uri(path, "ro", immutable=immutable)
    else:
        address = file_uri(path, "rw")
    conn = sqlite3.connect(address, uri=True, timeout=timeout)
    try:
        conn.execute("PRAGMA query_only=ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn
