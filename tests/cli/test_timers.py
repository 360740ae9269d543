"""hearth-cli and nothing typed in lost (issue 16): a long timer is not cut without being
told, nothing ends in the future, local times the clocks skip or show twice, weeks out of
range, a reader that stops reading, a locked file, and a server that keeps Hearth waiting.
Times on the command line are local (TZ=Europe/Berlin); those that must be in the past or
the future are taken from the clock."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main as cli
from app.model.store import db as db_module
from app.model.store import server_limits
from tests import ROOT


@pytest.fixture
def db(cli_database: str) -> str:
    assert cli.main(["--db", cli_database, "people", "add", "Ann"]) == 0
    return cli_database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def typed(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


# ---- 7. a timer across days ------------------------------------------------------------------


def test_stop_does_not_turn_a_month_long_timer_into_a_month_long_entry(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    started = (datetime.now() - timedelta(days=30)).replace(hour=9, minute=0)
    assert run(capsys, "--db", db, "start", "sales", "--at", typed(started))[0] == 0
    for keep in ([], ["--keep"]):
        code, out, err = run(capsys, "--db", db, "stop", *keep)
        assert (code, out) == (1, "")
        assert err.startswith(
            f"hearth-cli: Ann's sales timer has been running since {started:%a %d %b} 09:00 ("
        )
        assert err.endswith(
            "), longer than an entry can be (a week); say when it ended with --at WHEN.\n"
        )
    code, out, err = run(capsys, "--db", db, "stop", "--at", typed(started + timedelta(hours=8)))
    assert (code, out, err) == (0, "Stopped sales for Ann after 8 h.\n", "")


def test_stop_past_the_long_timer_setting_says_what_to_record(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # twelve real hours ago, written with its offset (whatever the clocks did meanwhile)
    started = (
        (datetime.now(UTC) - timedelta(hours=12)).astimezone().replace(second=0, microsecond=0)
    )
    when = started.isoformat(timespec="minutes")
    assert run(capsys, "--db", db, "start", "marketing", "--at", when)[0] == 0
    code, _out, err = run(capsys, "--db", db, "stop")
    assert code == 1
    assert f"has been running since {started:%a %d %b %H:%M} (12 h" in err
    assert err.endswith("; say when it ended with --at WHEN (or add --keep to record all of it).\n")
    code, _out, err = run(capsys, "--db", db, "start", "sales")  # a start would cut it too
    assert code == 1 and "hearth-cli stop --at WHEN (or add --keep" in err
    code, out, _err = run(capsys, "--db", db, "stop", "--keep")
    assert code == 0 and out.startswith("Stopped marketing for Ann after 12 h")


def test_status_names_the_day_of_a_timer_started_days_ago(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    started = (datetime.now() - timedelta(days=9)).replace(hour=9, minute=0)
    assert run(capsys, "--db", db, "start", "sales", "--at", typed(started))[0] == 0
    out = run(capsys, "--db", db, "status")[1]
    assert f", since {started:%a %d %b} 09:00." in out.splitlines()[0]


# ---- 8. the future -------------------------------------------------------------------------


def test_an_entry_in_the_future_is_refused_and_blocks_nothing(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    later = (datetime.now() + timedelta(days=200)).replace(hour=10, minute=0)
    code, out, err = run(capsys, "--db", db, "log", "sales", "2h", "--at", typed(later))
    assert (code, out) == (1, "")
    assert err == f"hearth-cli: An entry cannot end in the future ({later:%a %d %b %Y}, 12:00).\n"
    assert run(capsys, "--db", db, "start", "sales")[0] == 0


def test_a_clash_names_the_year_when_it_is_not_this_year(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    day = datetime(datetime.now().year - 1, 12, 1, 9, 0)
    assert run(capsys, "--db", db, "log", "sales", "1h", "--at", typed(day))[0] == 0
    code, _out, err = run(
        capsys, "--db", db, "log", "marketing", "1h", "--at", typed(day + timedelta(minutes=30))
    )
    assert code == 1
    assert err == f"hearth-cli: This overlaps Ann's sales entry {day:%a %d %b %Y} 09:00–10:00.\n"


# ---- 9. local times the clocks skip or show twice ---------------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["log", "sales", "1h", "--at", "2026-03-29 02:30"],
            "--at: 2026-03-29 02:30 does not exist in Europe/Berlin: clocks jump from 02:00 to "
            "03:00",
        ),
        (
            ["start", "sales", "--at", "25.10.2026 02:30"],
            "--at: 2026-10-25 02:30 happens twice in Europe/Berlin (clocks go back from 03:00 to "
            "02:00): write 2026-10-25 02:30+02:00 for the first time or 2026-10-25 02:30+01:00 "
            "for the second",
        ),
        (
            ["log", "sales", "2:15-3:30", "--at", "2026-03-29"],
            "2026-03-29 02:15 does not exist in Europe/Berlin: clocks jump from 02:00 to 03:00",
        ),
    ],
)
def test_a_local_time_that_does_not_exist_or_happens_twice_is_refused(
    db: str, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    assert run(capsys, "--db", db, *argv) == (1, "", f"hearth-cli: {said}\n")
    assert run(capsys, "--db", db, "status", "--week", "2026-W13")[1].startswith(
        "No timer is running.\n2026-W13 (everyone): marketing 0 min, sales 0 min."
    )


def test_an_offset_says_which_of_the_doubled_times(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(
        capsys, "--db", db, "log", "sales", "30m", "--at", "2026-10-25 02:30+01:00"
    )
    assert (code, out) == (0, "Logged 30 min of sales for Ann, Sun 25 Oct 02:30–03:00.\n")
    code, out, _err = run(
        capsys, "--db", db, "log", "sales", "30m", "--at", "2026-10-25 02:30+02:00"
    )
    assert (code, out) == (0, "Logged 30 min of sales for Ann, Sun 25 Oct 02:30–02:00.\n")


# ---- 14 and 18. weeks out of range, a reader that stops reading --------------------------------


@pytest.mark.parametrize("week", ["0001-W01", "9999-W52", "1000-W01"])
def test_a_week_hearth_does_not_keep_is_one_sentence(
    db: str, capsys: pytest.CaptureFixture[str], week: str
) -> None:
    for command in (["summary"], ["summary", "--json"], ["status"]):
        assert run(capsys, "--db", db, *command, "--week", week) == (
            1,
            "",
            f"hearth-cli: '{week}' is not a week Hearth keeps; it knows the years 1900 to 2999.\n",
        )


@pytest.mark.sqlite_only  # a separate process; the file is enough
def test_a_reader_that_stops_reading_is_no_error(tmp_path: Path) -> None:
    """`hearth-cli summary --json | head`: the pipe closes before the review is written."""
    command = [sys.executable, "-m", "app.cli.main", "--db", str(tmp_path / "x.db"), "summary"]
    for extra in (["--json"], []):
        process = subprocess.Popen(
            command + extra, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader is gone before a byte is written
        err = process.stderr.read()
        assert process.wait(60) in (0, 141)
        assert err == ""


# ---- 11. a SQLite file another program holds --------------------------------------------------


@pytest.fixture
def holder(cli_database: str) -> Iterator[sqlite3.Connection]:
    """Another program (another Hearth's import, say) writing to the file: it holds the
    write lock until the test lets go."""
    assert cli.main(["--db", cli_database, "people", "add", "Ann"]) == 0
    other = sqlite3.connect(cli_database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.execute("ROLLBACK")
    other.close()


@pytest.mark.sqlite_only
def test_a_file_locked_past_the_busy_wait_is_the_locked_sentence(
    cli_database: str,
    holder: sqlite3.Connection,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(server_limits, "BUSY_TIMEOUT_SECONDS", 0.2)
    for argv in (["start", "sales"], ["log", "sales", "1h"], ["people", "add", "Bo"]):
        assert run(capsys, "--db", cli_database, *argv) == (
            1,
            "",
            f"hearth-cli: {cli_database} is locked by another program; close it and try again.\n",
        )


@pytest.mark.sqlite_only
def test_a_writer_waits_for_an_ordinary_import_to_finish(tmp_path: Path) -> None:
    """An import of 100,000 time entries takes ~5 s (bench/RESULTS.md): a writer waits a
    minute for the file before saying it is locked."""
    store = db_module.open_store(db_module.sqlite_location(tmp_path / "x.db"))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 60_000
    finally:
        store.close()


# ---- 15. two starts at the same instant ---------------------------------------------------------


@pytest.mark.sqlite_only
def test_a_start_waiting_for_the_window_starts_after_it(
    cli_database: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window toggles Ann's timer while the command line's `start` waits for the file:
    the command's timer starts after the window's, and stops it."""
    from sqlalchemy import text

    from app.model.enums import Side
    from app.model.time import entries as time_entries

    assert cli.main(["--db", cli_database, "people", "add", "Ann"]) == 0
    capsys.readouterr()
    waiting = threading.Event()
    original = db_module._on_sqlite_begin

    def begin(conn: object) -> None:
        if conn.get_execution_options().get("hearth_write"):  # type: ignore[attr-defined]
            waiting.set()
        original(conn)

    window = db_module.open_store(db_module.sqlite_location(Path(cli_database)))
    session = window.writer()
    session.execute(text("SELECT 1"))  # the window's write transaction holds the file
    monkeypatch.setattr(db_module, "_on_sqlite_begin", begin)
    said: list[int] = []
    command = threading.Thread(
        target=lambda: said.append(cli.main(["--db", cli_database, "start", "sales"]))
    )
    command.start()
    assert waiting.wait(30)
    time_entries.start_timer(session, 1, Side.MARKETING)  # the window's click, then commit
    session.close()
    command.join(60)
    window.close()
    captured = capsys.readouterr()
    assert said == [0], captured.err
    assert captured.out.startswith("Started sales for Ann at ")
    assert "Stopped marketing after <1 min." in captured.out
