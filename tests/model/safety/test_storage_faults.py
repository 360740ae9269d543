"""Faults of the place the data lives: a full disk, a disk error, a network or synced folder,
and a crash that leaves a trace for the next start."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from app import crash_log
from app.cli import main as cli
from app.model.safety import storage_errors
from app.model.safety.place import warning_for
from app.model.store import db
from tests import ROOT
from tests.model.safety.helpers import dump, with_no_room

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /home/ann/shared nfs4 rw 0 0
//nas/office /mnt/office\\040files cifs rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/ann/hearth.db", None),
        ("/tmp/hearth.db", None),
        ("/home/ann/shared/hearth.db", "a network share (nfs4 at /home/ann/shared)"),
        ("/mnt/office files/hearth.db", "a network share (cifs at /mnt/office files)"),
        ("/home/ann/Dropbox/hearth.db", "Dropbox (a synced folder)"),
        ("/home/ann/Dropbox (Personal)/hearth.db", "Dropbox (a synced folder)"),
        ("/Users/ann/OneDrive - Bakery/hearth.db", "OneDrive (a synced folder)"),
        ("/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/h.db", "iCloud Drive"),
        ("//nas/office/hearth.db", "a network share"),
    ],
)
def test_network_shares_and_synced_folders_are_recognised(path: str, expected: str | None) -> None:
    warning = warning_for(Path(path), MOUNTS)
    if expected is None:
        assert warning is None
    else:
        assert warning is not None and f"is in {expected}" in warning


def test_the_command_line_warns_about_a_risky_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "OneDrive"
    folder.mkdir()
    assert cli.main(["--db", str(folder / "shop.db"), "init"]) == 0
    assert "OneDrive (a synced folder)" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["status"], ["summary", "--json"], ["report", "-o", "r.pdf"]])
def test_the_quick_road_warns_about_a_risky_place_too(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """status, summary and report read a current file with sqlite3 alone (#19), and say what
    the ordinary road says of its place."""
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    path = folder / "shop.db"
    assert cli.main(["--db", str(path), "people", "add", "Ann"]) == 0
    capsys.readouterr()
    if command[0] == "report":
        command = ["report", "-o", str(tmp_path / "r.pdf")]
    assert cli.main(["--db", str(path), *command]) == 0
    said = capsys.readouterr().err
    assert said.startswith(f"hearth-cli: warning: {path} is in Dropbox (a synced folder).")
    assert said.count("warning") == 1


def test_a_full_disk_is_one_sentence_and_nothing_is_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "full.db"
    assert cli.main(["--db", str(path), "init"]) == 0
    before = dump(path)
    real_make_engine = db.make_engine

    def small_disk(location: db.Location, **kwargs: object):  # type: ignore[no-untyped-def]
        engine = real_make_engine(location)

        @event.listens_for(engine, "connect")
        def _limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.execute("PRAGMA max_page_count=60")  # a few pages more than now

        return engine

    monkeypatch.setattr(db, "make_engine", small_disk)
    capsys.readouterr()
    assert cli.main(["--db", str(path), "demo", "--leads", "300"]) == 1
    assert capsys.readouterr().err.endswith(f"\nhearth-cli: {storage_errors.FULL}\n")
    assert dump(path) == before


def test_the_storage_sentences_find_the_cause_anywhere_in_the_chain() -> None:
    try:
        try:
            raise sqlite3.OperationalError("disk I/O error")
        except sqlite3.OperationalError as inner:
            raise RuntimeError("saving failed") from inner
    except RuntimeError as outer:
        assert storage_errors.sentence_for(outer) == storage_errors.IO_ERROR
    assert storage_errors.sentence_for(OSError(28, "No space left on device")) == (
        storage_errors.FULL
    )
    assert storage_errors.sentence_for(ValueError("something else")) is None


@pytest.mark.slow
def test_a_fatal_crash_leaves_a_log_that_the_next_start_gets_once(hermetic_home: Path) -> None:
    probe = (
        "import faulthandler\n"
        "from app import crash_log\n"
        "crash_log.enable()\n"
        "def deep_inside_hearth():\n"
        "    faulthandler._sigsegv()\n"
        "deep_inside_hearth()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**os.environ, "HEARTH_HOME": str(hermetic_home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    previous = crash_log.take_previous()
    assert previous is not None
    text, kept = previous
    assert "Fatal Python error" in text and "deep_inside_hearth" in text
    assert kept.name.startswith("crash-") and kept.exists()
    assert crash_log.take_previous() is None  # offered once


def test_an_import_file_over_the_size_limit_is_refused_with_its_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.model.io.csv_reader import MAX_FILE_BYTES

    huge = tmp_path / "huge.csv"
    with huge.open("wb") as file:  # sparse: no disk space is used
        file.write(b"name\n")
        file.truncate(MAX_FILE_BYTES + 1)
    database = tmp_path / "shop.db"
    assert cli.main(["--db", str(database), "import", "leads", str(huge)]) == 1
    err = capsys.readouterr().err
    assert f"{huge}:1: the file is 200 MB; Hearth imports files of up to 200 MB" in err


def test_a_full_disk_before_the_shm_exists_is_called_full(tmp_path: Path) -> None:
    from app.model import people

    path = tmp_path / "shop.db"
    store = db.open_store(db.sqlite_location(path))
    with store.writer() as session:
        people.add_person(session, "Ann")
    store.close()
    assert not Path(f"{path}-shm").exists()  # closed cleanly: made again at the next opening
    before = dump(path)
    logged = with_no_room("--db", str(path), "log", "sales", "1h")
    assert logged.returncode == 1
    assert logged.stderr == (
        f"hearth-cli: The disk holding {path} is full; free some space and try again.\n"
    )
    checked = with_no_room("--db", str(path), "check")
    assert checked.returncode == 1
    assert checked.stdout == (
        f"{path}: 1 problem.\n"
        "  - the disk is full, so SQLite cannot read it; free some space and check again\n"
    )
    assert dump(path) == before
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"  # type: ignore[attr-defined]
    assert storage_errors.sentence_for(error) == storage_errors.FULL  # and in the window
