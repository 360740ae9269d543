"""The promotional calendar: each dated campaign as a bar on a timeline, today marked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.ui.theme import ACCENT

ROW = 18
LABEL = 190
TOP = 18


@dataclass(frozen=True)
class TimelineBar:
    name: str
    start: date
    end: date


class CampaignTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[TimelineBar] = []
        self.today = date.today()
        self.first = self.last = self.today
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("Campaigns by their dates; the line is today")

    def show_bars(self, bars: list[TimelineBar], today: date | None = None) -> None:
        self.today = today or date.today()
        self.bars = sorted(bars, key=lambda b: (b.start, b.name))
        if self.bars:
            self.first = min(self.today, min(b.start for b in self.bars))
            self.last = max(self.today, max(b.end for b in self.bars)) + timedelta(days=1)
        self.setFixedHeight(TOP + max(1, len(self.bars)) * ROW + 6)
        self.update()

    def x_of(self, day: date) -> float:
        span = max((self.last - self.first).days, 1)
        width = self.width() - LABEL - 8
        return LABEL + width * (day - self.first).days / span

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().text().color()
        faint = self.palette().placeholderText().color()
        if not self.bars:
            painter.setPen(faint)
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                "Give campaigns start and end dates to see them on a calendar.",
            )
            painter.end()
            return
        month = date(self.first.year, self.first.month, 1)
        painter.setPen(faint)
        while month <= self.last:
            x = self.x_of(max(month, self.first))
            painter.drawText(
                QRectF(x + 2, 0, 60, TOP - 2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{month:%b %y}",
            )
            painter.drawLine(int(x), TOP - 4, int(x), self.height())
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        for number, bar in enumerate(self.bars):
            y = TOP + number * ROW
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y, LABEL - 8, ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                painter.fontMetrics().elidedText(bar.name, Qt.TextElideMode.ElideRight, LABEL - 10),
            )
            painter.setPen(Qt.PenStyle.NoPen)
            running = bar.start <= self.today <= bar.end
            painter.setBrush(QColor(ACCENT if running else "#8a9bb0"))
            x1 = self.x_of(bar.start)
            x2 = max(x1 + 3, self.x_of(bar.end + timedelta(days=1)))
            painter.drawRoundedRect(QRectF(x1, y + 3, x2 - x1, ROW - 6), 3, 3)
        painter.setPen(QPen(QColor("#c0392b"), 2))
        x = self.x_of(self.today)
        painter.drawLine(int(x), TOP - 6, int(x), self.height())
        painter.end()
