"""Campaigns: which marketing efforts brought leads that bought, and what they cost."""

from __future__ import annotations

from app.ui.pages.page import Page


class CampaignsPage(Page):
    title = "Campaigns"
    purpose = "Which marketing efforts brought leads that bought, and what a customer cost."
    empty_text = (
        "No campaigns yet.\n\nAdd a campaign — a newsletter, an ad, a fair — and "
        "name it as the source of the leads it brings."
    )
