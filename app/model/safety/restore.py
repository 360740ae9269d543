"""Putting a backup back: checked first, the current database kept aside, never deleted.

A sound current database is first locked for this restore alone (SQLite's exclusive locking
mode: no other connection may read or write it until the restore is done; one that tries
waits, and is told the file is locked if the restore outlasts its patience). Under that lock
it is copied to `backups/<stem>-<time>-before-restore.db` and checked, then the backup is
written over it with SQLite's backup API and checked, so a change another program makes is
either in the copy kept aside or made after the restore, never lost between the two. If
another program has the database open (a Hearth window, a hearth-cli command writing to it),
the restore says so and changes nothing. A damaged current database cannot be copied, so it
is renamed, with its -wal and -shm files, to `<stem>-<time>-damaged.db` beside it, and the
backup is copied into the free name. The caller closes its own connections first and reopens
(and so migrates) afterwards.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.model import paths
from app.model.errors import HearthError
from app.model.safety import backup
from app.model.safety.check import CheckReport, check_file
from app.model.safety.private_files import make_private
from app.model.store.sqlite_uri import file_uri

SIDE_FILES = ("-wal", "-shm")
# How long a restore waits for another program to finish with the database.
LOCK_WAIT_SECONDS = 10
IN_USE = (
    "Another program has {database} open — a Hearth window, or hearth-cli writing to it — so "
    "it cannot be restored now; close it (or let it finish) and try again. Nothing was changed."
)


@dataclass(frozen=True)
class Restored:
    database: Path
    kept_aside: Path | None  # where the database as it was is now (None if there was none)
    revision: str


def restore(source: Path, database: Path, *, now: datetime | None = None) -> Restored:
    """Replace `database` with the backup at `source`; raise HearthError, changing nothing,
    if the backup is not a sound Hearth database this version can open."""
    now = now or datetime.now(UTC)
    report = checked_backup(source)
    if source.resolve() == database.resolve():
        raise HearthError(f"{source} is the database itself; choose a backup to restore.")
    assert report.revision is not None
    if not database.exists():
        backup.backup_sqlite(source, database)
        return Restored(database, None, report.revision)
    current = check_file(database, quick=True)
    if current.ok and current.is_hearth:
        with _locked(database) as holder:
            aside = backup.copy_from(
                holder,
                database,
                paths.backup_dir() / backup.timestamped_name(database.stem, "before-restore", now),
            )
            _copy_into(source, database, holder)
    else:
        aside = _rename_damaged(database, now)
        backup.backup_sqlite(source, database)
    return Restored(database, aside, report.revision)


def checked_backup(source: Path) -> CheckReport:
    """The full check of a backup; HearthError with the reason if it cannot be restored."""
    report = check_file(source)
    if not report.ok or not report.is_hearth:
        reason = report.problems[0] if report.problems else "it is not a Hearth database"
        raise HearthError(f"{source} cannot be restored: {reason}. Nothing was changed.")
    return report


def newest_good_backup(database: Path) -> tuple[Path, CheckReport] | None:
    """The newest backup of this database that passes the full check (for a damaged start)."""
    for candidate in backup.list_backups(database.stem, paths.backup_dir()):
        report = check_file(candidate.path)
        if report.ok and report.is_hearth:
            return candidate.path, report
    return None


@contextlib.contextmanager
def _locked(database: Path) -> Iterator[sqlite3.Connection]:
    """A connection that alone may read or write `database` until it is closed."""
    holder = sqlite3.connect(
        file_uri(database, "rw"), uri=True, timeout=LOCK_WAIT_SECONDS, isolation_level=None
    )
    try:
        holder.execute("PRAGMA synchronous=FULL")
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")  # kept after the transaction ends
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("COMMIT")
    except sqlite3.Error as exc:
        holder.close()
        if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise HearthError(IN_USE.format(database=database)) from exc
        raise HearthError(f"Cannot restore into {database}: {exc}. Nothing was changed.") from exc
    try:
        yield holder
    finally:
        holder.close()  # lets the waiting programs in, onto the restored data


def _copy_into(source: Path, database: Path, holder: sqlite3.Connection) -> None:
    try:
        src = sqlite3.connect(file_uri(source, "ro"), uri=True)
        try:
            src.backup(holder)
            result = holder.execute("PRAGMA quick_check").fetchone()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise HearthError(
            f"Restoring into {database} failed ({exc}); the database as it was is in backups/."
        ) from exc
    if result is None or result[0] != "ok":
        raise HearthError(
            f"{database} did not check out after the restore; the database as it was is in "
            "backups/."
        )
    make_private(database)


def _rename_damaged(database: Path, now: datetime) -> Path:
    aside = database.with_name(backup.timestamped_name(database.stem, "damaged", now))
    try:
        for suffix in SIDE_FILES:  # the log belongs to the file it was written for
            side = Path(f"{database}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
        os.replace(database, aside)
    except OSError as exc:
        with contextlib.suppress(OSError):
            for suffix in SIDE_FILES:
                moved = Path(f"{aside}{suffix}")
                if moved.exists():
                    os.replace(moved, Path(f"{database}{suffix}"))
        raise HearthError(f"Cannot move the damaged {database} aside: {exc.strerror}.") from exc
    return aside
