"""Is a database file sound? SQLite's own checks, read-only, with a report a person can read.

`check_file` runs `PRAGMA integrity_check` (every page and index; seconds on a large file) or,
with `quick=True`, `PRAGMA quick_check` (the start-up check), then `PRAGMA foreign_key_check`,
and reads which Hearth schema the file is at. It reads the file with the plain sqlite3 module
(`query_only`: it writes nothing), so it is safe on a damaged file or someone else's, and it
reads a file in a folder the user may not write to.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from app.model.safety import storage_errors
from app.model.store.revisions import HEAD, REVISIONS
from app.model.store.sqlite_uri import file_uri

MAX_LISTED = 20


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    revision: str | None = None
    tables: dict[str, int] = field(default_factory=dict)
    # The file itself is broken (as opposed to sound but not Hearth's, or from a newer Hearth).
    damaged: bool = False

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
        conn = _reader(path)
    except sqlite3.Error as exc:
        report.problems.append(
            _plain(exc) if "not a database" in str(exc) else f"it cannot be opened ({exc})"
        )
        report.damaged = "not a database" in str(exc)
        return report
    try:
        try:
            _run_checks(conn, report, quick)
        except sqlite3.OperationalError as exc:
            if not _folder_read_only(exc):
                raise
            conn.close()
            conn = _reader(path, folder_read_only=True)
            _run_checks(conn, report, quick)
    except sqlite3.DatabaseError as exc:
        if storage_errors.kind_of(exc) == "full":  # the file is sound; there is no room
            report.problems.append(
                "the disk is full, so SQLite cannot read it; free some space and check again"
            )
        elif _folder_read_only(exc):
            report.problems.append(f"it cannot be read here ({exc})")
        else:
            report.problems.append(_plain(exc))
            report.damaged = True
    finally:
        conn.close()
    return report


def _reader(path: Path, *, folder_read_only: bool = False) -> sqlite3.Connection:
    """A connection that only reads. Not mode=ro where it can be helped: a read-only
    connection to a write-ahead-log database leaves empty -wal and -shm files behind;
    query_only keeps a read-write one from writing anything. In a folder nobody may write to,
    SQLite cannot make those files, and needs none: without a -wal there, no program can
    be changing the file, so it is read as it is (immutable)."""
    if folder_read_only:
        immutable = not Path(f"{path}-wal").exists()
        conn = sqlite3.connect(file_uri(path, "ro", immutable=immutable), uri=True)
    else:
        conn = sqlite3.connect(file_uri(path, "rw"), uri=True)
    conn.execute("PRAGMA query_only=ON")
    return conn


def _folder_read_only(exc: sqlite3.Error) -> bool:
    """Did SQLite fail to make the -wal or -shm beside the file (a folder the user may not
    write to, or a read-only disk)?"""
    name = str(getattr(exc, "sqlite_errorname", ""))
    return name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN"))


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
