"""Opening the main window on a database file, as the tests that need a fresh one do."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.ui.shell.main_window import MainWindow


def open_window(qtbot: QtBot, path: Path) -> MainWindow:
    main = MainWindow(db_path=str(path))
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.database_opened, timeout=20_000):
        main.open_database()
    return main
