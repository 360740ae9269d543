"""Leads: every lead and where it stands, with every contact that moved it."""

from __future__ import annotations

from app.ui.pages.page import Page


class LeadsPage(Page):
    title = "Leads"
    purpose = (
        "Every lead and where it stands — cold, warm, hot, won or lost — with every "
        "contact that moved it."
    )
    empty_text = (
        "Your leads come here: each with its temperature, its source and its next "
        "follow-up, on a list or a board you can drag between Cold, Warm and Hot."
    )
