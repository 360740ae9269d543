"""The command line's warning that the database file is in a risky place (a network share, a
synced folder: app.model.safety.place), said by every command that uses the file, on the
ordinary road (main.open_store) and on the quick one (`read_quickly`: status, summary,
report)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from app.model.store.reading import Reader

T = TypeVar("T")


def read_quickly(db: str | None, work: Callable[[Reader], T]) -> T | None:
    """`work` on a current SQLite file read with sqlite3 alone (app.model.store.quick_read),
    after the risky-place warning the ordinary road gives; None for any other database."""
    from app.model.store import quick_read

    def warned(reader: Reader, path: Path) -> T:
        warn_of_place(path)
        return work(reader)

    return quick_read.read(db, warned)


def warn_of_place(path: Path | None) -> None:
    """Say on standard error why `path` is no safe place for a SQLite file, if it is not."""
    if path is None:
        return
    from app.model.safety.place import warning_for

    warning = warning_for(path)
    if warning:
        print(f"hearth-cli: warning: {warning}", file=sys.stderr)
