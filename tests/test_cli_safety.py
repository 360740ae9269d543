"""hearth-cli backup / restore / check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app import cli
from app.model.db_check import check_file
from app.model.revisions import HEAD
from tests.model.safety_helpers import damage, dump, full_database


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
    assert f"Hearth schema {HEAD} (current); 13 tables" in out
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
