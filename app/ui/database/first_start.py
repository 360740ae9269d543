"""What the window does the first time it meets a database: the first-run questions or the
demo database, and the one notice after an upgrade."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QStatusBar, QWidget

from app.ui.common.forms import run_modal

if TYPE_CHECKING:
    from app.model.store.db import Store, Upgrade
    from app.model.store.settings import Settings
    from app.ui.shell.main_window import MainWindow


def load_settings(store: Store) -> Settings:
    from app.model.store import settings as settings_service

    with store.session() as session:
        return settings_service.load(session)


def settle(window: MainWindow, store: Store) -> tuple[Store, Settings, bool] | None:
    """A database not set up yet: the window's first-run questions, or the demo database.
    Return the store and settings to use and whether they are the demo's; None if the user
    quit. Raises HearthError if the demo database cannot be made."""
    choice = window.ask_first_run(store)
    if choice is None:
        return None
    if choice != "demo":
        return store, choice, False
    store.close()
    demo_store, settings = open_demo(window.statusBar())
    return demo_store, settings, True


def ask_first_run(parent: QWidget, store: Store) -> Settings | Literal["demo"] | None:
    """The first-run dialog: the settings given, "demo" to explore the demo database, or
    None if the user quit it."""
    from app.ui.database.first_run_dialog import FirstRunDialog

    dialog = FirstRunDialog(store, parent)
    result = run_modal(dialog)
    if result == FirstRunDialog.DEMO:
        return "demo"
    if result != FirstRunDialog.DialogCode.Accepted:
        return None
    return load_settings(store)


def open_demo(status: QStatusBar) -> tuple[Store, Settings]:
    """The demo database beside the user's own (filled on first use), so exploring never mixes
    made-up leads into real ones; the next start asks the first-run questions again."""
    from app.model import paths
    from app.model.demo import business as demo
    from app.model.store.db import open_store, sqlite_location

    status.showMessage("Making the demo data…")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        store = open_store(sqlite_location(paths.demo_db_path(), is_default=True))
        settings = load_settings(store)
        if not settings.set_up:
            with store.writer() as session:
                demo.fill(session)
            settings = load_settings(store)
    finally:
        QApplication.restoreOverrideCursor()
        status.clearMessage()
    return store, settings


def upgraded_notice(parent: QWidget, upgrade: Upgrade) -> QMessageBox:
    """Shown (without blocking) right after the migration, so once: what changed, and where
    the copy of the old file is."""
    from app.version import version

    kept = (
        f" A copy of your data as it was is in {upgrade.backup}."
        if upgrade.backup is not None
        else ""
    )
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Hearth was updated",
        f"Hearth {version()} brought your data up to date (layout {upgrade.from_revision} "
        f"→ {upgrade.to_revision}); everything you entered is there.{kept}",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("upgradedMessage")
    box.open()
    return box
