"""Copies of a SQLite database made with SQLite's online backup API (never a file copy).

A copy is written under a temporary name of its own (`<name>.<random>.partial`, readable by
the user only from its first byte), checked with `PRAGMA integrity_check`, synced, and only
then given its name, so a half-written backup never looks like a good one and two backups made
at once never write the same file. Backups live in `backups/` beside the database (the user
data folder), named `<stem>-<UTC time>-<reason>.db`: `daily` (the window's first start of a
local day, rotated by `backup_rotation`), `before-<revision>` (before a migration),
`before-restore`, `manual`. Such a name is never taken twice: it is claimed exclusively (a
hard link, which fails if the name exists), and a second backup in the same second is
`<stem>-<time>-2-<reason>.db`.

`<stem>` is the database file's name without `.db` for a database in the data folder
(`hearth-…`, `hearth-demo-…`); for a database anywhere else it is followed by a tag made from
the file's full path (`shop-3f2a9c1e-…`), so two databases of the same name in different
folders never prune or offer each other's backups. A long name is cut so that every name made
from it fits in the 255 bytes a file system allows one name.

A database another program holds is waited for as the store's writers wait (a minute), then
said to be locked; one on a read-only disk or in a read-only folder is read as it is.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.model import paths
from app.model.errors import HearthError
from app.model.safety import atomic_file, reading, storage_errors
from app.model.safety import rotation as backup_rotation
from app.model.safety.atomic_file import fit
from app.model.safety.private_files import create_private, make_private, private_folder
from app.model.weeks import moment_words, to_local

DAILY = "daily"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<at>\d{8}T\d{6}Z)(?:-(?P<number>\d+))?-(?P<reason>[a-z][a-z0-9-]*)\.db$"
)
_STAMP = "%Y%m%dT%H%M%SZ"
# The longest `<stem>` in a backup's name, in bytes (UTF-8): with the tag, the time, a number,
# the reason and a temporary suffix a name stays well inside 255 bytes.
STEM_BYTES = 80
# A `.partial` file this old is a crash's leftover, not a backup still being written: one
# being written grows, and is checked and renamed within minutes.
STALE_SECONDS = 3600
# Errors of a file system that has no hard links (FAT, exFAT, some network shares).
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


@dataclass(frozen=True)
class BackupFile:
    path: Path
    stem: str
    taken_at: datetime
    reason: str
    number: int = 1  # 2, 3… for the second and third backup taken in one second


def backup_sqlite(source: Path, destination: Path, *, new_name: bool = False) -> Path:
    """Copy the database at `source` to `destination`, checked, or raise HearthError.
    A link is followed (the file it leads to gets the copy; the link stays a link); a terminal,
    a pipe or an open descriptor (`-o /dev/stdout`) gets the checked copy's bytes. With
    `new_name`, an existing file is never replaced: the copy takes the next free name."""
    if atomic_file.streams(destination):
        _send(source, destination)
        return destination
    target = atomic_file.target_of(destination)
    if target.is_dir():
        raise HearthError(f"Cannot back up {source} to {destination}: it is a folder.")
    private_folder(target.parent)
    return _placed(_read_copy(source, target, target.parent), target, new_name=new_name)


def copy_from(
    src: sqlite3.Connection, source: Path, destination: Path, *, new_name: bool = False
) -> Path:
    """Copy the database `src` is connected to (the file `source`) to the file `destination`
    (as backup_sqlite). A restore passes the connection that holds its lock."""
    private_folder(destination.parent)
    made = _checked_copy(src, source, destination, destination.parent)
    return _placed(made, destination, new_name=new_name)


def copy_beside(source: Path, database: Path) -> Path:
    """A checked copy of the database at `source` under a temporary name in `database`'s
    folder, to be renamed over it (a restore over a damaged file)."""
    return _read_copy(source, database, database.parent)


def _read_copy(source: Path, destination: Path, folder: Path) -> Path:
    """A checked copy of the file `source` in `folder` (temporary name), read without writing
    to it, waiting for another program's lock as the store's writers do."""
    from app.model.store.server_limits import BUSY_TIMEOUT_SECONDS  # read when used

    started = time.monotonic()
    try:
        src = reading.reader(source, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as exc:
        raise HearthError(_failed(source, destination, exc)) from exc
    try:
        return _checked_copy(
            src, source, destination, folder, give_up_at=started + BUSY_TIMEOUT_SECONDS
        )
    finally:
        src.close()


def _checked_copy(
    src: sqlite3.Connection,
    source: Path,
    destination: Path,
    folder: Path,
    *,
    give_up_at: float | None = None,
) -> Path:
    """The database `src` reads, copied into a new private file in `folder`, checked and
    synced; its path. Nothing is left behind if it fails."""
    made = _new_partial(folder, destination.name, source, destination)
    try:
        dst = sqlite3.connect(made)
        try:
            copy_pages(src, dst, str(source), give_up_at=give_up_at)
            result = dst.execute("PRAGMA integrity_check").fetchone()
            # A backup is one self-contained file: no -wal/-shm beside it when read.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        _discard(made)
        raise HearthError(_failed(source, destination, exc)) from exc
    except BaseException:
        _discard(made)
        raise
    if result is None or result[0] != "ok":
        _discard(made)
        raise HearthError(
            f"The backup of {source} failed its integrity check; the database was left as it was."
        )
    try:
        make_private(made)
        _fsync(made)
    except OSError as exc:
        _discard(made)
        raise HearthError(f"Cannot back up {source} to {destination}: {_reason(exc)}.") from exc
    return made


class _WaitedTooLongError(Exception):
    """Another program held the database past the time limit (raised from the progress
    callback, which ends sqlite3's otherwise endless retries)."""


def copy_pages(
    src: sqlite3.Connection, dst: sqlite3.Connection, where: str, *, give_up_at: float | None
) -> None:
    """SQLite's backup from `src` into `dst`; HearthError (locked) if another program holds
    a lock that keeps the copy from going on past `give_up_at` (time.monotonic)."""

    def progress(status: int, _remaining: int, _total: int) -> None:
        busy = status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        if busy and give_up_at is not None and time.monotonic() >= give_up_at:
            raise _WaitedTooLongError

    try:
        src.backup(dst, progress=progress)
    except _WaitedTooLongError:
        raise HearthError(storage_errors.locked(where)) from None


def _new_partial(folder: Path, name: str, source: Path, destination: Path) -> Path:
    """A new empty file in `folder`, readable by the user only from its first byte (SQLite
    gives the -journal the same mode), named after `name` with a part no other has."""
    try:
        handle, made = tempfile.mkstemp(
            prefix=f"{fit(name, STEM_BYTES * 2)}.", suffix=".partial", dir=folder
        )
    except OSError as exc:
        raise HearthError(f"Cannot back up {source} to {destination}: {_reason(exc)}.") from exc
    os.close(handle)
    return Path(made)


def _placed(made: Path, destination: Path, *, new_name: bool) -> Path:
    """Give the finished copy `made` its name: `destination` (replaced if there is one), or
    with `new_name` the first name of destination's that is free, claimed exclusively."""
    try:
        if not new_name:
            os.replace(made, destination)
            return destination
        placed, linked = claim(made, destination)
        if linked:
            os.unlink(made)
        else:
            os.replace(made, placed)
        return placed
    except OSError as exc:
        _discard(made)
        raise HearthError(f"Cannot save the backup as {destination}: {_reason(exc)}.") from exc


def claim(existing: Path, wanted: Path) -> tuple[Path, bool]:
    """A name for the file `existing` that no other file has: `wanted`, else its variants
    (`…-2-reason.db`, `name-2.db`). Claimed exclusively: as a hard link to `existing` (True),
    or where the file system has none, as an empty file the caller replaces (False)."""
    for candidate in variants(wanted):
        try:
            os.link(existing, candidate)
            return candidate, True
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
        try:
            create_private(candidate, exclusive=True)
            return candidate, False
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "every name for it is taken", str(wanted))


def variants(wanted: Path, limit: int = 1000) -> Iterator[Path]:
    """`wanted`, then the names of a second, third… file of that name."""
    yield wanted
    parsed = parse_name(wanted)
    for number in range(2, limit):
        if parsed is not None:
            stamp = utc_stamp(parsed.taken_at)
            name = f"{parsed.stem}-{stamp}-{number}-{parsed.reason}.db"
        else:
            name = f"{wanted.stem}-{number}{wanted.suffix}"
        yield wanted.with_name(name)


def _send(source: Path, destination: Path) -> None:
    """A checked copy made in the backups folder (private), then its bytes to `destination`."""
    folder = paths.backup_dir()
    private_folder(folder)
    copy = _read_copy(source, destination, folder)
    try:
        with copy.open("rb") as made, atomic_file.replaced(destination) as out:
            shutil.copyfileobj(made, out)
    finally:
        _discard(copy)


def _failed(source: Path, destination: Path, exc: sqlite3.Error) -> str:
    if storage_errors.kind_of(exc) == "locked":
        return storage_errors.locked(str(source))
    return f"Cannot back up {source} to {destination}: {_reason(exc)}."


def _reason(exc: BaseException) -> str:
    """Why a copy failed, in words: a full disk is said to be full (SQLite says "disk I/O
    error" when it cannot make the -shm it needs to read a database)."""
    if storage_errors.kind_of(exc) == "full" or getattr(exc, "errno", None) in (
        errno.ENOSPC,
        errno.EDQUOT,
    ):
        return "the disk is full; free some space and try again"
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    return str(exc)


def backup_stem(database: Path) -> str:
    """The start of the names of `database`'s backups: its name without `.db`; for a file
    outside the data folder followed by a tag of its full path; cut to STEM_BYTES."""
    place = _real(database)
    stem = database.stem
    if place.parent == _real(paths.data_dir()) and len(stem.encode()) <= STEM_BYTES:
        return stem
    tag = hashlib.sha256(os.fsencode(place)).hexdigest()[:8]
    return f"{fit(stem, STEM_BYTES - len(tag) - 1)}-{tag}"


def _real(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except OSError:  # a name too long to look up: as it is written
        return path.absolute()


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
    number = int(match["number"] or 1)
    return BackupFile(path, match["stem"], taken_at, match["reason"], number)


def list_backups(database: Path, folder: Path | None = None) -> list[BackupFile]:
    """This database's backups, newest first."""
    folder = paths.backup_dir() if folder is None else folder
    if not folder.is_dir():
        return []
    stem = backup_stem(database)
    found = [parse_name(path) for path in folder.glob(f"{glob_escape(stem)}-*.db")]
    backups = [b for b in found if b is not None and b.stem == stem]
    return sorted(backups, key=lambda b: (b.taken_at, b.number), reverse=True)


def take_backup(
    database: Path, reason: str, *, now: datetime | None = None, folder: Path | None = None
) -> Path:
    """A new backup of `database` in `folder` (the backups folder), never replacing one."""
    folder = paths.backup_dir() if folder is None else folder
    name = timestamped_name(backup_stem(database), reason, now)
    return backup_sqlite(database, folder / name, new_name=True)


def daily_backup(
    database: Path, *, now: datetime | None = None, folder: Path | None = None
) -> Path | None:
    """The first call of a local day backs the database up; every call prunes old dailies.
    Return the new backup, or None when today's exists already."""
    now = now or datetime.now(UTC)
    folder = paths.backup_dir() if folder is None else folder
    today = to_local(now).date()
    existing = list_backups(database, folder)
    made = None
    if not any(b.reason == DAILY and to_local(b.taken_at).date() == today for b in existing):
        made = take_backup(database, DAILY, now=now, folder=folder)
    prune(database, folder)
    return made


def prune(database: Path, folder: Path) -> list[Path]:
    """Delete the daily backups of `database` rotation no longer keeps, and the partial files
    a crash left (an hour old: one being written now, by this or another program, stays);
    backups taken for another reason (before a migration or a restore, by hand) stay."""
    dailies = [b for b in list_backups(database, folder) if b.reason == DAILY]
    keep = backup_rotation.to_keep((b.taken_at, b.path) for b in dailies)
    removed = [b.path for b in dailies if b.path not in keep]
    removed += [path for path in folder.glob("*.partial*") if stale(path)]
    for path in removed:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return removed


def stale(path: Path, seconds: float = STALE_SECONDS) -> bool:
    """Was the file last written more than `seconds` ago (a crash's leftover)?"""
    try:
        return time.time() - path.stat().st_mtime > seconds
    except OSError:
        return False


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _discard(path: Path) -> None:
    for leftover in _with_side_files(path):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def describe(backup: BackupFile) -> str:
    """`Monday 23 November 2026, 09:12` in local time, for messages."""
    return moment_words(backup.taken_at)
