"""A database whose path holds characters that mean something in an address (`#`, `?`, `%`,
`&`, `=`) or spaces works like any other: every command finds the file under its own name,
backups hold its data, and nothing else is created beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.cli import main as cli
from app.model.store.revisions import HEAD
from tests.model.safety.helpers import dump

NAMES = [
    "my#data.db",  # a fragment: SQLite opened `my`
    "what?mode=rwc.db",  # a query: SQLite opened `what`, read-write
    "100%41 & more=yes.db",  # `%41` is an escaped `A`; `&` and `=` separate options
]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, f"{args}: {err}"
    return out


@pytest.mark.parametrize("name", NAMES)
def test_every_command_and_the_daily_backup_work_on_an_odd_path(
    name: str,
    tmp_path: Path,
    hermetic_home: Path,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.ui.database.data_safety import StartupChecks

    folder = tmp_path / "odd #1 & co?=%20"
    folder.mkdir()
    database = folder / name
    db = ("--db", str(database))
    stem = database.stem
    _run(capsys, *db, "init")
    _run(capsys, *db, "people", "add", "Alice")
    assert "Alice" in _run(capsys, *db, "people")
    _run(capsys, *db, "log", "sales", "1h", "--at", "2026-11-23 09:00")
    _run(capsys, *db, "start", "marketing", "--at", "2026-11-23 11:00")
    _run(capsys, *db, "stop", "--at", "2026-11-23 11:30")
    status = _run(capsys, *db, "status", "--week", "2026-W48")  # the fast path (sqlite3 alone)
    assert "marketing 30 min, sales 1 h" in status
    summary = json.loads(_run(capsys, *db, "summary", "--week", "2026-W48", "--json"))
    assert summary["hours"] == {"marketing": 0.5, "sales": 1.0}
    assert "2026-W48" in _run(capsys, *db, "summary", "--week", "2026-W48")
    leads = folder / f"{stem} leads.csv"
    leads.write_text("name,email,temperature\nBo Baker,bo@example.com,warm\n", encoding="utf-8")
    _run(capsys, *db, "import", "leads", str(leads))
    campaigns = folder / f"{stem} campaigns.csv"
    campaigns.write_text("name,channel,cost\nFlyers,direct mail,80\n", encoding="utf-8")
    _run(capsys, *db, "import", "campaigns", str(campaigns))
    made = {leads.name, campaigns.name}
    for kind in ("leads", "touchpoints", "time", "campaigns"):
        target = folder / f"{stem} {kind} out.csv"
        _run(capsys, *db, "export", kind, str(target))
        made.add(target.name)
    assert "Bo Baker" in (folder / f"{stem} leads out.csv").read_text(encoding="utf-8")
    pdf = folder / f"{stem}.pdf"
    _run(capsys, *db, "report", "--week", "2026-W48", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    made.add(pdf.name)
    at_backup = dump(database)
    assert at_backup["time_entry"] and at_backup["lead"]

    out = _run(capsys, *db, "backup")
    manual = [p for p in (hermetic_home / "backups").iterdir() if p.name.endswith("-manual.db")]
    assert len(manual) == 1 and str(manual[0]) in out
    assert dump(manual[0]) == at_backup
    copy = folder / f"{stem} copy.db"
    _run(capsys, *db, "backup", "-o", str(copy))
    assert dump(copy) == at_backup
    made.add(copy.name)
    checked = _run(capsys, *db, "check")
    assert f"{database}: no problems found." in checked and f"schema {HEAD}" in checked

    # The window's start-up check and day's backup (the function its thread runs).
    checks = StartupChecks()
    said: list[str] = []
    for signal in (checks.damaged, checks.backed_up, checks.failed):
        signal.connect(said.append)
    checks.run(database)
    daily = [p for p in (hermetic_home / "backups").iterdir() if p.name.endswith("-daily.db")]
    assert said == [str(daily[0])]
    assert dump(daily[0]) == at_backup

    _run(capsys, *db, "people", "add", "Carla")
    restored = _run(capsys, *db, "restore", str(copy))
    assert f"Restored {database} from {copy}." in restored
    assert dump(database) == at_backup

    # Nothing was created beside the database under a name cut short at the odd character.
    side_files = {f"{database.name}-wal", f"{database.name}-shm"}  # a reader may leave
    assert {p.name for p in folder.iterdir()} - side_files == {database.name, *made}


def test_demo_fills_a_database_on_an_odd_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "a #b?c=d&e %41"
    folder.mkdir()
    database = folder / "demo #1?.db"
    _run(capsys, "--db", str(database), "demo", "--leads", "5", "--weeks", "1")
    assert len(dump(database)["lead"]) == 5
    side_files = {f"{database.name}-wal", f"{database.name}-shm"}
    assert {p.name for p in folder.iterdir()} - side_files == {database.name}
