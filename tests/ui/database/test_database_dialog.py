"""Settings → Database…: test a server's address, save it, and Hearth opens it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.model.store import location as locate
from app.ui.database.database_dialog import DatabaseDialog
from app.ui.shell.main_window import MainWindow
from tests.pg_server import Server


@pytest.fixture
def dialog(qtbot: QtBot) -> DatabaseDialog:
    shown = DatabaseDialog()
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_an_address_that_is_not_one_is_refused_and_not_saved(dialog: DatabaseDialog) -> None:
    dialog.url_edit.setText("my server please")
    dialog.buttons.accepted.emit()
    assert "is not a database address" in dialog.error.text()
    assert dialog.isVisible() and locate.saved_url() is None


def test_a_server_that_does_not_answer_is_a_sentence(dialog: DatabaseDialog) -> None:
    dialog.url_edit.setText("postgresql+psycopg://ann@127.0.0.1:9/hearth")
    dialog.test_button.click()
    assert dialog.error.text().startswith("Hearth cannot reach the database server")


def test_empty_means_this_computers_file(dialog: DatabaseDialog, hermetic_home: Path) -> None:
    locate.save_url("postgresql+psycopg://ann@server/hearth")
    dialog.url_edit.setText("")
    dialog.buttons.accepted.emit()
    assert locate.saved_url() is None
    assert isinstance(locate.choose(), locate.File)


@pytest.fixture
def server_url(pg_server: Server) -> Iterator[str]:
    url = pg_server.fresh_database(migrated=False)
    yield url
    pg_server.drop(url)


@pytest.mark.postgresql
def test_a_saved_server_is_tested_remembered_and_opened(
    qtbot: QtBot, dialog: DatabaseDialog, server_url: str, hermetic_home: Path
) -> None:
    dialog.url_edit.setText(server_url)
    dialog.test_button.click()
    assert dialog.outcome.text() == (
        "Connected. The database is empty: Hearth will set it up when you use it."
    )
    dialog.buttons.accepted.emit()
    assert locate.saved_url() == server_url
    assert (hermetic_home / "config" / "database-url").stat().st_mode & 0o077 == 0
    asked: list[str] = []
    main = MainWindow()  # no --db, no environment: the saved server
    qtbot.addWidget(main)
    main.connection.ask_first_run = lambda store: asked.append(store.location.url)  # type: ignore[method-assign, func-returns-value]
    main.open_database()
    assert asked == [server_url]  # it opened (and set up) the server's database
    from app.model.safety.connection_check import check_connection

    assert check_connection(server_url) == "Connected to a Hearth database with 0 people."


def test_the_window_says_when_its_server_cannot_be_reached(qtbot: QtBot) -> None:
    main = MainWindow(db_path="postgresql+psycopg://ann@127.0.0.1:9/hearth")
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.database_failed, timeout=15_000) as failed:
        main.open_database()  # waited for in a thread; the window keeps drawing
    assert failed.args[0].startswith("Hearth cannot reach the database server ")
    assert main.store is None
