"""The whole business's funnel: the steps as a chart with the conversion between them, the
win rate by source and by the temperature a lead had when sales first contacted it, and the
win rates the weighted pipeline uses ("hot → won 38% (of 21 closed)")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.campaigns.funnel import Funnel
from app.model.formatting import count, percent
from app.ui.campaigns.funnel_chart import funnel_chart

if TYPE_CHECKING:
    from app.model.review.pipeline import WinRate

TEMPERATURE_ORDER = ("cold", "warm", "hot", "not contacted by sales")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _table(first: str) -> QTableWidget:
    table = QTableWidget(0, 5)
    table.setHorizontalHeaderLabels([first, "Leads", "Won", "Lost", "Win rate"])
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(22)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, 5):
        table.horizontalHeader().setSectionResizeMode(
            column, QHeaderView.ResizeMode.ResizeToContents
        )
    return table


def _fill(table: QTableWidget, groups: list[tuple[str, Funnel]]) -> None:
    table.setRowCount(len(groups))
    for row, (name, steps) in enumerate(groups):
        cells = [name, str(steps.created), str(steps.won), str(steps.lost), percent(steps.win_rate)]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(_RIGHT)
            table.setItem(row, column, item)


def _as_tall_as_its_rows(table: QTableWidget) -> None:
    """A table of a handful of rows (the temperatures) shows them all, with no scroll bar of
    its own: at 1024 × 700 it was given a share of the height and hid its last rows."""
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    header = table.horizontalHeader().sizeHint().height()
    table.setFixedHeight(header + rows + 2 * table.frameWidth())


class BusinessFunnel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = QChartView()
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumWidth(320)
        self.by_source = _table("Source")
        self.by_temperature = _table("Temperature")
        self.win_rates = QLabel()
        self.win_rates.setWordWrap(True)
        self.win_rates.setToolTip(
            "Of the leads closed in the last 365 days that were ever at each temperature, the "
            "share won — pulled toward the starting values (Settings) while few have closed. "
            "The review weighs the open pipeline with them."
        )
        # The pipeline's win rates under the funnel's chart (which gives way), so that the
        # column of tables keeps every temperature in view at 1024 × 700.
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self.chart, 1)
        left.addWidget(self.win_rates)
        right = QVBoxLayout()
        right.setSpacing(2)
        right.addWidget(QLabel("<b>Win rate by source</b>"))
        right.addWidget(self.by_source, 1)
        right.addWidget(QLabel("<b>… by temperature at the first sales contact</b>"))
        right.addWidget(self.by_temperature)
        row = QHBoxLayout(self)
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        self.show_funnel(Funnel(), {}, {}, {})

    def show_funnel(
        self,
        steps: Funnel,
        by_source: dict[str, Funnel],
        by_temperature: dict[str, Funnel],
        win_rates: dict[str, WinRate],
    ) -> None:
        self.win_rates.setText(
            "<b>Win rates of the pipeline</b> (last 365 days): "
            + ", ".join(rate.words() for rate in win_rates.values())
            if win_rates
            else ""
        )
        self.summary.setText(
            f"{count(steps.created, 'lead')} created; {steps.won} won and {steps.lost} lost by "
            "now — "
            f"a win rate of {percent(steps.win_rate)} (won ÷ won and lost). Under each step: "
            "the share of the step before that reached it."
        )
        self.chart.setChart(funnel_chart(steps))
        _fill(self.by_source, sorted(by_source.items(), key=lambda kv: (-kv[1].created, kv[0])))
        _fill(
            self.by_temperature,
            sorted(
                by_temperature.items(),
                key=lambda kv: (
                    TEMPERATURE_ORDER.index(kv[0]) if kv[0] in TEMPERATURE_ORDER else 99,
                    kv[0],
                ),
            ),
        )
        _as_tall_as_its_rows(self.by_temperature)
