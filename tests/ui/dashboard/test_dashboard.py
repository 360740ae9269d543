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
    page = window.page(0)
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
    assert window.page(1).detail.lead.id == due  # type: ignore[attr-defined]


def test_an_empty_week_says_what_to_do(window: MainWindow) -> None:
    page = window.page(0)
    assert isinstance(page, DashboardPage)
    assert page.timer_label.text().startswith("No timer running")
    assert page.follow_ups.item(0).text().startswith("Nothing due today.")
    assert page.advice.text().startswith("Nothing stands out this week")


def test_the_goal_tile_shows_the_pacing_and_the_pipeline(window: MainWindow) -> None:
    from decimal import Decimal

    from app.model.goals import service as goals
    from app.model.leads import status as lead_status

    now = datetime(2026, 11, 18, 12, tzinfo=UTC)  # Wed of 2026-W47: November's
    assert window.store is not None
    with window.store.writer() as session:
        goals.set_default(session, Decimal("30000"))
        session.commit()
        won = lead_create.create(session, LeadFields(name="Won"), at=now - timedelta(days=2))
        lead_status.mark_won(session, won.id, Decimal("3000"), at=now - timedelta(days=1))
    page = window.pages[0]
    assert isinstance(page, DashboardPage)
    page.now = now
    page.refresh()
    goal = page.review.goal if page.review else None
    assert goal is not None and goal.won == Decimal("3000")
    assert page.pacing_words.text() == goal.words("EUR")
    # 12 of November's 21 working days are before Wed 18 Nov: 17,142.86 expected.
    assert page.pacing_words.text() == (
        "Sales pacing: 3,000 EUR of 30,000 EUR — 10% with 57% of the month's working days "
        "gone: 14,143 EUR behind."
    )
    assert page.pacing_bar.isVisibleTo(page)
    assert page.pacing_bar.fractions() == (0.1, float(Decimal("17142.86") / 30000))
    assert page.pipeline_words.text().startswith("Pipeline: 0 EUR likely by your win rates")


def test_without_a_goal_the_tile_says_how_to_set_one(window: MainWindow) -> None:
    page = window.pages[0]
    assert isinstance(page, DashboardPage)
    assert page.pacing_words.text().startswith(
        "No revenue goal for this month: set one in Settings"
    )
    assert not page.pacing_bar.isVisibleTo(page)
