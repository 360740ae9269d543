"""An exception anywhere never kills the app: it is logged and shown, once per kind.

PySide6 hands an exception raised in a slot or a Qt virtual method to `sys.excepthook`; a
worker thread's goes to `threading.excepthook`. `install()` replaces both for as long as the
window runs; a worker thread's error is shown from the main thread (through `post`). A full
disk and a disk error get their own sentence instead of the exception's text; a database
server that stopped answering goes to `server_away` (the window offers Retry or the copy).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from app.model.errors import HearthError

log = logging.getLogger(__name__)

ShowError = Callable[[str, str], None]


class CrashGuard:
    """Logs every uncaught exception and asks `show` to display it (each distinct one once)."""

    def __init__(
        self,
        show: ShowError,
        post: Callable[[Callable[[], None]], None] | None = None,
        server_away: Callable[[str], None] | None = None,
    ) -> None:
        self.show = show
        self.server_away = server_away
        # How to run the display on the main thread (a worker thread must not open dialogs).
        self.post = post or (lambda call: call())
        self.seen: set[str] = set()
        self._previous = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread

    def uninstall(self) -> None:
        sys.excepthook = self._previous
        threading.excepthook = self._previous_thread_hook

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        error, tb, kind = args.exc_value, args.exc_traceback, args.exc_type
        self.post(lambda: self.handle(kind, error, tb))

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, tb)
            return
        from app.logsetup import hide_parameters, log_file, short_reason

        hide_parameters(error)  # a failed INSERT's values are the user's data, never shown
        details = "".join(traceback.format_exception(kind, error, tb))
        from app.model.safety.storage_errors import SERVER_AWAY, sentence_for, server_away

        if self.server_away is not None and server_away(error):
            log.warning("the database server went away: %s", error)
            self.server_away(sentence_for(error) or SERVER_AWAY)  # or did not answer in time
            return
        if isinstance(error, HearthError):  # a user-level error that escaped a dialog
            log.warning("%s", error)
            self.show(str(error), details)
            return
        log.error("uncaught exception\n%s", details)
        signature = _signature(error, tb)
        if signature in self.seen:
            return
        self.seen.add(signature)
        from app.model.safety.storage_errors import sentence_for

        summary = sentence_for(error) or (
            f"Something went wrong inside Hearth: {short_reason(error)}. "
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
