"""A fatal crash (a segfault in Qt, an abort) leaves its traceback behind for the next start.

`faulthandler` writes every thread's Python stack to `crash.log` in the log folder when the
process dies of a fatal signal; normally the file stays empty. At the next start
`take_previous()` moves a non-empty one aside (`crash-<time>.log`) and hands back its text,
for the window to offer.
"""

from __future__ import annotations

import faulthandler
import os
from pathlib import Path
from typing import IO

from app.model import paths
from app.model.safety.backup import utc_stamp
from app.model.safety.private_files import create_private, private_folder

FILE_NAME = "crash.log"
_open_file: IO[str] | None = None


def crash_file() -> Path:
    return paths.log_dir() / FILE_NAME


def take_previous() -> tuple[str, Path] | None:
    """The text of the last run's crash and where it was moved; None if it did not crash."""
    path = crash_file()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if not text.strip():
        return None
    kept = path.with_name(f"crash-{utc_stamp()}.log")
    try:
        os.replace(path, kept)
    except OSError:
        kept = path
    return text, kept


def enable() -> None:
    """Send fatal-error tracebacks to the crash file from now on (best effort)."""
    global _open_file
    path = crash_file()
    try:
        private_folder(path.parent)
        create_private(path)
        _open_file = path.open("a", encoding="utf-8")
    except OSError:
        return
    faulthandler.enable(file=_open_file, all_threads=True)


def disable() -> None:
    global _open_file
    faulthandler.disable()
    if _open_file is not None:
        _open_file.close()
        _open_file = None
