"""An exception in a slot is logged and shown; the app goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app import logsetup
from app.ui.shell.crash_guard import CrashGuard
from app.ui.shell.error_dialog import ErrorDialog


class Button(QObject):
    clicked = Signal()


class Handler(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    @Slot()
    def explode(self) -> None:
        self.calls += 1
        raise ZeroDivisionError("the sums went wrong")


@pytest.mark.qt_no_exception_capture
def test_a_slot_that_raises_shows_the_error_and_the_app_goes_on(
    qtbot: QtBot, hermetic_home: Path
) -> None:
    logsetup.configure()
    shown: list[tuple[str, str]] = []
    guard = CrashGuard(show=lambda summary, details: shown.append((summary, details)))
    guard.install()
    try:
        button, handler = Button(), Handler()
        button.clicked.connect(handler.explode)
        button.clicked.emit()
        button.clicked.emit()  # the same fault again: logged, not shown twice
    finally:
        guard.uninstall()
    assert handler.calls == 2  # the app went on and ran the slot again
    assert len(shown) == 1
    summary, details = shown[0]
    assert "ZeroDivisionError: the sums went wrong" in summary
    assert "Traceback" in details and "explode" in details
    log_text = (hermetic_home / "logs" / "hearth.log").read_text()
    assert log_text.count("the sums went wrong") >= 2


def test_the_error_dialog_copies_its_details(qtbot: QtBot) -> None:
    dialog = ErrorDialog("Something went wrong.", "Traceback: line 1\nline 2")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Traceback: line 1\nline 2"
    assert dialog.copy_button.text() == "Copied"


class Saver(QObject):
    @Slot()
    def save(self) -> None:
        import sqlite3

        from sqlalchemy.exc import IntegrityError

        raise IntegrityError(
            "INSERT INTO lead (name, notes) VALUES (?, ?)",
            ("Jane Private", "her phone is 0171 555"),
            sqlite3.IntegrityError("UNIQUE constraint failed: lead.email"),
        )


@pytest.mark.qt_no_exception_capture
def test_a_database_error_is_shown_without_its_statement_or_values(
    qtbot: QtBot, hermetic_home: Path
) -> None:
    """#16 (11): the sentence said 'IntegrityError: (sqlite3.IntegrityError) … [SQL: INSERT …]
    [parameters: ('Jane Private', …)]': a statement and other rows' data in a dialog and the log."""
    logsetup.configure()
    shown: list[tuple[str, str]] = []
    guard = CrashGuard(show=lambda summary, details: shown.append((summary, details)))
    guard.install()
    try:
        button, saver = Button(), Saver()
        button.clicked.connect(saver.save)
        button.clicked.emit()
    finally:
        guard.uninstall()
    [(summary, details)] = shown
    assert summary.startswith(
        "Something went wrong inside Hearth: IntegrityError: UNIQUE constraint failed: "
        "lead.email. It was written to the log"
    )
    assert "INSERT" not in summary
    log_text = (hermetic_home / "logs" / "hearth.log").read_text()
    for text in (details, log_text):
        assert "UNIQUE constraint failed" in text
        assert "Jane Private" not in text and "0171" not in text
