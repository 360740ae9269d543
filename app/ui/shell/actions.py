"""The main window's actions — New, Import, Settings, Quit, the pages, Help and About — with
their menus and keyboard shortcuts, owned in one place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget


class WindowActions(QObject):
    def __init__(self, window: QWidget, page_titles: list[str]) -> None:
        super().__init__(window)
        self.window = window  # the actions' parent, and the parent of Help and About
        self.pages: list[QAction] = []
        for number, title in enumerate(page_titles):
            action = QAction(title, window)
            action.setData(number)
            self.pages.append(action)
        self.new = QAction("New…", window)  # the page in view's new thing (Ctrl+N)
        self.new.setEnabled(False)
        self.import_file = QAction("Import leads or contacts…", window)
        self.import_file.setEnabled(False)
        self.settings = QAction("Settings…", window)
        self.settings.setEnabled(False)
        self.quit = QAction("Quit", window)
        self.help = QAction("Hearth Help", window)
        self.about = QAction("About Hearth", window)
        self.file_menu = QMenu()
        self.shortcuts_installed = False

    def make_menus(self, bar: QMenuBar) -> None:
        """File, Go and Help (data safety and Export join File once the data is open)."""
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addAction(self.new)
        self.file_menu.addAction(self.import_file)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)
        go_menu = bar.addMenu("&Go")
        for action in self.pages:
            go_menu.addAction(action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.help)
        help_menu.addAction(self.about)

    def before_settings(self, actions: list[QAction]) -> None:
        """File → Back up now…, Restore…, Database…: above Settings, with a line under them."""
        self.file_menu.insertActions(self.settings, actions)
        self.file_menu.insertSeparator(self.settings)

    def after_import(self, menu: QMenu) -> None:
        """File → Export ▸, right after Import."""
        actions = self.file_menu.actions()
        self.file_menu.insertMenu(actions[actions.index(self.import_file) + 1], menu)

    def connect_help(self, database: Callable[[], str]) -> None:
        """Help and About, each naming the database in use (imported when first asked for)."""

        def show(which: str) -> None:
            from app.ui.shell import about as about_dialog

            getattr(about_dialog, which)(self.window, database() or "not open yet")

        self.help.triggered.connect(lambda: show("show_help"))
        self.about.triggered.connect(lambda: show("show_about"))

    def install_shortcuts(self) -> None:
        """Keyboard shortcuts, set right after the first paint (once).

        Setting a shortcut builds every enum of Qt's `Qt` namespace (~45 ms); nobody presses a
        key in the few milliseconds before the window is drawn.
        """
        if self.shortcuts_installed:
            return
        self.shortcuts_installed = True
        for number, action in enumerate(self.pages, start=1):
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        self.settings.setShortcut(QKeySequence("Ctrl+,"))
        self.import_file.setShortcut(QKeySequence("Ctrl+I"))
        self.new.setShortcut(QKeySequence.StandardKey.New)
        self.quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.help.setShortcut(QKeySequence("F1"))
        # Where macOS puts them in the application menu (enums: after the first paint too).
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
