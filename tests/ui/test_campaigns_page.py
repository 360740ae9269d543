"""The Campaigns page: the table of figures, adding and editing a campaign."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from pytestqt.qtbot import QtBot

from app.model import campaigns, lead_create, lead_status
from app.model import settings as settings_service
from app.model.campaign_figures import figures
from app.model.campaigns import CampaignFields
from app.model.db import Store
from app.model.leads import LeadFields
from app.ui.models.campaign_table_model import CampaignTableModel
from app.ui.pages.campaigns import CampaignsPage


def test_the_model_passes_qtmodeltester(qtmodeltester, set_up_store: Store) -> None:  # type: ignore[no-untyped-def]
    with set_up_store.writer() as session:
        campaigns.create(session, CampaignFields("Fair", cost=Decimal("100")))
        model = CampaignTableModel()
        model.set_rows(figures(session, end=datetime.now(UTC)))
    qtmodeltester.check(model)


def test_the_table_shows_figures_and_adds_a_campaign(qtbot: QtBot, set_up_store: Store) -> None:
    now = datetime.now(UTC)
    with set_up_store.writer() as session:
        fair = campaigns.create(session, CampaignFields("Fair", "events", cost=Decimal("300")))
        lead = lead_create.create(
            session, LeadFields(name="Bo", source_id=fair), at=now - timedelta(days=5)
        ).id
        lead_status.mark_won(session, lead, Decimal("900"), at=now - timedelta(days=1))
        settings = settings_service.load(session)
    page = CampaignsPage()
    qtbot.addWidget(page)
    page.set_store(set_up_store, settings)
    model = page.model
    assert [model.data(model.index(0, c)) for c in (0, 2, 3, 6, 9, 11)] == [
        "Fair",
        "300.00",
        "1",
        "1",
        "900.00",
        "300.00",
    ]
    page.ask = lambda _fields: CampaignFields(
        "Newsletter",
        "email",  # type: ignore[method-assign]
        cost=Decimal("20"),
    )
    page.add_campaign()
    assert sorted(r.name for r in model.rows) == ["Fair", "Newsletter"]
    page.table.selectRow(0)
    page.ask = lambda fields: CampaignFields(
        fields.name + " 2026",
        fields.channel,  # type: ignore[method-assign]
        cost=fields.cost,
    )
    page.edit_campaign()
    assert any(r.name.endswith(" 2026") for r in model.rows)


def test_the_promotional_calendar_marks_today(qtbot: QtBot, set_up_store: Store) -> None:
    from datetime import date

    from app.ui.campaign_timeline import CampaignTimeline, TimelineBar

    with set_up_store.writer() as session:
        campaigns.create(
            session,
            CampaignFields("Spring fair", start_date=date(2026, 3, 1), end_date=date(2026, 3, 3)),
        )
        campaigns.create(session, CampaignFields("Undated"))
        assert [c.name for c in campaigns.calendar(session)] == ["Spring fair"]
    timeline = CampaignTimeline()
    qtbot.addWidget(timeline)
    timeline.resize(800, 100)
    timeline.show_bars(
        [
            TimelineBar("A", date(2026, 1, 1), date(2026, 1, 31)),
            TimelineBar("B", date(2026, 3, 1), date(2026, 3, 10)),
        ],
        today=date(2026, 2, 15),
    )
    assert (timeline.first, timeline.last) == (date(2026, 1, 1), date(2026, 3, 11))
    assert (
        timeline.x_of(date(2026, 1, 1))
        < timeline.x_of(timeline.today)
        < timeline.x_of(date(2026, 3, 1))
    )
    timeline.grab()  # paints


def test_choosing_a_campaign_shows_its_funnel_and_leads_and_opens_one(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    assert window.store is not None
    with window.store.writer() as session:
        fair = campaigns.create(session, CampaignFields("Fair", cost=Decimal("50")))
        bo = lead_create.create(
            session, LeadFields(name="Bo", source_id=fair), at=now - timedelta(days=3)
        ).id
    page = window.pages[3]
    assert isinstance(page, CampaignsPage)
    page.refresh()
    page.table.selectRow(0)
    assert "Won 0 of 1 leads" in page.detail.summary.text()
    assert page.detail.leads.item(0).text() == "Bo — cold"
    page.detail.leads.itemActivated.emit(page.detail.leads.item(0))
    assert window.current_page().title == "Leads"
    leads_page = window.pages[1]
    assert leads_page.detail.lead is not None and leads_page.detail.lead.id == bo  # type: ignore[attr-defined]
