"""Printing a PDF shown with QtPdf: each page rendered at the printer's resolution, scaled
to fit its printable area."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPagedPaintDevice, QPainter
from PySide6.QtPdf import QPdfDocument


def paint_pages(document: QPdfDocument, printer: QPagedPaintDevice) -> int | None:
    """Paint every page of `document` onto `printer`; the pages painted, or None if the
    printer could not be started."""
    painter = QPainter()
    if not painter.begin(printer):
        return None
    pages = document.pageCount()
    try:
        for number in range(pages):
            if number:
                printer.newPage()
            area = painter.viewport()
            points = document.pagePointSize(number)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            painter.drawImage(0, 0, document.render(number, size))
    finally:
        painter.end()
    return pages
