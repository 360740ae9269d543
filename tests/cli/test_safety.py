"""hearth-cli backup / restore / check."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from app.cli import main as cli
from app.model.safety.check import check_file
from app.model.store.revisions import HEAD
from tests import ROOT
from tests.model.safety.helpers import (
    damage,
    dump,
    full_database,
    held_exclusively,
    notes,
    with_no_room,
)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return full_database(tmp_path / "shop.db")


def test_backup_to_a_file_and_into_the_backups_folder(
    database: Path, tmp_path: Path, hermetic_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.db"
    assert cli.main(["--db", str(database), "backup", "-o", str(target)]) == 0
    assert f"to {target} (" in capsys.readouterr().out
    assert check_file(target).ok and dump(target) == dump(database)
    assert cli.main(["--db", str(database), "backup"]) == 0
    made = list((hermetic_home / "backups").glob("shop-*-manual.db"))
    assert len(made) == 1 and str(made[0]) in capsys.readouterr().out


def test_backup_of_a_missing_database_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--db", str(tmp_path / "none.db"), "backup"]) == 1
    assert capsys.readouterr().err == (
        f"hearth-cli: There is no database at {tmp_path / 'none.db'} to back up.\n"
    )
    assert not (tmp_path / "none.db").exists()


def test_check_says_clean_or_lists_the_damage(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--db", str(database), "check"]) == 0
    out = capsys.readouterr().out
    assert f"{database}: no problems found." in out
    assert f"Hearth schema {HEAD} (current); 14 tables" in out
    copy = tmp_path / "damaged.db"
    shutil.copy(database, copy)
    damage(copy)
    before = copy.read_bytes()
    assert cli.main(["--db", str(copy), "check"]) == 1
    assert "problem" in capsys.readouterr().out
    assert copy.read_bytes() == before  # a check never writes


def test_restore_puts_the_backup_back_and_says_where_the_old_data_is(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.db"
    assert cli.main(["--db", str(database), "backup", "-o", str(target)]) == 0
    at_backup = dump(database)
    assert cli.main(["--db", str(database), "people", "add", "Newcomer"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", str(database), "restore", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"Restored {database} from {target}." in out
    assert "The database as it was is kept at" in out
    assert dump(database) == at_backup


def test_restore_of_a_damaged_backup_changes_nothing(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.db"
    shutil.copy(database, bad)
    damage(bad)
    before = dump(database)
    assert cli.main(["--db", str(database), "restore", str(bad)]) == 1
    assert "cannot be restored" in capsys.readouterr().err
    assert dump(database) == before


WRITER = """
import gc, sys, time
from pathlib import Path
from app.cli import main as cli
database, stop = sys.argv[1], Path(sys.argv[2])
number = 0
while not stop.exists():
    number += 1
    day, minute = divmod(number * 2, 24 * 60)
    at = f"2026-10-{1 + day:02d} {minute // 60:02d}:{minute % 60:02d}"
    note = f"entry {number}"
    if cli.main(["--db", database, "log", "marketing", "1m", "--at", at, "-m", note]) == 0:
        print(f"saved: {note}", flush=True)  # acknowledged: the user was told so
    else:
        gc.collect()  # as when the command's process ends: its connection is closed
    time.sleep(0.005)  # the next command starting
"""


class Acknowledged:
    """The notes of the entries a writing process was told are saved, as it says them."""

    def __init__(self, stream: IO[str]) -> None:
        self.notes: list[str] = []
        self._grown = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            if line.startswith("saved: "):  # not what `log` itself prints
                with self._grown:
                    self.notes.append(line.removeprefix("saved: ").strip())
                    self._grown.notify_all()

    def wait_for(self, count: int) -> None:
        with self._grown:
            assert self._grown.wait_for(lambda: len(self.notes) >= count, timeout=60), self.notes

    def finish(self) -> list[str]:
        self._thread.join(timeout=60)
        return list(self.notes)


def test_restore_while_another_process_writes_loses_no_acknowledged_entry(
    tmp_path: Path, hermetic_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`hearth-cli log` in a loop while `hearth-cli restore` runs: every entry a log said it
    saved is in the restored database or in the copy kept aside before the restore."""
    from app.model import first_run
    from app.model.safety import backup
    from app.model.store import db

    database = tmp_path / "busy.db"
    store = db.open_store(db.sqlite_location(database))
    with store.writer() as session:
        first_run.complete(session, first_run.FirstRunAnswers("Shop", ("Ann",)))
    store.close()
    conn = sqlite3.connect(database)  # big enough that copying it takes a while
    conn.execute("CREATE TABLE ballast (b BLOB)")
    conn.executemany("INSERT INTO ballast VALUES (randomblob(1000000))", [()] * 60)
    conn.commit()
    conn.close()
    saved = backup.backup_sqlite(database, tmp_path / "saved.db")
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(database), str(stop)],
        cwd=ROOT,
        env={**os.environ, "HEARTH_HOME": str(hermetic_home), "PYTHONDONTWRITEBYTECODE": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said = Acknowledged(writer.stdout)  # type: ignore[arg-type]
        said.wait_for(3)
        code = cli.main(["--db", str(database), "restore", str(saved)])
        out, err = capsys.readouterr()
        assert code == 0, err
        said.wait_for(len(said.notes) + 3)  # and the writer goes on after it
    finally:
        stop.touch()
        writer.wait(timeout=60)
    acknowledged = said.finish()
    problems = writer.stderr.read()  # type: ignore[union-attr]
    assert writer.returncode == 0, problems
    kept = Path(out.split("The database as it was is kept at ")[1].strip().rstrip("."))
    missing = set(acknowledged) - notes(database) - notes(kept)
    assert missing == set(), f"{len(missing)} of {len(acknowledged)} saved entries lost"


def test_restore_says_so_and_changes_nothing_while_another_program_writes(
    database: Path,
    tmp_path: Path,
    hermetic_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.model.safety import restore

    target = tmp_path / "copy.db"
    assert cli.main(["--db", str(database), "backup", "-o", str(target)]) == 0
    assert cli.main(["--db", str(database), "people", "add", "Newcomer"]) == 0
    before = dump(database)
    capsys.readouterr()
    monkeypatch.setattr(restore, "LOCK_WAIT_SECONDS", 0.3, raising=False)
    writing = sqlite3.connect(database, isolation_level=None)  # another program, mid-change
    writing.execute("BEGIN IMMEDIATE")
    writing.execute("UPDATE person SET name = name")
    codes: list[int] = []
    restoring = threading.Thread(
        target=lambda: codes.append(cli.main(["--db", str(database), "restore", str(target)]))
    )
    restoring.start()
    restoring.join(timeout=30)
    waited_without_end = restoring.is_alive()
    writing.execute("COMMIT")
    writing.close()
    restoring.join()
    assert not waited_without_end
    assert codes == [1]
    err = capsys.readouterr().err
    assert err == (
        f"hearth-cli: Another program has {database} open — a Hearth window, or hearth-cli "
        "writing to it — so it cannot be restored now; close it (or let it finish) and try "
        "again. Nothing was changed.\n"
    )
    assert dump(database) == before
    assert not (hermetic_home / "backups").exists() or not any(
        (hermetic_home / "backups").iterdir()
    )


NOBODY = 65534


def _as_nobody(work: Callable[[], tuple[int, str]]) -> tuple[int, str]:
    """Run `work` in a child process that has given up root: for it, as for any user, a
    folder of mode 0555 is read-only (root may write anywhere)."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child process)
        result: object = "the child failed"
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result = work()
        except BaseException as exc:
            result = repr(exc)
        finally:
            os.write(write_end, json.dumps(result).encode())
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as answer:
        said = json.loads(answer.read())
    os.waitpid(child, 0)
    assert isinstance(said, list), said
    return said[0], said[1]


def test_check_reads_a_database_in_a_read_only_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    as_root = os.geteuid() == 0
    # The user-side of the test needs a folder another user can reach: tmp_path's parents
    # are root's only, so as root the folder is made in the system's temporary folder.
    folder = Path(tempfile.mkdtemp(prefix="hearth-read-only-")) if as_root else tmp_path / "ro"
    try:
        if not as_root:
            folder.mkdir()
        database = full_database(folder / "shop.db")
        assert cli.main(["--db", str(database), "check"]) == 0  # and everything it imports
        capsys.readouterr()
        before = dump(database)
        closed = sqlite3.connect(database)  # the last to close: no -wal or -shm is left
        closed.execute("SELECT count(*) FROM person").fetchone()
        closed.close()
        files = sorted(os.listdir(folder))
        assert files == ["shop.db"]
        if as_root:  # the files are the user's; the folder is not
            for name in files:
                os.chown(folder / name, NOBODY, NOBODY)
        folder.chmod(0o555)

        def check() -> tuple[int, str]:
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                code = cli.main(["--db", str(database), "check"])
            return code, out.getvalue()

        code, said = _as_nobody(check) if as_root else check()
        folder.chmod(0o755)
        assert (code, said.splitlines()[0]) == (0, f"{database}: no problems found."), said
        assert sorted(os.listdir(folder)) == files  # it only read
        assert dump(database) == before
    finally:
        folder.chmod(0o755)
        if as_root:
            shutil.rmtree(folder)


def test_check_and_restore_of_a_database_another_program_holds(
    database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`check` said "1 problem: database is locked", and `restore` called the file damaged,
    renamed it and said "Restored" with exit 0."""
    from app.model.safety import check, restore

    monkeypatch.setattr(check, "WAIT_SECONDS", 0.2, raising=False)
    monkeypatch.setattr(restore, "LOCK_WAIT_SECONDS", 0.2)
    target = tmp_path / "b1.db"
    assert cli.main(["--db", str(database), "backup", "-o", str(target)]) == 0
    capsys.readouterr()
    files = sorted(os.listdir(tmp_path))
    with held_exclusively(database):
        assert cli.main(["--db", str(database), "check"]) == 1
        out = capsys.readouterr().out
        assert "another program is using it (it is locked)" in out and "damaged" not in out
        assert cli.main(["--db", str(database), "restore", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"hearth-cli: Another program has {database} open — a Hearth window, or hearth-cli "
        "writing to it — so it cannot be restored now; close it (or let it finish) and try "
        "again. Nothing was changed.\n"
    )
    assert sorted(os.listdir(tmp_path)) == files


def test_restore_does_not_replace_a_file_that_is_not_hearths(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.db"
    assert cli.main(["--db", str(database), "backup", "-o", str(good)]) == 0
    notes = tmp_path / "notes.txt"
    notes.write_text("Call Ines about the flyers.\n")
    capsys.readouterr()
    assert cli.main(["--db", str(notes), "restore", str(good)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"hearth-cli: {notes} is not a Hearth database (")
    assert "Nothing was changed." in err
    assert notes.read_text() == "Call Ines about the flyers.\n"
    assert not [p for p in tmp_path.iterdir() if "damaged" in p.name]


def test_restore_and_backup_on_a_full_disk_say_so_and_keep_the_database(
    tmp_path: Path, hermetic_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reproduction: `backup; log …`, the disk fills up, `restore backups/*.db` — the
    database was renamed -damaged and the copy failed: no hearth.db at all. Here files cannot
    grow past 4 KB, which to SQLite is a full disk."""
    database = tmp_path / "hearth.db"
    assert cli.main(["--db", str(database), "init"]) == 0
    assert cli.main(["--db", str(database), "people", "add", "Me"]) == 0
    assert cli.main(["--db", str(database), "backup"]) == 0
    assert cli.main(["--db", str(database), "log", "sales", "30m", "--at", "2026-11-23 09:00"]) == 0
    capsys.readouterr()
    (made,) = (hermetic_home / "backups").iterdir()
    before = dump(database)
    files = sorted(os.listdir(tmp_path))

    def no_room(*args: str) -> subprocess.CompletedProcess[str]:
        return with_no_room("--db", str(database), *args, home=hermetic_home)

    restored = no_room("restore", str(made))
    assert restored.returncode == 1
    assert restored.stderr == (
        f"hearth-cli: The disk holding {database} is full, so it cannot be restored now; free "
        "some space and try again. Nothing was changed.\n"
    )
    backed_up = no_room("backup", "-o", str(tmp_path / "elsewhere.db"))
    assert backed_up.returncode == 1
    assert "the disk is full" in backed_up.stderr and "I/O" not in backed_up.stderr
    assert sorted(os.listdir(tmp_path)) == files
    assert dump(database) == before


@pytest.mark.parametrize("through", ["folder", "link to a folder"])
def test_backup_into_a_folder_names_the_backup_there(
    through: str, database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`backup -o DIR` was an internal IsADirectoryError and left DIR.partial behind."""
    from app.model.safety import backup

    folder = tmp_path / "usb stick"
    folder.mkdir()
    given = folder
    if through == "link to a folder":
        given = tmp_path / "stick"
        given.symlink_to(folder)
    before = sorted(os.listdir(tmp_path))
    assert cli.main(["--db", str(database), "backup", "-o", str(given)]) == 0
    (made,) = folder.iterdir()
    assert made.name.startswith(f"{backup.backup_stem(database)}-") and made.name.endswith(
        "-manual.db"
    )
    assert f"to {given / made.name} (" in capsys.readouterr().out
    assert dump(made) == dump(database)
    assert sorted(os.listdir(tmp_path)) == before


LONG = "a" * 300


@pytest.mark.parametrize(
    "command",
    [
        ["--db", f"{LONG}.db", "status"],
        ["--db", f"{LONG}.db", "log", "sales", "1h"],
        ["backup", "-o", f"{LONG}.db"],
        ["export", "campaigns", f"{LONG}.csv"],
        ["import", "leads", f"{LONG}.csv"],
        ["report", "-o", f"{LONG}.pdf"],
    ],
    ids=["--db status", "--db log", "backup -o", "export", "import", "report -o"],
)
def test_a_name_too_long_for_the_file_system_is_one_sentence_naming_it(
    command: list[str],
    database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """It was "something went wrong inside Hearth (OSError: File name too long …)"."""
    monkeypatch.chdir(tmp_path)

    def files() -> list[str]:
        return sorted(name for name in os.listdir(tmp_path) if not name.endswith(("-wal", "-shm")))

    before = files()
    args = command if command[0] == "--db" else ["--db", str(database), *command]
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert "something went wrong" not in err and err.count("\n") == 1
    assert LONG in err and "too long" in err
    assert files() == before


def test_an_output_that_cannot_be_written_is_not_blamed_on_the_database(
    database: Path,
) -> None:
    """`summary > /dev/full` said the disk was full so Hearth "could not save the last
    change": it had saved nothing; the output could not be written."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here (a device that is always full: Linux has it)")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "app.cli.main", "--db", str(database), "summary"],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert done.stderr == (
        "hearth-cli: The output could not be written: the disk it goes to is full "
        "(No space left on device).\n"
    )


def test_an_empty_file_given_to_db_becomes_a_private_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "touched.db"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    assert cli.main(["--db", str(path), "init"]) == 0
    assert path.stat().st_mode & 0o777 == 0o600


def test_backup_reads_a_database_in_a_read_only_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` worked there, but `backup -o elsewhere` said "unable to open database file"."""
    as_root = os.geteuid() == 0
    top = Path(tempfile.mkdtemp(prefix="hearth-read-only-")) if as_root else tmp_path
    folder, elsewhere = top / "ro", top / "elsewhere"
    try:
        folder.mkdir()
        elsewhere.mkdir()
        database = full_database(folder / "shop.db")
        before = dump(database)
        closed = sqlite3.connect(database)  # the last to close: no -wal or -shm is left
        closed.execute("SELECT count(*) FROM person").fetchone()
        closed.close()
        assert sorted(os.listdir(folder)) == ["shop.db"]
        if as_root:  # the file is the user's and so is the other folder; this one is not
            os.chown(folder / "shop.db", NOBODY, NOBODY)
            os.chown(elsewhere, NOBODY, NOBODY)
            top.chmod(0o755)
        folder.chmod(0o555)
        copy = elsewhere / "copy.db"

        def back_up() -> tuple[int, str]:
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                code = cli.main(["--db", str(database), "backup", "-o", str(copy)])
            return code, out.getvalue()

        code, said = _as_nobody(back_up) if as_root else back_up()
        folder.chmod(0o755)
        assert code == 0, said
        assert said.startswith(f"Backed up {database} to {copy} (")
        assert sorted(os.listdir(folder)) == ["shop.db"]  # it only read
        assert dump(copy) == before
    finally:
        folder.chmod(0o755)
        if as_root:
            shutil.rmtree(top)
