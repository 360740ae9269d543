"""The window's one connection to its database: opening it (the first-run questions or the
demo the first time, the offer of a good backup when the file is damaged), closing it, the
server's read-only copy while the server is away, and the data safety around it.

The window learns what happened from signals — `opened` (a store and its settings to show),
`failed` (the sentence), `message` (for the status bar), `changed` (something was saved, from
any thread), `quit_asked` (the owner quit the first-run questions) — and never lends itself to
the helpers: DataSafety and ServerOffline take this connection, the widget their questions
belong to, and a way to say something.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from app.model.store.db import Store
    from app.model.store.settings import Settings
    from app.ui.database.data_safety import DataSafety
    from app.ui.database.server_offline import ServerOffline


class DatabaseConnection(QObject):
    opened = Signal(object, object)  # (Store, Settings): show this database
    failed = Signal(str)  # it cannot be opened: why, in one sentence
    message = Signal(str)  # a sentence for the status bar ("" clears it)
    changed = Signal()  # a write was committed (from any thread), or a look from outside
    quit_asked = Signal()  # the owner quit the first-run questions

    def __init__(self, db_path: str | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.parent_widget = parent  # whose child the questions and warnings are
        self.store: Store | None = None
        self.demo = False  # the demo database is open
        self.upgraded_notice: QMessageBox | None = None
        self._safety: DataSafety | None = None
        self._offline: ServerOffline | None = None

    # ---- its parts (made after the first paint: they import the model) ---------------------

    def safety(self) -> DataSafety:
        """Backups, restore and the start-up checks."""
        if self._safety is None:
            from app.ui.database.data_safety import DataSafety

            self._safety = DataSafety(self, self.parent_widget, self.message.emit)
        return self._safety

    def offline(self) -> ServerOffline:
        """What to do when the database server cannot be reached."""
        if self._offline is None:
            from app.ui.database.server_offline import ServerOffline

            self._offline = ServerOffline(self, self.parent_widget, self.message.emit)
        return self._offline

    # ---- opening and closing ---------------------------------------------------------------

    def open(self) -> None:
        """Open (create, migrate) the database; ask the first-run questions if needed. Ends
        in `opened`, `failed` or `quit_asked`."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from app.model.errors import HearthError
        from app.model.store.db import resolve_location
        from app.ui.common import responsive
        from app.ui.database import first_start

        self.message.emit("Opening your data…")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        location = None
        try:
            location = resolve_location(self.db_path)
            store = responsive.open_store(location, self.message.emit)
            settings = first_start.load_settings(store)
        except HearthError as exc:
            error: HearthError | None = exc
        else:
            error = None
        finally:
            QApplication.restoreOverrideCursor()
            self.message.emit("")
        if error is not None:
            # A damaged file: offer the newest good backup (which reopens) before giving up.
            if location is None or not self.safety().recover(location.path):
                self.failed.emit(str(error))
            return
        demo = False
        if not settings.set_up:
            try:
                answered = self._settle(store)
            except HearthError as exc:
                self.failed.emit(str(exc))
                return
            if answered is None:
                self.quit_asked.emit()
                return
            store, settings, demo = answered
        self.demo = demo
        self.use(store, settings)

    def _settle(self, store: Store) -> tuple[Store, Settings, bool] | None:
        """A database not set up yet: the first-run questions, or the demo database. The
        store and settings to use and whether they are the demo's; None if the owner quit.
        Raises HearthError if the demo database cannot be made."""
        from app.ui.database import first_start

        choice = self.ask_first_run(store)
        if choice is None:
            return None
        if choice != "demo":
            return store, choice, False
        store.close()
        demo_store, settings = first_start.open_demo(self.message.emit)
        return demo_store, settings, True

    def ask_first_run(self, store: Store) -> Settings | Literal["demo"] | None:
        """The first-run dialog (tests replace this)."""
        from app.ui.database.first_start import ask_first_run

        return ask_first_run(self.parent_widget, store)

    def use(self, store: Store, settings: Settings) -> None:
        """Show `store`: the database opened, or the read-only copy of a server's data."""
        from app.ui.database import first_start

        if self.store is not store:
            self.close()
        self.store = store
        store.changes.listen(self._heard_change)
        if store.upgrade is not None:
            self.upgraded_notice = first_start.upgraded_notice(self.parent_widget, store.upgrade)
        self.safety().opened()
        self.offline().opened(store)
        self.opened.emit(store, settings)

    def _heard_change(self, _generation: int) -> None:
        self.changed.emit()  # from the thread that wrote; Qt brings it to the window's

    def close(self) -> None:
        """Let go of the database (before a restore, or another); `open` takes it back."""
        if self.store is not None:
            self.store.changes.forget(self._heard_change)
            self.store.close()
            self.store = None

    def reopen(self) -> None:
        self.close()
        self.open()
