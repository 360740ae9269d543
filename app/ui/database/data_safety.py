"""Keeping the data safe from the window: File → Back up now… and Restore from backup…, the
start-up check with the day's backup (in a worker thread), and the offer of the newest good
backup when the database turns out to be damaged. The work itself is in app.model (backup,
restore, db_check); this module asks and tells."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.model import paths
from app.model.errors import HearthError
from app.model.safety import backup, restore
from app.model.safety.check import check_file
from app.ui.common import file_dialogs
from app.ui.common.forms import run_modal

if TYPE_CHECKING:
    from app.ui.database.connected import Connected


class StartupChecks(QObject):
    """A quick check of the database, then the day's backup, off the UI thread."""

    damaged = Signal(str)
    backed_up = Signal(str)
    failed = Signal(str)
    finished = Signal()

    def start(self, database: Path) -> threading.Thread:
        thread = threading.Thread(
            target=self.run, args=(database,), name="hearth-startup-checks", daemon=True
        )
        thread.start()
        return thread

    def run(self, database: Path) -> None:
        try:
            problem = is_damaged(database)
            if problem is not None:
                self.damaged.emit(problem)
                return
            made = backup.daily_backup(database)
            if made is not None:
                self.backed_up.emit(str(made))
        except (HearthError, OSError) as exc:
            self.failed.emit(str(exc))
        finally:
            self.finished.emit()


def back_up_now(parent: QWidget, database: Path) -> Path | None:
    """Ask where (the backups folder by default), copy, check; None if the user cancelled."""
    default = paths.backup_dir() / backup.timestamped_name(backup.backup_stem(database), "manual")
    target, _filter = file_dialogs.save_file_name(
        parent, "Back up Hearth's data", str(default), "Hearth backups (*.db)"
    )
    if not target:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return backup.backup_sqlite(database, Path(target))
    finally:
        QApplication.restoreOverrideCursor()


def choose_backup(parent: QWidget) -> Path | None:
    """The backup to restore, picked and checked; None if cancelled or not restorable."""
    source, _filter = file_dialogs.open_file_name(
        parent,
        "Restore from a backup",
        str(paths.backup_dir()),
        "Hearth backups (*.db);;All files (*)",
    )
    if not source:
        return None
    path = Path(source)
    try:
        report = restore.checked_backup(path)
    except HearthError as exc:
        QMessageBox.warning(parent, "This backup cannot be restored", str(exc))
        return None
    parsed = backup.parse_name(path)
    when = f"from {backup.describe(parsed)}" if parsed is not None else f"in {path}"
    rows = sum(report.tables.values())
    answer = QMessageBox.question(
        parent,
        "Restore this backup?",
        f"Replace Hearth's data with the backup {when} ({rows:,} rows)? Your data as it is "
        "now is copied to the backups folder first, so nothing is lost.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return path if answer == QMessageBox.StandardButton.Yes else None


def ask_to_restore_newest(parent: QWidget | None, database: Path, problem: str) -> Path | None:
    """The database is damaged: offer the newest good backup; None to leave things be."""
    found = restore.newest_good_backup(database)
    if found is None:  # nothing to offer: the caller says why the file cannot be opened
        return None
    source, _report = found
    parsed = backup.parse_name(source)
    when = backup.describe(parsed) if parsed is not None else str(source)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Hearth's data is damaged",
        f"{database} is damaged ({problem}). The newest good backup is from {when}. Restore "
        "it? The damaged file is kept beside it under a new name; it is never overwritten.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    restore_button = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    run_modal(box)
    return source if box.clickedButton() is restore_button else None


def is_damaged(database: Path) -> str | None:
    """The damage a quick check finds in an existing file, or None."""
    if not database.is_file():
        return None
    report = check_file(database, quick=True)
    if not report.damaged:
        return None
    return "; ".join(report.problems[:3])


class DataSafety(QObject):
    """File → Back up now… / Restore from backup…, the start-up checks and the way out of a
    damaged database, for the `connection` (which it closes and reopens around a restore);
    `parent` is whose child its questions are, `say` tells the status bar."""

    restored = Signal(str)

    def __init__(self, connection: Connected, parent: QWidget, say: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.connection, self.parent_widget, self.say = connection, parent, say
        self.backup_action = QAction("Back up now…", parent)
        self.restore_action = QAction("Restore from backup…", parent)
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(False)
        self.database_action = QAction("Database…", parent)
        self.checks = StartupChecks(self)
        self.backup_action.triggered.connect(self.back_up)
        self.restore_action.triggered.connect(self.restore_chosen)
        self.database_action.triggered.connect(self.choose_database)
        self.checks.damaged.connect(self.damaged_while_open)
        self.checks.backed_up.connect(lambda path: say(f"Today's backup is in {path}."))
        self.checks.failed.connect(
            lambda message: say(f"Today's backup could not be made: {message}")
        )

    def database(self) -> Path | None:
        store = self.connection.store  # a file of the user's own (not a server, not its copy)
        return store.location.path if store is not None and not store.read_only else None

    def opened(self) -> None:
        """The database is open: enable the actions and warn about a risky place, once."""
        database = self.database()
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(database is not None)
        if database is None:
            return
        from app.model.safety.place import warning_for

        warning = warning_for(database)
        if warning is not None and not self.warned:
            self.warned = True
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Hearth's data is in a risky place",
                warning,
                QMessageBox.StandardButton.Ok,
                self.parent_widget,
            )
            box.setObjectName("riskyPlaceWarning")
            box.open()

    warned = False

    def start_checks(self) -> threading.Thread | None:
        database = self.database()
        return self.checks.start(database) if database is not None else None

    def back_up(self) -> None:
        database = self.database()
        if database is None:
            return
        try:
            made = back_up_now(self.parent_widget, database)
        except HearthError as exc:
            QMessageBox.warning(self.parent_widget, "The backup failed", str(exc))
            return
        if made is not None:
            self.say(f"Backed up to {made} (checked).")

    def restore_chosen(self) -> None:
        source = choose_backup(self.parent_widget)
        if source is not None:
            self.restore_from(source)

    def restore_from(self, source: Path, database: Path | None = None) -> bool:
        """Close the database, restore `source` over it (the open one unless `database`
        names another), reopen; say what happened."""
        database = database or self.database()
        if database is None:
            return False
        self.connection.close()
        try:
            done = restore.restore(source, database)
        except HearthError as exc:
            QMessageBox.warning(self.parent_widget, "The restore failed", str(exc))
            self.connection.open()
            return False
        kept = f" Your data as it was is kept at {done.kept_aside}." if done.kept_aside else ""
        self.connection.open()
        self.say(f"Restored the backup {source.name}.{kept}")
        self.restored.emit(str(done.kept_aside or ""))
        return True

    def choose_database(self) -> None:
        """Settings → Database…: this computer's file or a server; reopen on the choice."""
        from app.ui.database.database_dialog import DatabaseDialog

        if run_modal(DatabaseDialog(self.parent_widget)) == DatabaseDialog.DialogCode.Accepted:
            self.connection.close()
            self.connection.open()

    def recover(self, database: Path | None) -> bool:
        """Opening failed: if the file is damaged and a good backup exists, offer it.
        True if it was restored (and the database reopened)."""
        if database is None:
            return False
        problem = is_damaged(database)
        if problem is None:
            return False
        source = ask_to_restore_newest(self.parent_widget, database, problem)
        if source is None:
            return False
        return self.restore_from(source, database)

    def damaged_while_open(self, problem: str) -> None:
        database = self.database()
        if database is None:
            return
        source = ask_to_restore_newest(self.parent_widget, database, problem)
        if source is not None:
            self.restore_from(source)
