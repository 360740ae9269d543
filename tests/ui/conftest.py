"""GUI fixtures: a main window on a set-up database, with modal dialogs kept out of the way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.model.store.db import Store
from app.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, set_up_store: Store) -> Iterator[MainWindow]:
    path = set_up_store.location.path
    set_up_store.close()
    main = MainWindow(db_path=str(path))
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.database_opened, timeout=10_000):
        main.open_database()
    qtbot.waitUntil(lambda: main.menu_actions.shortcuts_installed)  # set just after the first paint
    yield main
    main.close()
