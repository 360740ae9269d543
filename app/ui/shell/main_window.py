"""The main window: a sidebar of pages, a toolbar, a status bar, menus and shortcuts.

The window shows before the database is touched: `open_database()` runs right after the
first paint, so start-up costs the user little more than Qt itself. Heavy modules
(SQLAlchemy, the dialogs that use it) are imported there, not at the top of this file; even
Qt's big `Qt` namespace (~25 ms to import) waits until after the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from app.ui.common.page import Page
from app.ui.database.connection import DatabaseConnection
from app.ui.shell import catalogue, window_state
from app.ui.shell.actions import WindowActions
from app.ui.shell.catalogue import LEADS_PAGE
from app.ui.shell.theme import SHELL_STYLE
from app.ui.time.timer_bar import TimerBar

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

    from app.model.store.db import Store
    from app.model.store.settings import Settings
    from app.model.time.types import EntryInfo
    from app.ui.common.access import Access
    from app.ui.database.data_safety import DataSafety
    from app.ui.database.server_offline import ServerOffline
    from app.ui.settings.access import SettingsAccess
    from app.ui.shell.export_menu import ExportMenu
    from app.ui.shell.live_refresh import LiveRefresh


WARM_UP_MS = 150  # between two imports of the idle warm-up (_warm_up_next)


class MainWindow(QMainWindow):
    page_changed = Signal(int)
    database_opened = Signal()
    numbers_shown = Signal()  # the Dashboard's first real numbers (HEARTH_BENCH_EXIT=ready)
    database_failed = Signal(str)
    settings_changed = Signal()
    data_changed = Signal()  # any committed write (from any thread), or a look from outside
    pages_warmed = Signal()  # the other pages' modules are imported (after the first numbers)

    def __init__(self, db_path: str | None = None) -> None:
        super().__init__()
        self.connection = DatabaseConnection(db_path, self)
        self.settings: Settings | None = None
        self.setWindowTitle("Hearth")
        self.setMinimumSize(QSize(760, 520))
        self.setStyleSheet(SHELL_STYLE)

        # Light stand-ins until each page is first shown (shell/catalogue.py, `page`).
        self.pages: list[Page] = catalogue.stand_ins()
        self.pages_loaded = False  # True after the first paint: pages are built when shown
        self._built: set[int] = set()  # the indexes of the real pages in `pages`
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(190)
        self.stack = QStackedWidget()
        for number, page in enumerate(self.pages, start=1):
            item = QListWidgetItem(page.title)
            item.setToolTip(f"{page.title} (Ctrl+{number})")
            self.sidebar.addItem(item)
            self.stack.addWidget(page)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.timer_bar = TimerBar()
        self.toolbar.addWidget(self.timer_bar)
        self.toolbar.addSeparator()
        self.database_label = QLabel()
        self.statusBar().addPermanentWidget(self.database_label)

        self._make_actions()
        self._make_menus()
        self._connect()
        self._restore_window_state()

    # ---- building ------------------------------------------------------------------------

    def _make_actions(self) -> None:
        self.menu_actions = WindowActions(self, [page.title for page in self.pages])
        self.toolbar.addAction(self.menu_actions.settings)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_to_width()

    COMPACT_BELOW = 1100  # px: a narrower window gives the pages the sidebar's spare room

    def _fit_to_width(self) -> None:
        compact = self.width() < self.COMPACT_BELOW
        self.sidebar.setFixedWidth(150 if compact else 190)
        for page in self.pages:
            page.set_compact(compact)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.menu_actions.shortcuts_installed:
            # Two turns of the event loop: after whatever else waits for the first paint.
            install = self.menu_actions.install_shortcuts
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, install))

    def _make_menus(self) -> None:
        self.menu_actions.make_menus(self.menuBar())

    def _connect(self) -> None:
        self.sidebar.currentRowChanged.connect(self.show_page)
        self.timer_bar.message.connect(self.show_message)
        self.timer_bar.person_chosen.connect(self._person_chosen)
        self.data_changed.connect(self._data_changed)
        acts = self.menu_actions
        for action in acts.pages:
            action.triggered.connect(self._page_action_triggered)
        acts.settings.triggered.connect(self.open_settings)
        self._undo_from_outside_the_page()
        acts.import_file.triggered.connect(self.open_import)
        acts.new.triggered.connect(lambda: self.current_page().new_item())
        self.page_changed.connect(self._offer_new)
        acts.quit.triggered.connect(self.close)
        acts.connect_help(self.database_label.text)
        c = self.connection
        c.opened.connect(self.use_store)
        c.failed.connect(self.database_failed)
        c.message.connect(self._connection_says)
        c.changed.connect(self.data_changed)
        c.quit_asked.connect(self.close)

    # ---- pages ---------------------------------------------------------------------------

    @Slot(int)
    def show_page(self, index: int) -> None:
        if not 0 <= index < len(self.pages):
            return
        changed = self.stack.currentIndex() != index
        if changed:
            self.page(index)  # built the first time it is shown (after the first paint)
        self.stack.setCurrentIndex(index)
        if self.sidebar.currentRow() != index:
            self.sidebar.setCurrentRow(index)  # comes back here, unchanged
        if changed:
            self.pages[index].refresh_if_stale()  # what changed elsewhere, seen at once
            self.page_changed.emit(index)

    def export_menu(self) -> ExportMenu:
        """File → Export (made after the first paint: it imports the model)."""
        if self._export is None:
            from app.ui.shell.export_menu import ExportMenu

            self._export = ExportMenu(self, self.export_access)
            self._export.message.connect(self.show_message)
            self.menu_actions.after_import(self._export.menu)
        return self._export

    _export: ExportMenu | None = None

    def load_pages(self) -> None:
        """From now on (the first paint is over) a page is built the first time it is shown:
        the page in view now, every other one when it is asked for (`page`)."""
        if self.pages_loaded:
            return
        self.pages_loaded = True
        self.page(self.stack.currentIndex())

    def built(self, index: int) -> bool:
        """The page at `index` is the real one (not the light stand-in)."""
        return index in self._built

    def page(self, index: int) -> Page:
        """The page at `index`, built now if this is the first time it is asked for (after
        the first paint). A page built late reads what is in the database as it is built,
        so it misses no change made before; after that the window's "changed" signal and
        `show_page` keep it current like every other page."""
        if not self.pages_loaded or index in self._built:
            return self.pages[index]
        self._built.add(index)
        page = catalogue.real_page(index)
        stand_in = self.pages[index]
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        self.pages[index] = page
        self.stack.setCurrentIndex(current)
        page.message.connect(self.show_message)
        requested = getattr(page, "lead_requested", None)
        if requested is not None:  # pages that list leads open them on the Leads page
            requested.connect(self.open_lead)
        page.set_compact(self.width() < self.COMPACT_BELOW)
        page.me = self.timer_bar.person_id
        if self.store is not None and self.settings is not None:
            # It reads what is in the database now, changes made outside the window included:
            # a look from outside, so that the pages built before it (and the toolbar) read
            # them too when next shown instead of disagreeing with it until the minute's look.
            self.refresh_from_store()
            page.set_access(page.access_type(self.store), self.settings)
        if index == current:
            self._offer_new()
        return page

    def built_pages(self) -> list[Page]:
        return [page for index, page in enumerate(self.pages) if index in self._built]

    @Slot()
    def _offer_new(self) -> None:
        """File → New names the page's new thing; off where a page has none, or nothing can
        be changed (a read-only copy)."""
        page = self.current_page()
        writable = self.store is not None and not self.store.read_only
        self.menu_actions.new.setText(page.new_label or "New…")
        self.menu_actions.new.setEnabled(bool(page.new_label) and writable)

    @Slot(str)
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot(str)
    def _connection_says(self, text: str) -> None:
        """The connection's sentences: "" clears what it said while it worked."""
        if text:
            self.show_message(text)
        else:
            self.statusBar().clearMessage()

    @Slot()
    def _page_action_triggered(self) -> None:
        """Ctrl+1…5 and the Go menu: the page is shown and takes the focus, so that its own
        shortcuts (Alt+←/→, Ctrl+Z: shortcuts of the page and its children) answer at once.
        A click in the sidebar or its arrow keys leave the focus in the sidebar."""
        action = self.sender()
        if isinstance(action, QAction):
            self.show_page(int(action.data()))
            self.current_page().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _undo_from_outside_the_page(self) -> None:
        """Ctrl+Z and Ctrl+Shift+Z are each page's own (shortcuts of the page and its
        children). With the focus in the sidebar or the toolbar — a page chosen with a click,
        a timer started — they reach the page in view: "Mark won… Ctrl+Z takes it back",
        then a look at the Dashboard and back to Leads with a click, and Ctrl+Z did nothing."""
        keys = (
            (QKeySequence.StandardKey.Undo, "undo_action"),
            (QKeySequence.StandardKey.Redo, "redo_action"),
        )
        for sequence, name in keys:
            for outside in (self.sidebar, self.toolbar):
                shortcut = QShortcut(outside)
                shortcut.setKeys(sequence)  # every binding (Ctrl+Shift+Z and Ctrl+Y)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda name=name: self._undo_on_page(name))

    def _undo_on_page(self, name: str) -> None:
        """The page in view's undo_action (or redo_action), when it has one to do."""
        action = getattr(self.current_page(), name, None)
        if isinstance(action, QAction) and action.isEnabled():
            action.trigger()

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    # ---- the database --------------------------------------------------------------------

    @property
    def store(self) -> Store | None:
        """The database in use (the connection's), or None before it opens."""
        return self.connection.store

    @property
    def demo(self) -> bool:
        return self.connection.demo

    @Slot()
    def open_database(self) -> None:
        """Open (create, migrate) the database; ask the first-run questions if needed."""
        self.load_pages()
        self.safety()
        self.offline()
        self.connection.open()
        # The keys pressed while it opened wait in the window system's queue and are read as
        # soon as this returns, before the timer that would set the shortcuts (showEvent):
        # without them, a Ctrl+2 or Ctrl+Q pressed in those seconds was lost.
        self.menu_actions.install_shortcuts()

    def first_look(self) -> bool:
        """At start, before `open_database`: the Dashboard's numbers read from the file alone,
        before SQLAlchemy is imported (#19), when the Dashboard is the page in view and the
        database a current SQLite file (DashboardPage.first_look); the toolbar shows its
        person picker already, so the timer buttons do not move when the data opens. The
        caller opens the database on a later turn of the event loop, once they are drawn.
        Another page in view is left as its light stand-in until then."""
        from app.ui.dashboard.page import DashboardPage
        from app.ui.settings import who_am_i

        if self.stack.currentIndex() != catalogue.DASHBOARD_PAGE:
            return False
        self.load_pages()
        dashboard = self.page(catalogue.DASHBOARD_PAGE)
        if not isinstance(dashboard, DashboardPage):
            return False
        try:
            looked = dashboard.first_look(self.connection.db_path)
        except Exception:  # a fault of the quick road: the ordinary one still opens the data
            import logging

            logging.getLogger(__name__).exception("the first look failed; opening as usual")
            return False
        if looked is None:
            return False
        self.timer_bar.show_people(looked.people, who_am_i.remembered(looked.database))
        # Keys pressed from now until the database is open wait for the shortcuts.
        self.menu_actions.install_shortcuts()
        self._say_numbers_shown()
        return True

    _numbers_said = False

    def _say_numbers_shown(self) -> None:
        """`numbers_shown`, once: by the first look, or when the database has opened."""
        if not self._numbers_said:
            self._numbers_said = True
            self.numbers_shown.emit()

    @Slot(object, object)
    def use_store(self, store: Store, settings: Settings) -> None:
        """Show `store` in every page; a read-only one (the copy of a server's data, see
        server_offline) with everything that would change it switched off."""
        from app.ui.time import timer_prompts
        from app.ui.time.access import TimeAccess

        writable = not store.read_only
        self.database_label.setText(store.location.describe())
        self.database_label.setToolTip("The database Hearth is using")
        self._use_settings(settings)
        self.menu_actions.settings.setEnabled(writable)
        self.menu_actions.import_file.setEnabled(writable)
        self.export_menu().menu.setEnabled(True)  # a read-only copy exports too
        self._offer_new()
        timers = TimeAccess(store, say=self.timer_bar.message.emit)
        self.timer_bar.set_access(timers)
        self.timer_bar.setEnabled(writable)
        if self.tray is None:  # the timers from the system tray, where the desktop has one
            icon, quit_action = self.windowIcon(), self.menu_actions.quit
            self.tray = timer_prompts.make_tray(
                self, icon, self.timer_bar, quit_action, self.bring_to_front
            )
        limit = settings.long_timer_hours
        if writable and timer_prompts.settle_long_running(timers, limit, self.ask_long_running):
            self.timer_bar.refresh()
        if self.live is None:
            from app.ui.shell.live_refresh import LiveRefresh

            self.live = LiveRefresh(self, self.refresh_from_store)
            QTimer.singleShot(WARM_UP_MS, self._warm_up_next)
        self._say_numbers_shown()
        self.database_opened.emit()

    live: LiveRefresh | None = None

    def _warm_up_next(self) -> None:
        """Once the Dashboard shows its numbers, the modules of the pages not built yet (and
        the PDF's fonts) are imported while the window is idle, one a turn of the event loop
        (WARM_UP_MS apart), so that a page's first show has little more than its data to read
        (#19). `pages_warmed` when all are in."""
        if self._warm_up_steps is None:
            self._warm_up_steps = catalogue.warm_up_steps()
        if not self._warm_up_steps:
            self.pages_warmed.emit()
            return
        self._warm_up_steps.pop(0)()
        QTimer.singleShot(WARM_UP_MS, self._warm_up_next)

    _warm_up_steps: list[Callable[[], object]] | None = None

    def export_access(self) -> Access | None:
        """File → Export's road to the data (None before the database opens)."""
        from app.ui.common.access import Access

        return Access(self.store, say=self.show_message) if self.store is not None else None

    @Slot()
    def refresh_from_store(self) -> None:
        """Read again what others may have changed (the partner, the command line): the page
        in view and the toolbar at once, every other page when it is shown."""
        if self.store is not None:
            self.store.changes.outside()

    @Slot()
    def _data_changed(self) -> None:
        """Something was saved: the toolbar and the page in view catch up as soon as the
        work under way is done (a burst of changes, one catching up); every other page is
        read again when it is shown (show_page)."""
        if not self._catching_up:
            self._catching_up = True
            QTimer.singleShot(0, self._catch_up)

    _catching_up = False

    def _catch_up(self) -> None:
        from app.ui.common import responsive

        if responsive.waiting():  # a read or write is still under way: after it
            QTimer.singleShot(50, self._catch_up)
            return
        self._catching_up = False
        if self.store is not None:
            self.timer_bar.refresh()
            self.current_page().refresh_if_stale()

    def close_database(self) -> None:
        """Let go of the database (before a restore, or another); open_database() takes it back."""
        self.connection.close()

    def offline(self) -> ServerOffline:
        """What the window does when its database server cannot be reached (its bar goes
        under the toolbar)."""
        from PySide6.QtCore import Qt

        offline = self.connection.offline()
        if not self._offline_placed:
            self._offline_placed = True
            self.addToolBarBreak()
            self.addToolBar(Qt.ToolBarArea.TopToolBarArea, offline.bar)
        return offline

    _offline_placed = False

    def safety(self) -> DataSafety:
        """Backups, restore and the start-up checks (made after the first paint)."""
        safety = self.connection.safety()
        if not self._safety_placed:
            self._safety_placed = True
            self.menu_actions.before_settings(
                [safety.backup_action, safety.restore_action, safety.database_action]
            )
        return safety

    _safety_placed = False

    def _use_settings(self, settings: Settings) -> None:
        from app.ui.settings import who_am_i

        self.settings = settings
        assert self.store is not None
        self._set_me(who_am_i.current(self.settings_access()))
        name = settings.business_name.strip() or "Hearth"
        if self.demo or self.store.read_only:
            name = f"{name} ({'demo data' if self.demo else 'read-only copy'})"
        self.setWindowTitle(f"{name} — Hearth" if name != "Hearth" else name)
        self._open_pages()

    def settings_access(self) -> SettingsAccess:
        from app.ui.settings.access import SettingsAccess

        assert self.store is not None
        return SettingsAccess(self.store, say=self.show_message)

    def _open_pages(self) -> None:
        """Each page gets its feature's Access to the database (app.ui.common.access)."""
        assert self.store is not None and self.settings is not None
        for page in self.built_pages():  # the others get theirs when they are built
            page.set_access(page.access_type(self.store), self.settings)

    def _set_me(self, person_id: int | None) -> None:
        self.timer_bar.person_id = person_id
        for page in self.built_pages():
            page.me = person_id

    @Slot(int)
    def _person_chosen(self, person_id: int) -> None:
        from app.ui.settings import who_am_i

        if self.store is None or self.settings is None:
            return
        who_am_i.remember(self.settings_access().database, person_id)
        self._set_me(person_id)
        self._open_pages()

    @Slot()
    def open_settings(self) -> None:
        if self.store is None or self.settings is None:
            return
        from app.ui.common.forms import run_modal
        from app.ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.settings_access(), self.settings, self)
        dialog.settings_saved.connect(self._settings_saved)
        run_modal(dialog)

    @Slot(object)
    def _settings_saved(self, settings: Settings) -> None:
        self._use_settings(settings)
        self.statusBar().showMessage("Settings saved.", 4000)
        self.settings_changed.emit()

    tray: QSystemTrayIcon | None = None  # the timers from the system tray (timer_prompts)

    @Slot()
    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def ask_long_running(self, entry: EntryInfo) -> str:
        """'keep' or 'stop' (tests replace this)."""
        from app.ui.time.timer_prompts import ask_still_working

        return ask_still_working(self, entry)

    @Slot(int)
    def open_lead(self, lead_id: int) -> None:
        """Show a lead on the Leads page (from a campaign's list, say)."""
        self.show_page(LEADS_PAGE)
        getattr(self.page(LEADS_PAGE), "select_lead", lambda _lead_id: None)(lead_id)

    @Slot()
    def open_import(self) -> None:
        self.show_page(LEADS_PAGE)
        getattr(self.page(LEADS_PAGE), "open_import", lambda: None)()

    # ---- window state --------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        page = window_state.restore(self)
        self.show_page(page if 0 <= page < len(self.pages) else 0)

    def save_window_state(self) -> None:
        window_state.save(self, self.stack.currentIndex())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        self.connection.close()
        super().closeEvent(event)
