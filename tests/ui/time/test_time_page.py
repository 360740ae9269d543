"""The toolbar timers and the Time page's week."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from app.model.enums import Side
from app.model.store.db import Store
from app.model.time import entries as time_entries
from app.model.time.entries import EntryFields
from app.ui.shell.main_window import MainWindow
from app.ui.time.access import TimeAccess
from app.ui.time.page import HOURS, NOTE, SIDE, WHEN, WHO, TimePage


def running(store: Store) -> list[time_entries.EntryInfo]:
    with store.session() as session:
        return time_entries.running(session)


def test_the_toolbar_buttons_start_switch_and_stop_timers(
    qtbot: QtBot, window: MainWindow, set_up_store: Store
) -> None:
    bar = window.timer_bar
    assert bar.isEnabled()
    assert bar.buttons[Side.MARKETING].text() == "▶ Marketing"
    with qtbot.waitSignal(bar.timer_started):
        bar.buttons[Side.MARKETING].click()
    assert [e.side for e in running(set_up_store)] == [Side.MARKETING]
    assert bar.buttons[Side.MARKETING].text().startswith("■ Marketing 0:0")
    assert bar.category.isVisible()

    with qtbot.waitSignal(bar.timer_stopped) as stopped:
        bar.buttons[Side.SALES].click()
    assert stopped.args[0].side is Side.MARKETING
    assert [e.side for e in running(set_up_store)] == [Side.SALES]

    bar.category.setCurrentIndex(bar.category.findText("follow-ups"))
    bar.category.activated.emit(bar.category.currentIndex())
    assert running(set_up_store)[0].category == "follow-ups"

    bar.buttons[Side.SALES].click()
    assert running(set_up_store) == []
    assert bar.buttons[Side.SALES].text() == "▶ Sales"


def test_a_timer_left_running_for_hours_is_asked_about(
    qtbot: QtBot, set_up_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with set_up_store.writer() as session:
        time_entries.start_timer(session, 1, Side.SALES, at=datetime.now(UTC) - timedelta(hours=11))
    path = set_up_store.location.path
    set_up_store.close()
    asked: list[str] = []

    def answer(_self: MainWindow, entry: object) -> str:
        asked.append(str(entry))
        return "stop"

    monkeypatch.setattr(MainWindow, "ask_long_running", answer)
    main = MainWindow(db_path=str(path))
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.database_opened, timeout=10_000):
        main.open_database()
    assert len(asked) == 1
    assert main.store is not None and running(main.store) == []
    main.close()


def _entries(page: TimePage) -> list[str]:
    found = []
    for day in range(page.tree.topLevelItemCount()):
        parent = page.tree.topLevelItem(day)
        for n in range(parent.childCount()):
            child = parent.child(n)
            found.append(f"{parent.text(0)} {child.text(WHEN)} {child.text(SIDE)}")
    return found


def test_the_week_view_lists_entries_by_day_with_totals(
    qtbot: QtBot, window: MainWindow, set_up_store: Store
) -> None:
    page = window.page(2)
    assert isinstance(page, TimePage)
    monday = page.week_start
    from app.model.weeks import local_to_utc

    nine = local_to_utc(
        datetime.combine(monday + timedelta(days=1), datetime.min.time()) + timedelta(hours=9)
    )
    with set_up_store.writer() as session:
        time_entries.add_entry(
            session, EntryFields(1, Side.SALES, nine, nine + timedelta(minutes=90))
        )
        time_entries.add_entry(
            session,
            EntryFields(1, Side.MARKETING, nine + timedelta(hours=2), nine + timedelta(hours=3)),
        )
    page.refresh()
    tuesday = page.tree.topLevelItem(1)
    assert tuesday.text(HOURS) == "2 h 30 min"
    assert tuesday.text(NOTE) == "marketing 1 h · sales 1 h 30 min"
    assert [e.split(" ", 3)[3] for e in _entries(page)] == [
        "09:00–10:30 sales",
        "11:00–12:00 marketing",
    ]
    assert "Marketing 1 h · sales 1 h 30 min" in page.balance_label.text()
    assert page.strip.blocks() == [(1, 9.0, 10.5, "sales"), (1, 11.0, 12.0, "marketing")]

    page.tree.setCurrentItem(tuesday.child(0))
    page.delete_entry()
    assert len(_entries(page)) == 1
    page.undo_stack.undo()
    assert len(_entries(page)) == 2

    page.show_week(-1)
    assert _entries(page) == [] and page.empty_state.isVisibleTo(page)
    page.show_week(0)
    assert len(_entries(page)) == 2


def test_the_entry_dialog_checks_overlaps_as_you_type(qtbot: QtBot, set_up_store: Store) -> None:
    from app.ui.common.date_field import to_qt
    from app.ui.time.entry_dialog import EntryDialog

    start = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    with set_up_store.writer() as session:
        time_entries.add_entry(
            session, EntryFields(1, Side.SALES, start, start + timedelta(hours=1))
        )
    dialog = EntryDialog(
        TimeAccess(set_up_store),
        EntryFields(1, Side.MARKETING, start + timedelta(hours=2), start + timedelta(hours=3)),
    )
    qtbot.addWidget(dialog)
    assert dialog.check()
    dialog.start.setDateTime(to_qt(start + timedelta(minutes=30)))
    assert "This overlaps Ann's sales entry" in dialog.error.text()
    save = dialog.buttons.buttons()[0]
    assert not save.isEnabled()
    dialog.quick.setText("10:00-11:15")
    dialog.quick.editingFinished.emit()
    assert dialog.error.text() == "" and save.isEnabled()
    assert dialog.fields().end - dialog.fields().start == timedelta(minutes=75)
    dialog.save()
    with set_up_store.session() as session:
        assert len(time_entries.entries_between(session, start, start + timedelta(days=1))) == 2


def test_the_week_strips_hours_are_whole_at_both_edges(qtbot: QtBot) -> None:
    from app.ui.time.week_strip import WeekStrip

    strip = WeekStrip()
    qtbot.addWidget(strip)
    for width in (600, 930):
        strip.resize(width, 200)
        places = [strip.hour_place(hour) for hour in range(0, 25, 3)]
        assert all(p.left() >= 0 and p.right() <= width for p in places)
        assert places[-1].left() > places[-2].right()  # "24" still after "21"


def test_the_week_strip_splits_at_midnight_and_knows_the_long_night(qtbot: QtBot) -> None:
    from datetime import date

    from app.model.time.entries import EntryInfo
    from app.ui.time.week_strip import WeekStrip

    strip = WeekStrip()
    qtbot.addWidget(strip)

    def entry(start: datetime, end: datetime) -> EntryInfo:
        return EntryInfo(1, 1, "Ann", Side.SALES, None, "", start, end, "", None, None)

    # Berlin, Sunday 25 Oct 2026 has 25 hours; 22:00 Sat → 02:00 Sun local is 5 real hours.
    strip.show_week(
        date(2026, 10, 19),
        [
            entry(
                datetime(2026, 10, 24, 20, 0, tzinfo=UTC), datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
            )
        ],
        datetime(2026, 11, 1, tzinfo=UTC),
    )
    (saturday, first, last, _), (sunday, start, end, _) = strip.blocks()
    assert (saturday, first, last) == (5, 22.0, 24.0)
    assert sunday == 6 and start == 0.0 and end == pytest.approx(3 * 24 / 25)
    strip.grab()  # paints without error


def test_the_who_column_shows_whole_names(
    qtbot: QtBot, window: MainWindow, set_up_store: Store
) -> None:
    """Two people: the Who column is as wide as the longest name (it was 90 px: "Maya
    Lindqvist" showed as "Maya Lindq…")."""
    from app.model import people

    with set_up_store.writer() as session:
        people.add_person(session, "Maximiliane Lindqvist-Okafor")
        session.commit()
    page = window.page(2)
    assert isinstance(page, TimePage)
    page.refresh()
    assert not page.tree.isColumnHidden(WHO)
    name = page.tree.fontMetrics().horizontalAdvance("Maximiliane Lindqvist-Okafor")
    assert page.tree.columnWidth(WHO) > name
