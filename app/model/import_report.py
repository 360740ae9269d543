"""What every import shares: reading the file with its report, and ending the transaction
(rolled back for a dry run, committed otherwise)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.model.csv_reader import CsvFile, ImportRejectedError, Problem, read_csv

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    path: Path
    encoding: str = ""
    delimiter: str = ""
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
            parts.append(f"updated {self.updated}")
        if self.skipped:
            parts.append(f"skipped {len(self.skipped)} invalid row{'s' * (len(self.skipped) != 1)}")
        return ", ".join(parts) + f" (read as {self.encoding}, {self.delimiter}-separated)."


def start_import(
    path: Path,
    *,
    known: tuple[str, ...],
    required: tuple[str, ...],
    delimiter: str | None,
    dry_run: bool,
) -> tuple[CsvFile, ImportReport]:
    """Read the file; a file whose shape is wrong (no such column, …) is refused whole."""
    csv_file = read_csv(path, known=known, required=required, delimiter=delimiter)
    if csv_file.problems:
        raise ImportRejectedError(path, csv_file.problems)
    report = ImportReport(
        path,
        csv_file.encoding,
        csv_file.delimiter_name,
        warnings=list(csv_file.warnings),
        dry_run=dry_run,
    )
    return csv_file, report


def finish_import(session: Session, report: ImportReport) -> ImportReport:
    """A dry run leaves nothing behind; a real one commits, and the session forgets caches."""
    if report.dry_run:
        session.rollback()
    else:
        session.commit()
    session.info.clear()
    return report
