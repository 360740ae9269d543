"""hearth-cli import: extreme and broken files are one sentence per line (FILE:LINE: reason),
never the crash message; --decimal; the report says how the file was read."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main as cli


@pytest.fixture(autouse=True)
def locale_without_a_decimal_mark(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_NUMERIC", "LANG"):
        monkeypatch.delenv(name, raising=False)


def test_a_value_too_large_to_keep_is_its_lines_sentence(
    cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The crash message used to print the SQL statement and its values."""
    path = tmp_path / "leads.csv"
    path.write_text("name,value\nA,1e20\nB,12345678901234567890123456789\n", encoding="utf-8")
    assert cli.main(["--db", cli_database, "import", "leads", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:2: '1e20' is not an amount of money",
        f"{path}:3: '12345678901234567890123456789' is too large an amount (at most "
        "99,999,999,999,999)",
        f"hearth-cli: nothing was imported: 2 problems in {path}.",
    ]


def test_the_decimal_mark_is_an_option_and_in_the_report(
    cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "leads.csv"
    path.write_text("name;value\nA;1.500\n", encoding="utf-8")
    assert cli.main(["--db", cli_database, "import", "leads", str(path)]) == 1
    assert "choose the decimal mark (--decimal , or --decimal .)" in capsys.readouterr().err
    assert cli.main(["--db", cli_database, "import", "leads", str(path), "--decimal", ","]) == 0
    assert capsys.readouterr().out == (
        f"{path}: imported 1 new lead (read as UTF-8, semicolon-separated, decimal comma).\n"
    )
    out = tmp_path / "out.csv"
    assert cli.main(["--db", cli_database, "export", "leads", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[1].split(",")[7] == "1500"


def test_a_vcard_report_says_what_the_file_was(
    cli_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "(read as UTF-8, vCard-separated)"."""
    path = tmp_path / "people.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Zoë\nEND:VCARD\n", encoding="utf-8")
    assert cli.main(["--db", cli_database, "import", "vcard", str(path)]) == 0
    assert capsys.readouterr().out == (
        f"{path}: imported 1 new lead (a vCard file read as UTF-8).\n"
    )
