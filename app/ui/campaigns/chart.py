"""Campaigns compared: leads and customers won per campaign as bars, CAC as a line."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from app.colors import STATE_COLORS
from app.model.campaigns.figures import CampaignFigures
from app.ui.common.axes import value_axis

SHOWN = 12  # the campaigns with the most leads


class CampaignChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.shown: list[CampaignFigures] = []
        self.show_figures([])

    def show_figures(self, rows: list[CampaignFigures]) -> None:
        self.shown = sorted((r for r in rows if r.leads), key=lambda r: -r.leads)[:SHOWN]
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        leads, won = QBarSet("Leads"), QBarSet("Won")
        leads.setColor(QColor(STATE_COLORS["warm"]))
        won.setColor(QColor(STATE_COLORS["won"]))
        cac = QLineSeries()
        cac.setName("CAC")
        cac.setPen(QPen(QColor("#444444"), 2))
        cac.setPointsVisible(True)  # one priced campaign is a point, not an invisible line
        names = []
        for number, row in enumerate(self.shown):
            leads.append(row.leads)
            won.append(row.won)
            names.append(row.name if len(row.name) <= 16 else row.name[:15] + "…")
            if row.cac is not None:
                cac.append(QPointF(number, float(row.cac)))
        bars = QBarSeries()
        bars.append(leads)
        bars.append(won)
        chart.addSeries(bars)
        chart.addSeries(cac)
        axis_x = QBarCategoryAxis()
        axis_x.append(names or [""])
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(axis_x)
        counts = value_axis(max([r.leads for r in self.shown] or [1]))
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(counts)
        money = value_axis(
            max([float(r.cac) for r in self.shown if r.cac is not None] or [1]), "%.0f"
        )
        money.setTitleText("CAC")
        chart.addAxis(money, Qt.AlignmentFlag.AlignRight)
        slots = QValueAxis()  # the line's x positions on the bars' categories
        slots.setRange(-0.5, max(len(self.shown), 1) - 0.5)
        slots.setVisible(False)
        chart.addAxis(slots, Qt.AlignmentFlag.AlignTop)
        cac.attachAxis(slots)
        cac.attachAxis(money)
        self.setChart(chart)
