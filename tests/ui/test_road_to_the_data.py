"""The one road from the window to the data (app.ui.common.access): on a slow server a page's
reads and writes run while the window keeps drawing; a write the storage refuses is the page's
one sentence with nothing changed; an undo is one transaction, and one refused leaves the
data and the undo as they were."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from app.model.campaigns import service as campaigns
from app.model.campaigns.service import CampaignFields
from app.model.enums import Side, Temperature
from app.model.errors import NotFoundError
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads.service import LeadFields
from app.model.safety import storage_errors
from app.model.store.db import Store
from app.model.time import entries as time_entries
from app.model.time.types import EntryFields, EntryInfo
from app.ui.campaigns.page import CampaignsPage
from app.ui.review.page import ReviewPage
from app.ui.settings.dialog import SettingsDialog
from app.ui.shell.catalogue import CAMPAIGNS_PAGE, LEADS_PAGE, TIME_PAGE
from app.ui.shell.main_window import MainWindow
from app.ui.time.page import ENTRY_ROLE, TimePage
from tests.tcp_relay import Relay

REVIEW_PAGE = 4
DISK_FULL = OperationalError("COMMIT", {}, sqlite3.OperationalError("database or disk is full"))


def _full_disk(monkeypatch: pytest.MonkeyPatch, store: Store) -> str:
    """Every write's commit fails as on a full disk; the sentence the owner should read."""
    real = store.writer

    def writer() -> Any:
        session = real()

        def commit() -> None:
            raise DISK_FULL

        session.commit = commit  # type: ignore[method-assign]
        return session

    monkeypatch.setattr(store, "writer", writer)
    sentence = storage_errors.sentence_for(DISK_FULL)
    assert sentence is not None and "full" in sentence
    return sentence


def _said(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def _recent_entry(store: Store) -> EntryInfo:
    """Ten minutes of sales that ended a minute ago (on this week's page)."""
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    with store.writer() as session:
        fields = EntryFields(1, Side.SALES, now - timedelta(minutes=11), now - timedelta(minutes=1))
        return time_entries.add_entry(session, fields)


def _select_entry(page: TimePage, entry_id: int) -> None:
    page.refresh()
    for day in (page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())):
        for row in (day.child(i) for i in range(day.childCount()) if day is not None):
            if row is not None and getattr(row.data(0, ENTRY_ROLE), "id", None) == entry_id:
                page.tree.setCurrentItem(row)
                return
    raise AssertionError(f"entry {entry_id} is not on the Time page")


def _lead(store: Store, name: str, temperature: Temperature = Temperature.COLD) -> int:
    with store.writer() as session:
        return lead_create.create(session, LeadFields(name=name), temperature=temperature).id


# ---- a refused write is the page's sentence, and nothing changed -----------------------------


def test_a_write_the_disk_refuses_is_each_pages_sentence_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.store
    assert store is not None
    anna = _lead(store, "Anna", Temperature.HOT)
    entry = _recent_entry(store)
    full = _full_disk(monkeypatch, store)

    # Leads: a move
    window.show_page(LEADS_PAGE)
    window.page(LEADS_PAGE).lead_actions.move_lead(anna, "warm")  # type: ignore[attr-defined]
    assert _said(window) == full
    # Time: a deleted entry
    window.show_page(TIME_PAGE)
    time_page = window.page(TIME_PAGE)
    assert isinstance(time_page, TimePage)
    _select_entry(time_page, entry.id)
    time_page.delete_entry()
    assert _said(window) == full
    # Campaigns: a new one
    window.show_page(CAMPAIGNS_PAGE)
    campaigns_page = window.page(CAMPAIGNS_PAGE)
    assert isinstance(campaigns_page, CampaignsPage)
    campaigns_page.ask = lambda _fields: CampaignFields("Spring fair")  # type: ignore[method-assign]
    campaigns_page.add_campaign()
    assert _said(window) == full
    # Review: the stale hot leads cooled
    window.show_page(REVIEW_PAGE)
    review_page = window.page(REVIEW_PAGE)
    assert isinstance(review_page, ReviewPage)
    review_page.cool((anna,))
    assert _said(window) == full
    assert not review_page.undo_stack.canUndo()
    # Settings: the dialog keeps its fields and says why
    dialog = SettingsDialog(window.settings_access(), window.settings, window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.business_edit.setText("Renamed Bakery")
    dialog.save()
    assert dialog.error.text() == full
    assert dialog.result() != QDialog.DialogCode.Accepted

    monkeypatch.undo()
    with store.session() as session:
        assert leads.get(session, anna).temperature == "hot"
        assert time_entries.get_info(session, entry.id).id == entry.id
        assert campaigns.list_names(session, include_archived=True) == []
    assert window.settings is not None and window.settings.business_name == "Test Bakery"


# ---- one undo: one transaction, and a refused one can be tried again -------------------------


def _hot_leads(store: Store, count: int) -> tuple[int, ...]:
    return tuple(_lead(store, f"Hot {n}", Temperature.HOT) for n in range(count))


def _temperatures(store: Store, ids: tuple[int, ...]) -> list[str]:
    with store.session() as session:
        return [leads.get(session, lead_id).temperature for lead_id in ids]


@contextmanager
def _failing_on_call(
    monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, call: int
) -> Iterator[list[int]]:
    """`owner.name` fails (as on a full disk) on its `call`-th call."""
    real: Callable[..., Any] = getattr(owner, name)
    calls: list[int] = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == call:
            raise DISK_FULL
        return real(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(owner, name, failing)
        yield calls


def test_undoing_a_cooling_of_n_leads_is_one_transaction(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.store
    assert store is not None
    hot = _hot_leads(store, 3)
    window.show_page(REVIEW_PAGE)
    page = window.page(REVIEW_PAGE)
    assert isinstance(page, ReviewPage)
    page.cool(hot)
    assert _temperatures(store, hot) == ["warm"] * 3

    with _failing_on_call(monkeypatch, leads, "stage_undo_temperature", 2) as calls:
        page.undo_cooling()  # the second lead's undo fails: the first's is not kept either
    assert len(calls) == 2
    assert _temperatures(store, hot) == ["warm"] * 3
    assert _said(window).startswith("Could not undo cooled 3 stale hot leads: ")
    qtbot.waitUntil(page.undo_stack.canUndo)  # the undo is there to try again
    page.undo_cooling()
    assert _temperatures(store, hot) == ["hot"] * 3
    assert _said(window) == "Undone: cooled 3 stale hot leads."


def test_a_refused_ctrl_z_leaves_the_lead_and_the_undo_as_they_were(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.store
    assert store is not None
    anna = _lead(store, "Anna")
    window.show_page(LEADS_PAGE)
    page = window.page(LEADS_PAGE)
    page.lead_actions.archive_lead(anna, True)  # type: ignore[attr-defined]
    full = _full_disk(monkeypatch, store)
    page.undo_action.trigger()  # type: ignore[attr-defined]
    assert _said(window) == f"Could not undo archive Anna: {full}"
    qtbot.waitUntil(page.undo_stack.canUndo)  # type: ignore[attr-defined]
    monkeypatch.undo()
    with store.session() as session:
        assert leads.get(session, anna).archived
    page.undo_action.trigger()  # type: ignore[attr-defined]
    with store.session() as session:
        assert not leads.get(session, anna).archived
    assert _said(window) == "Undone: archive Anna."


# ---- on a slow server the window keeps drawing ------------------------------------------------


@contextmanager
def _window_keeps_drawing(relay: Relay, delay: float = 0.1) -> Iterator[None]:
    """While the block runs with every answer from the server `delay` late, a 10 ms timer of
    the window's goes on firing for much of the time (a read or write on the window's thread
    would let it fire hardly at all)."""
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    relay.delay = delay
    timer.start()
    started = time.monotonic()
    try:
        yield
    finally:
        took = time.monotonic() - started
        timer.stop()
        relay.delay = 0.0
    print(f"{len(ticks)} ticks in {took:.2f} s")
    assert took > 3 * delay
    assert len(ticks) >= 0.4 * took / 0.01


@pytest.mark.postgresql
def test_pages_read_a_slow_server_while_the_window_keeps_drawing(
    qtbot: QtBot, server_window: MainWindow, relay: Relay
) -> None:
    main = server_window
    main.show_page(LEADS_PAGE)
    with _window_keeps_drawing(relay):
        main.refresh_from_store()  # the Leads page and the timers, read again
        qtbot.waitUntil(lambda: not main._catching_up, timeout=30_000)


@pytest.mark.postgresql
def test_a_time_page_write_on_a_slow_server_keeps_the_window_drawing(
    qtbot: QtBot, server_window: MainWindow, relay: Relay
) -> None:
    main = server_window
    store = main.store
    assert store is not None
    entry = _recent_entry(store)
    main.show_page(TIME_PAGE)
    page = main.page(TIME_PAGE)
    assert isinstance(page, TimePage)
    _select_entry(page, entry.id)
    with _window_keeps_drawing(relay):
        page.delete_entry()  # the write, then the page read again
    assert main.statusBar().currentMessage() == "Entry deleted; Ctrl+Z brings it back."
    with store.session() as session, pytest.raises(NotFoundError):
        time_entries.get_info(session, entry.id)


@pytest.mark.postgresql
def test_a_campaigns_page_write_on_a_slow_server_keeps_the_window_drawing(
    qtbot: QtBot, server_window: MainWindow, relay: Relay
) -> None:
    main = server_window
    main.show_page(CAMPAIGNS_PAGE)
    page = main.page(CAMPAIGNS_PAGE)
    assert isinstance(page, CampaignsPage)
    page.ask = lambda _fields: CampaignFields("Autumn fair")  # type: ignore[method-assign]
    with _window_keeps_drawing(relay):
        page.add_campaign()
    assert main.statusBar().currentMessage() == "Campaign 'Autumn fair' added."
    assert main.store is not None
    with main.store.session() as session:
        assert "Autumn fair" in [c.name for c in campaigns.list_names(session)]
