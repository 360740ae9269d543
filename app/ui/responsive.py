"""Waiting for slow work without freezing the window: the work runs in a thread while the
window keeps drawing itself (a local event loop), and its result or exception comes back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QStatusBar

if TYPE_CHECKING:
    from app.model.db import Location, Store

T = TypeVar("T")
POLL_MS = 20


def wait_for(work: Callable[[], T]) -> T:
    """Run `work` in a thread; keep the event loop turning until it is done."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed back to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="hearth-wait", daemon=True)
    thread.start()
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(lambda: loop.quit() if not thread.is_alive() else None)
    timer.start()
    if thread.is_alive():
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    timer.stop()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def open_store(location: Location, status: QStatusBar) -> Store:
    """Open the database; a server (which may take seconds to answer, or not answer) is
    waited for in a thread while the window keeps drawing."""
    from app.model.db import open_store as open_database

    if location.is_sqlite:
        return open_database(location)
    status.showMessage(f"Connecting to {location.describe()}…")
    return wait_for(lambda: open_database(location))
