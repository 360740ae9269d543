"""A funnel as a bar chart: created → warm → hot → won, and lost, with the conversion between
steps under each bar. One drawing for the whole business and for a single campaign."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor

from app.colors import ACCENT
from app.model.campaigns.funnel import Funnel
from app.model.formatting import percent
from app.ui.common.axes import value_axis


def step_names(funnel: Funnel) -> list[str]:
    """The bars' names, each with the conversion from the step before it underneath. The
    axis's labels are rich text: "<br>" breaks the line ("\n" was drawn as a space, and at
    1024 px "warm 80%" was cut to "warm ...", its share lost)."""
    return [
        "created",
        f"warm<br>{percent(funnel.to_warm)}",
        f"hot<br>{percent(funnel.warm_to_hot)}",
        f"won<br>{percent(funnel.hot_to_won)}",
        "lost",
    ]


def funnel_chart(funnel: Funnel) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundVisible(False)
    chart.setMargins(QMargins(2, 2, 2, 2))
    chart.legend().hide()
    steps = QBarSet("Leads")
    steps.setColor(QColor(ACCENT))
    counts = [funnel.created, funnel.warm, funnel.hot, funnel.won, funnel.lost]
    steps.append(counts)
    series = QBarSeries()
    series.append(steps)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append(step_names(funnel))
    chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    values = value_axis(max(counts))
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)
    return chart
