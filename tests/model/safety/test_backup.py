"""Backups: consistent copies, checked, private, rotated (7 daily and 8 weekly), and restored."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.model.errors import HearthError
from app.model.safety import backup, restore
from app.model.safety import rotation as backup_rotation
from app.model.safety.check import check_file
from app.model.store import db
from tests.model.safety.helpers import damage, dump, full_database


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return full_database(tmp_path / "shop.db")


def test_a_backup_is_a_checked_private_self_contained_copy(
    database: Path, hermetic_home: Path
) -> None:
    made = backup.take_backup(database, "manual")
    assert made.parent == hermetic_home / "backups"
    assert backup.parse_name(made) is not None
    assert dump(made) == dump(database)
    assert check_file(made).ok
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert not list(made.parent.glob("*.partial"))
    assert not Path(f"{made}-wal").exists()  # no -wal/-shm beside a backup after reading it


def test_a_backup_and_its_journal_are_private_from_the_first_byte(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not 0644 for the length of the copy (40 s on a large file) and 0600 at the end."""
    real_connect = sqlite3.connect
    modes: dict[str, int] = {}

    def watching(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        connection = real_connect(target, *args, **kwargs)  # type: ignore[arg-type]
        name = str(target)
        if name.endswith(".partial"):  # the copy, as SQLite has just made it
            modes["copy"] = stat.S_IMODE(os.stat(name).st_mode)
            connection.execute("BEGIN")
            connection.execute("CREATE TABLE probe (x)")  # SQLite makes the copy's journal
            modes["journal"] = stat.S_IMODE(os.stat(f"{name}-journal").st_mode)
            connection.execute("ROLLBACK")
        return connection

    monkeypatch.setattr(sqlite3, "connect", watching)
    umask = os.umask(0o022)  # the usual one: new files readable by everyone
    try:
        made = backup.backup_sqlite(database, tmp_path / "copy.db")
    finally:
        os.umask(umask)
    assert modes == {"copy": 0o600, "journal": 0o600}
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert dump(made) == dump(database)


def test_a_backup_taken_while_a_write_is_under_way_has_only_committed_rows(
    database: Path, tmp_path: Path
) -> None:
    before = dump(database)
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM touchpoint")
    made = backup.backup_sqlite(database, tmp_path / "copy.db")
    writer.execute("ROLLBACK")
    writer.close()
    assert dump(made) == before


def test_rotation_keeps_the_last_seven_days_and_eight_weeks() -> None:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    taken = [start + timedelta(days=day, hours=hour) for day in range(100) for hour in (0, 6)]
    kept = backup_rotation.to_keep((at, at) for at in taken)
    days = sorted({at.date() for at in taken})
    newest_of_day = {day: max(at for at in taken if at.date() == day) for day in days}
    expected = {newest_of_day[day] for day in days[-7:]}
    by_week: dict[tuple[int, int], datetime] = {}
    for at in taken:
        week = at.isocalendar()[:2]
        by_week[week] = max(by_week.get(week, at), at)
    expected |= {by_week[week] for week in sorted(by_week)[-8:]}
    assert kept == expected
    # 7 days (Saturday to Friday) + 8 weeks, less this week's and last week's newest
    # (today's and Sunday's), which are daily copies too
    assert len(kept) == 13


def test_daily_backups_once_a_day_pruned_with_a_fake_clock(database: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    first = datetime(2026, 8, 3, 7, 30, tzinfo=UTC)  # a Monday
    (folder).mkdir()
    stem = backup.backup_stem(database)
    by_hand = folder / backup.timestamped_name(stem, "manual", first)
    shutil.copy(database, by_hand)
    leftover = folder / f"{stem}-20260101T000000Z-daily.db.x1y2z3.partial"
    leftover.write_bytes(b"half")
    an_hour_ago = time.time() - backup.STALE_SECONDS - 60
    os.utime(leftover, (an_hour_ago, an_hour_ago))
    in_progress = folder / f"{stem}-20260101T000000Z-manual.db.a1b2c3.partial"
    in_progress.write_bytes(b"being written by another hearth-cli backup")
    made = []
    for day in range(70):
        for hours in (0, 3):  # two starts a day: only the first backs up
            now = first + timedelta(days=day, hours=hours)
            result = backup.daily_backup(database, now=now, folder=folder)
            assert (result is not None) == (hours == 0)
            if result:
                made.append(now)
    dailies = {b.taken_at for b in backup.list_backups(database, folder) if b.reason == "daily"}
    assert dailies == backup_rotation.to_keep((at, at) for at in made)
    assert len(dailies) == 14
    assert by_hand.exists()  # a backup made by hand is never rotated away
    assert not leftover.exists()  # a half-written one from a crash is
    assert in_progress.exists()  # one another program is writing now is not


def test_check_reports_damage_in_plain_words(database: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    backup.backup_sqlite(database, copy)
    assert check_file(copy).ok
    damage(copy)
    report = check_file(copy)
    assert not report.ok
    assert report.lines()[0].startswith(f"{copy}: ")
    assert any("damaged" in line or "not a database" in line for line in report.lines())


def test_restore_round_trips_every_table_and_keeps_the_current_data_aside(
    database: Path, hermetic_home: Path
) -> None:
    made = backup.take_backup(database, "manual")
    at_backup = dump(database)
    conn = sqlite3.connect(database)
    for table in at_backup:
        if table != "alembic_version":
            conn.execute("PRAGMA foreign_keys=OFF")
            conn.execute(f'DELETE FROM "{table}"')
    conn.commit()
    conn.close()
    emptied = dump(database)
    restored = restore.restore(made, database)
    assert dump(database) == at_backup
    assert restored.kept_aside is not None
    assert dump(restored.kept_aside) == emptied  # the data as it was, never deleted
    store = db.open_store(db.sqlite_location(database))  # and Hearth opens it
    store.close()


@pytest.mark.parametrize("kind", ["damaged", "not hearth", "text", "missing"])
def test_a_bad_backup_is_refused_and_nothing_changes(
    database: Path, tmp_path: Path, kind: str
) -> None:
    bad = tmp_path / "bad.db"
    if kind == "damaged":
        backup.backup_sqlite(database, bad)
        damage(bad)
    elif kind == "not hearth":
        sqlite3.connect(bad).execute("CREATE TABLE notes (text)").connection.commit()
    elif kind == "text":
        bad.write_text("hello")
    before = dump(database)
    files = sorted(os.listdir(tmp_path))
    with pytest.raises(HearthError, match="cannot be restored: .*Nothing was changed"):
        restore.restore(bad, database)
    assert dump(database) == before
    assert sorted(os.listdir(tmp_path)) == files


def test_a_damaged_database_is_renamed_aside_never_overwritten(
    database: Path, tmp_path: Path
) -> None:
    made = backup.take_backup(database, "manual")
    good = dump(database)
    store = db.open_store(db.sqlite_location(database))
    store.close()
    damage(database)
    damaged_bytes = database.read_bytes()
    assert not check_file(database, quick=True).ok
    restored = restore.restore(made, database)
    assert restored.kept_aside is not None and "damaged" in restored.kept_aside.name
    assert restored.kept_aside.parent == database.parent
    assert restored.kept_aside.read_bytes() == damaged_bytes
    assert dump(database) == good


def test_the_newest_good_backup_skips_a_damaged_one(database: Path) -> None:
    older = backup.take_backup(database, "daily", now=datetime(2026, 11, 1, tzinfo=UTC))
    newer = backup.take_backup(database, "daily", now=datetime(2026, 11, 2, tzinfo=UTC))
    damage(newer)
    found = restore.newest_good_backup(database)
    assert found is not None and found[0] == older


def test_files_hearth_creates_are_private(tmp_path: Path, hermetic_home: Path) -> None:
    from app import logsetup

    path = tmp_path / "new.db"
    store = db.open_store(db.sqlite_location(path))
    with store.session() as session:
        session.connection().exec_driver_sql("SELECT 1")
        for suffix in ("", "-wal", "-shm"):
            assert stat.S_IMODE(Path(f"{path}{suffix}").stat().st_mode) == 0o600, suffix
    store.close()
    log = logsetup.configure()
    assert log is not None and stat.S_IMODE(log.stat().st_mode) == 0o600
    made = backup.take_backup(path, "manual")
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
