"""`pip install .` into a fresh virtual environment gives working `hearth` and `hearth-cli`.

The source is copied first (so nothing is built inside the repository and only the files
pyproject.toml ships are used), and Hearth's dependencies come from this test environment
through a .pth file instead of a second download of Qt.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests import ROOT
from tests.test_desktop_entry import exec_line, validate

SHIPPED = ("pyproject.toml", "README.md", "app", "resources")


def _run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.slow
def test_pip_install_gives_working_commands_and_a_launcher(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in SHIPPED:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name)
    for leftover in (*source.rglob("__pycache__"), *source.glob("*.egg-info")):
        shutil.rmtree(leftover)

    venv = tmp_path / "venv"
    # pip is this environment's (`pip --python`), not a copy put into the new venv
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path)
    python = venv / "bin" / "python"
    new_site = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        tmp_path,
    ).stdout.strip()
    # This environment's packages, and those of another venv it borrows them from by a .pth
    # (a worktree's venv; a .pth named in a .pth is not read)
    borrowed = [path for path in sys.path if path.endswith("site-packages")]
    dependencies = [sysconfig.get_paths()["purelib"], *borrowed]
    (Path(new_site) / "hearth-test-dependencies.pth").write_text(
        "".join(f"{path}\n" for path in dict.fromkeys(dependencies))
    )
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    _run([*pip, "install", "-q", "--no-deps", "--no-compile", str(source)], tmp_path)

    work = tmp_path / "elsewhere"  # not the repository: only the installed copy is importable
    work.mkdir()
    where = _run([str(python), "-c", "import app; print(app.__file__)"], work)
    assert where.stdout.startswith(str(venv))
    home = {"HEARTH_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}

    cli = _run([str(venv / "bin" / "hearth-cli"), "--version"], work, **home)
    assert cli.stdout.startswith("hearth-cli 0.")
    _run([str(venv / "bin" / "hearth-cli"), "init"], work, **home)
    window = _run([str(venv / "bin" / "hearth"), "--version"], work, **home)
    assert window.stdout.startswith("Hearth 0.")

    xdg = tmp_path / "xdg"
    _run([str(venv / "bin" / "hearth-cli"), "install-desktop"], work, XDG_DATA_HOME=str(xdg))
    launcher = xdg / "applications" / "hearth.desktop"
    validate(launcher)
    assert exec_line(launcher) == str(venv / "bin" / "hearth")
    smoke = _run([exec_line(launcher), "--smoke"], work, **home)
    assert "smoke test passed" in smoke.stdout
