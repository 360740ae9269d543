"""Copies of a SQLite database made with SQLite's online backup API (never a file copy).

A copy is written under a temporary name, checked with `PRAGMA integrity_check`, made readable
by the user only, and only then renamed into place, so a half-written backup never looks like
a good one. Backups live in `backups/` beside the database (the user data folder), named
`<stem>-<UTC time>-<reason>.db`: `daily` (the window's first start of a local day, rotated by
`backup_rotation`), `before-<revision>` (before a migration), `before-restore`, `manual`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.model import paths
from app.model.errors import HearthError
from app.model.safety import atomic_file
from app.model.safety import rotation as backup_rotation
from app.model.safety.private_files import create_private, make_private, private_folder
from app.model.store.sqlite_uri import file_uri
from app.model.weeks import moment_words, to_local

DAILY = "daily"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<at>\d{8}T\d{6}Z)-(?P<reason>[a-z0-9-]+)\.db$")
_STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    stem: str
    taken_at: datetime
    reason: str


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy the database at `source` to `destination`, checked, or raise HearthError.
    A link is followed (the file it leads to gets the copy; the link stays a link); a terminal
    or a pipe (`-o /dev/stdout`) gets the checked copy's bytes."""
    if atomic_file.streams(destination):
        _send(source, destination)
        return destination
    try:
        src = sqlite3.connect(file_uri(source, "ro"), uri=True)
    except sqlite3.Error as exc:
        raise HearthError(f"Cannot back up {source} to {destination}: {exc}.") from exc
    try:
        copy_from(src, source, atomic_file.target_of(destination))
    finally:
        src.close()
    return destination


def copy_from(src: sqlite3.Connection, source: Path, destination: Path) -> Path:
    """Copy the database `src` is connected to (the file `source`) to the file `destination`:
    written under a temporary name readable by the user only from its first byte, checked,
    synced, then renamed into place. A restore passes the connection that holds its lock."""
    private_folder(destination.parent)
    partial = destination.with_name(destination.name + ".partial")
    for leftover in _with_side_files(partial):  # a crash's: never rolled into the new copy
        _discard(leftover)
    # 0600 before SQLite writes a byte; it gives the -journal, -wal and -shm the file's mode.
    create_private(partial)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            result = dst.execute("PRAGMA integrity_check").fetchone()
            # A backup is one self-contained file: no -wal/-shm beside it when read.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        _discard(partial)
        raise HearthError(f"Cannot back up {source} to {destination}: {exc}.") from exc
    if result is None or result[0] != "ok":
        _discard(partial)
        raise HearthError(
            f"The backup of {source} failed its integrity check; the database was left as it was."
        )
    make_private(partial)
    _fsync(partial)
    os.replace(partial, destination)
    return destination


def _send(source: Path, destination: Path) -> None:
    """A checked copy made in the backups folder (private), then its bytes to `destination`."""
    folder = paths.backup_dir()
    private_folder(folder)
    # Named like a partial backup, so that a crash's leftover is pruned with them.
    handle, name = tempfile.mkstemp(prefix=f"{source.stem}-", suffix=".db.partial", dir=folder)
    os.close(handle)
    copy = Path(name)
    try:
        backup_sqlite(source, copy)
        with copy.open("rb") as made, atomic_file.replaced(destination) as out:
            shutil.copyfileobj(made, out)
    finally:
        _discard(copy)


def _with_side_files(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("", "-journal", "-wal", "-shm")]


def utc_stamp(now: datetime | None = None) -> str:
    """`20261123T091200Z`: the moment in file names (backups, set-aside files, crash logs)."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP)


def timestamped_name(stem: str, reason: str, now: datetime | None = None) -> str:
    return f"{stem}-{utc_stamp(now)}-{reason}.db"


def parse_name(path: Path) -> BackupFile | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    taken_at = datetime.strptime(match["at"], _STAMP).replace(tzinfo=UTC)
    return BackupFile(path, match["stem"], taken_at, match["reason"])


def list_backups(stem: str, folder: Path | None = None) -> list[BackupFile]:
    """This database's backups, newest first."""
    folder = paths.backup_dir() if folder is None else folder
    if not folder.is_dir():
        return []
    found = [parse_name(path) for path in folder.glob(f"{glob_escape(stem)}-*.db")]
    backups = [b for b in found if b is not None and b.stem == stem]
    return sorted(backups, key=lambda b: b.taken_at, reverse=True)


def take_backup(
    database: Path, reason: str, *, now: datetime | None = None, folder: Path | None = None
) -> Path:
    folder = paths.backup_dir() if folder is None else folder
    return backup_sqlite(database, folder / timestamped_name(database.stem, reason, now))


def daily_backup(
    database: Path, *, now: datetime | None = None, folder: Path | None = None
) -> Path | None:
    """The first call of a local day backs the database up; every call prunes old dailies.
    Return the new backup, or None when today's exists already."""
    now = now or datetime.now(UTC)
    folder = paths.backup_dir() if folder is None else folder
    today = to_local(now).date()
    existing = list_backups(database.stem, folder)
    made = None
    if not any(b.reason == DAILY and to_local(b.taken_at).date() == today for b in existing):
        made = take_backup(database, DAILY, now=now, folder=folder)
    prune(database.stem, folder)
    return made


def prune(stem: str, folder: Path) -> list[Path]:
    """Delete the daily backups rotation no longer keeps, and partial files left by a crash;
    backups taken for another reason (before a migration or a restore, by hand) stay."""
    dailies = [b for b in list_backups(stem, folder) if b.reason == DAILY]
    keep = backup_rotation.to_keep((b.taken_at, b.path) for b in dailies)
    removed = [b.path for b in dailies if b.path not in keep]
    removed += list(folder.glob(f"{glob_escape(stem)}-*.db.partial"))
    for path in removed:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return removed


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def describe(backup: BackupFile) -> str:
    """`Monday 23 November 2026, 09:12` in local time, for messages."""
    return moment_words(backup.taken_at)
