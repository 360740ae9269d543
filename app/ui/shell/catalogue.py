"""The window's pages in sidebar order, and the light stand-ins that hold their places until
each real page is first shown (the real pages import the model, and with it SQLAlchemy; all
but the page in view wait until they are asked for, #19)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial

from app.ui.common.page import Page

# Title, one-line purpose, module and class of each page, in sidebar order.
PAGES = (
    ("Dashboard", "This week at a glance.", "app.ui.dashboard.page", "DashboardPage"),
    ("Leads", "Every lead and where it stands.", "app.ui.leads.page", "LeadsPage"),
    ("Time", "Where your hours went.", "app.ui.time.page", "TimePage"),
    ("Campaigns", "What paid off.", "app.ui.campaigns.page", "CampaignsPage"),
    ("Review", "The weekly review.", "app.ui.review.page", "ReviewPage"),
)
DASHBOARD_PAGE, LEADS_PAGE, TIME_PAGE, CAMPAIGNS_PAGE = 0, 1, 2, 3


def stand_ins() -> list[Page]:
    pages = []
    for title, purpose, _module, _class in PAGES:
        page = Page()
        page.title_label.setText(title)
        page.purpose_label.setText(purpose)
        page.empty_state.hide()
        page.title = title
        pages.append(page)
    return pages


def warm_up_steps() -> list[Callable[[], object]]:
    """What the window imports while it is idle after the Dashboard's numbers, one step at a
    time: each other page's module, then the PDF's (reportlab) and its fonts."""
    steps: list[Callable[[], object]] = [
        partial(importlib.import_module, module) for _t, _p, module, _c in PAGES[1:]
    ]
    steps.append(partial(importlib.import_module, "app.report.review_pdf"))
    steps.append(_register_fonts)
    return steps


def _register_fonts() -> None:
    from app.report import fonts

    fonts.register()


def real_page(index: int) -> Page:
    _title, _purpose, module, name = PAGES[index]
    page = getattr(importlib.import_module(module), name)()
    assert isinstance(page, Page)
    return page
