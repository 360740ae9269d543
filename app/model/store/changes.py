"""Knowing that the data changed: a counter that goes up with every committed write.

Whatever wrote — a service through the ORM, an importer's bulk insert, a statement of its own —
a committed INSERT, UPDATE or DELETE on the store's engine moves the counter on and tells the
listeners (in the thread that committed). The window uses it so that every page and the
toolbar show numbers as of the last change; a change made elsewhere (the partner's computer,
the command line) is noted with `outside()` when the window looks again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event

_WROTE = "hearth_wrote"
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class ChangeCounter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self._listeners: list[Callable[[int], None]] = []

    @property
    def generation(self) -> int:
        """How many changes there have been since the store was opened."""
        return self._generation

    def listen(self, listener: Callable[[int], None]) -> None:
        """Call `listener(generation)` after each change (in the thread that made it)."""
        self._listeners.append(listener)

    def forget(self, listener: Callable[[int], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def outside(self) -> None:
        """Someone may have changed the data from outside this process: count it as a change."""
        self._moved()

    def watch(self, engine: Engine) -> None:
        event.listen(engine, "after_cursor_execute", _note_write)
        event.listen(engine, "commit", self._committed)
        event.listen(engine, "rollback", _forget_write)

    def _committed(self, conn: Any) -> None:
        if not conn.invalidated and conn.info.pop(_WROTE, False):
            self._moved()

    def _moved(self) -> None:
        with self._lock:
            self._generation += 1
            generation = self._generation
        for listener in list(self._listeners):
            listener(generation)


def _note_write(
    conn: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, _many: bool
) -> None:
    if statement.lstrip()[:7].upper().startswith(_WRITES):
        conn.info[_WROTE] = True


def _forget_write(conn: Any) -> None:
    if not conn.invalidated:  # (a connection already given up on has nothing to forget)
        conn.info.pop(_WROTE, None)
