"""The command line's warning that the database file is in a risky place (a network share, a
synced folder: app.model.safety.place), said by every command that uses the file, on the
ordinary road (main.open_store) and on the quick one (status, summary, report)."""

from __future__ import annotations

import sys
from pathlib import Path


def warn_of_place(path: Path | None) -> None:
    """Say on standard error why `path` is no safe place for a SQLite file, if it is not."""
    if path is None:
        return
    from app.model.safety.place import warning_for

    warning = warning_for(path)
    if warning:
        print(f"hearth-cli: warning: {warning}", file=sys.stderr)
