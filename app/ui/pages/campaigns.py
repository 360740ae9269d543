"""Campaigns: which marketing efforts brought leads that bought, and what they cost."""

from __future__ import annotations

from app.ui.pages.page import Page


class CampaignsPage(Page):
    title = "Campaigns"
    purpose = "Which marketing efforts brought leads that bought, and what a customer cost."
    empty_text = (
        "Your campaigns come here — a newsletter, an ad, a fair — with the leads each "
        "brought, what they bought and what a customer cost."
    )
