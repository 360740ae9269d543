"""Every way the database can fail to open gives one sentence, in the window and on the
command line (exit 1), and changes nothing: no file written, none created, none removed."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.cli import main as cli
from app.model.store import db, server_limits

Fault = Callable[[Path, pytest.MonkeyPatch], Path]


def _folder(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    (tmp / "a folder.db").mkdir()
    return tmp / "a folder.db"


def _missing_folder(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    return tmp / "gone" / "shop.db"


def _text_file(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    path = tmp / "notes.db"
    path.write_text("Dear diary,\n" * 300)
    return path


def _other_program(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    path = tmp / "recipes.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    return path


def _hearth(tmp: Path) -> Path:
    path = tmp / "shop.db"
    db.open_store(db.sqlite_location(path)).close()
    return path


def _newer(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    path = _hearth(tmp)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    return path


def _read_only(tmp: Path, mp: pytest.MonkeyPatch) -> Path:
    path = _hearth(tmp)
    if os.geteuid() != 0:
        path.chmod(0o444)
    else:  # root may write any file: say so the way the system would
        real_access = os.access
        mp.setattr(os, "access", lambda p, mode: False if Path(p) == path else real_access(p, mode))
    return path


FAULTS: dict[str, tuple[Fault, str]] = {
    "a folder": (_folder, "is a folder, not a database file."),
    "a missing folder": (_missing_folder, "does not exist, so shop.db cannot be created there."),
    "not a database": (_text_file, "is not a Hearth database, or it is damaged."),
    "another program's": (_other_program, "is a database, but not a Hearth database"),
    "a newer Hearth's": (_newer, "was made by a newer version of Hearth (schema 9999)"),
    "read-only": (_read_only, "is read-only or not readable for you"),
}


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        if path.is_file()
        else "folder"
        for path in sorted(folder.rglob("*"))
        if "home" not in path.relative_to(folder).parts
    }


@pytest.mark.parametrize("fault", FAULTS)
def test_the_command_line_says_one_sentence_and_changes_nothing(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = FAULTS[fault]
    path = make(tmp_path, monkeypatch)
    before = _snapshot(tmp_path)
    assert cli.main(["--db", str(path), "people", "add", "Ann"]) == 1
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1 and err.startswith("hearth-cli: ")
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize("fault", FAULTS)
def test_the_window_says_the_same_sentence(
    fault: str, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui.shell.main_window import MainWindow

    make, expected = FAULTS[fault]
    path = make(tmp_path, monkeypatch)
    before = _snapshot(tmp_path)
    main = MainWindow(db_path=str(path))
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.database_failed) as failed:
        main.open_database()
    assert expected in failed.args[0] and "\n" not in failed.args[0]
    assert main.store is None
    assert _snapshot(tmp_path) == before


def test_a_database_locked_by_another_program_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _hearth(tmp_path)
    monkeypatch.setattr(server_limits, "BUSY_TIMEOUT_SECONDS", 0.3)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert cli.main(["--db", str(path), "people", "add", "Ann"]) == 1
        err = capsys.readouterr().err
        assert "is locked by another program; close it and try again." in err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert cli.main(["--db", str(path), "people"]) == 0  # and works once it is let go
    assert "No people yet" in capsys.readouterr().out


def test_the_window_and_the_command_line_write_at_the_same_time(tmp_path: Path) -> None:
    """Writers wait their turn (busy timeout, BEGIN IMMEDIATE): no "database is locked"."""
    import subprocess
    import sys

    from app.model import first_run
    from app.model.enums import Side
    from app.model.time import entries as time_entries

    path = tmp_path / "shop.db"
    store = db.open_store(db.sqlite_location(path))
    with store.writer() as session:
        first_run.complete(session, first_run.FirstRunAnswers("Shop", ("Ann", "Bo")))
    errors: list[BaseException] = []

    def window_timers() -> None:  # the window switching Ann's timer back and forth
        try:
            for turn in range(40):
                side = Side.MARKETING if turn % 2 else Side.SALES
                with store.writer() as session:
                    time_entries.start_timer(session, 1, side)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=window_timers)
    root = Path(__file__).resolve().parent.parent
    commands = [
        [sys.executable, "-m", "app.cli.main", "--db", str(path), "log", "sales", "20m",
         "--person", "Bo", "--at", f"2026-11-{day:02d} 09:00"]
        for day in range(2, 10)
    ]  # fmt: skip
    thread.start()
    running = [
        subprocess.Popen(c, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    results = [process.communicate(timeout=120) + (process.returncode,) for process in running]
    thread.join()
    store.close()
    assert errors == []
    for _out, err, code in results:
        assert code == 0 and "locked" not in err, err
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM time_entry WHERE person_id = 2").fetchone() == (8,)
    assert conn.execute("SELECT count(*) FROM time_entry WHERE person_id = 1").fetchone() == (40,)
    conn.close()
