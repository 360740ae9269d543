"""The window's question about a timer left running (issue 16): 'Stop it now' on a timer
running for more than a week (longer than an entry can be) leaves it running and says so;
the window still opens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from app.model.enums import Side
from app.model.store.db import Store
from app.model.time import entries as time_entries
from app.ui.shell.main_window import MainWindow


def test_stop_it_now_on_a_timer_ten_days_old_keeps_it_and_says_why(
    qtbot: QtBot, set_up_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = datetime.now(UTC) - timedelta(days=10)
    with set_up_store.writer() as session:
        time_entries.start_timer(session, 1, Side.SALES, at=started)
    path = set_up_store.location.path
    set_up_store.close()
    monkeypatch.setattr(MainWindow, "ask_long_running", lambda _self, _entry: "stop")
    main = MainWindow(db_path=str(path))
    qtbot.addWidget(main)
    with (
        qtbot.waitSignal(main.database_opened),
        qtbot.waitSignal(main.timer_bar.message) as said,
    ):
        main.open_database()
    assert "longer than an entry can be (a week); say when it ended." in said.args[0]
    assert main.store is not None
    with main.store.session() as session:
        assert [e.end for e in time_entries.running(session)] == [None]
    main.close()
