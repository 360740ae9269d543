"""The campaign table: each campaign with its figures (a few dozen rows; sorted by a proxy)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.model.campaigns.figures import CampaignFigures
from app.model.formatting import hours_figure, money, percent

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROOT = QModelIndex()


class CampaignTableModel(QAbstractTableModel):
    COLUMNS: tuple[tuple[str, str], ...] = (
        ("Campaign", "name"),
        ("Channel", "channel"),
        ("Cost", "cost"),
        ("Leads", "leads"),
        ("Warm", "reached_warm"),
        ("Hot", "reached_hot"),
        ("Won", "won"),
        ("Lost", "lost"),
        ("Win rate", "win_rate"),
        ("Revenue", "revenue"),
        ("Cost/lead", "cost_per_lead"),
        ("CAC", "cac"),
        ("Hours", "hours"),
        ("True CAC", "true_cac"),
    )
    MONEY = frozenset({"cost", "revenue", "cost_per_lead", "cac", "true_cac"})
    # Shown only when chosen: the channel, the funnel's steps, cost per lead and the hours.
    MORE_COLUMNS = (1, 4, 5, 7, 10, 12)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CampaignFigures] = []

    def set_rows(self, rows: list[CampaignFigures]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if (
            role == _DISPLAY
            and orientation == Qt.Orientation.Horizontal
            and (0 <= section < len(self.COLUMNS))
        ):
            return self.COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()][1]
        value = getattr(row, key)
        if role == _DISPLAY:
            if key in self.MONEY:
                return money(value)
            if key == "win_rate":
                return percent(value)
            if key == "hours":
                return hours_figure(value)
            return str(value)
        if role == SORT_ROLE:
            return float(value) if isinstance(value, Decimal) else (-1 if value is None else value)
        if role == ROW_ROLE:
            return row
        if role == _ALIGN and index.column() >= 2:
            return _RIGHT
        if role == _TOOLTIP and index.column() == 0:
            return row.poor_fit_warning()
        return None
