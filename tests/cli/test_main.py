"""hearth-cli: the commands of the foundation, exit codes, and one-sentence errors."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main as cli
from app.model.store import schema
from tests import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_init_creates_a_migrated_database_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    result = run("--db", str(path), "init")
    assert result.returncode == 0, result.stderr
    assert str(path) in result.stdout
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (schema.HEAD,)
    conn.close()


def test_init_upgrades_an_older_database_and_says_where_the_old_copy_is(
    tmp_path: Path, hermetic_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.model.store import db, migrate

    path = tmp_path / "old.db"
    location = db.sqlite_location(path)
    engine = db.make_engine(location)
    migrate.upgrade(engine, location, from_revision=None, target=schema.REVISIONS[-2])
    engine.dispose()
    assert cli.main(["--db", str(path), "init"]) == 0
    out = capsys.readouterr().out
    backups = list((hermetic_home / "backups").glob("old-*.db"))
    assert len(backups) == 1
    assert (
        f"Upgraded it from schema {schema.REVISIONS[-2]}; the file as it was is in {backups[0]}."
        in out
    )
    assert cli.main(["--db", str(path), "init"]) == 0
    assert "Upgraded" not in capsys.readouterr().out  # said once


@pytest.mark.parametrize(
    "make_path",
    [
        lambda tmp: tmp,  # a directory
        lambda tmp: tmp / "nowhere" / "x.db",  # a folder that does not exist
        lambda tmp: Path("/proc/hearth-test.db"),  # a place nobody may write, not even root
    ],
)
def test_a_bad_db_path_gives_one_sentence_and_exit_1(tmp_path: Path, make_path) -> None:  # type: ignore[no-untyped-def]
    result = run("--db", str(make_path(tmp_path)), "init")
    assert result.returncode == 1
    assert result.stderr.startswith("hearth-cli: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_version_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("hearth-cli ")
    with pytest.raises(SystemExit) as exited:
        cli.main(["frobnicate"])
    assert exited.value.code == 2
    assert cli.main([]) == 2


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for command in ("init", "people", "demo", "import", "export", "backup", "restore", "check"):
        assert f"\n    {command} " in out


def test_people_add_and_list(
    cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_database
    assert cli.main(["--db", db, "people"]) == 0
    assert "No people yet" in capsys.readouterr().out
    assert cli.main(["--db", db, "people", "add", "Zoë Ekström"]) == 0
    assert cli.main(["--db", db, "people", "add", "zoë ekström"]) == 1
    captured = capsys.readouterr()
    assert "already a person called" in captured.err
    assert cli.main(["--db", db, "people"]) == 0
    assert capsys.readouterr().out.split() == ["1", "Zoë", "Ekström"]


def test_demo_fills_an_empty_database_once(
    cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_database
    assert cli.main(["--db", db, "demo", "--leads", "30", "--weeks", "3"]) == 0
    assert "30 leads" in capsys.readouterr().out
    assert cli.main(["--db", db, "demo"]) == 1
    assert "empty database only" in capsys.readouterr().err
    assert cli.main(["--db", db, "people"]) == 0
    assert "Maya Lindqvist" in capsys.readouterr().out


def test_hearth_db_environment_variable_picks_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HEARTH_DB", str(tmp_path / "env.db"))
    assert cli.main(["init"]) == 0
    assert (tmp_path / "env.db").exists()
    assert str(tmp_path / "env.db") in capsys.readouterr().out


def test_an_internal_error_is_one_sentence_and_logged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], hermetic_home: Path
) -> None:
    def explode(_args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "cmd_init", explode)
    with pytest.raises(SystemExit) as exited:
        cli.main(["init"])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "RuntimeError: boom" in err and "Traceback" not in err
    assert "boom" in (hermetic_home / "logs" / "hearth.log").read_text()


def test_import_reports_every_bad_line_and_imports_nothing(
    cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_database
    csv_file = tmp_path / "leads.csv"
    csv_file.write_text("name;temperature\nAnn;warm\n;cold\nBo;boiling\n", encoding="utf-8")
    assert cli.main(["--db", db, "import", "leads", str(csv_file)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{csv_file}:3: the name is empty",
        f"{csv_file}:4: temperature 'boiling' is not one of: cold, warm, hot",
        f"hearth-cli: nothing was imported: 2 problems in {csv_file}.",
    ]
    assert (
        cli.main(["--db", db, "import", "leads", str(csv_file), "--dry-run", "--skip-invalid"]) == 0
    )
    assert "would import 1 new lead" in capsys.readouterr().out
    assert cli.main(["--db", db, "export", "leads", str(tmp_path / "out.csv")]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote 0 leads to {tmp_path / 'out.csv'}."


def test_import_then_export(
    cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_database
    csv_file = tmp_path / "leads.csv"
    csv_file.write_text("name,email\nAnn,ann@example.com\n", encoding="utf-8")
    assert cli.main(["--db", db, "import", "leads", str(csv_file)]) == 0
    assert "imported 1 new lead" in capsys.readouterr().out
    out = tmp_path / "out.csv"
    assert cli.main(["--db", db, "export", "leads", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("Ann,,ann@example.com,")


def test_import_of_a_missing_file_is_one_sentence(
    cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_database
    assert cli.main(["--db", db, "import", "leads", str(tmp_path / "nope.csv")]) == 1
    assert capsys.readouterr().err == f"hearth-cli: There is no file {tmp_path / 'nope.csv'}.\n"


RESTORE_ORDER = ("campaigns", "leads", "moves", "deals", "touchpoints", "time")


def test_a_full_export_restores_by_csv_in_the_order_the_readme_gives(
    cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, copy = cli_database, str(tmp_path / "copy.db")
    assert cli.main(["--db", source, "demo", "--leads", "40", "--weeks", "4"]) == 0
    for folder, db in (("first", source), ("second", copy)):
        (tmp_path / folder).mkdir()
        if folder == "second":
            for kind in RESTORE_ORDER:
                path = str(tmp_path / "first" / f"{kind}.csv")
                assert cli.main(["--db", copy, "import", kind, path]) == 0, kind
        for kind in RESTORE_ORDER:
            extra = ["--include-archived"] if kind == "leads" else []
            path = str(tmp_path / folder / f"{kind}.csv")
            assert cli.main(["--db", db, "export", kind, path, *extra]) == 0
    out = capsys.readouterr().out
    updated = re.search(r"moves.csv: imported \d+ new moves, updated (\d+)", out)
    assert updated and int(updated[1]) >= 40  # each lead's creation (and closing), made real
    assert "Wrote 40 leads" in out
    for kind in RESTORE_ORDER:
        first = (tmp_path / "first" / f"{kind}.csv").read_bytes()
        assert (tmp_path / "second" / f"{kind}.csv").read_bytes() == first, kind


def test_a_bad_move_is_one_line_and_nothing_is_imported(
    cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leads_csv, moves_csv = tmp_path / "leads.csv", tmp_path / "moves.csv"
    leads_csv.write_text("name,email,created_at\nAnn,ann@example.com,2026-01-05\n")
    moves_csv.write_text(
        "lead,change,at,from,to\n"
        "ann@example.com,temperature,2026-01-06,cold,warm\n"
        "ann@example.com,temperature,2026-01-07,warm,tepid\n"
    )
    assert cli.main(["--db", cli_database, "import", "leads", str(leads_csv)]) == 0
    assert cli.main(["--db", cli_database, "import", "moves", str(moves_csv)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{moves_csv}:3: to 'tepid' is not one of: cold, warm, hot",
        f"hearth-cli: nothing was imported: 1 problem in {moves_csv}.",
    ]
    assert cli.main(["--db", cli_database, "export", "moves", str(tmp_path / "out.csv")]) == 0
    assert "Wrote 1 move to" in capsys.readouterr().out  # only the creation


# ---- #16 round 2, fault 17: text is shown, never obeyed by the terminal -----------------------

EVIL = "Evil\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eenil\x7f"
EVIL_SHOWN = "Evil\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202eenil\\u007f"
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_stored_text_and_file_names_reach_the_terminal_escaped(
    cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An ESC in a person's name (or a file's) set the terminal's title and cleared it."""
    import json

    db = cli_database
    assert cli.main(["--db", db, "people", "add", EVIL]) == 0
    assert cli.main(["--db", db, "people"]) == 0
    assert cli.main(["--db", db, "summary", "--week", "2026-W47", "--person", EVIL]) == 0
    said = capsys.readouterr()
    assert said.out.startswith(f"Added {EVIL_SHOWN}.\n   1  {EVIL_SHOWN}\n")
    assert f"weekly review 2026-W47 — {EVIL_SHOWN} (" in said.out
    assert CONTROL.search(said.out + said.err) is None
    assert cli.main(["--db", db, "summary", "--week", "2026-W47", "--json", "--person", EVIL]) == 0
    out = capsys.readouterr().out
    assert CONTROL.search(out) is None
    assert json.loads(out)["person"] == EVIL  # the same text, once read as JSON
    missing = tmp_path / f"{EVIL}.csv"
    assert cli.main(["--db", db, "import", "leads", str(missing)]) == 1
    assert capsys.readouterr().err == (
        f"hearth-cli: There is no file {tmp_path}/{EVIL_SHOWN}.csv.\n"
    )
    assert cli.main(["--db", db, "people", "add", EVIL]) == 1  # an error's sentence too
    err = capsys.readouterr().err
    assert "already a person called 'Evil" in err and CONTROL.search(err) is None


@pytest.mark.sqlite_only  # a separate process; the file is enough
def test_an_export_to_standard_output_is_written_as_it_is(tmp_path: Path) -> None:
    """The escaping is the terminal's, not the data's: a CSV sent to /dev/stdout (a file
    opened by its name, not the escaping stream) keeps its CR LF line ends."""
    path = str(tmp_path / "x.db")
    assert run("--db", path, "init").returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "--db", path, "export", "campaigns", "/dev/stdout"],
        capture_output=True,
        cwd=ROOT,
    )
    assert result.returncode == 0
    assert result.stdout == b"name,channel,start,end,cost,notes\r\n"


def test_an_internal_database_error_says_no_statement_and_no_values(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], hermetic_home: Path
) -> None:
    """#16 (11): the sentence carried SQLAlchemy's '[SQL: INSERT …] [parameters: (…)]'."""
    from sqlalchemy.exc import IntegrityError

    def explode(_args: object) -> int:
        raise IntegrityError(
            "INSERT INTO lead (name) VALUES (?)",
            ("Jane Private",),
            sqlite3.IntegrityError("UNIQUE constraint failed: lead.email"),
        )

    monkeypatch.setattr(cli, "cmd_init", explode)
    with pytest.raises(SystemExit):
        cli.main(["init"])
    err = capsys.readouterr().err
    assert err.startswith(
        "hearth-cli: something went wrong inside Hearth (IntegrityError: UNIQUE constraint "
        "failed: lead.email); details are in "
    )
    assert err.count("\n") == 1
    log_text = (hermetic_home / "logs" / "hearth.log").read_text()
    assert "UNIQUE constraint failed" in log_text and "Jane Private" not in log_text


@pytest.mark.sqlite_only  # a separate process; the file is enough
def test_an_export_to_a_reader_that_stops_reading_is_quiet(tmp_path: Path) -> None:
    """`hearth-cli export leads /dev/stdout | head` said 'Cannot write /dev/stdout: Broken
    pipe.' and exited 1."""
    path = str(tmp_path / "x.db")
    assert run("--db", path, "init").returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli.main", "--db", path, "export", "leads", "/dev/stdout"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before a byte is written
    err = process.stderr.read()
    assert process.wait(60) in (0, 141)
    assert err == ""
