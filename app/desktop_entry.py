"""Hearth in the Linux applications menu: the launcher and icons under the user's data folder.

`hearth-cli install-desktop` writes `applications/hearth.desktop` (from
resources/hearth_resources/hearth.desktop, with `Exec` and `TryExec` naming the Hearth that is
installed) and the icon in every hicolor size under `$XDG_DATA_HOME` (default
`~/.local/share`); `uninstall-desktop` removes exactly those files.
No Qt, no root, nothing outside that folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from hearth_resources import ICON_SIZES, icon_png, resource_path

from app.model.errors import HearthError
from app.model.safety.atomic_file import write_bytes

APP_ID = "hearth"
# Characters the Desktop Entry spec reserves in Exec: an argument holding one is quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass(frozen=True)
class Installed:
    launcher: Path
    icons: tuple[Path, ...]


def data_home(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    # The spec says a relative value is invalid and must be ignored.
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def window_command() -> list[str]:
    """How to start this Hearth's window: the bundle's executable, the installed `hearth`
    script beside this `hearth-cli`, or this Python running `-m app`."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve().parent / "Hearth")]
    beside = Path(sys.argv[0]).absolute().parent / "hearth"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("hearth")
    if found:
        return [str(Path(found).absolute())]
    return [sys.executable, "-m", "app"]


def exec_quote(argument: str) -> str:
    """One Exec argument, quoted as the Desktop Entry spec asks (before the file's own
    backslash escaping, which `_escape_value` adds)."""
    if argument and not (set(argument) & _RESERVED):
        return argument.replace("%", "%%")
    inner = "".join("\\" + c if c in '"`$\\' else c for c in argument).replace("%", "%%")
    return f'"{inner}"'


def _escape_value(value: str) -> str:
    return value.replace("\\", "\\\\")


def launcher_text(command: list[str]) -> str:
    """resources/hearth_resources/hearth.desktop with Exec (and TryExec) naming `command`."""
    exec_line = _escape_value(" ".join(exec_quote(part) for part in command))
    lines = []
    for line in resource_path("hearth.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            lines.append(f"TryExec={_escape_value(command[0])}")
            lines.append(f"Exec={exec_line}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _targets(home: Path) -> tuple[Path, list[tuple[Path, Path]]]:
    launcher = home / "applications" / f"{APP_ID}.desktop"
    icons = [
        (
            icon_png(size),
            home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png",
        )
        for size in ICON_SIZES
    ]
    icons.append(
        (
            resource_path("hearth.svg"),
            home / "icons" / "hicolor" / "scalable" / "apps" / "hearth.svg",
        )
    )
    return launcher, icons


def install(home: Path | None = None, command: list[str] | None = None) -> Installed:
    home = data_home() if home is None else home
    try:
        return _install(home, command or window_command())
    except OSError as exc:
        raise HearthError(
            f"Cannot install the launcher under {home}: {exc.strerror or exc}."
        ) from exc


def _install(home: Path, command: list[str]) -> Installed:
    launcher, icons = _targets(home)
    for source, target in icons:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    launcher.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(launcher, launcher_text(command).encode())
    launcher.chmod(0o755)  # some desktops want a launcher to be executable to trust it
    _refresh_caches(home)
    return Installed(launcher, tuple(target for _source, target in icons))


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove the launcher and icons `install` wrote; return those that were there."""
    home = data_home() if home is None else home
    launcher, icons = _targets(home)
    removed = []
    try:
        for path in [launcher, *(target for _source, target in icons)]:
            if path.exists():
                path.unlink()
                removed.append(path)
    except OSError as exc:
        raise HearthError(f"Cannot remove {exc.filename}: {exc.strerror or exc}.") from exc
    _refresh_caches(home)
    return removed


def _refresh_caches(home: Path) -> None:
    """Tell the menu and the icon theme; both tools are optional, so their absence is fine."""
    for command, folder in (
        (["update-desktop-database", "-q"], home / "applications"),
        (["gtk-update-icon-cache", "-q", "-t"], home / "icons" / "hicolor"),
    ):
        found = shutil.which(command[0])
        if found and folder.is_dir():
            subprocess.run(
                [found, *command[1:], str(folder)], check=False, capture_output=True, timeout=30
            )
