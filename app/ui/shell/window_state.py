"""Where the window was: its geometry and last page, kept in the window preferences."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow

from app.ui.common.preferences import ui_settings

DEFAULT_SIZE = (1180, 760)


def restore(window: QMainWindow) -> int:
    """Put the window back where it was; return the page it was on (0 if unknown)."""
    prefs = ui_settings()
    geometry = prefs.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    try:
        return int(str(prefs.value("window/page", 0)))
    except (TypeError, ValueError):
        return 0


def save(window: QMainWindow, page: int) -> None:
    prefs = ui_settings()
    prefs.setValue("window/geometry", window.saveGeometry())
    prefs.setValue("window/page", page)
    prefs.sync()
