"""The Dashboard renders this week's review: balance, leads by temperature, follow-ups due
today (double-click opens the lead), the running timer and the advice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pytestqt.qtbot import QtBot

from app.model import people
from app.model.enums import Side, Temperature
from app.model.leads import create as lead_create
from app.model.leads import touchpoints
from app.model.leads.service import LeadFields
from app.model.time import entries as time_entries
from app.ui.dashboard.page import DashboardPage
from app.ui.shell.main_window import MainWindow


def test_this_week_at_a_glance(qtbot: QtBot, window: MainWindow) -> None:
    now = datetime.now(UTC)
    assert window.store is not None
    with window.store.writer() as session:
        due = lead_create.create(
            session,
            LeadFields(name="Bo", next_action="call back", next_action_due=date.today()),
            temperature=Temperature.WARM,
            at=now - timedelta(days=40),
        ).id
        touchpoints.log_touchpoint(session, due, "call", at=now - timedelta(minutes=5))
        lead_create.create(
            session,
            LeadFields(name="Hal"),
            temperature=Temperature.HOT,
            at=now - timedelta(days=30),
        )
        lead_create.create(session, LeadFields(name="Cy"), at=now - timedelta(days=1))
        ann = people.list_people(session)[0].id
        time_entries.start_timer(session, ann, Side.SALES, at=now - timedelta(minutes=1))
    page = window.pages[0]
    assert isinstance(page, DashboardPage)
    page.refresh()
    assert [page.tiles[t].text().split("</b>")[0][-1] for t in ("cold", "warm", "hot")] == [
        "1",
        "1",
        "1",
    ]
    assert page.timer_label.text().startswith("▶ Ann: sales running for")
    assert page.follow_ups.count() == 1
    item = page.follow_ups.item(0)
    assert item.text() == "Bo — call back (today)"
    assert "Call or cool 1 hot lead untouched" in page.advice.text()
    page.follow_ups.itemActivated.emit(item)
    assert window.current_page().title == "Leads"
    assert window.pages[1].detail.lead.id == due  # type: ignore[attr-defined]


def test_an_empty_week_says_what_to_do(window: MainWindow) -> None:
    page = window.pages[0]
    assert isinstance(page, DashboardPage)
    assert page.timer_label.text().startswith("No timer running")
    assert page.follow_ups.item(0).text().startswith("Nothing due today.")
    assert page.advice.text().startswith("Nothing stands out this week")
