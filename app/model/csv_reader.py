"""The one CSV reader every importer uses: real files from real tools.

- Text: UTF-8 (with or without a byte-order mark), else Windows-1252; the report says which.
- Delimiter: comma, semicolon or tab, decided from the header line (counted outside quotes;
  `csv.Sniffer` guesses wrong on short files), or given by the caller.
- Columns are matched by header name, case-insensitively, in any order; unknown columns are
  ignored with a warning.
- Line numbers are the file's physical lines, so a quoted field with newlines does not shift
  the numbers of the rows after it: a problem is reported as `FILE:LINE: what is wrong`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from app.model.errors import HearthError

DELIMITERS = (",", ";", "\t")
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def format(self, path: Path | str) -> str:
        return f"{path}:{self.line}: {self.message}"


class ImportRejectedError(HearthError):
    """Nothing was imported; `problems` says why, line by line."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        shown = "\n".join(p.format(path) for p in problems[:50])
        more = f"\n… and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{shown}{more}")


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


@dataclass
class CsvFile:
    path: Path
    encoding: str
    delimiter: str
    columns: list[str]
    rows: list[CsvRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def delimiter_name(self) -> str:
        return {",": "comma", ";": "semicolon", "\t": "tab"}[self.delimiter]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _needs_guard(cell: str) -> bool:
    """A formula start, or apostrophes before one (so a typed "'=x" also comes back)."""
    stripped = cell.lstrip("'")
    return stripped.startswith(FORMULA_STARTS)


# A number or a phone number (`-12.50`, `+33 6 12 34 56 78`, `(030) 123-45`): nothing in it can
# call a function or reach outside the sheet, so it is written as typed.
_PLAIN_NUMBER = re.compile(r"[0-9 +\-().]*[0-9][0-9 +\-().]*")


def guard(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, written so it shows as text instead."""
    if _PLAIN_NUMBER.fullmatch(cell):
        return cell
    return "'" + cell if _needs_guard(cell) else cell


def unguard(cell: str) -> str:
    """Undo `guard`, so Hearth reads its own exports back exactly."""
    return cell[1:] if cell[:1] == "'" and _needs_guard(cell[1:]) else cell


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """The text and the name of the encoding it was read with."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise ImportRejectedError(
            path,
            [Problem(1, f"the file is neither UTF-8 nor Windows-1252 text (byte {exc.start})")],
        ) from None


def guess_delimiter(header_line: str) -> str:
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(
    path: Path,
    *,
    known: tuple[str, ...],
    required: tuple[str, ...] = (),
    delimiter: str | None = None,
) -> CsvFile:
    """Read the whole file; problems with its shape are in `.problems`, not raised."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportRejectedError(
                path,
                [
                    Problem(
                        1, f"the file is {size // 2**20} MB; Hearth imports files of up to 200 MB"
                    )
                ],
            )
        data = path.read_bytes()
    except IsADirectoryError:
        raise HearthError(f"{path} is a folder, not a CSV file.") from None
    except FileNotFoundError:
        raise HearthError(f"There is no file {path}.") from None
    except PermissionError:
        raise HearthError(f"You may not read {path}.") from None
    if b"\x00" in data[:4096]:
        raise ImportRejectedError(
            path, [Problem(1, "this is not a text file (it has NUL bytes); save it as CSV first")]
        )
    text, encoding = decode(data, path)
    first_line = text.split("\n", 1)[0]
    chosen = delimiter or guess_delimiter(first_line)
    if chosen not in DELIMITERS:
        raise HearthError(f"The delimiter must be a comma, a semicolon or a tab, not {chosen!r}.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=chosen)
    result = CsvFile(path=path, encoding=encoding, delimiter=chosen, columns=[])
    try:
        header = next(reader, None)
    except csv.Error as exc:
        result.problems.append(Problem(1, f"the header line cannot be read: {exc}"))
        return result
    if not header or not any(h.strip() for h in header):
        result.problems.append(
            Problem(1, "the file is empty; the first line must name the columns")
        )
        return result
    columns = [h.strip().lower() for h in header]
    result.columns = columns
    seen: set[str] = set()
    for name in columns:
        if name and name in seen:
            result.problems.append(Problem(1, f"the column {name!r} appears twice"))
        seen.add(name)
    unknown = [c for c in columns if c and c not in known]
    if unknown:
        result.warnings.append(
            f"{path}:1: ignored unknown column"
            f"{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}"
        )
    for name in required:
        if name not in seen:
            result.problems.append(
                Problem(
                    1,
                    f"there is no {name!r} column (the columns are: "
                    f"{', '.join(c for c in columns if c)})",
                )
            )
    if result.problems:
        return result
    wanted = [(i, c) for i, c in enumerate(columns) if c in known]
    line = reader.line_num
    while True:
        start = line + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.problems.append(Problem(start, f"this line cannot be read: {exc}"))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(columns) and any(c.strip() for c in record[len(columns) :]):
            result.problems.append(
                Problem(start, f"{len(record)} fields, but the header names {len(columns)} columns")
            )
            continue
        width = len(record)
        values = {c: unguard(record[i]) for i, c in wanted if i < width}
        result.rows.append(CsvRow(start, values))
    return result


T = TypeVar("T")


class Cells:
    """Reads a row's cells and collects every problem, so one report names each wrong cell
    instead of stopping at the first. `done()` raises them together as a ValueError."""

    def __init__(self, row: CsvRow) -> None:
        self.row = row
        self.wrong: list[str] = []

    def get(self, column: str, parse: Callable[[str], T], default: T, *, missing: str = "") -> T:
        """The parsed cell; `default` when empty (a problem too, when `missing` says why)."""
        text = self.row.get(column)
        if not text:
            if missing:
                self.wrong.append(missing)
            return default
        try:
            return parse(text)
        except ValueError as exc:
            self.wrong.append(str(exc))
            return default

    def problem(self, message: str) -> None:
        self.wrong.append(message)

    def done(self) -> None:
        if self.wrong:
            raise ValueError("; ".join(self.wrong))
