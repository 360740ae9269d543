"""Make the app icon's PNGs, Windows .ico and macOS .icns from the SVG in resources/.

    QT_QPA_PLATFORM=offscreen python -m tools.icons      (or: make icons)

The SVG (resources/hearth_resources/hearth.svg) is the one source; the files it writes into
resources/hearth_resources/icons/ are committed, so neither an install nor a bundle build needs
this script. Both containers hold PNG images, which every Windows since Vista and every macOS
since 10.7 reads.
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Mapping
from pathlib import Path

from hearth_resources import ICON_SIZES

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "hearth_resources" / "hearth.svg"
OUT = ROOT / "resources" / "hearth_resources" / "icons"

# The hicolor sizes a Linux desktop looks for, up to 512 px.
PNG_SIZES = ICON_SIZES
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG-carrying icon types and the pixel size each holds.
ICNS_TYPES = {
    b"icp4": 16,
    b"icp5": 32,
    b"icp6": 64,
    b"ic07": 128,
    b"ic08": 256,
    b"ic09": 512,
    b"ic10": 1024,
    b"ic11": 32,
    b"ic12": 64,
    b"ic13": 256,
    b"ic14": 512,
}


def ico_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG per size (256 is written as 0, as the format says)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: Mapping[bytes, bytes]) -> bytes:
    """A macOS .icns: the 'icns' header, then (type, length, PNG) for each icon type."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in pngs.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at size × size, antialiased, on a transparent background."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def write_all(svg: Path = SVG, out: Path = OUT) -> list[Path]:
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    out.mkdir(parents=True, exist_ok=True)
    needed = set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_TYPES.values())
    pngs = {size: render_png(svg, size) for size in sorted(needed)}
    written = []
    for size in PNG_SIZES:
        path = out / f"hearth-{size}.png"
        path.write_bytes(pngs[size])
        written.append(path)
    ico = out / "hearth.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = out / "hearth.icns"
    icns.write_bytes(icns_bytes({kind: pngs[size] for kind, size in ICNS_TYPES.items()}))
    return [*written, ico, icns]


def main() -> int:
    for path in write_all():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
