"""Logging for the window and the command line: a rotating file in the user log folder."""

from __future__ import annotations

import logging
import logging.handlers
from io import TextIOWrapper
from pathlib import Path

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
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name(HANDLER_NAME)
    root.addHandler(handler)
    return target


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each log file, the first and every one after a rollover, readable by the user only."""

    def _open(self) -> TextIOWrapper:
        create_private(Path(self.baseFilename))
        return super()._open()


def log_file() -> Path:
    return paths.log_dir() / LOG_FILE_NAME
