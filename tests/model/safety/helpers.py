"""Shared by the safety tests: a database with rows in every table, dumps, damage, another
program holding the file, and a full disk."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from app.model.demo import business as demo
from app.model.goals import service as goals
from app.model.safety.private_files import FILE_MODE
from app.model.store import db
from app.model.store.sqlite_uri import file_uri
from app.model.time import targets

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def full_database(path: Path) -> Path:
    """Demo data (leads, touchpoints, deals, time, campaigns, tags…) plus a weekly target
    and a month's goal, so that every table has rows: a new file at `path`, a copy of the one
    this test process built the first time it was asked (the same every time: NOW is fixed).
    The file is private, as Hearth makes it."""
    global _built
    if _built is None:
        folder = tempfile.TemporaryDirectory(prefix="hearth-full-")
        _build_full_database(Path(folder.name) / "full.db")
        _built = folder
    shutil.copyfile(Path(_built.name) / "full.db", path)
    os.chmod(path, FILE_MODE)
    # Read as before, which leaves the -wal and -shm files a reader makes beside it
    empty = [name for name, rows in dump(path).items() if not rows]
    assert empty == [], f"tables without rows: {empty}"
    return path


# The folder holding the one full database of this test process (removed when it ends).
_built: tempfile.TemporaryDirectory[str] | None = None


def _build_full_database(path: Path) -> None:
    store = db.open_store(db.sqlite_location(path))
    with store.writer() as session:
        demo.fill(session, leads=150, weeks=10, now=NOW)
    with store.writer() as session:
        targets.set_week_target(session, "2026-W47", 0.5, 30)
        goals.set_goal(session, "2026-11", Decimal("30000"))
        session.commit()
    store.close()
    assert not Path(f"{path}-wal").exists()  # all of it is in the one file that is copied


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order."""
    conn = sqlite3.connect(file_uri(path, "ro"), uri=True)
    try:
        names = [
            str(row[0])
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    finally:
        conn.close()


def damage(path: Path, page: int = 3) -> None:
    """Overwrite one whole page in the middle of the file with garbage."""
    size = 4096
    with path.open("r+b") as file:
        file.seek(size * (page - 1))
        file.write(b"\xa5" * size)


@contextlib.contextmanager
def held_exclusively(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the database to itself (`PRAGMA locking_mode=EXCLUSIVE;
    BEGIN EXCLUSIVE`): no other connection may read or write it until it lets go."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("PRAGMA locking_mode=EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        yield other
    finally:
        other.close()


def _file_of(target: object) -> Path:
    text = str(target)
    if text.startswith("file:"):
        text = unquote(urlsplit(text).path)
    return Path(text).absolute()


def full_disk(monkeypatch: pytest.MonkeyPatch, *, reading: Path | None = None) -> None:
    """The disk is full, as SQLite meets it: no file it writes may grow by a page
    (SQLITE_FULL), and `reading`, a write-ahead-log database with no -shm yet, cannot even be
    read, since reading makes its -shm (SQLITE_IOERR_SHMSIZE, "disk I/O error")."""
    real_connect = sqlite3.connect
    unreadable = None if reading is None else reading.absolute()

    class OnAFullDisk(sqlite3.Connection):
        def __init__(self, target: Any, *args: Any, **kwargs: Any) -> None:
            super().__init__(target, *args, **kwargs)
            self.needs_room = _file_of(target) == unreadable
            if not self.needs_room:
                pages = int(super().execute("PRAGMA page_count").fetchone()[0])
                super().execute(f"PRAGMA max_page_count={max(pages, 1)}")

        def _no_room(self) -> None:
            if self.needs_room:
                error = sqlite3.OperationalError("disk I/O error")
                error.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"  # type: ignore[attr-defined]
                raise error

        def execute(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
            self._no_room()
            return super().execute(*args, **kwargs)

        def backup(self, *args: Any, **kwargs: Any) -> None:
            self._no_room()
            super().backup(*args, **kwargs)

    def connect(target: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        return real_connect(target, *args, factory=OnAFullDisk, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)


def notes(path: Path) -> set[str]:
    """The notes of the time entries in the database at `path`."""
    conn = sqlite3.connect(path)
    try:
        return {str(row[0]) for row in conn.execute("SELECT note FROM time_entry")}
    finally:
        conn.close()


_NO_ROOM = (
    "import resource, signal, sys\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))\n"
    "from app.cli import main as cli\n"
    "sys.exit(cli.main(sys.argv[1:]))\n"
)


def with_no_room(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    """hearth-cli where files cannot grow past 4 KB — to SQLite, what a full disk is: it can
    make the -shm file but not give it its first pages (SQLITE_IOERR_SHMSIZE, "disk I/O
    error"), as on a real full disk when the database was closed cleanly and had none."""
    from tests import ROOT

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if home is not None:
        env["HEARTH_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-c", _NO_ROOM, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
