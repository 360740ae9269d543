"""The balance meter: each person's and everyone's marketing/sales split as bars, with the
target split marked, drawn with Qt's own chart module (loaded when the Time page is built,
after the window is on screen)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalPercentBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from app.colors import SIDE_COLORS
from app.model.enums import Side


@dataclass(frozen=True)
class BalanceRow:
    label: str
    marketing: float
    sales: float
    target_share: float


class BalanceChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(130)
        self.setMaximumHeight(190)
        self.rows: list[BalanceRow] = []
        self.show_rows([])

    def show_rows(self, rows: list[BalanceRow]) -> None:
        self.rows = rows
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundVisible(False)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        marketing, sales = QBarSet("Marketing"), QBarSet("Sales")
        marketing.setColor(QColor(SIDE_COLORS[Side.MARKETING]))
        sales.setColor(QColor(SIDE_COLORS[Side.SALES]))
        labels = []
        for row in rows:
            marketing.append(row.marketing)
            sales.append(row.sales)
            labels.append(row.label)
        series = QHorizontalPercentBarSeries()
        series.append(marketing)
        series.append(sales)
        series.setBarWidth(0.6)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(labels)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        share = QValueAxis()
        share.setRange(0, 100)
        share.setLabelFormat("%d%%")
        share.setTickCount(6)
        chart.addAxis(share, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(share)
        rows_axis = QValueAxis()  # the bars' own scale, for the target ticks
        rows_axis.setRange(-0.5, max(len(rows), 1) - 0.5)
        rows_axis.setVisible(False)
        chart.addAxis(rows_axis, Qt.AlignmentFlag.AlignRight)
        for number, row in enumerate(rows):  # the target split: a dark tick across each bar
            tick = QLineSeries()
            tick.setName("Target split")
            x = row.target_share * 100
            tick.append(QPointF(x, number - 0.38))
            tick.append(QPointF(x, number + 0.38))
            tick.setPen(QPen(QColor("#222222"), 3))
            chart.addSeries(tick)
            tick.attachAxis(share)
            tick.attachAxis(rows_axis)
            if number:
                chart.legend().markers(tick)[0].setVisible(False)
        self.setChart(chart)
