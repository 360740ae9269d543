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
        "No leads yet.\n\nLeads you add or import will be listed here, with their "
        "temperature and next follow-up."
    )
