"""`make run` names the exact packages Qt's X11 plugin is missing (Qt's own message names the
wrong one)."""

from __future__ import annotations

from pathlib import Path

from tools import display_libs

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd1d9f4000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f5a1c000000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f5a1bfd0000)
"""


def test_what_ldd_does_not_find_is_named_with_its_packages() -> None:
    missing = display_libs.not_found(LDD)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    said = display_libs.advice(missing)
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in said
    assert "sudo dnf install xcb-util-keysyms xcb-util-wm" in said
    assert "cursor" not in said  # not what Qt's own message blames


def test_it_looks_only_when_qt_would_use_x11() -> None:
    assert display_libs.uses_x11({"DISPLAY": ":0"})
    assert not display_libs.uses_x11({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})
    assert not display_libs.uses_x11({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"})
    assert display_libs.uses_x11({"QT_QPA_PLATFORM": "xcb"})
    assert not display_libs.uses_x11({})


def test_the_plugin_it_asks_about_is_the_installed_one() -> None:
    files = display_libs.plugin_files()
    assert files and all(isinstance(path, Path) and path.exists() for path in files)
    assert files[0].name == "libqxcb.so"
