"""The timers outside the toolbar: the system-tray menu, and the question about a timer that
has been running for hours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QMessageBox, QSystemTrayIcon, QWidget

from app.model.durations import format_hours
from app.model.enums import Side
from app.model.time.types import EntryInfo, describe
from app.ui.common.forms import run_modal
from app.ui.time.timer_bar import TimerBar

if TYPE_CHECKING:
    from app.ui.time.access import TimeAccess


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
    access: TimeAccess, long_timer_hours: float, ask: Callable[[EntryInfo], str]
) -> bool:
    """Each timer running longer than the setting is asked about (`ask` says 'keep' or
    'stop'); never cut silently. A refusal (one running more than a week: its end must be
    said on the Time page) is said through the access. True if any was asked about."""
    long = access.attempt(lambda: access.long_running(long_timer_hours)) or []
    for entry in long:
        if ask(entry) == "stop":
            access.went_through(partial(access.stop, entry.person_id))
    return bool(long)
