"""GUI fixtures: a main window on a set-up database, with modal dialogs kept out of the way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.model.store.db import Store
from app.ui.shell.main_window import MainWindow
from tests.pg_server import Server
from tests.tcp_relay import Relay


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


@pytest.fixture
def relay(pg_server: Server) -> Iterator[Relay]:
    """A loopback relay in front of the test server, to slow it down or take it away."""
    between = Relay(pg_server.port)
    yield between
    between.close()


@pytest.fixture
def server_window(qtbot: QtBot, relay: Relay, history_on_server: str) -> MainWindow:
    """A window on the test server (through the relay), with its offline copy made."""
    window = MainWindow(db_path=relay.url(history_on_server))
    qtbot.addWidget(window)
    window.show()
    copied = qtbot.waitSignal(window.offline().copy_made, timeout=60_000)
    with copied, qtbot.waitSignal(window.database_opened, timeout=20_000):
        window.open_database()
    return window
