"""One campaign up close: its funnel as a chart, its lost reasons, its hours and true CAC, and
its leads (activate one to open it on the Leads page)."""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.campaigns.figures import CampaignFigures
from app.model.campaigns.funnel import Funnel
from app.model.formatting import count, money
from app.model.formatting import hours as hours_text
from app.model.leads.queries import LeadRow
from app.ui.campaigns.funnel_chart import funnel_chart

LEAD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CampaignDetail(QWidget):
    lead_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Choose a campaign in the table.")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.chart = QChartView()
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumWidth(320)
        self.leads = QListWidget()
        self.leads.setToolTip("Double-click or Enter to open the lead")
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self.chart, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>Its leads</b> (newest first)"))
        right.addWidget(self.leads, 1)
        row = QHBoxLayout(self)
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        self.leads.itemActivated.connect(self._activated)

    def show_campaign(self, figures: CampaignFigures, funnel: Funnel, leads: list[LeadRow]) -> None:
        reasons = ", ".join(
            f"{reason} {count}"
            for reason, count in sorted(figures.lost_reasons.items(), key=lambda kv: -kv[1])
        )
        if figures.hourly_rate:
            hours = (
                f"your {hours_text(figures.hours)} ({money(figures.hours_cost)}) make the "
                f"true CAC {money(figures.true_cac)}"
            )
        else:
            hours = (
                f"you logged {hours_text(figures.hours)} on it — set your hourly rate in "
                "Settings to count them in a true CAC"
            )
        self.summary.setText(
            f"<b>{_escape(figures.name)}</b> · {figures.channel} · cost "
            f"{money(figures.cost)}<br>Won {figures.won} of {count(figures.leads, 'lead')}, "
            "revenue "
            f"{money(figures.revenue)}, CAC {money(figures.cac)}; {hours}.<br>"
            f"Lost: {reasons or 'none'}."
        )
        self.chart.setChart(funnel_chart(funnel))
        self.leads.clear()
        for lead in leads:
            state = lead.status.value if lead.status.value != "open" else lead.temperature.value
            item = QListWidgetItem(f"{lead.name} — {state}")
            item.setData(LEAD_ID_ROLE, lead.id)
            self.leads.addItem(item)

    @Slot(QListWidgetItem)
    def _activated(self, item: QListWidgetItem) -> None:
        self.lead_requested.emit(int(item.data(LEAD_ID_ROLE)))


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
