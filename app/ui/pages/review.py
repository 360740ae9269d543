"""Review: the weekly review, one printable page that says what to change."""

from __future__ import annotations

from app.ui.pages.page import Page


class ReviewPage(Page):
    title = "Review"
    purpose = (
        "The weekly review: one printable page that says what happened and what to "
        "change next week."
    )
    empty_text = (
        "The review of the week comes here, ready to print or save as PDF, with "
        "what to change next week."
    )
