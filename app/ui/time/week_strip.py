"""The week at a glance: one row per day, the hours of the day across, each entry a block in
its side's colour (a running timer up to now). Entries crossing midnight show on both days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.colors import SIDE_COLORS
from app.model.time.entries import EntryInfo
from app.model.weeks import local_to_utc

ROW = 16
LABEL = 44
TOP = 16


class WeekStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monday = date.today() - timedelta(days=date.today().weekday())
        self.entries: list[EntryInfo] = []
        self.now = datetime.now(UTC)
        self.setMinimumHeight(TOP + 7 * ROW + 4)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("Each day from midnight to midnight; blue is marketing, orange sales")

    def show_week(self, monday: date, entries: list[EntryInfo], now: datetime) -> None:
        self.monday, self.entries, self.now = monday, entries, now
        self.update()

    def blocks(self) -> list[tuple[int, float, float, str]]:
        """(day number, first hour, last hour, side) for every piece of every entry."""
        pieces = []
        for day in range(7):
            midnight = datetime.combine(self.monday + timedelta(days=day), datetime.min.time())
            start, end = local_to_utc(midnight), local_to_utc(midnight + timedelta(days=1))
            length = (end - start).total_seconds() / 3600  # 23 or 25 on clock-change days
            for entry in self.entries:
                first = max(entry.start, start)
                last = min(entry.end or self.now, end)
                if last > first:
                    pieces.append(
                        (
                            day,
                            (first - start).total_seconds() / 3600 * 24 / length,
                            (last - start).total_seconds() / 3600 * 24 / length,
                            entry.side.value,
                        )
                    )
        return pieces

    def hour_place(self, hour: int) -> QRectF:
        """Where an hour's label goes: centred on its hour, but inside the strip ("24" at the
        right edge was half cut)."""
        width = self.width() - LABEL - 4
        place = QRectF(LABEL + width * hour / 24 - 15, 0, 30, TOP - 2)
        if place.right() > self.width():
            place.moveRight(self.width())
        return place

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width() - LABEL - 4
        grid = QColor(self.palette().mid().color())
        text = self.palette().placeholderText().color()
        painter.setPen(text)
        for hour in range(0, 25, 3):
            painter.drawText(self.hour_place(hour), Qt.AlignmentFlag.AlignCenter, f"{hour:02d}")
        for day in range(7):
            y = TOP + day * ROW
            painter.setPen(text)
            label = (self.monday + timedelta(days=day)).strftime("%a")
            painter.drawText(
                QRectF(0, y, LABEL - 6, ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            painter.setPen(QPen(grid, 1))
            painter.drawLine(LABEL, y + ROW - 1, LABEL + width, y + ROW - 1)
        painter.setPen(Qt.PenStyle.NoPen)
        for day, first, last, side in self.blocks():
            color = QColor(SIDE_COLORS[side])
            painter.setBrush(color)
            x1 = LABEL + width * first / 24
            x2 = max(x1 + 1.5, LABEL + width * last / 24)
            painter.drawRoundedRect(QRectF(x1, TOP + day * ROW + 2, x2 - x1, ROW - 5), 2, 2)
        painter.end()
