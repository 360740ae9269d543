"""Two people, one database: who this computer is for, the partner's timer in view, and
what the partner did appearing without a restart."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from app.model import people
from app.model.enums import Side
from app.model.leads import create as lead_create
from app.model.leads.service import LeadFields
from app.model.store.db import open_store, sqlite_location
from app.model.time import entries as time_entries
from app.ui.common.responsive import read, wait_for
from tests.model.safety.helpers import full_database
from tests.ui.windows import open_window


def test_this_computer_remembers_who_it_is_for(qtbot: QtBot, tmp_path: Path) -> None:
    path = full_database(tmp_path / "shop.db")
    main = open_window(qtbot, path)
    assert main.store is not None
    with main.store.session() as session:
        maya, tom = (p.id for p in people.list_people(session))
    assert main.timer_bar.person_id == maya  # the first person, until chosen
    assert not main.timer_bar.person.isHidden()
    main.timer_bar.person.setCurrentIndex(main.timer_bar.person.findData(tom))
    main.timer_bar.person.activated.emit(main.timer_bar.person.currentIndex())
    main.close()
    again = open_window(qtbot, path)
    assert again.timer_bar.person_id == tom
    leads_page = again.page(1)
    assert leads_page.access.person_id == tom  # type: ignore[attr-defined]
    time_page = again.page(2)
    fields = time_page._new_fields()  # type: ignore[attr-defined]
    assert fields is not None and fields.person_id == tom


def test_the_partners_timer_and_new_leads_appear_without_a_restart(
    qtbot: QtBot, tmp_path: Path
) -> None:
    main = open_window(qtbot, full_database(tmp_path / "shop.db"))
    assert main.store is not None
    main.show_page(1)
    leads_page = main.page(1)
    before = leads_page.model.total  # type: ignore[attr-defined]
    with main.store.writer() as session:  # the partner, on the other computer
        tom = people.list_people(session)[1]
        time_entries.start_timer(session, tom.id, Side.SALES)
    with main.store.writer() as session:
        lead_create.create(session, LeadFields(name="Walk-in from the fair"))
    main.live._state_changed(Qt.ApplicationState.ApplicationInactive)  # away
    main.live._state_changed(Qt.ApplicationState.ApplicationActive)  # the window comes back
    qtbot.waitUntil(lambda: leads_page.model.total == before + 1)  # type: ignore[attr-defined]
    assert f"{tom.name}: sales for" in main.timer_bar.balance.text()


def test_the_window_keeps_drawing_while_a_server_does_not_answer(qtbot: QtBot) -> None:
    """The server is waited for in a thread: the event loop turns meanwhile (a timer fires)."""
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()

    def slow() -> str:
        time.sleep(0.3)
        return "answered"

    assert wait_for(slow) == "answered"
    timer.stop()
    assert len(ticks) >= 5  # the window's own events went on while waiting

    def failing() -> None:
        raise ConnectionError("no route to host")

    with pytest.raises(ConnectionError, match="no route"):
        wait_for(failing)


def test_a_local_file_is_read_right_here(tmp_path: Path) -> None:
    store = open_store(sqlite_location(tmp_path / "here.db"))
    try:
        assert read(store, lambda _s: threading.current_thread()) is threading.main_thread()
    finally:
        store.close()
