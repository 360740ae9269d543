"""A file dialog listing the database's folder leaves SQLite's locks alone, so what the window
saves afterwards is never written to a log another program has deleted (a new owner's walk:
Save PDF…, then `hearth-cli summary`, then `hearth-cli goal set` — the goal was lost at quit)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from app.model import people
from app.model.store.db import open_store, sqlite_location
from app.ui.common import file_dialogs


def another_program_reads(database: Path) -> list[str]:
    """What a separate process (as hearth-cli) sees: the people's names; it then closes."""
    script = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "print('\\n'.join(r[0] for r in c.execute('SELECT name FROM person ORDER BY id')))\n"
        "c.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(database)], capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def browse_a_while(qtbot: QtBot, ask: Callable[[], object]) -> None:
    """Open the dialog, let it list the folder and draw its icons, then cancel it."""

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        end = time.monotonic() + 1.0
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.01)
        dialog.reject()

    QTimer.singleShot(50, cancel)
    ask()


@pytest.mark.parametrize(
    "ask",
    [
        lambda folder: file_dialogs.save_file_name(
            None, "Save", str(folder / "r.pdf"), "PDF (*.pdf)"
        ),
        lambda folder: file_dialogs.open_file_name(None, "Open", str(folder), "All (*)"),
        lambda folder: file_dialogs.existing_directory(None, "Folder", str(folder)),
    ],
    ids=["save", "open", "folder"],
)
def test_a_file_dialog_on_the_databases_folder_loses_no_later_write(
    qtbot: QtBot, tmp_path: Path, ask: Callable[[Path], object]
) -> None:
    database = tmp_path / "hearth.db"
    store = open_store(sqlite_location(database))
    try:
        with store.writer() as session:
            people.add_person(session, "Ann")
        browse_a_while(qtbot, lambda: ask(tmp_path))
        assert another_program_reads(database) == ["Ann"]
        with store.writer() as session:
            people.add_person(session, "Bea")
        assert another_program_reads(database) == ["Ann", "Bea"]
        assert Path(f"{database}-wal").exists()  # still the log the window writes to
    finally:
        store.close()
