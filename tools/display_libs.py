"""Before `make run` on Linux: are the system libraries Qt's X11 (xcb) plugin needs there?

Without them Qt stops with a message that names the wrong one ("xcb-cursor0 … is needed" when
libxcb-icccm4 and libxcb-keysyms1 were missing). This asks the dynamic linker (`ldd`) which
libraries of the plugin are not found and names the exact packages to install, for
Debian/Ubuntu and Fedora.

    python -m tools.display_libs      exit 0 when all is there (or not Linux), 1 when not
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# library file → (Debian/Ubuntu package, Fedora package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
}


def plugin_files() -> list[Path]:
    """Qt's xcb platform plugin and the Qt library it loads, in the installed PySide6."""
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    found = [qt / "plugins" / "platforms" / "libqxcb.so"]
    found += sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1]
    return [path for path in found if path.exists()]


def not_found(ldd_output: str) -> list[str]:
    """The libraries `ldd` reports as 'not found', in its order, each once."""
    missing: list[str] = []
    for line in ldd_output.splitlines():
        name, _arrow, where = line.strip().partition("=>")
        if "not found" in where and name.strip() not in missing:
            missing.append(name.strip())
    return missing


def advice(missing: list[str]) -> str:
    """What to install, in words a person can copy into a terminal."""
    debian = sorted({PACKAGES.get(lib, (lib, lib))[0] for lib in missing})
    fedora = sorted({PACKAGES.get(lib, (lib, lib))[1] for lib in missing})
    return (
        f"Hearth's window needs system libraries that are not installed: {', '.join(missing)}.\n"
        "Install them, then run `make run` again:\n"
        f"  Debian, Ubuntu:  sudo apt-get install {' '.join(debian)}\n"
        f"  Fedora:          sudo dnf install {' '.join(fedora)}"
    )


def uses_x11(environ: dict[str, str]) -> bool:
    """Will Qt use its X11 plugin? (Told so, or on an X display without a Wayland one.)"""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.startswith("xcb")
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def main() -> int:
    if not sys.platform.startswith("linux") or not uses_x11(dict(os.environ)):
        return 0
    ldd = shutil.which("ldd")
    if ldd is None:
        return 0
    missing: list[str] = []
    for path in plugin_files():
        result = subprocess.run([ldd, str(path)], capture_output=True, text=True, check=False)
        missing += [lib for lib in not_found(result.stdout) if lib not in missing]
    if missing:
        print(advice(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
