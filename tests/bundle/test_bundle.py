"""The stand-alone folder `make bundle` builds: it starts, its command line works, it is lean.

Run by `make bundle-check` (and so by .ci/run) after the build; `make test` leaves these out.
The bundle runs with an environment that names no Python at all.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from app.version import version
from tests import ROOT

pytestmark = pytest.mark.bundle
BUNDLE = Path(os.environ.get("HEARTH_BUNDLE", ROOT / "dist" / "Hearth"))


@pytest.fixture
def bundle() -> Path:
    if not (BUNDLE / "Hearth").exists():
        if os.environ.get("CI"):
            pytest.fail(f"no bundle at {BUNDLE}: `make bundle` should have built it")
        pytest.skip(f"no bundle at {BUNDLE}; build it with `make bundle`")
    return BUNDLE


def run(command: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run from the bundle with a bare environment: no PATH to a Python, no PYTHON* vars."""
    env = {
        "PATH": "/nonexistent",
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "HEARTH_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "TZ": "Europe/Berlin",
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_window_passes_its_smoke_test(bundle: Path, tmp_path: Path) -> None:
    result = run([str(bundle / "Hearth"), "--smoke"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "showed Dashboard, Leads, Time, Campaigns, Review" in result.stdout


def test_both_executables_know_the_version(bundle: Path, tmp_path: Path) -> None:
    assert run([str(bundle / "hearth-cli"), "--version"], tmp_path).stdout == (
        f"hearth-cli {version()}\n"
    )
    assert run([str(bundle / "Hearth"), "--version"], tmp_path).stdout == f"Hearth {version()}\n"


def test_the_command_line_migrates_fills_reviews_and_prints(bundle: Path, tmp_path: Path) -> None:
    cli = str(bundle / "hearth-cli")
    database = str(tmp_path / "shop.db")
    for step in (["demo", "--leads", "200", "--weeks", "8"], ["report", "-o", "week.pdf"]):
        result = run([cli, "--db", database, *step], tmp_path)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "week.pdf").read_bytes().startswith(b"%PDF")
    summary = run([cli, "--db", database, "summary", "--json"], tmp_path)
    assert summary.returncode == 0, summary.stderr
    assert set(json.loads(summary.stdout)) >= {"week", "hours", "leads", "campaigns", "advice"}


def test_only_the_qt_modules_hearth_uses_are_inside(bundle: Path) -> None:
    names = {path.name for path in bundle.rglob("*")}
    for unused in ("QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia", "QtSql"):
        assert not [name for name in names if unused in name], unused
    for used in ("QtCharts", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtNetwork"):
        assert [name for name in names if used in name], used


def test_its_launcher_starts_the_bundled_window(bundle: Path, tmp_path: Path) -> None:
    from tests.test_desktop_entry import exec_line, validate

    result = run([str(bundle / "hearth-cli"), "install-desktop"], tmp_path)
    assert result.returncode == 0, result.stderr
    launcher = tmp_path / ".local" / "share" / "applications" / "hearth.desktop"
    validate(launcher)
    assert exec_line(launcher) == str((bundle / "Hearth").resolve())
