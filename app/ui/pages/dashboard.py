"""Dashboard: this week at a glance."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QLabel

from app.ui.pages.page import Page


class DashboardPage(Page):
    title = "Dashboard"
    purpose = (
        "This week at a glance: your hours against the split you meant to keep, your "
        "leads by temperature, today's follow-ups and what to change."
    )
    empty_text = (
        "Your week at a glance comes here: the balance meter, leads by temperature, "
        "today's follow-ups and the advice from your weekly review."
    )

    def __init__(self) -> None:
        super().__init__()
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        self.business_label = QLabel()
        self.business_label.setWordWrap(True)
        self.body.addWidget(self.week_label)
        self.body.addWidget(self.business_label)

    def refresh(self) -> None:
        today = date.today()
        monday = today - timedelta(days=today.weekday())
        year, week, _ = today.isocalendar()
        sunday = monday + timedelta(days=6)
        self.week_label.setText(
            f"Week {year}-W{week:02d} · {monday:%a %d %b} – {sunday:%a %d %b %Y}"
        )
        if self.settings is not None:
            share = round(self.settings.marketing_share * 100)
            name = self.settings.business_name or "Your business"
            self.business_label.setText(
                f"{name} · target {share}% marketing / {100 - share}% sales, "
                f"{self.settings.weekly_hours:g} h a week"
            )
