"""Paints a cell as a small coloured chip (a lead's temperature or status)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.colors import STATE_COLORS


class ChipDelegate(QStyledItemDelegate):
    """Words in `plain` (such as "open", the usual state) are drawn as ordinary text."""

    def __init__(self, parent: QObject | None = None, plain: frozenset[str] = frozenset()) -> None:
        super().__init__(parent)
        self.plain = plain

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        color = None if text in self.plain else STATE_COLORS.get(text)
        if color is None:
            super().paint(painter, option, index)
            return
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        metrics = QFontMetrics(option.font)
        width = metrics.horizontalAdvance(text) + 16
        rect = option.rect
        height = min(rect.height() - 6, metrics.height() + 4)
        chip = QRectF(rect.left() + 6, rect.top() + (rect.height() - height) / 2, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
