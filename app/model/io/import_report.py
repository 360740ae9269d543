"""What every import shares: reading the file with its report, reading its rows in batches,
undoing everything when it fails, and ending the transaction (rolled back for a dry run,
committed otherwise)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.model.io.csv_reader import CsvFile, ImportRejectedError, Problem, read_csv

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    path: Path
    encoding: str = ""
    delimiter: str = ""  # comma, semicolon or tab; or what the file is when not CSV ("vCard")
    decimal: str = ""  # "decimal comma" or "decimal point", when the file had numbers to read
    created: int = 0
    updated: int = 0
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    new_campaigns: list[str] = field(default_factory=list)
    new_people: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self, noun: str = "lead") -> str:
        verb = "would import" if self.dry_run else "imported"
        nouns = noun if self.created == 1 else {"time entry": "time entries"}.get(noun, noun + "s")
        parts = [f"{self.path}: {verb} {self.created} new {nouns}"]
        if self.updated:
            parts.append(f"{'would update' if self.dry_run else 'updated'} {self.updated}")
        if self.skipped:
            skipped = len(self.skipped)
            verb = "would skip" if self.dry_run else "skipped"
            parts.append(f"{verb} {skipped} invalid row{'s' * (skipped != 1)}")
        return ", ".join(parts) + f" ({self.how_read})."

    @property
    def how_read(self) -> str:
        """ "read as UTF-8, semicolon-separated, decimal comma", "a vCard file read as UTF-8"."""
        if self.delimiter not in ("comma", "semicolon", "tab"):
            return f"a {self.delimiter} file read as {self.encoding}"
        decimal = f", {self.decimal}" if self.decimal else ""
        return f"read as {self.encoding}, {self.delimiter}-separated{decimal}"


def start_import(
    path: Path,
    *,
    known: tuple[str, ...],
    required: tuple[str, ...],
    delimiter: str | None,
    dry_run: bool,
    numbers: tuple[str, ...] = (),
    decimal: str | None = None,
) -> tuple[CsvFile, ImportReport]:
    """Read the file's header; a file whose shape is wrong (no such column, …) is refused
    whole. `numbers` are the columns read with the file's one decimal mark."""
    csv_file = read_csv(
        path, known=known, required=required, delimiter=delimiter, numbers=numbers, decimal=decimal
    )
    if csv_file.problems:
        raise ImportRejectedError(path, csv_file.problems)
    report = ImportReport(
        path,
        csv_file.encoding,
        csv_file.delimiter_name,
        csv_file.decimal.words if any(c in numbers for c in csv_file.columns) else "",
        warnings=list(csv_file.warnings),
        dry_run=dry_run,
    )
    return csv_file, report


def settle(
    report: ImportReport,
    problems: list[Problem],
    *,
    skip_invalid: bool,
    bad_lines: list[Problem] | None = None,
) -> None:
    """After every row was read: refuse the import (ImportRejectedError, every problem by
    line) when a line could not be read as a row at all, or when any row is wrong and the
    user did not ask to skip the wrong ones; else note the skipped rows in the report."""
    if bad_lines or (problems and not skip_invalid):
        raise ImportRejectedError(
            report.path, sorted([*(bad_lines or []), *problems], key=lambda p: p.line)
        )
    report.skipped = sorted(problems, key=lambda p: p.line)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter), read as they are needed."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def all_or_nothing(session: Session) -> Iterator[None]:
    """The import's writes: whatever stops them — a refused file, a database error, a full
    disk, Ctrl+C — rolls the session back before it goes on, so nothing of a failed import
    is ever left behind."""
    try:
        yield
    except BaseException:
        session.rollback()
        raise


def finish_import(session: Session, report: ImportReport) -> ImportReport:
    """A dry run leaves nothing behind; a real one commits, and the session forgets caches."""
    if report.dry_run:
        session.rollback()
    else:
        session.commit()
    session.info.clear()
    return report
