"""Logging for the window and the command line: a rotating file in the user log folder."""

from __future__ import annotations

import logging
import logging.handlers
from io import TextIOWrapper
from pathlib import Path
from typing import Any

from app.model import paths
from app.model.safety.private_files import create_private, private_folder

LOG_FILE_NAME = "hearth.log"
# The name our handler is given, by which a second configure() finds it.
HANDLER_NAME = "hearth"


def configure(level: int = logging.INFO) -> Path | None:
    """Send our log records to the rotating log file; return its path (None if unwritable)."""
    root = logging.getLogger()
    target: Path | None = log_file()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        if getattr(old, "baseFilename", None) == str(target):
            return target
        root.removeHandler(old)  # the user folder moved (tests, HEARTH_HOME): follow it
        old.close()
    root.setLevel(level)
    assert target is not None
    try:
        private_folder(target.parent)
        handler: logging.Handler = _PrivateRotatingFileHandler(
            target, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        target = None
    handler.setFormatter(_PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name(HANDLER_NAME)
    root.addHandler(handler)
    return target


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each log file, the first and every one after a rollover, readable by the user only."""

    def _open(self) -> TextIOWrapper:
        create_private(Path(self.baseFilename))
        return super()._open()


class _PrivateFormatter(logging.Formatter):
    """A traceback without the values of a database statement: a failed import's INSERT
    carries a batch of other rows' data, which the log never holds."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's name)
        hide_parameters(ei[1])
        return super().formatException(ei)


def hide_parameters(exc: BaseException | None) -> None:
    """Mark each database error in `exc`'s chain to print its statement without its values
    (SQLAlchemy's StatementError says "[SQL parameters hidden …]" instead)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if hasattr(exc, "hide_parameters") and hasattr(exc, "params"):
            exc.hide_parameters = True
        exc = exc.__cause__ or exc.__context__


def short_reason(exc: BaseException) -> str:
    """An internal error in a few words for a sentence: its type and the first line of its
    message — for a database error, the database's own reason, never the statement or the
    values it carried."""
    reason = getattr(exc, "orig", None) if hasattr(exc, "statement") else None
    text = str(reason if reason is not None else exc).strip().splitlines()
    first = text[0] if text else ""
    if len(first) > 200:
        first = first[:200] + "…"
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def log_file() -> Path:
    return paths.log_dir() / LOG_FILE_NAME
