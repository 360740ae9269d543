"""What the partner did appears without a restart: the window's pages are read again when
the window comes back to the front, and gently every minute while it is in front.

Coming back means having been away: the window's first activation at start (which arrives
just after the pages read the data they show) reads nothing again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication

INTERVAL_MS = 60_000


class LiveRefresh(QObject):
    def __init__(self, parent: QObject, refresh: Callable[[], None]) -> None:
        super().__init__(parent)
        self.refresh = refresh
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.away = False  # the application was inactive (or hidden) since this was made
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    @Slot(Qt.ApplicationState)
    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.away = True
        elif self.away:
            self.away = False
            self._refresh()

    @Slot()
    def _tick(self) -> None:
        if QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive:
            self._refresh()

    def _refresh(self) -> None:
        from app.ui.common import responsive

        if not responsive.waiting():  # a page is reading from the server right now
            self.refresh()
