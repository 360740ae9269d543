"""Killed without warning (SIGKILL: no clean-up runs), Hearth loses nothing it committed and
keeps nothing half-done: `hearth-cli check` is clean afterwards, an import is wholly there or
wholly absent, a running timer is still running."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests import ROOT

ROWS = 15_000
NOTE = "x" * 3_000  # each lead's notes: the rows outgrow the page cache before the commit

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli.main", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def wait_for(condition, what: str, process: subprocess.Popen[str], limit: float = 120) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit
    while not condition():
        assert process.poll() is None, f"{what}: the process ended first: {process.communicate()}"
        assert time.monotonic() < deadline, f"{what}: not within {limit} s"
        time.sleep(0.02)


def lead_count(database: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(database)
    try:
        return int(conn.execute("SELECT count(*) FROM lead").fetchone()[0])
    finally:
        conn.close()


def test_an_import_killed_mid_write_leaves_no_half_and_a_clean_database(tmp_path: Path) -> None:
    database = tmp_path / "shop.db"
    cli("--db", str(database), "people", "add", "Ann")
    big = tmp_path / "big.csv"
    with big.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["name", "company", "email", "temperature", "notes"])
        for number in range(ROWS):
            writer.writerow(
                [f"Lead {number}", f"Co {number}", f"l{number}@x.example", "warm", NOTE]
            )
    importing = subprocess.Popen(
        [sys.executable, "-m", "app.cli.main", "--db", str(database), "import", "leads", str(big)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wal = Path(f"{database}-wal")
    # The rows are being written (the log grows) but the import has not committed yet: its
    # 45 MB of rows outgrow SQLite's page cache (32 MiB), so the log grows a second or so
    # before the one commit, at the end.
    wait_for(lambda: wal.exists() and wal.stat().st_size > 1_000_000, "writing", importing)
    importing.send_signal(signal.SIGKILL)
    importing.wait(30)
    assert importing.returncode == -signal.SIGKILL
    check = cli("--db", str(database), "check")
    assert "no problems found" in check.stdout
    assert lead_count(database) == 0  # wholly absent: nothing of the killed import
    done = cli("--db", str(database), "import", "leads", str(big))  # and it can simply run again
    assert f"imported {ROWS} new leads" in done.stdout
    assert lead_count(database) == ROWS


PROBE = """
import sys
from app.model.enums import Side
from app.ui.shell import launch
from app.ui.shell.main_window import MainWindow

real_open = MainWindow.open_database

def open_and_start(self):
    real_open(self)
    self.timer_bar.toggle(Side.MARKETING)
    print("TIMER_RUNNING", self.timer_bar.running.start.isoformat(), flush=True)

MainWindow.open_database = open_and_start
sys.exit(launch.main(["--db", sys.argv[1]]))
"""


def test_a_window_killed_with_a_running_timer_keeps_the_timer(tmp_path: Path) -> None:
    database = tmp_path / "shop.db"
    from app.model import first_run
    from app.model.store import db

    store = db.open_store(db.sqlite_location(database))
    with store.writer() as session:
        first_run.complete(session, first_run.FirstRunAnswers("Shop", ("Ann",)))
    store.close()
    window = subprocess.Popen(
        [sys.executable, "-c", PROBE, str(database)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert window.stdout is not None
    line = window.stdout.readline()
    assert line.startswith("TIMER_RUNNING"), window.communicate()
    window.send_signal(signal.SIGKILL)
    window.wait(30)
    assert "no problems found" in cli("--db", str(database), "check").stdout
    started = datetime.fromisoformat(line.split()[1]).astimezone()
    status = cli("--db", str(database), "status").stdout
    assert status.startswith("Ann: marketing running for "), status
    assert f"since {started:%a %H:%M}." in status
