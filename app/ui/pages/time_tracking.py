"""Time: where the hours went, marketing against sales, day by day."""

from __future__ import annotations

from app.ui.pages.page import Page


class TimePage(Page):
    title = "Time"
    purpose = "Where your hours went this week: marketing against sales, day by day."
    empty_text = (
        "Your week's time entries come here, day by day, with the balance against "
        "your target. One click on a marketing or sales timer starts the clock."
    )
