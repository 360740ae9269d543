"""Writing CSV files: guarded against spreadsheet formulas, written whole or not at all.

The file is written under a temporary name next to the target and renamed into place, so a
failure (a full disk, a crash) leaves any old file as it was.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.model.csv_reader import guard
from app.model.errors import HearthError


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write a UTF-8 CSV (comma-separated, header first); return the number of rows."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise HearthError(f"The folder {folder} does not exist.")
    count = 0
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise HearthError(f"Hearth cannot write in {folder}: {exc.strerror}.") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([guard(cell) for cell in row])
                count += 1
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise HearthError(
                f"Writing {path} failed: {exc.strerror or exc}; any old file is unchanged."
            ) from None
        raise
    return count
