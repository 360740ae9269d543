"""A restore replaces only what it may: a database another program holds, one on a full disk
and a file that is not Hearth's are refused, named, and left exactly as they were; only a
file the check finds damaged is renamed aside — and put back if the backup cannot take its
place. Two restores in one second keep both copies of what was there."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.model.errors import HearthError
from app.model.safety import backup, check, restore
from app.model.safety.check import check_file
from tests.model.safety.helpers import (
    damage,
    dump,
    full_database,
    full_disk,
    held_exclusively,
    notes,
)

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return full_database(tmp_path / "hearth.db")


@pytest.fixture
def good(database: Path, tmp_path: Path) -> Path:
    """A sound backup of `database`, outside the backups folder."""
    return backup.backup_sqlite(database, tmp_path / "good.db")


@pytest.fixture(autouse=True)
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program's lock is met within a second, not after the usual waits."""
    monkeypatch.setattr(check, "WAIT_SECONDS", 0.2, raising=False)
    monkeypatch.setattr(restore, "LOCK_WAIT_SECONDS", 0.2)


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (the -wal and -shm a reader may leave aside)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(("-wal", "-shm"))
    }


def _add_entry(database: Path, note: str) -> None:
    conn = sqlite3.connect(database)
    try:
        person = conn.execute("SELECT id FROM person LIMIT 1").fetchone()[0]
        conn.execute(
            'INSERT INTO time_entry (person_id, side, start, "end", note) '
            "VALUES (?, 'sales', '2026-11-20 08:00:00.000000', '2026-11-20 08:30:00.000000', ?)",
            (person, note),
        )
        conn.commit()
    finally:
        conn.close()


def test_a_database_another_program_holds_is_in_use_not_damaged(database: Path) -> None:
    with held_exclusively(database):
        report = check_file(database, quick=True)
    assert not report.damaged
    assert not report.ok  # it could not be checked
    said = " ".join(report.lines())
    assert "another program is using it" in said and "damaged" not in said


def test_a_restore_over_a_database_another_program_holds_is_refused(
    database: Path, good: Path, tmp_path: Path, hermetic_home: Path
) -> None:
    before = _files(tmp_path)
    with held_exclusively(database), pytest.raises(HearthError) as refused:
        restore.restore(good, database)
    assert str(refused.value) == restore.IN_USE.format(database=database)
    assert _files(tmp_path) == before  # not renamed, not replaced, no copy kept aside


def test_a_restore_on_a_full_disk_is_refused_and_the_database_stays(
    database: Path, good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reproduction: the current database cannot even be read (its -shm cannot be made);
    before, it was called damaged, renamed, and the copy of the backup failed: no database."""
    before = _files(tmp_path)
    full_disk(monkeypatch, reading=database)
    with pytest.raises(HearthError) as refused:
        restore.restore(good, database)
    said = str(refused.value)
    assert str(database) in said and "full" in said and "Nothing was changed" in said
    monkeypatch.undo()
    assert _files(tmp_path) == before
    assert check_file(database).ok


def test_a_restore_that_runs_out_of_room_while_copying_aside_changes_nothing(
    database: Path, good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _files(tmp_path)
    full_disk(monkeypatch)  # the database can be read; nothing can be written
    with pytest.raises(HearthError, match="full"):
        restore.restore(good, database)
    monkeypatch.undo()
    assert _files(tmp_path) == before


@pytest.mark.parametrize("kind", ["text", "another program's database"])
def test_a_file_that_is_not_hearths_is_not_replaced(
    kind: str, good: Path, tmp_path: Path, hermetic_home: Path
) -> None:
    target = tmp_path / ("notes.txt" if kind == "text" else "contacts.sqlite")
    if kind == "text":
        target.write_text("Call Ines about the flyers.\n" * 300)
    else:
        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE contact (name TEXT)")
        conn.execute("INSERT INTO contact VALUES ('Ines')")
        conn.commit()
        conn.close()
    before = _files(tmp_path)
    with pytest.raises(HearthError) as refused:
        restore.restore(good, target)
    said = str(refused.value)
    assert said.startswith(f"{target} is not a Hearth database") and "Nothing was changed" in said
    assert _files(tmp_path) == before
    assert not (hermetic_home / "backups").exists() or not any(
        (hermetic_home / "backups").iterdir()
    )


def test_an_empty_file_takes_the_backup(good: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.db"
    target.touch()
    done = restore.restore(good, target)
    assert done.kept_aside is None
    assert dump(target) == dump(good)


def test_a_damaged_database_stays_when_the_backup_cannot_take_its_place(
    database: Path, good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damage(database)
    assert check_file(database, quick=True).damaged
    before = _files(tmp_path)
    full_disk(monkeypatch)  # room for nothing: the backup's copy cannot be written
    with pytest.raises(HearthError, match="full"):
        restore.restore(good, database)
    monkeypatch.undo()
    assert _files(tmp_path) == before  # the damaged file where it was, under its name


def test_a_damaged_database_is_replaced_with_no_moment_without_a_database(
    database: Path, good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup is copied and checked beside the database first; only then is the damaged
    file given a new name and the copy put in its place."""
    damage(database)
    damaged_bytes = database.read_bytes()
    seen: list[bool] = []
    real_replace = os.replace

    def watching(src: object, dst: object) -> None:
        seen.append(database.exists())
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", watching)
    done = restore.restore(good, database, now=NOW)
    monkeypatch.undo()
    assert seen and all(seen)
    assert done.kept_aside is not None and done.kept_aside.read_bytes() == damaged_bytes
    assert dump(database) == dump(good)


def test_two_restores_in_one_second_keep_both_copies(
    database: Path, tmp_path: Path, hermetic_home: Path
) -> None:
    """`backup -o empty.db; log …; restore empty.db; restore empty.db` in one second: the
    second copy kept aside took the first one's name, and the logged entry was in no file."""
    empty = backup.backup_sqlite(database, tmp_path / "empty.db")
    _add_entry(database, "logged before the restores")
    first = restore.restore(empty, database, now=NOW)
    second = restore.restore(empty, database, now=NOW)
    assert first.kept_aside is not None and second.kept_aside is not None
    assert first.kept_aside != second.kept_aside
    assert "logged before the restores" in notes(first.kept_aside)
    assert len(list((hermetic_home / "backups").glob("*-before-restore.db"))) == 2
