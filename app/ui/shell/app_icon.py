"""The app icon from the PNGs in every size (no SVG renderer needed, in a bundle too)."""

from __future__ import annotations

from hearth_resources import ICON_SIZES, icon_png
from PySide6.QtGui import QIcon


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)))
    return icon
