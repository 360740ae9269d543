"""The window keeps the data safe: back up now, restore, the start-up check with the day's
backup, a damaged database met at start, a risky folder, and errors in worker threads."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.model import people
from app.model.safety import backup, restore
from app.model.store import db, server_limits
from app.ui.common import file_dialogs
from app.ui.database import data_safety
from app.ui.shell.crash_guard import CrashGuard
from app.ui.shell.launch import _on_main_thread
from app.ui.shell.main_window import MainWindow
from tests.model.safety.helpers import damage, dump, full_database, held_exclusively
from tests.ui.windows import open_window


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return full_database(tmp_path / "shop.db")


def test_back_up_now_writes_a_checked_copy_where_the_user_chose(
    qtbot: QtBot, shop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = open_window(qtbot, shop)
    target = tmp_path / "my backup.db"
    offered: list[str] = []

    def save_name(_parent: object, _title: str, default: str, _filter: str) -> tuple[str, str]:
        offered.append(default)
        return str(target), ""

    monkeypatch.setattr(file_dialogs, "save_file_name", save_name)
    assert main.safety().backup_action.isEnabled()
    main.safety().backup_action.trigger()
    assert dump(target) == dump(shop)
    assert "/backups/shop-" in offered[0]
    assert main.statusBar().currentMessage() == f"Backed up to {target} (checked)."


def test_restore_from_backup_replaces_the_data_and_reopens(
    qtbot: QtBot, shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = backup.take_backup(shop, "manual")
    at_backup = dump(shop)
    main = open_window(qtbot, shop)
    assert main.store is not None
    with main.store.writer() as session:
        people.add_person(session, "Added after the backup")
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(made), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(main.safety().restored) as restored:
        main.safety().restore_action.trigger()
    assert dump(shop) == at_backup
    kept = Path(restored.args[0])
    assert "Added after the backup" in str(dump(kept)["person"])
    assert main.store is not None  # reopened
    assert "Restored the backup" in main.statusBar().currentMessage()


def test_a_damaged_database_at_start_offers_the_newest_good_backup(
    qtbot: QtBot, shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = backup.take_backup(shop, "daily", now=datetime(2026, 11, 19, tzinfo=UTC))
    expected = dump(shop)
    damage(shop, page=1)  # the header: the file no longer opens
    damaged_bytes = shop.read_bytes()
    asked: list[str] = []

    def ask(_parent: object, database: Path, problem: str) -> Path | None:
        asked.append(problem)
        found = restore.newest_good_backup(database)
        return found[0] if found else None

    monkeypatch.setattr(data_safety, "ask_to_restore_newest", ask)
    main = open_window(qtbot, shop)
    assert asked and "not a database" in asked[0]
    assert dump(shop) == expected
    aside = [p for p in shop.parent.iterdir() if "damaged" in p.name and p.suffix == ".db"]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes
    assert main.store is not None
    assert good.exists()


def test_a_damaged_database_without_a_backup_is_left_alone(qtbot: QtBot, shop: Path) -> None:
    damage(shop, page=1)
    before = shop.read_bytes()
    main = MainWindow(db_path=str(shop))
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.database_failed) as failed:
        main.open_database()  # no dialog to offer a backup: there is none
    assert failed.args == [f"{shop} is not a Hearth database, or it is damaged."]
    assert shop.read_bytes() == before


def test_the_start_up_check_backs_up_once_a_day_or_reports_damage(
    qtbot: QtBot, shop: Path, hermetic_home: Path
) -> None:
    checks = data_safety.StartupChecks()
    with qtbot.waitSignal(checks.backed_up) as backed_up:
        checks.start(shop).join()
    assert Path(backed_up.args[0]).parent == hermetic_home / "backups"
    with qtbot.assertNotEmitted(checks.backed_up), qtbot.waitSignal(checks.finished):
        checks.start(shop).join()  # today's exists
    damage(shop, page=3)
    with qtbot.waitSignal(checks.damaged) as damaged:
        checks.start(shop).join()
    assert "damaged" in damaged.args[0]


def test_a_database_in_a_synced_folder_gets_a_warning(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    main = open_window(qtbot, full_database(folder / "shop.db"))
    warning = main.findChild(QMessageBox, "riskyPlaceWarning")
    assert warning is not None and warning.isVisible()
    assert "Dropbox (a synced folder)" in warning.text()
    assert "shared database server" in warning.text()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_shown_from_the_main_thread(
    qtbot: QtBot, qapp: object
) -> None:
    shown: list[tuple[str, bool]] = []
    main_thread = threading.current_thread()
    guard = CrashGuard(
        show=lambda summary, _details: shown.append(
            (summary, threading.current_thread() is main_thread)
        ),
        post=_on_main_thread(qapp),
    )
    guard.install()
    try:

        def work() -> None:
            raise OSError(28, "database or disk is full")

        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(shown))
    finally:
        guard.uninstall()
    summary, on_main_thread = shown[0]
    assert on_main_thread
    assert summary.startswith("The disk is full, so Hearth could not save the last change")


def test_a_sound_database_is_not_called_damaged(shop: Path) -> None:
    store = db.open_store(db.sqlite_location(shop))
    store.close()
    assert data_safety.is_damaged(shop) is None


def test_the_last_runs_crash_is_shown_once_with_copy_details(qtbot: QtBot, shop: Path) -> None:
    from app.ui.shell.error_dialog import ErrorDialog
    from app.ui.shell.launch import _offer_crash_log

    main = open_window(qtbot, shop)
    _offer_crash_log(main, "Fatal Python error: Segmentation fault\n  File x.py", "crash-1.log")
    dialog = main.findChild(ErrorDialog, "previousCrash")
    assert dialog is not None and dialog.isVisible()
    assert "stopped unexpectedly" in dialog.summary_label.text()
    assert "crash-1.log" in dialog.summary_label.text()
    assert dialog.details == "Fatal Python error: Segmentation fault\n  File x.py"


def test_a_database_another_program_holds_is_not_offered_a_restore_at_start(
    qtbot: QtBot, shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start check met 'database is locked' and called the file damaged: the window would
    have offered to restore a backup over good data."""
    from app.model.safety import check

    monkeypatch.setattr(check, "WAIT_SECONDS", 0.2, raising=False)
    monkeypatch.setattr(server_limits, "BUSY_TIMEOUT_SECONDS", 0.3)
    backup.take_backup(shop, "daily", now=datetime(2026, 11, 19, tzinfo=UTC))
    checks = data_safety.StartupChecks()
    with held_exclusively(shop):
        assert data_safety.is_damaged(shop) is None
        with qtbot.assertNotEmitted(checks.damaged), qtbot.waitSignal(checks.failed) as failed:
            checks.start(shop).join()
    assert failed.args == [f"{shop} is locked by another program; close it and try again."]
