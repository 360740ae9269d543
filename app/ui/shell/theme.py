"""Light and dark palettes that follow the system's colour scheme, on the Fusion style."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.colors import ACCENT, STATE_COLORS

__all__ = ["ACCENT", "STATE_COLORS", "SHELL_STYLE", "apply"]


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    if dark:
        colors = {
            role.Window: "#1f1d24",
            role.WindowText: "#ecebf0",
            role.Base: "#17161b",
            role.AlternateBase: "#24222b",
            role.Text: "#ecebf0",
            role.Button: "#2b2933",
            role.ButtonText: "#ecebf0",
            role.ToolTipBase: "#2b2933",
            role.ToolTipText: "#ecebf0",
            role.PlaceholderText: "#8e8b99",
            role.Highlight: ACCENT,
            role.HighlightedText: "#ffffff",
            role.Link: "#f0a070",
            role.Mid: "#3a3744",
            role.Dark: "#121116",
            role.Light: "#3a3744",
        }
    else:
        colors = {
            role.Window: "#f6f4f1",
            role.WindowText: "#26232b",
            role.Base: "#ffffff",
            role.AlternateBase: "#f3f0ec",
            role.Text: "#26232b",
            role.Button: "#efebe6",
            role.ButtonText: "#26232b",
            role.ToolTipBase: "#fffaf0",
            role.ToolTipText: "#26232b",
            role.PlaceholderText: "#8a8592",
            role.Highlight: ACCENT,
            role.HighlightedText: "#ffffff",
            role.Link: "#b4481b",
            role.Mid: "#d6d0c8",
            role.Dark: "#b9b2a8",
            role.Light: "#ffffff",
        }
    for color_role, value in colors.items():
        p.setColor(color_role, QColor(value))
    disabled = QColor("#6d6a75" if dark else "#a9a4ad")
    for color_role in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, color_role, disabled)
    return p


def system_prefers_dark() -> bool:
    """Whether the system's own palette is dark (it follows the light/dark setting).

    Read from the palette rather than `styleHints().colorScheme()`: the first use of any enum
    of Qt's `Qt` namespace builds all of them, ~45 ms that would delay the first paint.
    """
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def apply(app: QApplication) -> None:
    """Use Fusion with our palette now and whenever the system switches light/dark."""
    dark = system_prefers_dark()
    if app.style().name().lower() != "fusion":  # creating a style costs ~30 ms; skip if there
        app.setStyle("Fusion")
    app.setPalette(_palette(dark))
    app.styleHints().colorSchemeChanged.connect(
        lambda scheme: app.setPalette(_palette(scheme.name == "Dark"))
    )


# The main window's own touches: page titles, empty states, the sidebar.
SHELL_STYLE = """
#pageTitle { font-size: 22px; font-weight: 600; }
#pagePurpose { color: palette(placeholder-text); }
#weekLabel { font-size: 15px; font-weight: 600; }
#emptyState { color: palette(placeholder-text); font-size: 14px; padding: 24px;
              qproperty-alignment: AlignCenter;
              border: 1px dashed palette(mid); border-radius: 8px; }
#sidebar { border: none; background: palette(alternate-base); font-size: 14px;
           padding-top: 8px; outline: 0; }
#sidebar::item { padding: 9px 14px; border-radius: 6px; margin: 1px 6px; }
#sidebar::item:selected { background: palette(highlight); color: palette(highlighted-text); }
"""
