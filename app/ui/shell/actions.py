"""The main window's menus and keyboard shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from app.ui.shell.main_window import MainWindow


def make_menus(window: MainWindow) -> QMenu:
    """File, Go and Help; returns the File menu (data safety adds to it later)."""
    file_menu = window.menuBar().addMenu("&File")
    file_menu.addAction(window.new_action)
    file_menu.addAction(window.import_action)
    file_menu.addSeparator()
    file_menu.addAction(window.settings_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    go_menu = window.menuBar().addMenu("&Go")
    for action in window.page_actions:
        go_menu.addAction(action)
    help_menu = window.menuBar().addMenu("&Help")
    help_menu.addAction(window.help_action)
    help_menu.addAction(window.about_action)
    return file_menu


def connect_help(window: MainWindow) -> None:
    """Help and About, each naming the database in use (imported when first asked for)."""

    def show(which: str) -> None:
        from app.ui.shell import about as about_dialog

        database = window.database_label.text() or "not open yet"
        getattr(about_dialog, which)(window, database)

    window.help_action.triggered.connect(lambda: show("show_help"))
    window.about_action.triggered.connect(lambda: show("show_about"))


def install_shortcuts(window: MainWindow) -> None:
    """Keyboard shortcuts, set right after the first paint.

    Setting a shortcut builds every enum of Qt's `Qt` namespace (~45 ms); nobody presses a key
    in the few milliseconds before the window is drawn.
    """
    for number, action in enumerate(window.page_actions, start=1):
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
    window.settings_action.setShortcut(QKeySequence("Ctrl+,"))
    window.import_action.setShortcut(QKeySequence("Ctrl+I"))
    window.new_action.setShortcut(QKeySequence.StandardKey.New)
    window.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    window.help_action.setShortcut(QKeySequence("F1"))
    # Where macOS puts them in the application menu (enums: after the first paint too).
    window.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
