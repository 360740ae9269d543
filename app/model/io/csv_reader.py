"""The one CSV reader every importer uses: real files from real tools, read as a stream.

- Text: one encoding for the whole file, decided before any row is read
  (`app.model.io.text_encoding`): a byte-order mark tells (UTF-8, UTF-16, UTF-32); else UTF-8
  when every line is, Windows-1252 when no line is; lines that are not UTF-8 in a file whose
  other lines are make the file refused, each such line named. The report says which.
- Delimiter: comma, semicolon or tab, decided from the header line (counted outside quotes;
  `csv.Sniffer` guesses wrong on short files), or given by the caller.
- Decimal mark: one per file, for its number columns (`numbers`): given by the caller, else
  the first value that can only be read one way (`1.234,56`, `1,5`), else the locale's; when
  none tells, a value that reads differently under the two marks (`1.500`) is its line's
  problem.
- Columns are matched by header name, case-insensitively, in any order; unknown columns are
  ignored with a warning.
- Quotes: a quoted field may hold line breaks in the columns that are free text (`notes`,
  `note`, `description`). A quote never closed — its field runs to the end of the file, or
  carries line breaks and delimiters into a column that holds one line, such as an email —
  is its line's problem, so the rows it swallowed are never imported as one.
- Line numbers are the file's physical lines, so a quoted field with newlines does not shift
  the numbers of the rows after it: a problem is reported as `FILE:LINE: what is wrong`.
- Rows are read one at a time (`CsvFile.rows`), never the whole file at once: an import of a
  million rows holds one batch in memory, not the file.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TypeVar

from app.model.errors import HearthError
from app.model.io import csv_values, text_encoding
from app.model.io.csv_values import DecimalMark
from app.model.io.text_encoding import control_problem

DELIMITERS = (",", ";", "\t")
MAX_FILE_BYTES = 200 * 1024 * 1024
# What a file read whole (a vCard, Watson's frames) may hold: its text is parsed in memory.
MAX_WHOLE_FILE_BYTES = 50 * 1024 * 1024
MAX_LINE = 1_000_000  # characters in one line: no real row is longer
MAX_COLUMNS = 1_000
MULTILINE = ("notes", "note", "description")  # free text: a quoted line break is theirs


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
    """A CSV file's header and how it is read; `rows()` reads its rows from disk."""

    path: Path
    encoding: str
    delimiter: str
    columns: list[str]
    codec: str = text_encoding.UTF8.codec
    known: tuple[str, ...] = ()
    decimal: DecimalMark = field(default_factory=DecimalMark)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Lines `rows()` could make no row of (their shape is wrong), found while reading.
    bad_lines: list[Problem] = field(default_factory=list)

    @property
    def delimiter_name(self) -> str:
        return {",": "comma", ";": "semicolon", "\t": "tab"}[self.delimiter]

    def rows(self) -> Iterator[CsvRow]:
        """The data rows, one at a time. A line whose shape is wrong — more fields than
        columns, a quote never closed or closed before other text, a line break in a
        one-line column, a control character — goes to `bad_lines` instead; reading stops
        at a line that cannot be read at all."""
        self.bad_lines.clear()
        width = len(self.columns)
        wanted = [(i, c) for i, c in enumerate(self.columns) if c in self.known]
        one_line = [c for _i, c in wanted if c not in MULTILINE]
        with _open_text(self.path, self.codec) as handle:
            lines = _Lines(handle)
            reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
            line = 0
            while True:
                start = line + 1
                lines.record.clear()
                try:
                    record = next(reader)
                except StopIteration:
                    break
                except LineTooLongError as exc:
                    self.bad_lines.append(Problem(exc.line, str(exc)))
                    break
                except csv.Error as exc:
                    if lines.ended:  # strict: "unexpected end of data" inside a quote
                        self.bad_lines.append(Problem(start, _never_closed(start, lines.count)))
                        break
                    self.bad_lines.append(Problem(start, _unreadable(exc, start, lines.count)))
                    if not _misplaced_quote(exc):
                        break
                    line = lines.count  # the rest of that line is lost; go on after it
                    continue
                except UnicodeDecodeError:
                    self.bad_lines.append(
                        Problem(lines.count + 1, f"this line is not {self.encoding} text")
                    )
                    break
                line = reader.line_num
                if start == 1:
                    continue  # the header, read by read_csv
                if lines.ended:
                    self.bad_lines.append(Problem(start, _never_closed(start, line)))
                    break
                wrong = self._wrong_shape(record, start, line, lines.record, width, one_line)
                if wrong:
                    self.bad_lines.append(Problem(start, wrong))
                    continue
                if not any(unguard(cell).strip() for cell in record):
                    continue
                yield CsvRow(start, {c: unguard(record[i]) for i, c in wanted if i < len(record)})

    def _wrong_shape(
        self,
        record: list[str],
        start: int,
        end: int,
        physical: list[str],
        width: int,
        one_line: list[str],
    ) -> str:
        """Why a record read from lines start–end cannot be a row, or ""."""
        for index, cell in enumerate(record):
            # A cell may hold what the window may: any character but NUL (PostgreSQL has no
            # room for it), so what Hearth exports reads back (tests/test_hostile_text.py).
            if "\x00" in cell:
                column = self.columns[index] if index < width else f"field {index + 1}"
                return control_problem(cell, f"the {column or f'field {index + 1}'}")
        if len(record) > width and any(c.strip() for c in record[width:]):
            return f"{len(record)} fields, but the header names {width} columns"
        if end == start:  # only a row over several lines can hold a line break
            return ""
        # as the row will be read: a guarded cell ("'" before a tab, CR, =, +, - or @) without
        # its guard, so "'\r0" is the email "0", not a line break inside one
        values = dict(zip(self.columns, (unguard(cell) for cell in record), strict=False))
        broken = next((c for c in one_line if _has_break(values.get(c, ""))), "")
        if broken:
            return (
                f"the {broken} runs over lines {start}–{end}, but it holds one line: a quote "
                '(") on this line is probably not closed'
            )
        return _swallowed_row(record, physical, self.columns, self.delimiter, start)


class LineTooLongError(csv.Error):
    """A physical line longer than MAX_LINE characters (not a CSV file, or a broken one)."""

    def __init__(self, line: int) -> None:
        self.line = line
        super().__init__(
            f"this line is longer than {MAX_LINE:,} characters; Hearth reads lines of up to "
            "that (is this a CSV file?)"
        )


class _Lines:
    """A text file's lines for csv.reader, counted, each at most MAX_LINE characters (a file
    of one endless line is refused, not read into memory); noting when the file ran out —
    which, when the reader then still hands back a row, means a quoted field never closed —
    and the lines of the record being read (`record`)."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.count = 0
        self.ended = False
        self.record: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        text = self.handle.readline(MAX_LINE + 1)
        if not text:
            self.ended = True
            raise StopIteration
        self.count += 1
        if len(text) > MAX_LINE:
            raise LineTooLongError(self.count)
        self.record.append(text)
        return text


def _misplaced_quote(exc: csv.Error) -> bool:
    """csv's strict refusal of a closing quote followed by other text ("x"y)."""
    return "expected after" in str(exc)


_SHAPE_DIGITS = re.compile(r"\d+")
_SHAPE_LETTERS = re.compile(r"[^\W\d_]+")


def _shape(cell: str) -> str:
    """A value's shape: digits 9, letters a ("anna@x.com" and "bob@y.org" are both a@a.a)."""
    return _SHAPE_LETTERS.sub("a", _SHAPE_DIGITS.sub("9", cell.strip()))


def _structured(cell: str) -> bool:
    """An email, a date or a number: a value whose shape says which column it is in."""
    return any(ch.isdigit() or ch == "@" for ch in cell)


def _swallowed_row(
    record: list[str], physical: list[str], columns: list[str], delimiter: str, start: int
) -> str:
    """Why a quoted field over several lines is probably a quote never closed: one of its
    lines, read on its own, is a row like the one the quote began on — the header's number
    of fields, and the same emails, dates and numbers (by shape) before the quoted field."""
    opened = next((i for i, cell in enumerate(record) if _has_break(cell)), len(record))
    before = record[:opened]
    if opened >= len(columns) or not any(_structured(c) for c in before):
        return ""
    for offset, text in enumerate(physical[1:], start=1):
        try:
            alone = next(csv.reader([text], delimiter=delimiter), [])
        except csv.Error:
            continue
        if len(alone) != len(columns):
            continue
        if all(
            _shape(mine) == _shape(theirs) if _structured(mine) else bool(mine) == bool(theirs)
            for mine, theirs in zip(before, alone, strict=False)
        ):
            column = columns[opened]
            separators = {",": "commas", ";": "semicolons", "\t": "tabs"}[delimiter]
            return (
                f'a quote (") on this line is probably not closed: line {start + offset}, '
                f"inside the {column} it opens, reads like a row of its own (the same number "
                "of fields, an email, date or number where this row has one); close the quote "
                f"on this line, or if the {column} really hold that line, write it with fewer "
                f"{separators}"
            )
    return ""


def _has_break(cell: str) -> bool:
    stripped = cell.strip()
    return "\n" in stripped or "\r" in stripped


def _never_closed(start: int, end: int) -> str:
    lines = f"lines {start}–{end}" if end > start else f"line {start}"
    return (
        f'a quote (") opens a field on this line and is never closed: {lines}, to the end of '
        "the file, were read as one field"
    )


def _unreadable(exc: csv.Error, start: int, end: int) -> str:
    text = str(exc)
    if text.startswith("field larger than field limit"):
        return (
            f"a field that begins on this line is longer than {csv.field_size_limit():,} "
            'characters: a quote (") on this line is probably not closed'
        )
    if _misplaced_quote(exc) and end > start:
        return (
            f'a quote (") on this line is not closed where it should be: the field it opens '
            f"runs to line {end}, where a quote is followed by other text; a quote inside a "
            'quoted field is written twice ("")'
        )
    if _misplaced_quote(exc):
        return (
            'a quote (") on this line is followed by other text; a quote inside a quoted '
            'field is written twice (""), and a field with a quote in it is quoted whole'
        )
    return f"this line cannot be read: {text}"


def _open_text(path: Path, codec: str) -> IO[str]:
    """The file opened as text in `codec`, lines ending at CR, LF or CRLF (as csv wants);
    a file that cannot be opened is one sentence."""
    with _said_if_unreadable(path, "CSV"):
        return path.open(encoding=codec, newline="")


@contextlib.contextmanager
def _said_if_unreadable(path: Path, kind: str) -> Iterator[None]:
    """Opening or reading `path` (a `kind` file) failing is one sentence."""
    try:
        yield
    except IsADirectoryError:
        raise HearthError(f"{path} is a folder, not a {kind} file.") from None
    except FileNotFoundError:
        raise HearthError(f"There is no file {path}.") from None
    except PermissionError:
        raise HearthError(f"You may not read {path}.") from None
    except OSError as exc:
        raise HearthError(f"Hearth cannot read {path}: {exc.strerror or exc}.") from None


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


def read_whole(path: Path, kind: str) -> bytes:
    """A file read whole (`kind`: "vCard", "Watson frames"), refused past
    MAX_WHOLE_FILE_BYTES without reading further (`/dev/zero` never ends)."""
    with _said_if_unreadable(path, kind), path.open("rb") as handle:
        data = handle.read(MAX_WHOLE_FILE_BYTES + 1)
    if len(data) > MAX_WHOLE_FILE_BYTES:
        most = f"{MAX_WHOLE_FILE_BYTES // 2**20} MB"
        raise ImportRejectedError(
            path,
            [Problem(1, f"the file is larger than {most}; Hearth reads {kind} files up to {most}")],
        )
    return data


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """A whole file's text and the name of its encoding, by the rules of `text_encoding`; a
    file that is not one encoding is refused, naming its lines."""
    encoding = text_encoding.of_bytes(data)
    if encoding.wrong:
        raise ImportRejectedError(path, [Problem(line, why) for line, why in encoding.wrong])
    try:
        return data.decode(encoding.codec), encoding.name
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1 if encoding.codec == "cp1252" else 1
        raise ImportRejectedError(
            path, [Problem(line, f"the file is not {encoding.name} text (byte {exc.start})")]
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
    numbers: tuple[str, ...] = (),
    decimal: str | None = None,
) -> CsvFile:
    """The file's encoding, delimiter, header and decimal mark; problems with its header are
    in `.problems`, not raised. Its rows are read by `CsvFile.rows()`."""
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
        if path.is_dir():
            raise IsADirectoryError(path)
        encoding = text_encoding.of_file(path)
    except IsADirectoryError:
        raise HearthError(f"{path} is a folder, not a CSV file.") from None
    except FileNotFoundError:
        raise HearthError(f"There is no file {path}.") from None
    except PermissionError:
        raise HearthError(f"You may not read {path}.") from None
    if encoding.wrong:
        raise ImportRejectedError(path, [Problem(line, why) for line, why in encoding.wrong])
    if delimiter is not None and delimiter not in DELIMITERS:
        raise HearthError(
            f"The delimiter must be a comma, a semicolon or a tab, not {delimiter!r}."
        )
    result = CsvFile(path, encoding.name, delimiter or ",", [], encoding.codec, known)
    with _open_text(path, encoding.codec) as handle:
        try:
            first_line = handle.readline(MAX_LINE + 1)
        except UnicodeDecodeError:
            result.problems.append(Problem(1, f"this line is not {encoding.name} text"))
            return result
        if len(first_line) > MAX_LINE:
            result.problems.append(Problem(1, str(LineTooLongError(1))))
            return result
        result.delimiter = delimiter or guess_delimiter(first_line)
        handle.seek(0)
        lines = _Lines(handle)
        reader = csv.reader(lines, delimiter=result.delimiter, strict=True)
        try:
            header = next(reader, None)
        except LineTooLongError as exc:
            result.problems.append(Problem(exc.line, str(exc)))
            return result
        except (csv.Error, UnicodeDecodeError) as exc:
            why = (
                _never_closed(1, lines.count)
                if lines.ended
                else f"the header line cannot be read: {exc}"
            )
            result.problems.append(Problem(1, why))
            return result
    if not header or not any(h.strip() for h in header):
        result.problems.append(
            Problem(1, "the file is empty; the first line must name the columns")
        )
        return result
    if lines.ended:
        result.problems.append(Problem(1, _never_closed(1, lines.count)))
        return result
    if len(header) > MAX_COLUMNS:
        result.problems.append(
            Problem(
                1,
                f"the header names {len(header):,} columns; Hearth reads files of up to "
                f"{MAX_COLUMNS:,} columns",
            )
        )
        return result
    wrong = next((w for h in header if (w := control_problem(h, "the header"))), "")
    if wrong:
        result.problems.append(Problem(1, wrong))
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
    if not result.problems:
        result.decimal = _decimal_mark(result, numbers, decimal)
    return result


def _decimal_mark(csv_file: CsvFile, numbers: tuple[str, ...], given: str | None) -> DecimalMark:
    """The file's one decimal mark: as given, else the first value in a number column that
    can only be read one way, else the locale's, else none (ambiguous values are refused)."""
    if given is not None:
        if given not in csv_values.MARK_WORDS:
            raise HearthError(f"The decimal mark must be ',' or '.', not {given!r}.")
        return DecimalMark(given, "as chosen for this import")
    indexes = [i for i, c in enumerate(csv_file.columns) if c in numbers]
    if indexes:
        with _open_text(csv_file.path, csv_file.codec) as handle:
            reader = csv.reader(_Lines(handle), delimiter=csv_file.delimiter)
            start = 1
            try:
                for record in reader:
                    for i in indexes:
                        cell = unguard(record[i]) if i < len(record) else ""
                        mark = csv_values.decimal_evidence(cell)
                        if mark is not None and start > 1:
                            return DecimalMark(mark, f"as line {start} shows")
                    start = reader.line_num + 1
            except (csv.Error, UnicodeDecodeError):
                pass  # rows() reports the line
    mark = csv_values.locale_decimal_mark()
    return DecimalMark(mark, "your locale's") if mark else DecimalMark()


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
