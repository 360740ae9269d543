"""The timers outside the toolbar: the system-tray menu, and the question about a timer that
has been running for hours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QMessageBox, QSystemTrayIcon, QWidget

from app.model.durations import format_hours
from app.model.enums import Side
from app.model.errors import HearthError
from app.model.time.types import EntryInfo, describe
from app.ui.common.forms import run_modal
from app.ui.time.timer_bar import TimerBar

if TYPE_CHECKING:
    from app.model.store.db import Store
    from app.model.store.settings import Settings
    from app.ui.shell.main_window import MainWindow


def make_tray(
    parent: QWidget,
    icon: QIcon,
    timer_bar: TimerBar,
    quit_action: QAction,
    show_window: Callable[[], None],
) -> QSystemTrayIcon | None:
    """Start/stop from the system tray, where the desktop has one (None elsewhere)."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    menu = QMenu(parent)
    for side in Side:
        action = menu.addAction(f"Start {side.value}")
        action.triggered.connect(lambda _c=False, s=side: timer_bar.toggle(s))
    menu.addAction("Stop the timer").triggered.connect(timer_bar.stop)
    menu.addSeparator()
    menu.addAction("Show Hearth").triggered.connect(show_window)
    menu.addAction(quit_action)
    tray = QSystemTrayIcon(icon, parent)
    tray.setContextMenu(menu)
    tray.setToolTip("Hearth")
    tray.show()
    return tray


def ask_still_working(parent: QWidget, entry: EntryInfo) -> str:
    """'keep' or 'stop' for a timer that has run past the long-timer setting."""
    box = QMessageBox(parent)
    box.setWindowTitle("Still working on this?")
    box.setText(
        f"{describe(entry)} has been running for {format_hours(entry.hours(datetime.now(UTC)))}."
    )
    box.setInformativeText(
        "Keep it running, or stop it now? (You can correct its end on the Time page.)"
    )
    keep = box.addButton("Keep it running", QMessageBox.ButtonRole.RejectRole)
    stop = box.addButton("Stop it now", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(keep)
    run_modal(box)
    return "stop" if box.clickedButton() is stop else "keep"


def settle_long_running(
    store: Store, long_timer_hours: float, ask: Callable[[EntryInfo], str], timer_bar: TimerBar
) -> None:
    """Each timer running longer than the setting is asked about (`ask` says 'keep' or
    'stop'); never cut silently."""
    from app.model.time import entries as time_entries

    with store.session() as session:
        long = time_entries.long_running(session, long_timer_hours)
    for entry in long:
        if ask(entry) == "stop":
            try:
                with store.writer() as session:
                    time_entries.stop_timer(session, entry.person_id)
            except HearthError as exc:  # more than a week: its end must be said on the Time page
                timer_bar.message.emit(str(exc))
    if long:
        timer_bar.refresh()


def install_tray(window: MainWindow) -> None:
    """The timers from the system tray, where the desktop has one (made once)."""
    if window.tray is None:
        icon, bar, quit_action = window.windowIcon(), window.timer_bar, window.quit_action
        window.tray = make_tray(window, icon, bar, quit_action, window.bring_to_front)


def check_long_running(window: MainWindow, store: Store, settings: Settings) -> None:
    """Ask about each timer left running past the setting (the window's `ask_long_running`)."""
    limit = settings.long_timer_hours
    settle_long_running(store, limit, window.ask_long_running, window.timer_bar)
