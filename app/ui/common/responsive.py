"""Waiting for slow work without freezing the window: the work runs in a thread while the
window keeps drawing itself (a local event loop), and its result or exception comes back.

`read` and `write` are how the pages reach the database: on a server (which can be slow, or
gone for the seconds a connection waits) the session's work runs in a thread; on a local file,
where it takes milliseconds, right here."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEventLoop, QTimer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.store.db import Location, Store

T = TypeVar("T")
POLL_MS = 20
_waiting = 0  # how many waits are under way (a timer firing during one must not start another)


def waiting() -> bool:
    return _waiting > 0


def wait_for(work: Callable[[], T]) -> T:
    """Run `work` in a thread; keep the event loop turning until it is done. Work asked for
    while another wait is under way (by a timer meanwhile) runs right away instead of
    nesting a second wait."""
    global _waiting
    if _waiting:
        return work()
    from PySide6.QtCore import QMetaObject, Qt

    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed back to the caller below
            outcome["error"] = exc
        finally:  # wake the window's thread at once (a queued call is safe from any thread)
            QMetaObject.invokeMethod(loop, "quit", Qt.ConnectionType.QueuedConnection)

    thread = threading.Thread(target=run, name="hearth-wait", daemon=True)
    thread.start()
    timer = QTimer()  # and in case the wake-up was posted before the loop began
    timer.setInterval(POLL_MS)
    timer.timeout.connect(lambda: loop.quit() if not thread.is_alive() else None)
    timer.start()
    _waiting += 1
    try:
        if thread.is_alive():
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        _waiting -= 1
        timer.stop()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def open_store(location: Location, say: Callable[[str], None]) -> Store:
    """Open the database; a server (which may take seconds to answer, or not answer) is
    waited for in a thread while the window keeps drawing."""
    from app.model.store.db import open_store as open_database

    if location.is_sqlite:
        return open_database(location)
    say(f"Connecting to {location.describe()}…")
    return wait_for(lambda: open_database(location))


def read(store: Store, work: Callable[[Session], T]) -> T:
    """`work` in one short reading session (see the module's note on threads)."""
    return _in_session(store, store.session, work)


def write(store: Store, work: Callable[[Session], T]) -> T:
    """`work` in one short writing session (see the module's note on threads)."""
    return _in_session(store, store.writer, work)


def _in_session(store: Store, sessions: Callable[[], Session], work: Callable[[Session], T]) -> T:
    def run() -> T:
        with sessions() as session:
            return work(session)

    return run() if store.location.is_sqlite else wait_for(run)
