"""Writing CSV files: guarded against spreadsheet formulas, written whole or not at all.

The file is written under a temporary name next to the target and renamed into place, so a
failure (a full disk, a crash) leaves any old file as it was.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from app.model.io.csv_reader import guard
from app.model.io.csv_values import money_text
from app.model.safety.atomic_file import replaced


def moment_cell(value: datetime | None) -> str:
    """A stored time in local time with its offset; to the second, with the fraction only
    when it has one (a time the app took from the clock), so it reads back exactly."""
    return value.astimezone().isoformat() if value else ""


def money_cell(value: Decimal | None) -> str:
    """An amount as exports write it (csv_values.money_text: it reads back as itself under
    either decimal mark): 1200, 99.95, 1.2340."""
    return "" if value is None else money_text(value)


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
