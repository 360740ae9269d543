"""The window shell: it opens, pages switch, and it comes back as it was left."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.model.leads import create as lead_create
from app.model.leads.service import LeadFields
from app.model.store import db
from app.model.store import settings as settings_service
from app.ui.dashboard.page import DashboardPage
from app.ui.database.connection import DatabaseConnection
from app.ui.leads.page import LeadsPage
from app.ui.settings.dialog import SettingsDialog
from app.ui.shell import window_state
from app.ui.shell.catalogue import LEADS_PAGE
from app.ui.shell.main_window import MainWindow
from tests.ui.windows import open_window

TITLES = ["Dashboard", "Leads", "Time", "Campaigns", "Review"]


def test_the_window_opens_on_the_database_with_five_pages(window: MainWindow) -> None:
    assert [page.title for page in window.pages] == TITLES
    assert window.isVisible()
    assert window.windowTitle() == "Test Bakery — Hearth"
    assert window.settings is not None and window.settings.business_name == "Test Bakery"
    assert window.database_label.text().endswith("test.db")
    dashboard = window.pages[0]
    assert isinstance(dashboard, DashboardPage)
    assert "Test Bakery" in dashboard.week_label.text()
    assert "target 40% marketing, 40 h" in dashboard.balance_words.text()
    for index in range(len(TITLES)):  # each page has the road to the data when it is built
        window.show_page(index)
        page = window.pages[index]
        assert page.access is not None and page.access.store is window.store


def test_only_the_page_in_view_is_built_at_start(qtbot: QtBot, window: MainWindow) -> None:
    """The other pages (their modules, their first reads) wait until they are first shown,
    so the Dashboard's numbers come first (#19)."""
    assert [window.built(index) for index in range(5)] == [True, False, False, False, False]
    stand_in = window.pages[LEADS_PAGE]
    assert not isinstance(stand_in, LeadsPage) and stand_in.title == "Leads"
    window.show_page(LEADS_PAGE)
    assert isinstance(window.pages[LEADS_PAGE], LeadsPage)
    assert window.current_page() is window.pages[LEADS_PAGE]
    assert window.stack.count() == 5 and window.stack.indexOf(window.pages[LEADS_PAGE]) == 1
    assert [window.built(index) for index in range(5)] == [True, True, False, False, False]


def test_the_other_pages_modules_are_imported_while_idle_not_built(
    qtbot: QtBot, window: MainWindow
) -> None:
    """After the Dashboard's numbers the window imports the other pages' modules and the
    PDF's fonts, a step at a time; it builds no page (#19)."""
    import sys

    from app.ui.shell import catalogue

    steps = catalogue.warm_up_steps()
    assert len(steps) == len(catalogue.PAGES) - 1 + 2  # four pages, the PDF module, its fonts
    with qtbot.waitSignal(window.pages_warmed, timeout=30_000):
        pass
    assert all(module in sys.modules for _t, _p, module, _c in catalogue.PAGES)
    assert "app.report.review_pdf" in sys.modules
    assert [window.built(index) for index in range(5)] == [True, False, False, False, False]


def test_a_page_built_late_sees_every_change(qtbot: QtBot, window: MainWindow) -> None:
    """A change saved before a page is first built is in it; one saved while it is hidden
    is seen when it is shown again (the window's "changed" signal)."""
    assert window.store is not None
    with window.store.writer() as session:
        lead_create.create(session, LeadFields(name="Before the Leads page was built"))
    window.show_page(LEADS_PAGE)
    leads = window.pages[LEADS_PAGE]
    assert isinstance(leads, LeadsPage) and leads.model is not None
    assert leads.model.total == 1
    window.show_page(0)
    with window.store.writer() as session:
        lead_create.create(session, LeadFields(name="While it was hidden"))
    qtbot.waitUntil(lambda: window.pages[0].seen_generation == window.store.changes.generation)
    window.show_page(LEADS_PAGE)
    assert leads.model.total == 2


def test_the_review_is_read_once_at_start(
    qtbot: QtBot, set_up_store: db.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Dashboard's week is read when the data opens, and not again when the window is
    first activated just after (coming back to the front, after being away, reads again)."""
    from PySide6.QtCore import Qt as QtNamespace

    from app.ui.dashboard.access import DashboardAccess

    glances: list[str] = []
    real = DashboardAccess.glance
    monkeypatch.setattr(
        DashboardAccess,
        "glance",
        lambda self, week, now: glances.append(week) or real(self, week, now),
    )
    main = open_window(qtbot, set_up_store.location.path)
    assert main.live is not None
    main.live._state_changed(QtNamespace.ApplicationState.ApplicationActive)  # first activation
    qtbot.wait(20)
    assert len(glances) == 1
    main.live._state_changed(QtNamespace.ApplicationState.ApplicationInactive)  # away
    main.live._state_changed(QtNamespace.ApplicationState.ApplicationActive)  # back
    qtbot.waitUntil(lambda: len(glances) == 2)
    main.close()


@pytest.mark.parametrize("index", range(5))
def test_ctrl_number_builds_and_shows_the_page(
    qtbot: QtBot, window: MainWindow, index: int
) -> None:
    """Ctrl+1..5 reach every page, built or not yet; Ctrl+N makes the new page's thing."""
    window.activateWindow()
    if index == 0:  # the Dashboard is in view at start: Ctrl+1 from another page
        window.show_page(4)
    assert index == 0 or not window.built(index)
    with qtbot.waitSignal(window.page_changed) as changed:
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
    assert changed.args == [index]
    assert window.current_page().title == TITLES[index]
    assert window.built(index)
    made: list[str] = []
    window.current_page().new_item = lambda: made.append("new")  # type: ignore[method-assign]
    label = window.current_page().new_label
    assert window.menu_actions.new.text() == (label or "New…")
    assert window.menu_actions.new.isEnabled() == bool(label)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert made == (["new"] if label else [])


@pytest.mark.parametrize("index", range(5))
def test_ctrl_number_switches_pages(qtbot: QtBot, window: MainWindow, index: int) -> None:
    window.activateWindow()
    start = (index + 1) % 5
    window.show_page(start)
    with qtbot.waitSignal(window.page_changed) as changed:
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
    assert changed.args == [index]
    assert window.current_page().title == TITLES[index]
    assert window.sidebar.currentRow() == index


def test_clicking_the_sidebar_switches_pages(qtbot: QtBot, window: MainWindow) -> None:
    item = window.sidebar.item(3)
    rect = window.sidebar.visualItemRect(item)
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page().title == "Campaigns"


def test_geometry_and_last_page_are_restored(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(790, 580)  # the offscreen screen is 800 × 600
    window.show_page(2)
    path = window.connection.db_path
    window.close()
    again = MainWindow(db_path=path)
    qtbot.addWidget(again)
    assert again.current_page().title == "Time"
    assert (again.width(), again.height()) == (790, 580)


def test_a_first_window_fits_a_screen_smaller_than_its_usual_size(
    qtbot: QtBot, db_path: Path
) -> None:
    """No geometry saved yet (a first start) on a screen under 1180 × 760 (the offscreen one is
    800 wide; a 1366 × 768 laptop under its taskbar): the window fits in it, title bar
    included, instead of opening with its status bar and right-hand column off the screen
    (seen on a 1024 × 700 display: the Follow-ups list and What to change cut at the right)."""
    window = MainWindow(db_path=str(db_path))
    qtbot.addWidget(window)
    screen = window.screen()
    assert screen is not None
    room = screen.availableGeometry()
    assert room.width() < window_state.DEFAULT_SIZE[0]  # the offscreen screen: 800 wide
    assert window.width() <= room.width()
    assert window.height() <= room.height() - window_state.FRAME_ALLOWANCE
    least = window.minimumSize()
    assert window.width() >= least.width() and window.height() >= least.height()


def test_settings_dialog_saves_and_the_window_follows(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill_and_save(dialog: SettingsDialog) -> int:
        dialog.business_edit.setText("Zoë's Café & Co")
        dialog.share_spin.setValue(55)
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(SettingsDialog, "exec", fill_and_save)
    with qtbot.waitSignal(window.settings_changed):
        window.menu_actions.settings.trigger()
    assert window.windowTitle() == "Zoë's Café & Co — Hearth"
    assert window.store is not None
    with window.store.session() as session:
        assert settings_service.load(session).marketing_share == 0.55
    assert "target 55% marketing" in window.page(0).balance_words.text()  # type: ignore[attr-defined]


def test_settings_take_the_monthly_goal_and_the_starting_win_rates(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.store is not None and window.settings is not None
    dialog = SettingsDialog(window.settings_access(), window.settings, window)
    qtbot.addWidget(dialog)
    assert dialog.goal_edit.text() == ""  # no goal yet
    dialog.goal_edit.setText("25000")
    dialog.start_spins["hot"].setValue(40)
    dialog.save()
    with window.store.session() as session:
        stored = settings_service.load(session)
    assert stored.default_goal == Decimal("25000") and stored.start_rate_hot == 0.4
    assert (stored.start_rate_cold, stored.start_rate_warm) == (0.05, 0.2)  # kept as they were
    again = SettingsDialog(window.settings_access(), stored, window)
    qtbot.addWidget(again)
    again.goal_edit.setText("")  # no goal again
    again.save()
    with window.store.session() as session:
        assert settings_service.load(session).default_goal == 0


def test_a_bad_setting_keeps_the_dialog_open_with_a_sentence(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.store is not None and window.settings is not None
    dialog = SettingsDialog(window.settings_access(), window.settings, window)
    qtbot.addWidget(dialog)
    dialog.currency_combo.setCurrentText("euros")
    dialog.save()
    assert dialog.error.isVisibleTo(dialog)
    assert "three-letter" in dialog.error.text()
    with window.store.session() as session:
        assert settings_service.load(session).currency == "EUR"


def test_a_database_that_cannot_be_opened_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    main = MainWindow(db_path=str(tmp_path))  # a folder
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.database_failed) as failed:
        main.open_database()
    assert failed.args == [f"{tmp_path} is a folder, not a database file."]
    assert main.store is None
    assert not main.menu_actions.settings.isEnabled()


def test_a_new_database_asks_the_first_run_questions(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(self: DatabaseConnection, store: db.Store):  # type: ignore[no-untyped-def]
        asked.append(str(store.location.path))
        return None  # the user chose Quit

    monkeypatch.setattr(DatabaseConnection, "ask_first_run", answer)
    main = MainWindow(db_path=str(tmp_path / "new.db"))
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    assert asked == [str(tmp_path / "new.db")]
    assert not main.isVisible()  # quitting the questions closes the window


def test_exploring_the_demo_opens_a_separate_demo_database(
    qtbot: QtBot, tmp_path: Path, hermetic_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui.database.first_run_dialog import FirstRunDialog

    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: FirstRunDialog.DEMO)
    own = tmp_path / "own.db"
    main = MainWindow(db_path=str(own))
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.database_opened, timeout=30_000):
        main.open_database()
    assert main.store is not None
    assert main.store.location.path == hermetic_home / "hearth-demo.db"
    assert main.windowTitle() == "Lindqvist & Okafor Design (demo data) — Hearth"
    from sqlalchemy import func, select

    from app.model.store.entities import Lead

    with main.store.session() as session:
        assert session.scalar(select(func.count()).select_from(Lead)) == 500
    # the user's own database was left to be set up on the next start
    store = db.open_store(db.sqlite_location(own))
    with store.session() as session:
        assert not settings_service.load(session).set_up
    store.close()


def test_an_upgraded_database_is_announced_once_with_its_backup(
    qtbot: QtBot, tmp_path: Path, hermetic_home: Path
) -> None:
    from sqlalchemy.orm import Session

    from app.model import first_run
    from app.model.store import migrate, schema

    path = tmp_path / "old.db"
    location = db.sqlite_location(path)
    engine = db.make_engine(location)
    migrate.upgrade(engine, location, from_revision=None, target=schema.REVISIONS[-2])
    with Session(engine) as session:
        first_run.complete(session, first_run.FirstRunAnswers("Old Shop", ("Ann",)))
    engine.dispose()

    first = open_window(qtbot, path)
    message = first.findChild(QMessageBox, "upgradedMessage")
    assert message is not None and message.isVisible()
    backups = list((hermetic_home / "backups").glob("old-*.db"))
    assert len(backups) == 1
    assert f"{schema.REVISIONS[-2]} → {schema.HEAD}" in message.text()
    assert str(backups[0]) in message.text()
    first.close()
    again = open_window(qtbot, path)
    assert again.findChild(QMessageBox, "upgradedMessage") is None


def test_a_key_pressed_while_the_data_opens_is_not_lost(
    qtbot: QtBot, set_up_store: db.Store
) -> None:
    """Keys pressed after the first paint while the data opens (seconds, on a big database)
    wait in the window system's queue and reach the window as soon as the opening returns,
    before any timer: the shortcuts are set by then, so a Ctrl+2 or Ctrl+Q pressed in those
    seconds does what it says instead of being dropped."""
    path = set_up_store.location.path
    set_up_store.close()
    main = MainWindow(db_path=str(path))
    qtbot.addWidget(main)
    main.show()
    main.open_database()  # right after the first paint, as the launcher does
    assert main.menu_actions.shortcuts_installed
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main.current_page().title == "Leads"
    main.close()


def test_a_page_reached_by_its_shortcut_takes_the_keys_of_its_own(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ctrl+5 then Alt+Left: the week before. The page's own shortcuts (Alt+←/→, Ctrl+Z)
    work where the focus is in the page, and after Ctrl+5 it stayed in the sidebar (the
    attack walk of #19)."""
    from PySide6.QtWidgets import QApplication

    from app.ui.review.page import ReviewPage

    window.activateWindow()
    window.sidebar.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, ReviewPage)
    shown = page.week_start
    focused = QApplication.focusWidget()
    assert focused is not None and (focused is page or page.isAncestorOf(focused))
    qtbot.keyClick(focused, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert (shown - page.week_start).days == 7
