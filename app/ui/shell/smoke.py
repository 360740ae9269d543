"""`hearth --smoke`: does this build really start? For CI and for packagers.

It opens the main window on a throw-away database with a little demo data (in a temporary
folder that also takes the logs and window settings, so nothing of the user's is touched),
shows every page once, waits until the event loop is idle, and exits 0. Any exception, a
database that does not open, or no window after two minutes exits 1 with the reason on stderr
(and keeps the temporary folder, with its log, for a look).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

from app.ui.shell.main_window import MainWindow

TIMEOUT_MS = 120_000
SETTLE_MS = 300


def prepare() -> tuple[Path, str]:
    """A temporary Hearth home with a demo database in it: (the folder, the database path)."""
    folder = Path(tempfile.mkdtemp(prefix="hearth-smoke-"))
    os.environ["HEARTH_HOME"] = str(folder)
    os.environ.pop("HEARTH_DATABASE_URL", None)
    os.environ.pop("HEARTH_DB", None)
    path = folder / "smoke.db"
    from app.model.demo import business as demo
    from app.model.store import db

    store = db.open_store(db.sqlite_location(path))
    try:
        with store.writer() as session:
            demo.fill(session, leads=200, weeks=8)
    finally:
        store.close()
    return folder, str(path)


def clean_up(folder: Path, *, passed: bool) -> None:
    """Remove the temporary home after a pass; keep it (its log) after a failure."""
    if passed:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"The smoke test's database and log are kept in {folder}.", file=sys.stderr)


class SmokeRun(QObject):
    """Drives the window once through its pages, then ends the event loop with 0 or 1."""

    def __init__(self, window: MainWindow, app: QApplication) -> None:
        super().__init__(window)
        self.window = window
        self.app = app
        self.failed = False
        window.database_opened.connect(self.visit_pages)
        window.database_failed.connect(self.fail)
        QTimer.singleShot(TIMEOUT_MS, lambda: self.fail("the window was not ready in time"))

    @Slot()
    def visit_pages(self) -> None:
        for index in range(len(self.window.pages)):
            self.window.show_page(index)
            self.app.processEvents()
        self.window.show_page(0)
        QTimer.singleShot(SETTLE_MS, self.finish)

    @Slot()
    def finish(self) -> None:
        if self.failed:
            return
        pages = ", ".join(page.title for page in self.window.pages)
        print(f"Hearth smoke test passed: the window opened and showed {pages}.", flush=True)
        self.app.exit(0)

    @Slot(str)
    def fail(self, reason: str) -> None:
        if self.failed:
            return
        self.failed = True
        print(f"Hearth smoke test failed: {reason}", file=sys.stderr, flush=True)
        self.app.exit(1)

    def show_error(self, summary: str, details: str) -> None:
        """The crash guard's display in smoke mode: no dialog, the details on stderr."""
        self.fail(f"{summary}\n{details}")
