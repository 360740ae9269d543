"""The main window: a sidebar of pages, a toolbar, a status bar, menus and shortcuts.

The window shows before the database is touched: `open_database()` runs right after the
first paint, so start-up costs the user little more than Qt itself. Heavy modules
(SQLAlchemy, the dialogs that use it) are imported there, not at the top of this file; even
Qt's big `Qt` namespace (~25 ms to import) waits until after the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QSize, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
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
from app.ui.shell import actions as window_actions
from app.ui.shell import catalogue, window_state
from app.ui.shell.catalogue import LEADS_PAGE
from app.ui.shell.theme import SHELL_STYLE
from app.ui.time.timer_bar import TimerBar

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

    from app.model.store.db import Store
    from app.model.store.settings import Settings
    from app.model.time.types import EntryInfo
    from app.ui.database.data_safety import DataSafety
    from app.ui.database.server_offline import ServerOffline
    from app.ui.shell.export_menu import ExportMenu
    from app.ui.shell.live_refresh import LiveRefresh


class MainWindow(QMainWindow):
    page_changed = Signal(int)
    database_opened = Signal()
    database_failed = Signal(str)
    settings_changed = Signal()
    data_changed = Signal()  # any committed write (from any thread), or a look from outside

    def __init__(self, db_path: str | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.store: Store | None = None
        self.settings: Settings | None = None
        self.setWindowTitle("Hearth")
        self.setMinimumSize(QSize(760, 520))
        self.setStyleSheet(SHELL_STYLE)

        # Light stand-ins until the first paint is over (pages/catalogue.py).
        self.pages: list[Page] = catalogue.stand_ins()
        self.pages_loaded = False
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
        self.page_actions: list[QAction] = []
        for number, page in enumerate(self.pages, start=1):
            action = QAction(page.title, self)
            action.setData(number - 1)
            self.page_actions.append(action)
        self.new_action = QAction("New…", self)  # the page in view's new thing (Ctrl+N)
        self.new_action.setEnabled(False)
        self.import_action = QAction("Import leads or contacts…", self)
        self.import_action.setEnabled(False)
        self.settings_action = QAction("Settings…", self)
        self.settings_action.setEnabled(False)
        self.quit_action = QAction("Quit", self)
        self.help_action = QAction("Hearth Help", self)
        self.about_action = QAction("About Hearth", self)
        self.toolbar.addAction(self.settings_action)

    def _install_shortcuts(self) -> None:
        if not self.shortcuts_installed:
            self.shortcuts_installed = True
            window_actions.install_shortcuts(self)

    shortcuts_installed = False

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
        if not self.shortcuts_installed:
            # Two turns of the event loop: after whatever else waits for the first paint.
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._install_shortcuts))

    def _make_menus(self) -> None:
        self.file_menu = window_actions.make_menus(self)

    def _connect(self) -> None:
        self.sidebar.currentRowChanged.connect(self.show_page)
        self.timer_bar.message.connect(self.show_message)
        self.timer_bar.person_chosen.connect(self._person_chosen)
        self.data_changed.connect(self._data_changed)
        for action in self.page_actions:
            action.triggered.connect(self._page_action_triggered)
        self.settings_action.triggered.connect(self.open_settings)
        self.import_action.triggered.connect(self.open_import)
        self.new_action.triggered.connect(lambda: self.current_page().new_item())
        self.page_changed.connect(self._offer_new)
        self.quit_action.triggered.connect(self.close)
        window_actions.connect_help(self)

    # ---- pages ---------------------------------------------------------------------------

    @Slot(int)
    def show_page(self, index: int) -> None:
        if not 0 <= index < len(self.pages):
            return
        changed = self.stack.currentIndex() != index
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

            self._export = ExportMenu(self, lambda: self.store)
            self._export.message.connect(self.show_message)
            actions = self.file_menu.actions()  # right after Import
            after = actions[actions.index(self.import_action) + 1]
            self.file_menu.insertMenu(after, self._export.menu)
        return self._export

    _export: ExportMenu | None = None

    def load_pages(self) -> None:
        """Put the real pages in place of the stand-ins (once, after the first paint)."""
        if self.pages_loaded:
            return
        self.pages_loaded = True
        current = self.stack.currentIndex()
        for index in range(len(self.pages)):
            page = catalogue.real_page(index)
            stand_in = self.pages[index]
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self.pages[index] = page
            page.message.connect(self.show_message)
        self._fit_to_width()
        self._offer_new()
        for page in self.pages:  # pages that list leads open them on the Leads page
            requested = getattr(page, "lead_requested", None)
            if requested is not None:
                requested.connect(self.open_lead)
        self.stack.setCurrentIndex(current)

    @Slot()
    def _offer_new(self) -> None:
        """File → New names the page's new thing; off where a page has none, or nothing can
        be changed (a read-only copy)."""
        page = self.current_page()
        writable = self.store is not None and not self.store.read_only
        self.new_action.setText(page.new_label or "New…")
        self.new_action.setEnabled(bool(page.new_label) and writable)

    @Slot(str)
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot()
    def _page_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_page(int(action.data()))

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    # ---- the database --------------------------------------------------------------------

    @Slot()
    def open_database(self) -> None:
        """Open (create, migrate) the database; ask the first-run questions if needed."""
        from PySide6.QtCore import Qt

        from app.model.errors import HearthError
        from app.model.store.db import resolve_location
        from app.ui.common import responsive
        from app.ui.database import first_start

        self.statusBar().showMessage("Opening your data…")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.load_pages()
        location = None
        try:
            location = resolve_location(self.db_path)
            store = responsive.open_store(location, self.statusBar())
            settings = first_start.load_settings(store)
        except HearthError as exc:
            error: HearthError | None = exc
        else:
            error = None
        finally:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
        if error is not None:
            # A damaged file: offer the newest good backup (which reopens) before giving up.
            if location is None or not self.safety().recover(location.path):
                self.database_failed.emit(str(error))
            return
        if not settings.set_up:
            try:
                answered = first_start.settle(self, store)
            except HearthError as exc:
                self.database_failed.emit(str(exc))
                return
            if answered is None:  # the user quit the first-run questions
                self.close()
                return
            store, settings, self.demo = answered
        self.use_store(store, settings)

    def use_store(self, store: Store, settings: Settings) -> None:
        """Show `store` in every page; a read-only one (the copy of a server's data, see
        server_offline) with everything that would change it switched off."""
        from app.ui.database import first_start
        from app.ui.time import timer_prompts

        if self.store is not store:
            self.close_database()
        self.store = store
        store.changes.listen(self._heard_change)
        writable = not store.read_only
        self.database_label.setText(store.location.describe())
        self.database_label.setToolTip("The database Hearth is using")
        self._use_settings(settings)
        self.settings_action.setEnabled(writable)
        self.import_action.setEnabled(writable)
        self.export_menu().menu.setEnabled(True)  # a read-only copy exports too
        self._offer_new()
        self.timer_bar.set_store(store)
        if not writable:
            self.timer_bar.setEnabled(False)
        timer_prompts.install_tray(self)
        if writable:
            timer_prompts.check_long_running(self, store, settings)
        if store.upgrade is not None:
            self.upgraded_notice = first_start.upgraded_notice(self, store.upgrade)
        self.safety().opened()
        self.offline().opened(store)
        if self.live is None:
            from app.ui.shell.live_refresh import LiveRefresh

            self.live = LiveRefresh(self, self.refresh_from_store)
        self.database_opened.emit()

    live: LiveRefresh | None = None

    @Slot()
    def refresh_from_store(self) -> None:
        """Read again what others may have changed (the partner, the command line): the page
        in view and the toolbar at once, every other page when it is shown."""
        if self.store is not None:
            self.store.changes.outside()

    def _heard_change(self, _generation: int) -> None:
        self.data_changed.emit()  # from the thread that wrote; Qt brings it to this one

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
        if self.store is not None:
            self.store.changes.forget(self._heard_change)
            self.store.close()
            self.store = None

    def offline(self) -> ServerOffline:
        """What the window does when its database server cannot be reached."""
        if self._offline is None:
            from app.ui.database.server_offline import ServerOffline

            self._offline = ServerOffline(self)
        return self._offline

    _offline: ServerOffline | None = None

    def safety(self) -> DataSafety:
        """Backups, restore and the start-up checks (made after the first paint)."""
        if self._safety is None:
            from app.ui.database.data_safety import DataSafety

            self._safety = DataSafety(self)
            safety = self._safety
            actions = [safety.backup_action, safety.restore_action, safety.database_action]
            self.file_menu.insertActions(self.settings_action, actions)
            self.file_menu.insertSeparator(self.settings_action)
        return self._safety

    _safety: DataSafety | None = None

    def ask_first_run(self, store: Store) -> Settings | Literal["demo"] | None:
        from app.ui.database.first_start import ask_first_run

        return ask_first_run(self, store)

    demo = False  # the demo database is open (the title says so)

    def _use_settings(self, settings: Settings) -> None:
        self.settings = settings
        from app.ui.shell import who_am_i

        assert self.store is not None
        self._set_me(who_am_i.current(self.store))
        name = settings.business_name.strip() or "Hearth"
        if self.demo or self.store.read_only:
            name = f"{name} ({'demo data' if self.demo else 'read-only copy'})"
        self.setWindowTitle(f"{name} — Hearth" if name != "Hearth" else name)
        assert self.store is not None
        for page in self.pages:
            page.set_store(self.store, settings)

    def _set_me(self, person_id: int | None) -> None:
        self.timer_bar.person_id = person_id
        for page in self.pages:
            page.me = person_id

    @Slot(int)
    def _person_chosen(self, person_id: int) -> None:
        from app.ui.shell import who_am_i

        if self.store is None or self.settings is None:
            return
        who_am_i.remember(self.store.location.describe(), person_id)
        self._set_me(person_id)
        for page in self.pages:
            page.set_store(self.store, self.settings)

    @Slot()
    def open_settings(self) -> None:
        if self.store is None or self.settings is None:
            return
        from app.ui.common.forms import run_modal
        from app.ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.store, self.settings, self)
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
        getattr(self.pages[LEADS_PAGE], "select_lead", lambda _lead_id: None)(lead_id)

    @Slot()
    def open_import(self) -> None:
        self.show_page(LEADS_PAGE)
        getattr(self.pages[LEADS_PAGE], "open_import", lambda: None)()

    # ---- window state --------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        page = window_state.restore(self)
        self.show_page(page if 0 <= page < len(self.pages) else 0)

    def save_window_state(self) -> None:
        window_state.save(self, self.stack.currentIndex())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        if self.store is not None:
            self.store.close()
        super().closeEvent(event)
