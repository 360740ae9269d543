"""At start the Dashboard shows this week's numbers read from the file alone, before the
database is opened (#19), and they are the numbers the opened database then shows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.model import people
from app.model.enums import Side, Temperature
from app.model.goals import service as goals
from app.model.leads import create as lead_create
from app.model.leads.service import LeadFields
from app.model.store.db import Store
from app.model.time import entries as time_entries
from app.model.weeks import current_week
from app.ui.dashboard.page import DashboardPage
from app.ui.shell.main_window import MainWindow


def _a_week(store: Store) -> Path:
    now = datetime.now(UTC)
    with store.writer() as session:
        lead_create.create(
            session,
            LeadFields(name="Bo", next_action="call back", next_action_due=date.today()),
            temperature=Temperature.WARM,
            at=now - timedelta(days=40),
        )
        lead_create.create(
            session, LeadFields(name="Hal"), temperature=Temperature.HOT, at=now - timedelta(days=3)
        )
        ann = people.list_people(session)[0].id
        time_entries.start_timer(session, ann, Side.SALES, at=now - timedelta(minutes=30))
        goals.set_default(session, Decimal(5000))
    assert store.location.path is not None
    store.close()
    return store.location.path


def _seen(page: DashboardPage) -> list[str]:
    labels = [page.week_label, page.balance_words, page.timer_label, page.pacing_words]
    labels.append(page.pipeline_words)
    labels += [page.week_numbers, page.advice, *page.tiles.values()]
    items = [page.follow_ups.item(n).text() for n in range(page.follow_ups.count())]
    return [label.text() for label in labels] + items


def test_the_first_numbers_come_from_the_file_before_it_is_opened(
    qtbot: QtBot, set_up_store: Store
) -> None:
    path = _a_week(set_up_store)
    window = MainWindow(db_path=str(path))
    qtbot.addWidget(window)
    window.show()
    window.load_pages()  # the Dashboard, built: both reads at one "now"
    page = window.page(0)
    assert isinstance(page, DashboardPage)
    page.now = datetime.now(UTC)
    with qtbot.waitSignal(window.numbers_shown, timeout=10_000):
        assert window.first_look()
    assert window.store is None  # the numbers are on screen, the database not yet open
    with qtbot.waitSignal(window.database_opened, timeout=10_000) as opened:
        first = _seen(page)
        assert page.follow_ups.item(0).text() == "Bo — call back (today)"
        assert "Test Bakery · Week " + current_week() in page.week_label.text()
        assert page.timer_label.text().startswith("▶ Ann: sales running for")
        window.open_database()
    assert opened.signal_triggered and window.store is not None
    assert _seen(page) == first  # the opened database shows the same numbers
    window.close()


def test_a_file_not_set_up_takes_the_ordinary_road(qtbot: QtBot, store: Store) -> None:
    """No first look before the first-run questions: the window asks them as before."""
    assert store.location.path is not None
    store.close()
    page = DashboardPage()
    qtbot.addWidget(page)
    assert not page.first_look(str(store.location.path))
    assert not page.first_look(str(store.location.path.with_name("missing.db")))
    assert not store.location.path.with_name("missing.db").exists()


def test_the_timer_buttons_are_where_they_stay_from_the_first_look(
    qtbot: QtBot, set_up_store: Store
) -> None:
    """Two people: the toolbar's person picker is shown with the first numbers, so ▶ Marketing
    does not move under a click when the data opens (it moved ~125 px to the right)."""
    with set_up_store.writer() as session:
        people.add_person(session, "Bo")
    path = _a_week(set_up_store)
    window = MainWindow(db_path=str(path))
    qtbot.addWidget(window)
    window.show()
    bar = window.timer_bar
    assert window.first_look()
    qtbot.wait(10)  # laid out
    marketing = bar.buttons[Side.MARKETING]
    before = marketing.mapTo(window, marketing.rect().topLeft())
    assert bar.person.isVisibleTo(window) and bar.person.count() == 2
    with qtbot.waitSignal(window.database_opened, timeout=10_000):
        window.open_database()
    qtbot.wait(10)
    assert marketing.mapTo(window, marketing.rect().topLeft()) == before
    assert bar.person.currentText() == "Ann" and bar.isEnabled()
    window.close()
