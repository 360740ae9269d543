"""When the database server cannot be reached: one sentence and a choice — try again, look at
this computer's copy of the server's data (read-only), or close Hearth.

While the server answers, that copy (`app.model.safety.server_copy`) is kept fresh in a background
thread: when the database opens and then hourly. While the copy is shown, a bar under the
toolbar says so, with Reconnect; the server is tried every half minute in the background and
the window goes back to it by itself once it answers (unless a dialog is open).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from app.model.errors import HearthError
from app.model.safety import server_copy
from app.model.safety.server_copy import LocalCopy
from app.model.weeks import moment_words
from app.ui.common.forms import run_modal

if TYPE_CHECKING:
    from app.model.store.db import Location, Store
    from app.ui.database.connected import Connected

log = logging.getLogger(__name__)

COPY_CHECK_MS = 10 * 60_000  # how often to see whether the copy is due (it is made hourly)
PROBE_MS = 30_000  # how often to try the server while the copy is shown
BANNER_STYLE = (
    "#offlineBanner { background: #fdf0d5; border: 1px solid #e8c77d; border-radius: 4px; }"
    "#offlineNote { color: #5a4210; }"
)


class ServerOffline(QObject):
    """For the `connection`: the copy of its server's data kept fresh, the question when the
    server is away, the copy shown read-only with `bar` (which the window places under its
    toolbar) until the server answers again. `parent` is whose child the question is, `say`
    tells the status bar."""

    copy_made = Signal(object)  # a LocalCopy: a new copy of the server's data is on disk
    server_answers = Signal()  # the server answered a background try while the copy is shown

    def __init__(self, connection: Connected, parent: QWidget, say: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.connection, self.parent_widget, self.say = connection, parent, say
        self.asking = False
        self.copying: threading.Thread | None = None
        self.probing: threading.Thread | None = None

        self.label = QLabel()
        self.label.setObjectName("offlineNote")
        self.label.setWordWrap(True)
        self.reconnect_button = QPushButton("Reconnect")
        self.reconnect_button.setToolTip("Try the database server again")
        note = QWidget()
        note.setObjectName("offlineBanner")
        note.setStyleSheet(BANNER_STYLE)
        note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(note)
        row.setContentsMargins(14, 6, 14, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.reconnect_button)
        self.bar = QToolBar("Offline")
        self.bar.setObjectName("offlineBar")
        self.bar.setMovable(False)
        self.bar.addWidget(note)
        self.bar.hide()

        self.copy_timer = QTimer(self)
        self.copy_timer.setInterval(COPY_CHECK_MS)
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(PROBE_MS)
        self._connect()

    def _connect(self) -> None:
        self.reconnect_button.clicked.connect(self.reconnect)
        self.copy_timer.timeout.connect(self.keep_copy)
        self.probe_timer.timeout.connect(self.probe)
        self.server_answers.connect(self._server_answers)

    # ---- while connected: keep the copy ---------------------------------------------------

    def opened(self, store: Store) -> None:
        """A database is open: on a server keep its copy; on the copy say so."""
        self.bar.setVisible(store.read_only)
        if store.read_only:
            self.probe_timer.start()
        else:
            self.probe_timer.stop()
        if store.location.is_sqlite:
            self.copy_timer.stop()
        else:
            self.copy_timer.start()
            self.keep_copy()

    @Slot()
    def keep_copy(self) -> threading.Thread | None:
        """Make a new copy in a thread if the last one is an hour old (or there is none)."""
        store = self.connection.store
        if store is None or store.location.is_sqlite or store.read_only:
            return None
        if self.copying is not None and self.copying.is_alive():
            return None
        last = server_copy.find(store.location)
        if last is not None and last.age_seconds() < server_copy.EVERY_SECONDS:
            return None
        self.copying = threading.Thread(
            target=self._copy, args=(store,), name="hearth-server-copy", daemon=True
        )
        self.copying.start()
        return self.copying

    def _copy(self, store: Store) -> None:
        try:
            made = server_copy.refresh(store)
        except Exception:  # the server went away, the disk is full…: the last copy stays
            log.warning("could not copy the server's data to this computer", exc_info=True)
            return
        log.info("copied the server's data to %s", made.path)
        self.copy_made.emit(made)

    # ---- the server cannot be reached -------------------------------------------------------

    def server_away(self, sentence: str, server: Location | None) -> str:
        """Say so and do what the user chooses: "retry", "copy" or "close" ("" while the
        question is already being asked)."""
        if self.asking:
            return ""
        copy = server_copy.find(server) if server is not None else None
        self.asking = True
        try:
            choice = self.ask(sentence, copy)
        finally:
            self.asking = False
        if choice == "retry":
            QTimer.singleShot(0, self.reconnect)
        elif choice == "copy" and copy is not None:
            store = self.connection.store
            if store is None or not store.read_only:  # else: already looking at the copy
                self.open_copy(copy)
        return choice

    def ask(self, sentence: str, copy: LocalCopy | None) -> str:
        """The question (tests replace this): "retry", "copy" or "close"."""
        box = QMessageBox(self.parent_widget)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Hearth cannot reach its data")
        box.setText(sentence)
        retry = box.addButton("Try again", QMessageBox.ButtonRole.AcceptRole)
        look = None
        if copy is not None:
            box.setInformativeText(
                f"This computer has a copy of the server's data from "
                f"{moment_words(copy.taken_at)}: you can look at it, read-only, until the server "
                "answers again."
            )
            look = box.addButton("Look at the copy", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Close Hearth", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(retry)
        run_modal(box)
        clicked = box.clickedButton()
        return "retry" if clicked is retry else "copy" if clicked is look else "close"

    def open_copy(self, copy: LocalCopy) -> bool:
        """Show the copy, read-only; False (and a sentence) if it cannot be opened."""
        from app.ui.database.first_start import load_settings

        try:
            store = server_copy.open_copy(copy)
            settings = load_settings(store)
        except HearthError as exc:
            QMessageBox.warning(
                self.parent_widget, "The copy cannot be opened", f"{copy.path}: {exc}"
            )
            return False
        self.label.setText(
            f"The server cannot be reached: this is this computer's copy of its data from "
            f"{moment_words(copy.taken_at)}, read-only. Changes can be made again once Hearth "
            "reconnects."
        )
        self.connection.use(store, settings)
        return True

    @Slot()
    def reconnect(self) -> None:
        self.connection.open()

    # ---- while the copy is shown: is the server back? ---------------------------------------

    @Slot()
    def probe(self) -> threading.Thread | None:
        """Try the server in a thread; `server_answers` if it does."""
        from app.model.store.db import resolve_location

        if self.probing is not None and self.probing.is_alive():
            return None
        try:
            server = resolve_location(self.connection.db_path)
        except HearthError:
            return None
        self.probing = threading.Thread(
            target=self._probe, args=(server.url,), name="hearth-probe", daemon=True
        )
        self.probing.start()
        return self.probing

    def _probe(self, url: str) -> None:
        from app.model.safety.connection_check import check_connection

        try:
            check_connection(url)
        except HearthError:
            return
        self.server_answers.emit()

    @Slot()
    def _server_answers(self) -> None:
        store = self.connection.store
        if store is None or not store.read_only or QApplication.activeModalWidget() is not None:
            return
        self.reconnect()
        if self.connection.store is not None and not self.connection.store.read_only:
            self.say("The database server answers again: Hearth reconnected.")
