"""hearth-cli summary and report: the weekly review from a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main as cli


@pytest.fixture
def db(cli_database: str, hermetic_home: Path) -> str:
    path = cli_database
    assert cli.main(["--db", path, "people", "add", "Ann"]) == 0
    assert (
        cli.main(["--db", path, "log", "sales", "1h30", "meetings", "--at", "2026-11-17 09:00"])
        == 0
    )
    assert cli.main(["--db", path, "log", "marketing", "30m", "--at", "2026-11-18 09:00"]) == 0
    return path


def test_summary_as_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert cli.main(["--db", db, "summary", "--week", "2026-W47", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["week"] == "2026-W47"
    assert data["period"] == {"start": "2026-11-16", "end": "2026-11-22"}
    assert data["hours"] == {"marketing": 0.5, "sales": 1.5}
    assert data["target"] == {"marketing_share": 0.4, "hours": 40.0}
    assert set(data["leads"]) >= {"new", "by_temperature", "won", "lost", "revenue"}
    assert data["leads"]["revenue"] == "0.00"
    assert data["campaigns"] == [] and isinstance(data["advice"], list)


def test_summary_in_the_terminal(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert cli.main(["--db", db, "summary", "--week", "2026-W47", "--person", "ann"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hearth: weekly review 2026-W47 — Ann (Mon 16 Nov – Sun 22 Nov 2026)")
    assert "Time: marketing 30 min, sales 1 h 30 min" in out
    assert "What to change next week:" in out


def test_report_writes_a_pdf(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "review.pdf"
    assert cli.main(["--db", db, "report", "--week", "2026-W47", "-o", str(target)]) == 0
    assert f"to {target}" in capsys.readouterr().out
    text = PdfReader(target).pages[0].extract_text()
    assert "Weekly review 2026-W47" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["summary", "--week", "47"], "hearth-cli: '47' is not a week; write it like 2026-W47.\n"),
        (  # #16 round 2 (18): it named '1899-W46', a week the user never wrote
            ["report", "--week", "1900-W01", "-o", "r.pdf"],
            "hearth-cli: '1900-W01' is too early for a review: it looks back 13 weeks, to "
            "before 1900; the first week Hearth reviews is 1900-W13.\n",
        ),
        (  # the plan is for the week after, which would be 3000-W01
            ["summary", "--week", "2999-W52"],
            "hearth-cli: '2999-W52' is too late for a review: it plans the week after, which "
            "is past 2999; the last week Hearth reviews is 2999-W51.\n",
        ),
        (
            ["summary", "--person", "Zed"],
            "hearth-cli: There is no person called 'Zed' (people: Ann).\n",
        ),
        (
            ["report", "-o", "/nowhere/at/all/r.pdf"],
            "hearth-cli: Cannot write /nowhere/at/all/r.pdf: the folder /nowhere/at/all "
            "does not exist.\n",
        ),
    ],
)
def test_bad_input_is_one_sentence(
    db: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    capsys.readouterr()
    assert cli.main(["--db", db, *argv]) == 1
    assert capsys.readouterr().err == message


@pytest.mark.parametrize("week", ["1900-W13", "2999-W51"])
def test_the_first_and_last_weeks_hearth_reviews(
    db: str, capsys: pytest.CaptureFixture[str], week: str
) -> None:
    capsys.readouterr()
    assert cli.main(["--db", db, "summary", "--week", week, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["week"] == week
