"""Putting a backup back: checked first, the current database kept aside, never deleted.

A sound current database is first locked for this restore alone (SQLite's exclusive locking
mode: no other connection may read or write it until the restore is done; one that tries
waits, and is told the file is locked if the restore outlasts its patience). Under that lock
it is copied to `backups/<stem>-<time>-before-restore.db` and checked, then the backup is
written over it with SQLite's backup API and checked, so a change another program makes is
either in the copy kept aside or made after the restore, never lost between the two. If
another program has the database open (a Hearth window, a hearth-cli command writing to it),
the restore says so and changes nothing. So it does when the database cannot be read at all
(a full disk, a disk error) and when the file is not Hearth's (a text file, another program's
database): refused, named, left exactly as it was.

Only a file the check finds damaged cannot be copied: the backup is copied and checked beside
it first, then the damaged file is given the name `<stem>-<time>-damaged.db` (with its -wal
and -shm files) and the copy takes its place — there is no moment without a database, and if
the copy cannot be made the damaged file stays as it was. An empty file takes the backup as a
missing one would. The caller closes its own connections first and reopens (and so migrates)
afterwards.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.model import paths
from app.model.errors import HearthError
from app.model.safety import backup
from app.model.safety.atomic_file import fit
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
    if the backup is not a sound Hearth database this version can open, or `database` is
    one it may not replace now (in use, unreadable, not Hearth's)."""
    now = now or datetime.now(UTC)
    report = checked_backup(source)
    if source.resolve() == database.resolve():
        raise HearthError(f"{source} is the database itself; choose a backup to restore.")
    assert report.revision is not None
    if database.is_dir():
        raise HearthError(f"{database} is a folder, not a database file. Nothing was changed.")
    if _holds_nothing(database):
        backup.backup_sqlite(source, database)
        return Restored(database, None, report.revision)
    current = check_file(database, quick=True)
    if current.blocked is not None:
        raise HearthError(_cannot_read(database, current))
    if current.damaged and _once_hearths(database):
        aside = _over_damaged(source, database, now)
    elif current.is_hearth:  # readable: copied aside under the lock, whatever the check said
        with _locked(database) as holder:
            try:
                aside = backup.copy_from(
                    holder,
                    database,
                    paths.backup_dir()
                    / backup.timestamped_name(backup.backup_stem(database), "before-restore", now),
                    new_name=True,
                )
            except HearthError as exc:
                raise HearthError(f"{exc} Nothing was changed.") from exc
            _copy_into(source, database, holder)
    else:
        reason = current.problems[0] if current.problems else "it holds no Hearth data"
        raise HearthError(
            f"{database} is not a Hearth database ({reason}), so the backup was not put in its "
            "place. Nothing was changed. To restore into a new file, give --db a name where "
            "there is no file yet."
        )
    return Restored(database, aside, report.revision)


def _holds_nothing(database: Path) -> bool:
    """No file, or an empty one with no write-ahead log beside it."""
    if not database.exists():
        return True
    wal = Path(f"{database}-wal")
    return database.stat().st_size == 0 and (not wal.exists() or wal.stat().st_size == 0)


def _cannot_read(database: Path, current: CheckReport) -> str:
    if current.blocked == "locked":
        return IN_USE.format(database=database)
    if current.blocked == "full":
        return (
            f"The disk holding {database} is full, so it cannot be restored now; free some space "
            "and try again. Nothing was changed."
        )
    return (
        f"{database} cannot be read ({current.problems[0]}), so it cannot be restored now. "
        "Nothing was changed."
    )


SQLITE_HEADER = b"SQLite format 3\x00"


def _once_hearths(database: Path) -> bool:
    """Is the damaged file a database that was Hearth's (a SQLite file, or one whose backups
    are in the backups folder), not a text file given to --db by mistake?"""
    try:
        with database.open("rb") as file:
            if file.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                return True
    except OSError:
        return False
    return bool(backup.list_backups(database))


def checked_backup(source: Path) -> CheckReport:
    """The full check of a backup; HearthError with the reason if it cannot be restored."""
    report = check_file(source)
    if not report.ok or not report.is_hearth:
        reason = report.problems[0] if report.problems else "it is not a Hearth database"
        raise HearthError(f"{source} cannot be restored: {reason}. Nothing was changed.")
    return report


def newest_good_backup(database: Path) -> tuple[Path, CheckReport] | None:
    """The newest backup of this database that passes the full check (for a damaged start)."""
    for candidate in backup.list_backups(database, paths.backup_dir()):
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
            backup.copy_pages(
                src, holder, str(source), give_up_at=time.monotonic() + LOCK_WAIT_SECONDS
            )
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


def _over_damaged(source: Path, database: Path, now: datetime) -> Path:
    """The backup in place of the damaged `database`, which is kept beside it under a new
    name; where the copy cannot be made or placed, the damaged file stays as it was."""
    try:
        copy = backup.copy_beside(source, database)
    except HearthError as exc:
        raise HearthError(f"{exc} Nothing was changed.") from exc
    wanted = database.with_name(
        backup.timestamped_name(fit(database.stem, backup.STEM_BYTES), "damaged", now)
    )
    moved: list[tuple[Path, Path]] = []
    aside, linked = wanted, False
    try:
        aside, linked = backup.claim(database, wanted)
        for suffix in SIDE_FILES:  # the log belongs to the file it was written for
            side = Path(f"{database}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
                moved.append((Path(f"{aside}{suffix}"), side))
        if not linked:  # no hard links here: the damaged file moves to the name claimed
            os.replace(database, aside)
            moved.append((aside, database))
        os.replace(copy, database)
    except OSError as exc:
        with contextlib.suppress(OSError):
            for there, back in reversed(moved):
                os.replace(there, back)
            if linked:  # the damaged file is still at its name: the second name goes
                os.unlink(aside)
        with contextlib.suppress(OSError):
            os.unlink(copy)
        raise HearthError(
            f"Cannot move the damaged {database} aside: {exc.strerror or exc}. Nothing was changed."
        ) from exc
    make_private(database)
    return aside
