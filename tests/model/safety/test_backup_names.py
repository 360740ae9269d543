"""Backups never take each other's place: not two in one second, not two made at once, not
those of two databases of the same name in different folders; a long database name still
fits; a database another program holds is given up on after the store's wait."""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.model import first_run
from app.model.errors import HearthError
from app.model.safety import backup, restore
from app.model.safety.check import check_file
from app.model.store import db, server_limits
from tests.model.safety.helpers import damage, dump, held_exclusively

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _small_database(path: Path, owner: str = "Ann") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    store = db.open_store(db.sqlite_location(path))
    with store.writer() as session:
        first_run.complete(session, first_run.FirstRunAnswers("Shop", (owner,)))
    store.close()
    return path


def test_two_backups_in_one_second_are_two_files(tmp_path: Path) -> None:
    database = _small_database(tmp_path / "shop.db")
    first = backup.take_backup(database, "manual", now=NOW)
    second = backup.take_backup(database, "manual", now=NOW)
    assert first != second and first.exists() and second.exists()
    assert [b.path for b in backup.list_backups(database)] == [second, first]  # newest first
    parsed = backup.parse_name(second)
    assert parsed is not None and (parsed.reason, parsed.taken_at, parsed.number) == (
        "manual",
        NOW,
        2,
    )


def test_two_backups_made_at_once_both_succeed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both wrote `NAME.partial`: "disk I/O error", "attempt to write a readonly database",
    and no backup at all. Here both have begun to write before either goes on."""
    database = _small_database(tmp_path / "shop.db")
    both_writing = threading.Barrier(2, timeout=10)
    real_connect = sqlite3.connect

    def connect(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        made = real_connect(target, *args, **kwargs)  # type: ignore[arg-type]
        if str(target).endswith(".partial"):
            both_writing.wait()
        return made

    monkeypatch.setattr(sqlite3, "connect", connect)
    made: list[Path] = []
    failed: list[BaseException] = []

    def take() -> None:
        try:
            made.append(backup.take_backup(database, "manual", now=NOW))
        except BaseException as exc:
            failed.append(exc)

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failed == []
    assert len(set(made)) == 2
    assert all(check_file(path).ok and dump(path) == dump(database) for path in made)
    assert not list(made[0].parent.glob("*.partial*"))


def test_databases_of_one_name_in_two_folders_keep_their_backups_apart(
    tmp_path: Path, hermetic_home: Path
) -> None:
    """Both called hearth.db: they shared `backups/hearth-…`, so one could prune or be
    offered the other's backups."""
    ours = _small_database(tmp_path / "shop" / "hearth.db", "Ann")
    theirs = _small_database(tmp_path / "club" / "hearth.db", "Bea")
    in_the_data_folder = _small_database(hermetic_home / "hearth.db", "Cem")
    mine = backup.take_backup(ours, "daily", now=NOW)
    later = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
    other = backup.take_backup(theirs, "daily", now=later)
    default = backup.take_backup(in_the_data_folder, "daily", now=later)
    assert len({mine.name, other.name, default.name}) == 3
    assert default.name == "hearth-20261121T090000Z-daily.db"  # the usual name for the usual file
    assert [b.path for b in backup.list_backups(ours)] == [mine]
    found = restore.newest_good_backup(ours)
    assert found is not None and found[0] == mine  # never the other database's newer one
    for day in range(1, 15):  # a fortnight of the other's dailies, rotated
        backup.daily_backup(theirs, now=later + timedelta(days=day))
    assert mine.exists()
    assert "Ann" in str(dump(mine)["person"])


def test_a_database_with_a_long_name_can_be_backed_up_and_restored(tmp_path: Path) -> None:
    """Its name plus the time was longer than a file name may be: no backup, ever."""
    database = _small_database(tmp_path / f"{'Bäckerei Müller ' * 13}.db")
    assert len(database.name.encode()) > 230
    made = backup.take_backup(database, "daily", now=NOW)
    assert len(made.name.encode()) <= 255
    assert backup.list_backups(database)[0].path == made
    assert backup.daily_backup(database, now=NOW) is None  # today's is found
    damage(database)
    done = restore.restore(made, database, now=NOW)
    assert done.kept_aside is not None and len(done.kept_aside.name.encode()) <= 255
    assert dump(database) == dump(made)


def test_a_backup_gives_up_on_a_database_another_program_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It waited without end: sqlite3's backup retries a busy page forever."""
    database = _small_database(tmp_path / "shop.db")
    monkeypatch.setattr(server_limits, "BUSY_TIMEOUT_SECONDS", 0.5)
    said: list[BaseException] = []

    def take() -> None:
        try:
            backup.backup_sqlite(database, tmp_path / "copy.db")
        except BaseException as exc:
            said.append(exc)

    with held_exclusively(database):
        taking = threading.Thread(target=take, daemon=True)
        taking.start()
        taking.join(timeout=20)
        waited_without_end = taking.is_alive()
    taking.join(timeout=60)
    assert not waited_without_end
    assert [type(exc) for exc in said] == [HearthError]
    assert str(said[0]) == f"{database} is locked by another program; close it and try again."
    assert sorted(os.listdir(tmp_path)) == ["home", "shop.db"]
