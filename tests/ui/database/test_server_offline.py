"""The database server goes away while Hearth works: one sentence, then Retry, this
computer's copy of the server's data (read-only), or Close; and back when it answers."""

from __future__ import annotations

import sys
import time

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from app.model.enums import Temperature
from app.model.leads import create as lead_create
from app.model.leads.service import LeadFields
from app.model.safety import storage_errors
from app.model.safety.server_copy import LocalCopy
from app.model.store import server_limits
from app.model.store.db import resolve_location
from app.ui.shell.catalogue import LEADS_PAGE
from app.ui.shell.crash_guard import CrashGuard
from app.ui.shell.main_window import MainWindow
from tests.tcp_relay import Relay

pytestmark = pytest.mark.postgresql


@pytest.fixture
def main(server_window: MainWindow) -> MainWindow:
    return server_window


def _lose_the_server(main: MainWindow, relay: Relay, asked: list[tuple[str, object]]) -> None:
    """The relay drops the server; the next read fails and the window's guard (wired as in
    launch.py) takes the error to the question."""
    relay.break_off()
    server = resolve_location(main.connection.db_path)
    guard = CrashGuard(
        show=lambda summary, _details: pytest.fail(f"shown as a crash: {summary}"),
        server_away=lambda sentence: asked.append(
            (sentence, main.offline().server_away(sentence, server))
        ),
    )
    with pytest.raises(Exception) as failed:
        main.current_page().refresh()
    assert storage_errors.server_away(failed.value)
    guard.handle(failed.type, failed.value, failed.tb)


def test_a_lost_server_offers_the_copy_which_opens_read_only(
    qtbot: QtBot, main: MainWindow, relay: Relay
) -> None:
    main.show_page(LEADS_PAGE)
    leads_page = main.page(LEADS_PAGE)
    total = leads_page.model.total  # type: ignore[attr-defined]
    offered: list[LocalCopy | None] = []

    def choose_copy(_sentence: str, copy: LocalCopy | None) -> str:
        offered.append(copy)
        return "copy"

    main.offline().ask = choose_copy  # type: ignore[method-assign]
    asked: list[tuple[str, object]] = []
    _lose_the_server(main, relay, asked)
    assert asked == [(storage_errors.SERVER_AWAY, "copy")]
    assert offered[0] is not None
    assert main.store is not None and main.store.read_only
    assert "(read-only copy)" in main.windowTitle()
    assert not main.offline().bar.isHidden()
    assert "this computer's copy of its data from" in main.offline().label.text()
    assert leads_page.model.total == total  # type: ignore[attr-defined]
    assert not main.timer_bar.isEnabled() and not main.menu_actions.import_file.isEnabled()
    assert not main.safety().backup_action.isEnabled()
    assert leads_page.new_button.isHidden()  # type: ignore[attr-defined]
    assert leads_page.detail.name.isReadOnly()  # type: ignore[attr-defined]
    assert main.page(2).add_button.isHidden()  # type: ignore[attr-defined]

    leads_page.prompts.new_lead = lambda: (LeadFields(name="Walk-in"), Temperature.COLD)  # type: ignore[attr-defined]
    with qtbot.waitSignal(leads_page.message) as said:
        leads_page.new_lead()  # type: ignore[attr-defined]
    assert said.args[0].startswith("This is a read-only copy of the server's data")
    assert leads_page.model.total == total  # type: ignore[attr-defined]


def test_back_on_the_server_once_it_answers(qtbot: QtBot, main: MainWindow, relay: Relay) -> None:
    main.offline().ask = lambda _sentence, _copy: "copy"  # type: ignore[method-assign]
    _lose_the_server(main, relay, [])
    assert main.store is not None and main.store.read_only
    main.offline().probe()  # the server still does not answer: the copy stays
    thread = main.offline().probing
    assert thread is not None
    thread.join(15)
    qtbot.wait(50)
    assert main.store.read_only
    relay.restore()
    with qtbot.waitSignal(main.database_opened, timeout=20_000):
        main.offline().probe()
    assert main.store is not None and not main.store.read_only
    assert main.offline().bar.isHidden() and main.timer_bar.isEnabled()
    assert not main.page(LEADS_PAGE).new_button.isHidden()  # type: ignore[attr-defined]
    assert not main.page(LEADS_PAGE).detail.name.isReadOnly()  # type: ignore[attr-defined]
    with main.store.writer() as session:  # writing again, on the server
        lead_create.create(session, LeadFields(name="Back online"))


def test_a_server_gone_silent_is_said_within_seconds_not_waited_for(
    qtbot: QtBot, main: MainWindow, relay: Relay, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The connection stays up but the server's answers stop coming (a relay that stops
    forwarding): the page's read is asked about after 1 s on another connection, which goes
    unanswered too (2 s to connect), so it is given up on, and the window asks what to do, as
    when the server is plainly gone."""
    monkeypatch.setattr(server_limits, "PROBE_SECONDS", 1)
    monkeypatch.setattr(server_limits, "PING_SECONDS", 1)
    main.offline().ask = lambda _sentence, _copy: "copy"  # type: ignore[method-assign]
    server = resolve_location(main.connection.db_path)
    asked: list[tuple[str, object]] = []
    guard = CrashGuard(
        show=lambda summary, _details: pytest.fail(f"shown as a crash: {summary}"),
        server_away=lambda sentence: asked.append(
            (sentence, main.offline().server_away(sentence, server))
        ),
    )
    relay.go_silent(after=200)  # the check that the connection works gets through; no more
    started = time.monotonic()
    with pytest.raises(Exception) as failed:
        main.current_page().refresh()
    took = time.monotonic() - started
    guard.handle(failed.type, failed.value, failed.tb)
    assert 1 <= took < 5
    [(sentence, choice)] = asked
    assert sentence.startswith(
        f"The PostgreSQL server at 127.0.0.1:{relay.port} stopped answering (nothing came back for "
    )
    assert sentence.endswith(
        " s), so Hearth gave up waiting: check that this computer is on the network and the "
        "server is running, then try again. What was saved before is on the server; the last "
        "change may not have reached it."
    )
    assert choice == "copy"
    assert main.store is not None and main.store.read_only


def test_retry_and_close(qtbot: QtBot, main: MainWindow, relay: Relay) -> None:
    main.offline().ask = lambda _sentence, _copy: "retry"  # type: ignore[method-assign]
    asked: list[tuple[str, object]] = []
    relay.break_off()
    with pytest.raises(Exception) as failed:
        main.current_page().refresh()
    relay.restore()  # a moment's drop: trying again finds the server
    server = resolve_location(main.connection.db_path)
    with qtbot.waitSignal(main.database_opened, timeout=20_000):
        asked.append(main.offline().server_away(str(failed.value), server))
    assert asked == ["retry"] and main.store is not None and not main.store.read_only
    main.offline().ask = lambda _sentence, _copy: "close"  # type: ignore[method-assign]
    assert main.offline().server_away("gone", server) == "close"


def test_a_server_error_is_recognised_and_a_file_error_is_not() -> None:
    import psycopg

    try:
        raise RuntimeError("while reading") from psycopg.OperationalError("server closed")
    except RuntimeError as exc:
        assert storage_errors.server_away(exc)
        assert storage_errors.sentence_for(exc) == storage_errors.SERVER_AWAY
    import sqlite3

    assert not storage_errors.server_away(sqlite3.OperationalError("disk I/O error"))
    assert "psycopg" in sys.modules


def test_pages_read_a_slow_server_while_the_window_keeps_drawing(
    qtbot: QtBot, main: MainWindow, relay: Relay
) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    main.show_page(LEADS_PAGE)
    relay.delay = 0.1  # every answer from the server takes a tenth of a second
    timer.start()
    started = time.monotonic()
    main.refresh_from_store()  # the Leads page and the timers, read again
    qtbot.waitUntil(lambda: not main._catching_up, timeout=30_000)
    took = time.monotonic() - started
    timer.stop()
    assert took > 0.3
    # The window's own events went on while the server answered: a 10 ms timer fired for
    # much of the time (a read on the window's thread would have let it fire hardly at all).
    print(f"{len(ticks)} ticks in {took:.2f} s")
    assert len(ticks) >= 0.4 * took / 0.01
