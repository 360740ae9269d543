"""The quick road's connection (app.model.store.quick_read): a read-only sqlite3 connection to a
current SQLite file, whose reads see the file as it was at one moment, as a session's do."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from app.model import people
from app.model.store.db import Store, resolve_location
from app.model.store.quick_read import connect

pytestmark = pytest.mark.sqlite_only


def test_its_reads_are_one_snapshot_while_another_program_writes(
    set_up_store: Store, db_path: Path
) -> None:
    """summary and the window's first look make dozens of reads: a `hearth-cli log` committed
    between two of them must not show in one and not the other (the week's hours against the
    trend's last week, the open leads against the pipeline)."""
    connection = connect(str(db_path))
    assert connection is not None
    try:
        before = connection.execute("SELECT count(*) FROM person").fetchone()
        with set_up_store.writer() as session:
            people.add_person(session, "Bo")  # committed
        assert connection.execute("SELECT count(*) FROM person").fetchone() == before
    finally:
        connection.close()
    again = connect(str(db_path))
    assert again is not None
    try:
        assert again.execute("SELECT count(*) FROM person").fetchone() == (before[0] + 1,)
    finally:
        again.close()


def test_a_file_another_program_holds_locked_is_left_at_once_to_the_ordinary_road(
    set_up_store: Store, db_path: Path
) -> None:
    """The window's first look runs on the window's thread: a file locked by another program
    (here one that took it out of write-ahead logging and holds a write) must not freeze the
    painted window while sqlite3 waits; the ordinary road opens it with its wait message and
    says it is locked."""
    set_up_store.close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("PRAGMA journal_mode=DELETE")
        holder.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        assert connect(str(db_path)) is None
        assert time.monotonic() - started < 5  # it waited 10 s
    finally:
        holder.close()


def test_a_path_from_the_home_folder_is_the_file_the_ordinary_road_opens(
    set_up_store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`HEARTH_DB=~/hearth.db` (a launcher or a service file does not expand the ~) or a
    quoted `--db '~/hearth.db'`: the ordinary road opens ~/hearth.db, and so does the quick
    one, not a folder named ~ under the current folder."""
    monkeypatch.setenv("HOME", str(db_path.parent))
    monkeypatch.chdir(db_path.parent)
    at_home = "~/" + db_path.name
    (db_path.parent / "~").mkdir()
    shutil.copyfile(db_path, db_path.parent / "~" / db_path.name)  # a stranger's copy
    with set_up_store.writer() as session:
        people.add_person(session, "Bo")
    assert resolve_location(at_home).path == db_path
    connection = connect(at_home)
    assert connection is not None
    try:
        assert connection.execute("SELECT count(*) FROM person").fetchone() == (2,)
    finally:
        connection.close()


def test_a_damaged_version_table_is_left_to_the_ordinary_road(
    set_up_store: Store, db_path: Path
) -> None:
    """Two versions in the file: the ordinary road says the version table is damaged, so
    summary must not answer from it."""
    set_up_store.close()
    with sqlite3.connect(db_path) as writer:
        writer.execute("INSERT INTO alembic_version VALUES ('0001')")
    writer.close()
    assert connect(str(db_path)) is None
