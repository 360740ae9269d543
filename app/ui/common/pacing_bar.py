"""The small pacing bar of the Dashboard's goal tile and the Review page: what was won so far
(filled), what was expected by now (a mark) and the month's goal (the whole bar), drawn with
QPainter (a chart would be heavy for three numbers)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.colors import STATE_COLORS


class PacingBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.won = self.expected = self.goal = Decimal(0)
        self.setMinimumHeight(18)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(240, 18)

    def show_pacing(self, won: Decimal, expected: Decimal, goal: Decimal) -> None:
        self.won, self.expected, self.goal = won, expected, goal
        self.setToolTip(f"won {won:,.0f}, expected by now {expected:,.0f}, goal {goal:,.0f}")
        self.update()

    def fractions(self) -> tuple[float, float]:
        """Won and expected as fractions of the bar (the goal, or won when past it)."""
        whole = max(self.goal, self.won)
        if whole <= 0:
            return 0.0, 0.0
        return float(self.won / whole), float(self.expected / whole)

    def paintEvent(self, _event: QPaintEvent) -> None:
        won, expected = self.fractions()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bar = QRectF(1, 3, self.width() - 2, self.height() - 6)
        painter.setPen(QPen(QColor(STATE_COLORS["open"]), 1))
        painter.setBrush(QColor("#ebe8ef"))
        painter.drawRoundedRect(bar, 4, 4)
        behind = won < expected
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STATE_COLORS["hot" if behind else "won"]))
        painter.drawRoundedRect(
            QRectF(bar.left(), bar.top(), bar.width() * won, bar.height()), 4, 4
        )
        x = bar.left() + bar.width() * expected
        painter.setPen(QPen(QColor("#222222"), 2))
        painter.drawLine(int(x), 0, int(x), self.height())
        painter.end()
