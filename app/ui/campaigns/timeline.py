"""The promotional calendar: each dated campaign as a bar on a timeline, today marked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.colors import ACCENT

ROW = 18
LABEL = 190
TOP = 18


@dataclass(frozen=True)
class TimelineBar:
    name: str
    start: date
    end: date
    open_ended: bool = False  # drawn fading out at today's line


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

    def month_marks(self, advance: Callable[[str], int]) -> list[tuple[float, str]]:
        """Where each month begins, with its name — or "" where the name would run into the
        one before (over a long span the names thin out, never overlap)."""
        marks: list[tuple[float, str]] = []
        month = date(self.first.year, self.first.month, 1)
        label_end = float("-inf")
        right = self.width() - 2
        named_yet = False
        while month <= self.last:
            x = self.x_of(max(month, self.first))
            following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
            # "May 2026", "Jun", … "Jan 2027": a month, and its year where one begins
            label = f"{month:%b}" if named_yet and month.month != 1 else f"{month:%b %Y}"
            # A first month begun part-way whose name runs into the next one's stays unnamed:
            # the next, whole month keeps its name (it lost it: "May 2026", then no "Jun").
            squeezed = (
                not marks
                and self.first.day > 1
                and following <= self.last
                and x + 2 + advance(label) + 6 > self.x_of(following) + 2
            )
            if not squeezed and x + 2 >= label_end + 6 and x + 2 + advance(label) <= right:
                marks.append((x, label))
                label_end = x + 2 + advance(label)
                named_yet = True
            else:
                marks.append((x, ""))
            month = following
        return marks

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
        painter.setPen(faint)
        advance = painter.fontMetrics().horizontalAdvance
        for x, label in self.month_marks(advance):
            if label:
                painter.drawText(
                    QRectF(x + 2, 0, advance(label) + 4, TOP - 2),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
            painter.drawLine(int(x), TOP - 4, int(x), self.height())
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
            # an open-ended campaign runs up to today's line, not past it
            end = bar.end if bar.open_ended else bar.end + timedelta(days=1)
            x2 = max(x1 + 3, self.x_of(end))
            painter.drawRoundedRect(QRectF(x1, y + 3, x2 - x1, ROW - 6), 3, 3)
            if bar.open_ended:  # no end date: an arrow says it runs on
                painter.setPen(text)
                painter.drawText(
                    QRectF(x2 + 2, y, 16, ROW),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    "▸",
                )
        painter.setPen(QPen(QColor("#c0392b"), 2))
        x = self.x_of(self.today)
        painter.drawLine(int(x), TOP - 6, int(x), self.height())
        painter.end()
