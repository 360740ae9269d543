"""hearth-cli imports only what its command needs (#19): its parser is built for that command
alone, `status` reads a SQLite file without SQLAlchemy, and `summary --json` without Qt, the
PDF's modules or the window's."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main as cli
from tests import ROOT


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def test_the_list_of_commands_is_what_the_modules_add() -> None:
    listed = [*cli.OWN_COMMANDS, *(c for names in cli.MODULE_COMMANDS.values() for c in names)]
    assert sorted(_commands(cli.build_parser())) == sorted(listed)
    for command in cli.OWN_COMMANDS:
        assert _commands(cli.build_parser(only=command)) == [command]
    for group, names in cli.MODULE_COMMANDS.items():
        for command in names:
            # The time commands' parsers are built one alone (status answers near Python's
            # start); another module's commands come together.
            alone = [command] if group == "time" else list(names)
            assert _commands(cli.build_parser(only=command)) == alone


def test_the_command_is_found_in_the_arguments() -> None:
    assert cli.command_in(["--db", "status", "summary", "--json"]) == "summary"
    assert cli.command_in(["--db=x.db", "status", "--week", "2026-W47"]) == "status"
    assert cli.command_in(["move-to", "postgresql://x"]) == "move-to"
    for argv in ([], ["--help", "status"], ["--version"], ["stauts"], ["--db", "x.db"]):
        assert cli.command_in(argv) is None


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "x.db", "status", "--week", "2026-W47", "--person", "Ann"],
        ["summary", "--json", "--week", "2026-W47"],
        ["people", "add", "Bo"],
        ["--db", "y.db", "log", "sales", "1h30", "meetings", "-m", "a note"],
        ["demo", "--leads", "30"],
    ],
)
def test_a_command_alone_reads_its_arguments_as_with_every_command(argv: list[str]) -> None:
    def parsed(parser: argparse.ArgumentParser) -> dict[str, object]:
        values = vars(parser.parse_args(argv))
        values.pop("handler")
        return values

    assert parsed(cli.build_parser(only=cli.command_in(argv))) == parsed(cli.build_parser())


def test_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert all(command in out for command in ("status", "summary", "move-to", "demo"))
    with pytest.raises(SystemExit) as exited:
        cli.main(["stauts"])
    assert exited.value.code == 2
    assert "invalid choice: 'stauts'" in capsys.readouterr().err


PROBE = """
import sys
from app.cli import main as cli
code = cli.main(sys.argv[1:])
heavy = ("PySide6", "shiboken6", "reportlab", "pypdf", "app.ui", "app.report.review_pdf",
         "sqlalchemy", "alembic", "app.cli.transfer", "logging", "logging.handlers",
         "importlib.metadata")
print("LOADED " + ",".join(h for h in heavy if any(m == h or m.startswith(h + ".")
                                                 for m in sys.modules)))
sys.exit(code)
"""


def _loaded(argv: list[str], home: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HEARTH_HOME": str(home), "TZ": "Europe/Berlin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    word, _, loaded = result.stdout.strip().splitlines()[-1].partition(" ")
    assert word == "LOADED"
    return set(filter(None, loaded.split(",")))


def test_status_and_summary_import_only_what_they_need(tmp_path: Path, hermetic_home: Path) -> None:
    db = str(tmp_path / "shop.db")
    home = tmp_path / "home"
    assert cli.main(["--db", db, "people", "add", "Ann"]) == 0
    assert cli.main(["--db", db, "log", "sales", "1h30", "--at", "2026-11-17 09:00"]) == 0
    # status reads the file with Python's sqlite3: no SQLAlchemy, no logging, one parser
    assert _loaded(["--db", db, "status", "--week", "2026-W47"], home) == set()
    # summary --json reads it the same way: the review's reads are SQL text (#19), and it
    # needs no Qt, no PDF and no window either
    assert _loaded(["--db", db, "summary", "--json", "--week", "2026-W47"], home) == set()


# The modules whose figures `status` makes (#19). Their records are NamedTuples or plain
# classes: a frozen dataclass costs ~1 ms to define and ~4 µs to make, and `dataclasses`
# imports `inspect` and `ast` (~12 ms). The settings and the goals are read on that road too.
QUICK_FIGURES = (
    "app.model.store.settings",
    "app.model.goals.service",
    "app.model.people",
    "app.model.time.types",
    "app.model.time.hours",
    "app.model.time.targets",
    "app.model.goals.pacing",
)


def test_the_figures_status_makes_are_no_dataclasses() -> None:
    imports = "".join(f"import {module}\n" for module in QUICK_FIGURES)
    probe = f"import sys\n{imports}print('dataclasses' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
