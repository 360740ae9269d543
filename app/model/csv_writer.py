"""Writing CSV files: guarded against spreadsheet formulas, written whole or not at all.

The file is written under a temporary name next to the target and renamed into place, so a
failure (a full disk, a crash) leaves any old file as it was.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.model.atomic_file import replaced
from app.model.csv_reader import guard


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write a UTF-8 CSV (comma-separated, header first); return the number of rows."""
    count = 0
    with replaced(path, text=True) as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([guard(cell.replace("\x00", "")) for cell in row])
            count += 1
    return count
