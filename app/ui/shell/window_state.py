"""Where the window was: its geometry and last page, kept in the window preferences."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow

from app.ui.common.preferences import ui_settings

DEFAULT_SIZE = (1180, 760)
FRAME_ALLOWANCE = 40  # px: the title bar a window manager adds above the window's own height


def restore(window: QMainWindow) -> int:
    """Put the window back where it was; return the page it was on (0 if unknown)."""
    prefs = ui_settings()
    geometry = prefs.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(*first_size(window))
    try:
        return int(str(prefs.value("window/page", 0)))
    except (TypeError, ValueError):
        return 0


def first_size(window: QMainWindow) -> tuple[int, int]:
    """The size of a window opened for the first time: DEFAULT_SIZE, or less where the screen
    has less room (a 1366 × 768 laptop under its taskbar, a 1024 × 700 screen), so that the
    status bar and the right-hand column are not off the screen; never under the window's
    minimum size."""
    width, height = DEFAULT_SIZE
    screen = window.screen()
    if screen is None:
        return width, height
    room = screen.availableGeometry()
    least = window.minimumSize()
    width = max(least.width(), min(width, room.width()))
    height = max(least.height(), min(height, room.height() - FRAME_ALLOWANCE))
    return width, height


def save(window: QMainWindow, page: int) -> None:
    prefs = ui_settings()
    prefs.setValue("window/geometry", window.saveGeometry())
    prefs.setValue("window/page", page)
    prefs.sync()
