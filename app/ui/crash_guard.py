"""An exception in any slot never kills the app: it is logged and shown, once per kind.

PySide6 hands an exception raised in a slot or a Qt virtual method to `sys.excepthook`;
`install()` replaces that hook for as long as the window runs.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from app.model.errors import HearthError

log = logging.getLogger(__name__)

ShowError = Callable[[str, str], None]


class CrashGuard:
    """Logs every uncaught exception and asks `show` to display it (each distinct one once)."""

    def __init__(self, show: ShowError) -> None:
        self.show = show
        self.seen: set[str] = set()
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        if isinstance(error, HearthError):  # a user-level error that escaped a dialog
            log.warning("%s", error)
            self.show(str(error), details)
            return
        log.error("uncaught exception\n%s", details)
        signature = _signature(error, tb)
        if signature in self.seen:
            return
        self.seen.add(signature)
        from app.logsetup import log_file

        summary = (
            f"Something went wrong inside Hearth: {type(error).__name__}: {error}. "
            f"It was written to the log ({log_file()})."
        )
        try:
            self.show(summary, details)
        except Exception:  # the dialog itself failed: never recurse
            log.exception("could not show the error dialog")


def _signature(error: BaseException, tb: TracebackType | None) -> str:
    frames = traceback.extract_tb(tb)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    return f"{type(error).__name__}@{where}"
