"""The Linux launcher: valid, naming the installed Hearth, and removed again on request."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app import desktop_entry
from app.cli import main as cli


def require_validator() -> str:
    """desktop-file-validate (Debian's desktop-file-utils, which .ci/run installs)."""
    found = shutil.which("desktop-file-validate")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("desktop-file-validate is missing; .ci/run should have installed it")
        pytest.skip("desktop-file-validate (desktop-file-utils) is not installed here")
    return found


def validate(path: Path) -> None:
    result = subprocess.run(
        [require_validator(), str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # no warnings either


def exec_line(launcher: Path) -> str:
    lines = launcher.read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if line.startswith("Exec=")).removeprefix("Exec=")


def test_the_shipped_desktop_file_is_valid() -> None:
    from hearth_resources import resource_path

    validate(resource_path("hearth.desktop"))


def test_install_writes_a_valid_launcher_naming_this_hearth_and_every_icon(
    tmp_path: Path,
) -> None:
    home = tmp_path / "share"
    command = ["/opt/My Apps/hearth"]
    installed = desktop_entry.install(home, command)
    assert installed.launcher == home / "applications" / "hearth.desktop"
    validate(installed.launcher)
    assert exec_line(installed.launcher) == '"/opt/My Apps/hearth"'
    assert "TryExec=/opt/My Apps/hearth" in installed.launcher.read_text()
    for size in (16, 32, 48, 128, 256, 512):
        icon = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "hearth.png"
        assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / "hearth.svg").exists()


def test_uninstall_removes_exactly_what_install_wrote(tmp_path: Path) -> None:
    home = tmp_path / "share"
    (home / "applications").mkdir(parents=True)
    other = home / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\n")
    installed = desktop_entry.install(home, ["/usr/bin/hearth"])
    removed = desktop_entry.uninstall(home)
    assert sorted(removed) == sorted([installed.launcher, *installed.icons])
    assert other.exists()
    assert desktop_entry.uninstall(home) == []


@pytest.mark.parametrize(
    ("argument", "quoted"),
    [
        ("/usr/bin/hearth", "/usr/bin/hearth"),
        ("/home/zoë/bin/hearth", "/home/zoë/bin/hearth"),
        ("/opt/a b/hearth", '"/opt/a b/hearth"'),
        ('/opt/say "hi"/hearth', '"/opt/say \\"hi\\"/hearth"'),
        ("/opt/$HOME/hearth", '"/opt/\\$HOME/hearth"'),
        ("/opt/100%/hearth", "/opt/100%%/hearth"),
    ],
)
def test_exec_arguments_are_quoted_as_the_spec_says(argument: str, quoted: str) -> None:
    assert desktop_entry.exec_quote(argument) == quoted


def test_a_folder_that_cannot_be_written_gets_a_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "share"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(desktop_entry.HearthError, match="Cannot install the launcher under"):
        desktop_entry.install(blocker, ["/usr/bin/hearth"])


def test_the_commands_install_and_uninstall_under_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert cli.main(["install-desktop"]) == 0
    launcher = tmp_path / "xdg" / "applications" / "hearth.desktop"
    validate(launcher)
    assert "applications menu" in capsys.readouterr().out
    assert cli.main(["uninstall-desktop"]) == 0
    assert not launcher.exists()
    assert "Your data is untouched" in capsys.readouterr().out
