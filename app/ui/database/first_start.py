"""What the window does the first time it meets a database: the first-run questions or the
demo database, and the one notice after an upgrade."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.ui.common.forms import run_modal

if TYPE_CHECKING:
    from app.model.store.db import Store, Upgrade
    from app.model.store.settings import Settings


def load_settings(store: Store) -> Settings:
    """The settings, read off the window's thread on a server (app.ui.common.responsive)."""
    from app.model.store import settings as settings_service
    from app.ui.common import responsive

    return responsive.read(store, settings_service.load)


def ask_first_run(parent: QWidget, store: Store) -> Settings | Literal["demo"] | None:
    """The first-run dialog: the settings given, "demo" to explore the demo database, or
    None if the user quit it."""
    from app.ui.database.first_run_dialog import FirstRunDialog
    from app.ui.settings.access import SettingsAccess

    dialog = FirstRunDialog(SettingsAccess(store), parent)
    result = run_modal(dialog)
    if result == FirstRunDialog.DEMO:
        return "demo"
    if result != FirstRunDialog.DialogCode.Accepted:
        return None
    return load_settings(store)


def open_demo(say: Callable[[str], None]) -> tuple[Store, Settings]:
    """The demo database beside the user's own (filled on first use), so exploring never mixes
    made-up leads into real ones; the next start asks the first-run questions again."""
    from app.model import paths
    from app.model.demo import business as demo
    from app.model.store.db import open_store, sqlite_location

    say("Making the demo data…")
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
        say("")
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
