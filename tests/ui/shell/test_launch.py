"""Starting the app: `python -m app` shows the window and opens the database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.model import first_run
from app.model.store import db
from tests import ROOT


def _set_up(path: Path) -> None:
    store = db.open_store(db.sqlite_location(path))
    with store.writer() as session:
        first_run.complete(session, first_run.FirstRunAnswers("Shop", ("Ann",)))
    store.close()


def _python(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python ARGV…` from the project's folder, offscreen; it must exit 0."""
    result = subprocess.run(
        [sys.executable, *argv],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.slow
def test_python_m_app_shows_the_window_then_opens_the_database(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    _set_up(path)
    result = _python("-m", "app", "--db", str(path), HEARTH_BENCH_EXIT="ready")
    shown, ready = result.stdout.split("\n")[:2]
    assert shown.startswith("HEARTH_SHOWN ") and ready.startswith("HEARTH_READY ")
    assert float(shown.split()[1]) <= float(ready.split()[1])


@pytest.mark.slow
def test_the_dashboard_numbers_come_before_the_other_pages_modules(tmp_path: Path) -> None:
    """At "ready" only the Dashboard is built: no other page's modules, no PDF, and no
    SQLAlchemy: the numbers are read from the file with sqlite3 alone (#19)."""
    path = tmp_path / "app.db"
    _set_up(path)
    probe = (
        "import sys, os\n"
        "os.environ['HEARTH_BENCH_EXIT'] = 'ready'\n"
        "from app.ui.shell.launch import main\n"
        f"code = main(['--db', {str(path)!r}])\n"
        "later = ('app.ui.leads.page', 'app.ui.time.page', 'app.ui.campaigns.page',\n"
        "         'app.ui.review.page', 'app.report', 'reportlab', 'PySide6.QtPdf',\n"
        "         'sqlalchemy', 'app.model.store.entities', 'alembic')\n"
        "print('LOADED', [m for m in later if m in sys.modules])\n"
        "sys.exit(code)\n"
    )
    result = _python("-c", probe)
    assert "LOADED []" in result.stdout


@pytest.mark.slow
def test_the_bench_times_each_page_first_shown_after_ready(tmp_path: Path) -> None:
    """After the Dashboard's numbers the window imports the other pages' modules while idle
    (pages_warmed), then the bench shows each page for the first time."""
    path = tmp_path / "app.db"
    _set_up(path)
    result = _python("-m", "app", "--db", str(path), HEARTH_BENCH_EXIT="pages")
    words = [line.split() for line in result.stdout.splitlines()]
    assert [w[0] for w in words] == ["HEARTH_SHOWN", "HEARTH_READY", "HEARTH_WARMED",
                                     *["HEARTH_PAGE"] * 4, "HEARTH_WHOLE"]  # fmt: skip
    assert [w[3] for w in words[3:7]] == ["Leads", "Time", "Campaigns", "Review"]
    assert words[7][1] == "4" and int(words[7][3]) >= 1  # the Review page's whole PDF


@pytest.mark.slow
def test_a_page_first_shown_after_the_idle_imports_imports_nothing_more(tmp_path: Path) -> None:
    """The idle imports leave a page's first show its data to read and its widgets to make:
    no module of ours or of Qt is imported then (#19: first show of a page ≤ 150 ms)."""
    path = tmp_path / "app.db"
    _set_up(path)
    probe = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.ui.shell.main_window import MainWindow\n"
        f"window = MainWindow(db_path={str(path)!r})\n"
        "window.show()\n"
        "app.processEvents()\n"
        "warmed = []\n"
        "window.pages_warmed.connect(lambda: warmed.append(True))\n"
        "window.open_database()\n"
        "while not warmed:\n"
        "    app.processEvents()\n"
        "for index in range(1, 5):\n"
        "    before = set(sys.modules)\n"
        "    window.show_page(index)\n"
        "    app.processEvents()\n"
        "    new = set(sys.modules) - before\n"
        "    new = sorted(m for m in new if m.startswith(('app', 'PySide6')))\n"
        "    print('PAGE', index, *new)\n"
    )
    result = _python("-c", probe)
    assert result.stdout.splitlines() == ["PAGE 1", "PAGE 2", "PAGE 3", "PAGE 4"]


@pytest.mark.slow
def test_the_window_is_shown_before_sqlalchemy_is_imported(tmp_path: Path) -> None:
    probe = (
        "import sys, os\n"
        "os.environ['HEARTH_BENCH_EXIT'] = 'shown'\n"
        "from app.ui.shell.launch import main\n"
        f"code = main(['--db', {str(tmp_path / 'x.db')!r}])\n"
        "print('SQLALCHEMY', 'sqlalchemy' in sys.modules)\n"
        "print('REPORTLAB', 'reportlab' in sys.modules)\n"
        "sys.exit(code)\n"
    )
    result = _python("-c", probe)
    assert "SQLALCHEMY False" in result.stdout
    assert "REPORTLAB False" in result.stdout


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    from app.ui.shell import launch

    with pytest.raises(SystemExit) as exited:
        launch.parse_args(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("Hearth ")


def test_the_window_reads_its_options_and_leaves_the_rest_to_qt(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.ui.shell import launch

    assert launch.parse_args(["--db", "/tmp/a.db"]).db == "/tmp/a.db"
    assert launch.parse_args(["--db=/tmp/b.db", "-platform", "offscreen"]).db == "/tmp/b.db"
    assert launch.parse_args([]).db is None
    with pytest.raises(SystemExit) as exited:
        launch.parse_args(["--db"])
    assert exited.value.code == 2
    assert "--db needs a PATH" in capsys.readouterr().err
