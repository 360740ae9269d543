"""Quitting: the window goes away cleanly after a first start with dialogs opened, and a fatal
crash while the process ends still leaves its trace in crash.log.

Each runs the real `hearth` start-up in a child process (a crash at exit would take the test
runner with it), driven by a short script that answers the first-run questions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import ROOT

# Answers the first-run questions, then (with DIALOGS) opens Settings and New lead and cancels
# both, then quits with the window's Quit action (Ctrl+Q). EXTRA runs before the start.
DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
{extra}
app = QApplication([sys.argv[0], "-platform", "offscreen"])

def window():
    return next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")

def later(call, ms=50):
    QTimer.singleShot(ms, call)

def when_modal(answer):
    box = QApplication.activeModalWidget()
    if box is None:
        later(lambda: when_modal(answer))
    else:
        answer(box)

def first_run(box):
    box.business_edit.setText("Pixel Studio")
    box.person_edit.setText("Maya")
    box.save()
    later(open_settings if {dialogs} else quit, 300)

def open_settings():
    later(lambda: when_modal(lambda box: box.reject()))
    window().menu_actions.settings.trigger()
    later(new_lead)

def new_lead():
    leads = window().page(1)
    later(lambda: when_modal(lambda box: box.reject()))
    leads.new_lead()
    later(quit)

def quit():
    window().menu_actions.quit.trigger()

later(lambda: when_modal(first_run), 200)
from app.ui.shell.launch import main
sys.exit(main([]))
"""


def _run(home: Path, extra: str = "", dialogs: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HEARTH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", DRIVER.format(extra=extra, dialogs=dialogs)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _crash_log(home: Path) -> str:
    path = home / "logs" / "crash.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.mark.slow
@pytest.mark.parametrize("dialogs", [False, True], ids=["first-run-only", "and-dialogs"])
def test_quitting_after_the_first_start_is_clean(tmp_path: Path, dialogs: bool) -> None:
    home = tmp_path / "fresh"
    home.mkdir()
    result = _run(home, dialogs=dialogs)
    assert result.returncode == 0, result.stderr
    assert "shared QObject was deleted directly" not in result.stderr
    assert _crash_log(home) == ""
    assert (home / "hearth.db").exists()  # the first-run answers were saved


@pytest.mark.slow
def test_a_fatal_crash_while_the_process_ends_is_written_to_the_crash_log(tmp_path: Path) -> None:
    home = tmp_path / "fresh"
    home.mkdir()
    crash_at_exit = "import atexit, ctypes\natexit.register(lambda: ctypes.string_at(0))"
    result = _run(home, crash_at_exit)
    assert result.returncode != 0
    assert "Segmentation fault" in _crash_log(home)
