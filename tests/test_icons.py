"""The app icon files: every PNG size, and .ico / .icns containers that hold them."""

from __future__ import annotations

import struct
from pathlib import Path

from hearth_resources import ICON_SIZES, icon_png, resource_path
from PySide6.QtGui import QImage, QImageReader
from pytestqt.qtbot import QtBot

from tools import icons


def test_every_png_has_its_size(qtbot: QtBot) -> None:
    for size in ICON_SIZES:
        image = QImage(str(icon_png(size)))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


def test_the_ico_holds_every_windows_size(qtbot: QtBot) -> None:
    reader = QImageReader(str(resource_path("icons") / "hearth.ico"))
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        sizes.append(reader.read().width())
    assert sorted(sizes) == sorted(icons.ICO_SIZES)


def test_the_icns_lists_each_type_with_a_png_of_its_size(qtbot: QtBot) -> None:
    data = (resource_path("icons") / "hearth.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, offset = {}, 8
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        image = QImage.fromData(data[offset + 8 : offset + length], "PNG")
        found[kind] = image.width()
        offset += length
    assert found == icons.ICNS_TYPES


def test_the_containers_are_written_as_the_formats_say(tmp_path: Path) -> None:
    pngs = {16: b"sixteen", 256: b"two-five-six"}
    ico = icons.ico_bytes(pngs)
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 2)
    first = struct.unpack("<BBBBHHII", ico[6:22])
    second = struct.unpack("<BBBBHHII", ico[22:38])
    assert first == (16, 16, 0, 0, 1, 32, 7, 38)
    assert second == (0, 0, 0, 0, 1, 32, 12, 45)  # 256 px is written as 0
    assert ico[38:] == b"sixteentwo-five-six"
    assert icons.icns_bytes({b"ic07": b"png"}) == b"icns\x00\x00\x00\x13ic07\x00\x00\x00\x0bpng"
