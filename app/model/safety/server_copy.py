"""A copy of a database server's data on this computer, to look at when the server cannot be
reached.

While the window works on a server, it keeps every table of it in a SQLite file in the user
data folder (`server-copies/<key>.db`, one per server and database), taken when the database
opens and then every hour. When the server cannot be reached, the window offers that copy:
opened read-only (SQLite's `mode=ro` and `query_only`, and a store that refuses every change
with a sentence), so the week can still be looked at and the review printed.

A new copy is written under a temporary name, from one consistent snapshot of the server
(REPEATABLE READ), checked, made readable by the user only and renamed into place: the copy
on disk is always a whole one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.model import paths
from app.model.errors import HearthError
from app.model.safety.move_to import copy_tables
from app.model.safety.private_files import make_private, private_folder
from app.model.store.db import Location, Store, open_store, sqlite_location

FOLDER = "server-copies"
EVERY_SECONDS = 60 * 60  # a new copy at most this often while the window is open


@dataclass(frozen=True)
class LocalCopy:
    path: Path
    taken_at: datetime  # UTC

    def age_seconds(self, now: datetime | None = None) -> float:
        return ((now or datetime.now(UTC)) - self.taken_at).total_seconds()


def copy_path(server: Location) -> Path:
    """Where the copy of this server's database lives (the password is not part of the key)."""
    from sqlalchemy.engine import make_url

    name = make_url(server.url).render_as_string(hide_password=True)
    key = hashlib.sha256(name.encode()).hexdigest()[:16]
    return paths.data_dir() / FOLDER / f"{key}.db"


def find(server: Location) -> LocalCopy | None:
    """The copy of this server's data on this computer, if there is one."""
    if server.is_sqlite:
        return None
    path = copy_path(server)
    try:
        taken = path.stat().st_mtime
    except OSError:
        return None
    return LocalCopy(path, datetime.fromtimestamp(taken, UTC))


def refresh(server: Store) -> LocalCopy:
    """Copy every table of `server` into its local copy; the old copy stays until the new one
    is whole. If it cannot be made (the server went away, the disk is full) the error is
    raised, nothing is left behind and the old copy is untouched."""
    if server.location.is_sqlite:
        raise HearthError("Only a database server's data is copied to this computer.")
    target = copy_path(server.location)
    partial = target.with_name(target.name + ".partial")
    private_folder(target.parent)
    _discard(partial)
    try:
        fresh = open_store(sqlite_location(partial))  # a new file at Hearth's schema
        try:
            reading_options = {"isolation_level": "REPEATABLE READ"}  # one snapshot
            with (
                server.engine.connect().execution_options(**reading_options) as reading,
                fresh.engine.begin() as writing,
            ):
                copy_tables(reading, writing)
        finally:
            fresh.close()
        _seal(partial)
    except BaseException:
        _discard(partial)
        raise
    make_private(partial)
    os.replace(partial, target)
    return LocalCopy(target, datetime.fromtimestamp(target.stat().st_mtime, UTC))


def open_copy(copy: LocalCopy) -> Store:
    """The copy, opened to be looked at only."""
    location = sqlite_location(copy.path)
    return open_store(Location(url=location.url, path=location.path, read_only=True), migrate=False)


def _seal(path: Path) -> None:
    """One self-contained, checked file on disk (no -wal beside it, which a read-only
    opening could not use)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        result = conn.execute("PRAGMA quick_check").fetchone()
    finally:
        conn.close()
    if result is None or result[0] != "ok":
        raise HearthError(f"The copy of the server's data failed its check ({path}).")
    with path.open("rb") as file:
        os.fsync(file.fileno())


def _discard(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
