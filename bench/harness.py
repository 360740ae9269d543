"""The bench harness: demo databases of given sizes, cached, and median timings."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
# A fixed "now" keeps a cached database valid: the same seed and size give the same file.
DEMO_NOW = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)
DEMO_VERSION = 5  # raise when app/model/demo*.py makes different data, so caches are rebuilt


@dataclass(frozen=True)
class Size:
    leads: int
    weeks: int
    time_entries: int

    @property
    def label(self) -> str:
        return f"{self.leads:,} leads / {self.time_entries:,} time entries"


@dataclass
class Row:
    name: str
    seconds: list[float]
    target: str = ""
    note: str = ""
    unit: str = "ms"  # or "MB": then `seconds` holds megabytes (a peak of memory)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def median_text(self) -> str:
        if self.unit == "MB":
            return f"{statistics.median(self.seconds):,.0f} MB"
        return f"{self.median_ms:,.0f} ms"


def compile_bytecode() -> None:
    """Hearth's modules compiled to bytecode before anything is timed, as they are on every
    start after an owner's first (Python writes them then) and in the bundle: without it, a
    shell with PYTHONDONTWRITEBYTECODE set times the compiling of a hundred modules at each
    start of the window and of hearth-cli."""
    import compileall

    compileall.compile_dir(ROOT / "app", quiet=1)


def demo_database(size: Size) -> Path:
    """A demo database of that size, built once and kept in bench/.cache."""
    from app.model.demo import business as demo
    from app.model.store import db, schema

    CACHE.mkdir(parents=True, exist_ok=True)
    name = f"demo-{size.leads}-{size.weeks}-{size.time_entries}-{schema.HEAD}-v{DEMO_VERSION}"
    path = CACHE / f"{name}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    print(f"building {size.label} demo database (once)…", file=sys.stderr, flush=True)
    store = db.open_store(db.sqlite_location(partial))
    with store.writer() as session:
        demo.fill(
            session,
            seed=1,
            leads=size.leads,
            weeks=size.weeks,
            time_entries=size.time_entries,
            now=DEMO_NOW,
        )
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    partial.rename(path)
    return path


def for_pages(size: Size) -> tuple[Any, Any, Any]:
    """What a page needs to be timed on a demo database: the QApplication, the open store
    and its settings."""
    from PySide6.QtWidgets import QApplication

    from app.model.store import db
    from app.model.store import settings as settings_service

    app = QApplication.instance() or QApplication([])
    store = db.open_store(db.sqlite_location(demo_database(size)))
    with store.session() as session:
        settings = settings_service.load(session)
    return app, store, settings


def csv_sample(source: Path, rows: int) -> tuple[Path, int]:
    """The header and first `rows` rows of a CSV file (fewer when it has fewer, as with
    --quick's small databases), in a file beside it; and how many rows that is."""
    import csv

    with source.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    count = min(rows, len(lines) - 1)
    sample = source.with_name(f"{count}.csv")
    with sample.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(lines[: count + 1])
    return sample, count


def time_in_process(action: Callable[[], object], runs: int) -> list[float]:
    action()  # warm-up: imports and caches, as a running app would have them
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return timings


def time_process(
    argv: list[str], marker: str, runs: int, env: dict[str, str] | None = None
) -> list[float]:
    """Whole-process time from spawn until the child prints `marker` (or exits)."""
    timings = []
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    for _ in range(runs):
        started = time.perf_counter()
        child = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env, cwd=ROOT
        )
        assert child.stdout is not None
        for line in child.stdout:
            if not marker or line.startswith(marker):
                break
        elapsed = time.perf_counter() - started
        _out, err = child.communicate(timeout=120)
        if child.returncode not in (0, None):
            raise RuntimeError(f"{argv} failed ({child.returncode}): {err.strip()}")
        timings.append(elapsed)
    return timings


def machine() -> str:
    from PySide6 import __version__ as pyside

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores; "
        f"Python {platform.python_version()}, PySide6 {pyside}"
    )


def table(rows: list[Row]) -> str:
    lines = ["| operation | median | runs | target | note |", "|---|---:|---:|---|---|"]
    for row in rows:
        lines.append(
            f"| {row.name} | {row.median_text} | {len(row.seconds)} | {row.target} | {row.note} |"
        )
    return "\n".join(lines)


NOTES = """\
## How these are measured

- *Start-up to a shown window*: from spawning `python -m app --db FILE` until the process
  prints that its window is shown (the first turn of the event loop after `show()`), against
  the same measure for a script that opens a bare PySide6 `QMainWindow` (the floor). The two
  alternate run by run so a busy moment of the machine hits both alike. Both run in the
  project's venv, with its editable install. `python -X importtime -m app` shows what is
  imported before the window: Qt, and a few small modules of ours; SQLAlchemy, Alembic,
  reportlab and the package metadata come after the first paint.
- *Until the database is open*: the window is already on screen; this adds importing
  SQLAlchemy, opening the file (one read of the schema version when it is current), reading
  the settings and filling the pages. The status bar says "Opening your data…" meanwhile.
- *Open the database*: in-process, after a warm-up, so it shows the database work alone.
- Whole-process timings on this 2-core machine vary by ±30 % from run to run; the ratio to the
  floor, measured in the same run, is the steadier figure.
- *Peak memory of an import*: `hearth-cli import leads` (and `import time`) of a made-up file
  of 1,000,000 rows into an empty database, as its own process; the row is that process's
  peak resident memory (`ru_maxrss` from `os.wait4`), its time in the note. The leads file is
  like a CRM export (126 MB), the time entries are back to back for two people
  (bench/import_memory.py).
- *Watson / Timewarrior*: the demo's finished entries written as Watson frames (project =
  side, tag = category) and as Timewarrior intervals (one data file per month, as it keeps
  them); all three report the same totals for the week. The tools are installed for the
  benchmark only (see bench/time_compare.py). `hearth-cli status` reads a current SQLite
  file with Python's sqlite3 alone (no SQLAlchemy); Python's own start with `import sqlite3`
  is measured next to it as the floor of any Python command line.
- *Weekly review*: the demo's last week reviewed on its Friday afternoon. The object is
  everything the review shows; the PDF row adds rendering it (64 pages, because the demo
  keeps ~1,300 hot and ~1,250 stale leads open to list) and the atomic write; the Review page
  row is a new page computing both and QtPdf loading the result.
"""


def record_section(title: str, text: str) -> None:
    """Put `text` under `## title` in bench/RESULTS.md, in place of what was there (before
    "## How these are measured" the first time)."""
    results = ROOT / "bench" / "RESULTS.md"
    old = results.read_text(encoding="utf-8")
    heading = f"## {title}\n"
    section = f"{heading}\n{text.strip()}\n\n"
    if heading in old:
        before, _, rest = old.partition(heading)
        after = rest[rest.find("\n## ") + 1 :] if "\n## " in rest else ""
        new = before + section + after
    else:
        before, marker, after = old.partition("## How these are measured")
        new = before + section + marker + after
    results.write_text(new, encoding="utf-8")
    print(f"wrote {results} ({title})", file=sys.stderr)


def record(text: str, sizes: list[Size]) -> None:
    from app.version import version

    results = ROOT / "bench" / "RESULTS.md"
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    results.write_text(
        "# Bench results\n\n"
        "Made by `make bench BENCH_ARGS=--record` (medians; `python -m bench --help`). Timings "
        "are not tests: they are measured and reported here, against the targets the issues "
        "set.\n\n"
        f"- Hearth {version()}, {when}\n- Machine: {machine()}\n"
        + "".join(f"- Demo database: {s.label}, {s.weeks} weeks (seed 1)\n" for s in sizes)
        + "\n"
        f"{text}\n\n{NOTES}",
        encoding="utf-8",
    )
    print(f"wrote {results}", file=sys.stderr)
