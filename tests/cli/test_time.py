"""hearth-cli start / stop / status / log."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.cli import main as cli
from tests import ROOT


@pytest.fixture
def db(cli_database: str) -> str:
    path = cli_database
    assert cli.main(["--db", path, "people", "add", "Ann"]) == 0
    return path


def test_a_timer_survives_the_process_that_started_it(db: str) -> None:
    env = {**os.environ}
    started = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli.main",
            "--db",
            db,
            "start",
            "sales",
            "follow-ups",
            "-m",
            "call back",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.startswith("Started sales (follow-ups) for Ann at ")
    status = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "--db", db, "status"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert status.returncode == 0
    assert status.stdout.splitlines()[0].startswith("Ann: sales (follow-ups) running for ")


def test_switching_sides_reports_the_stopped_timer(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--db", db, "start", "marketing", "content", "--at", "2026-11-23 09:00"]) == 0
    assert cli.main(["--db", db, "start", "sales", "--at", "2026-11-23 10:15"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == (
        "Started sales for Ann at 10:15. Stopped marketing (content) after 1 h 15 min."
    )
    assert cli.main(["--db", db, "stop", "--at", "2026-11-23 12:00"]) == 0
    assert capsys.readouterr().out == "Stopped sales for Ann after 1 h 45 min.\n"
    assert cli.main(["--db", db, "stop"]) == 1
    assert capsys.readouterr().err == "hearth-cli: no timer is running for Ann.\n"


def test_log_durations_and_spans_and_refuse_overlaps(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli.main(["--db", db, "log", "sales", "1h30", "meetings", "--at", "2026-11-20 14:00"]) == 0
    )
    assert capsys.readouterr().out == (
        "Logged 1 h 30 min of sales (meetings) for Ann, Fri 20 Nov 14:00–15:30.\n"
    )
    assert cli.main(["--db", db, "log", "marketing", "9:00-10:30", "--at", "2026-11-20"]) == 0
    assert cli.main(["--db", db, "log", "marketing", "15:00-16:00", "--at", "2026-11-20"]) == 1
    assert capsys.readouterr().err == (
        "hearth-cli: This overlaps Ann's sales entry Fri 20 Nov 14:00–15:30 (meetings).\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["start", "sales", "cooking"], "sales has no category 'cooking'"),
        (["log", "sales", "forever"], "'forever' is not a duration"),
        (["start", "sales", "--person", "Zed"], "There is no person called 'Zed'"),
        (["start", "sales", "--at", "yesterday-ish"], "--at: 'yesterday-ish' is not a date"),
    ],
)
def test_bad_input_is_one_sentence(
    db: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert cli.main(["--db", db, *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"hearth-cli: {message}") and err.count("\n") == 1


def test_two_people_need_a_name(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", db, "people", "add", "Bo"]) == 0
    assert cli.main(["--db", db, "start", "sales"]) == 1
    assert "2 people use Hearth; say who with --person NAME." in capsys.readouterr().err
    assert cli.main(["--db", db, "start", "sales", "--person", "bo"]) == 0


@pytest.mark.sqlite_only  # the quick path reads a SQLite file directly
def test_status_reads_quickly_and_says_the_same_as_the_services(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.model.store import quick_read

    assert cli.main(["--db", db, "people", "add", "Bo"]) == 0
    for argv in (
        ["log", "sales", "9:00-11:30", "meetings", "--at", "2026-11-17", "--person", "Ann"],
        ["log", "marketing", "22:00-23:45", "--at", "2026-11-22", "--person", "Bo"],
        ["start", "marketing", "--person", "Bo", "--at", "2026-11-23 08:00"],
    ):
        assert cli.main(["--db", db, *argv]) == 0
    capsys.readouterr()
    said = {}
    for quick in (True, False):
        if not quick:
            monkeypatch.setattr(quick_read, "connect", lambda _db: None)
        for extra in ([], ["--person", "ann"]):
            assert cli.main(["--db", db, "status", "--week", "2026-W47", *extra]) == 0
            said[(quick, tuple(extra))] = capsys.readouterr().out
    assert said[(True, ())] == said[(False, ())]
    assert said[(True, ("--person", "ann"))] == said[(False, ("--person", "ann"))]
    assert "2026-W47 (everyone): marketing 1 h 45 min, sales 2 h 30 min." in said[(True, ())]
    assert "target 40%; 75.8 h left to reach 80 h" in said[(True, ())]


@pytest.mark.sqlite_only
def test_the_quick_status_imports_no_sqlalchemy(db: str) -> None:
    probe = (
        "import sys\nfrom app.cli import main as cli\n"
        f"code = cli.main(['--db', {db!r}, 'status'])\n"
        "print('SQLALCHEMY', 'sqlalchemy' in sys.modules)\nsys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("SQLALCHEMY False")


def test_a_span_to_midnight_and_a_span_in_the_doubled_hour(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """#16 round 2 (18): '22:30-00:00' was 'the end is not after the start', and a span in
    the hour the clocks show twice asked for an offset a span has no room for."""
    capsys.readouterr()
    assert cli.main(["--db", db, "log", "sales", "22:30-00:00", "--at", "2026-11-20"]) == 0
    assert (
        capsys.readouterr().out == "Logged 1 h 30 min of sales for Ann, Fri 20 Nov 22:30–00:00.\n"
    )
    assert cli.main(["--db", db, "log", "sales", "02:15-02:45", "--at", "2026-10-25"]) == 1
    assert capsys.readouterr().err == (
        "hearth-cli: 2026-10-25 02:15 happens twice in Europe/Berlin (clocks go back from 03:00 "
        "to 02:00): write 2026-10-25 02:15+02:00 for the first time or 2026-10-25 02:15+01:00 "
        "for the second; a span cannot say which, so give the start with --at, with its offset "
        "as above, and the length: hearth-cli log SIDE 30m --at 'WHEN'.\n"
    )
    assert cli.main(["--db", db, "log", "sales", "30m", "--at", "2026-10-25 02:15+01:00"]) == 0
