"""Is a database file sound? SQLite's own checks, read-only, with a report a person can read.

`check_file` runs `PRAGMA integrity_check` (every page and index; seconds on a large file) or,
with `quick=True`, `PRAGMA quick_check` (the start-up check), then `PRAGMA foreign_key_check`,
and reads which Hearth schema the file is at. It reads the file with the plain sqlite3 module
(`query_only`: it writes nothing), so it is safe on a damaged file or someone else's, and it
reads a file in a folder the user may not write to.

A file the check could not read at all — another program holds it, the disk is full or
reports errors — is `blocked`, never `damaged`: only damage the check finds is damage (a
restore renames such a file aside; a blocked one it leaves alone).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from app.model.safety import reading, storage_errors
from app.model.store.revisions import HEAD, REVISIONS

MAX_LISTED = 20
# How long the check waits for another program to let go of the file before saying so.
WAIT_SECONDS = reading.WAIT_SECONDS


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    revision: str | None = None
    tables: dict[str, int] = field(default_factory=dict)
    # The file itself is broken (as opposed to sound but not Hearth's, or from a newer Hearth).
    damaged: bool = False
    # Why it could not be checked at all, though it may well be sound: "locked" (another
    # program holds it), "full", "io", "read_only" or "unopened"; None if it was read.
    blocked: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def is_hearth(self) -> bool:
        return self.revision is not None

    def lines(self) -> list[str]:
        if self.ok:
            rows = sum(self.tables.values())
            return [
                f"{self.path}: no problems found.",
                f"Hearth schema {self.revision}"
                + (" (current)" if self.revision == HEAD else f" (this Hearth uses {HEAD})")
                + f"; {len(self.tables)} tables, {rows:,} rows.",
            ]
        shown = self.problems[:MAX_LISTED]
        more = len(self.problems) - len(shown)
        return [
            f"{self.path}: {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}.",
            *(f"  - {problem}" for problem in shown),
            *([f"  … and {more} more."] if more else []),
        ]


def check_file(path: Path, *, quick: bool = False) -> CheckReport:
    report = CheckReport(path)
    if not path.is_file():
        report.problems.append("there is no such file")
        return report
    try:
        conn = reading.reader(path, timeout=WAIT_SECONDS)
        try:
            _run_checks(conn, report, quick)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        _not_read(report, exc)
    return report


def _not_read(report: CheckReport, exc: sqlite3.Error) -> None:
    """What stopped the check, in the report: damage, or something in the way of reading."""
    kind = storage_errors.kind_of(exc)
    if kind is None and reading.cannot_write_beside(exc):
        kind = "unopened"
    if kind is None:
        report.problems.append(_plain(exc))
        report.damaged = True
        return
    report.blocked = kind
    report.problems.append(
        {
            "locked": "another program is using it (it is locked); close that program, or "
            "let it finish, and check again",
            "full": "the disk is full, so SQLite cannot read it; free some space and check again",
            "io": f"the disk reported an error while reading it ({exc})",
        }.get(kind, f"it cannot be read here ({exc})")
    )


def _run_checks(conn: sqlite3.Connection, report: CheckReport, quick: bool) -> None:
    pragma = "quick_check" if quick else "integrity_check"
    results = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    if results != ["ok"]:
        report.problems += [f"damaged: {result}" for result in results]
        report.damaged = True
        return
    for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
        report.problems.append(f"{table} row {rowid} points to a missing {parent} row")
    names = [str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    if "alembic_version" not in names:
        report.problems.append("it is not a Hearth database (no Hearth version table)")
        return
    versions = [str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")]
    if len(versions) != 1:
        report.problems.append("its version table is damaged")
        return
    report.revision = versions[0]
    if report.revision not in REVISIONS:
        report.problems.append(f"it was made by a newer Hearth (schema {report.revision})")
    for name in names:
        if name != "alembic_version" and not name.startswith("sqlite_"):
            report.tables[name] = int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])


def _plain(exc: sqlite3.Error) -> str:
    message = str(exc)
    if "file is not a database" in message:
        return "it is not a database, or its first page is damaged"
    if "malformed" in message:
        return "damaged: the database disk image is malformed"
    return message
