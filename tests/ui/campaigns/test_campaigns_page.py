"""The Campaigns page: the table of figures, adding and editing a campaign."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from app.model.campaigns import service as campaigns
from app.model.campaigns.figures import figures
from app.model.campaigns.service import CampaignFields
from app.model.leads import create as lead_create
from app.model.leads import status as lead_status
from app.model.leads.service import LeadFields
from app.model.store import settings as settings_service
from app.model.store.db import Store
from app.ui.campaigns.page import CampaignsPage
from app.ui.campaigns.table_model import CampaignTableModel


def test_the_model_passes_qtmodeltester(qtmodeltester, set_up_store: Store) -> None:  # type: ignore[no-untyped-def]
    with set_up_store.writer() as session:
        campaigns.create(session, CampaignFields("Fair", cost=Decimal("100")))
        model = CampaignTableModel()
        model.set_rows(figures(session, end=datetime.now(UTC)))
    qtmodeltester.check(model)


def _history(store: Store, now: datetime) -> None:
    """A fair costing 300 with four leads: Bo warmed, heated and won for 900 after 4 days,
    Cy warmed and lost for no budget, Di lost as not a fit, Ed still cold; 2 hours of Ann's
    time on it at 60 an hour. A newsletter without leads, and a lead with no source."""
    from app.model import people
    from app.model.enums import LostReason, Side, Temperature
    from app.model.leads import service as leads
    from app.model.time import entries as time_entries
    from app.model.time.types import EntryFields

    day = timedelta(days=1)
    with store.writer() as session:
        fair = campaigns.create(session, CampaignFields("Fair", "events", cost=Decimal("300")))
        campaigns.create(session, CampaignFields("Newsletter", "email", cost=Decimal("20")))

        def lead(name: str, source: int | None = fair) -> int:
            return lead_create.create(
                session, LeadFields(name=name, source_id=source), at=now - 10 * day
            ).id

        bo, cy, di = lead("Bo"), lead("Cy"), lead("Di")
        lead("Ed")
        lead("Flo", None)
        leads.set_temperature(session, bo, Temperature.WARM, at=now - 9 * day)
        leads.set_temperature(session, bo, Temperature.HOT, at=now - 8 * day)
        lead_status.mark_won(session, bo, Decimal("900"), at=now - 6 * day)
        leads.set_temperature(session, cy, Temperature.WARM, at=now - 9 * day)
        lead_status.mark_lost(session, cy, LostReason.NO_BUDGET, at=now - 5 * day)
        lead_status.mark_lost(session, di, LostReason.NOT_A_FIT, at=now - 5 * day)
        ann = people.list_people(session)[0].id
        time_entries.add_entry(
            session,
            EntryFields(
                ann,
                Side.MARKETING,
                now - 3 * day,
                now - 3 * day + timedelta(hours=2),
                campaign_id=fair,
            ),
        )
        settings = settings_service.load(session)
        settings_service.save(session, settings._replace(hourly_rate=Decimal("60")))


def _page_on_history(qtbot: QtBot, store: Store) -> CampaignsPage:
    _history(store, datetime.now(UTC))
    with store.session() as session:
        settings = settings_service.load(session)
    page = CampaignsPage()
    qtbot.addWidget(page)
    page.set_access(page.access_type(store), settings)
    return page


def test_the_table_shows_every_figure(qtbot: QtBot, set_up_store: Store) -> None:
    page = _page_on_history(qtbot, set_up_store)
    model = page.model
    shown = {
        model.data(model.index(row, 0)): [
            model.data(model.index(row, column)) for column in range(model.columnCount())
        ]
        for row in range(model.rowCount())
    }
    # Fair: cost/lead 300/4 = 75; CAC 300/1; win rate 1/(1+2); true CAC (300 + 2 h x 60)/1.
    assert shown == {
        "Fair": ["Fair", "events", "300.00", "4", "2", "1", "1", "2", "33%", "900.00", "75.00",
                 "300.00", "2.0", "420.00"],
        "Newsletter": ["Newsletter", "email", "20.00", "0", "0", "0", "0", "0", "—", "0.00",
                       "—", "—", "0.0", "—"],
    }  # fmt: skip
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Win rate" in headers and "Conversion" not in headers  # won ÷ (won + lost)
    assert page.warnings.isHidden()  # two poor-fit losses are too few to warn about


def test_the_whole_business_funnel_and_win_rates(qtbot: QtBot, set_up_store: Store) -> None:
    page = _page_on_history(qtbot, set_up_store)
    business = page.business
    assert business.by_source.rowCount() == 0  # computed only when its tab is opened
    page.tabs.setCurrentWidget(business)
    # five leads: Bo and Cy reached warm, Bo hot and won, Cy and Di lost
    assert business.summary.text().startswith("5 leads created; 1 won and 2 lost")
    assert "33%" in business.summary.text()

    def rows(table: QTableWidget) -> list[list[str]]:
        return [
            [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]

    assert rows(business.by_source) == [
        ["Fair", "4", "1", "2", "33%"],
        ["no source", "1", "0", "0", "—"],
    ]
    # nobody was contacted by sales in this history
    assert rows(business.by_temperature) == [["not contacted by sales", "5", "1", "2", "33%"]]
    axis = business.chart.chart().axes(Qt.Orientation.Horizontal)[0]
    # Each share on a line of its own, under its step (the labels are rich text).
    assert axis.categories() == ["created", "warm<br>40%", "hot<br>50%", "won<br>100%", "lost"]
    # The pipeline's rates: all began cold; Bo (won) was warm and hot, Cy (lost) warm.
    assert business.win_rates.text().endswith(
        "cold → won 16% (of 3 closed), warm → won 29% (of 2 closed), hot → won 58% (of 1 closed)"
    )


def test_adding_and_editing_a_campaign(qtbot: QtBot, set_up_store: Store) -> None:
    with set_up_store.writer() as session:
        campaigns.create(session, CampaignFields("Fair", "events", cost=Decimal("300")))
        settings = settings_service.load(session)
    page = CampaignsPage()
    qtbot.addWidget(page)
    page.set_access(page.access_type(set_up_store), settings)
    model = page.model
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

    from app.ui.campaigns.timeline import CampaignTimeline, TimelineBar

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
    page = window.page(3)
    assert isinstance(page, CampaignsPage)
    page.refresh()
    page.table.selectRow(0)
    assert "Won 0 of 1 lead," in page.detail.summary.text()
    assert page.detail.leads.item(0).text() == "Bo — cold"
    page.detail.leads.itemActivated.emit(page.detail.leads.item(0))
    assert window.current_page().title == "Leads"
    leads_page = window.page(1)
    assert leads_page.detail.lead is not None and leads_page.detail.lead.id == bo  # type: ignore[attr-defined]


def test_an_open_ended_campaign_runs_to_today_and_month_names_never_overlap(
    qtbot: QtBot, set_up_store: Store
) -> None:
    from datetime import date

    from app.ui.campaigns.timeline import CampaignTimeline, TimelineBar

    with set_up_store.writer() as session:
        campaigns.create(session, CampaignFields("Newsletter", start_date=date(2025, 1, 6)))
        (entry,) = campaigns.calendar(session, today=date(2026, 11, 27))
    assert (entry.start, entry.end, entry.open_ended) == (
        date(2025, 1, 6),
        date(2026, 11, 27),
        True,
    )
    timeline = CampaignTimeline()
    qtbot.addWidget(timeline)
    timeline.resize(420, 100)  # three years of months in a narrow window
    timeline.show_bars([TimelineBar("Old", date(2024, 1, 1), date(2026, 12, 31))])
    advance = timeline.fontMetrics().horizontalAdvance
    named = [(x, label) for x, label in timeline.month_marks(advance) if label]
    assert len(named) < 36  # thinned out…
    for (x1, label), (x2, _next) in zip(named, named[1:], strict=False):
        assert x1 + 2 + advance(label) <= x2  # …and never overlapping


def test_a_first_month_begun_late_gives_its_name_to_the_next(qtbot: QtBot) -> None:
    """Campaigns from 20 May: the calendar's first month is a sliver, and its "May 2026" ran
    into where "Jun" goes, which was then left out (the walk, at 1024 × 700)."""
    from datetime import date

    from app.ui.campaigns.timeline import CampaignTimeline, TimelineBar

    timeline = CampaignTimeline()
    qtbot.addWidget(timeline)
    timeline.resize(840, 100)
    bars = [TimelineBar("Newsletter", date(2026, 5, 20), date(2026, 12, 31))]
    timeline.show_bars(bars, today=date(2026, 11, 20))
    advance = timeline.fontMetrics().horizontalAdvance
    named = [label for _x, label in timeline.month_marks(advance) if label]
    assert named[:2] == ["Jun 2026", "Jul"]
    assert named[-1] == "Dec"


def test_the_temperature_table_shows_every_row_at_the_smallest_size(qtbot: QtBot) -> None:
    """At 1024 × 700 the tab is some 250 px tall: the four temperatures stay in view (the
    table had a share of the height and a scroll bar over its last rows) and the sources
    scroll in the rest."""
    from app.model.campaigns.funnel import Funnel
    from app.model.review.pipeline import WinRate
    from app.ui.campaigns.business_funnel import BusinessFunnel

    business = BusinessFunnel()
    qtbot.addWidget(business)
    groups = {
        name: Funnel(created=10, won=2, lost=3)
        for name in ("cold", "warm", "hot", "not contacted by sales")
    }
    sources = {f"Campaign {n}": Funnel(created=n, won=1, lost=1) for n in range(1, 12)}
    rates = {t: WinRate(t, 2, 5, 0.3) for t in ("cold", "warm", "hot")}
    business.show_funnel(Funnel(created=40, won=8, lost=12), sources, groups, rates)
    business.resize(845, 250)
    business.show()
    qtbot.waitExposed(business)
    table = business.by_temperature
    assert table.rowCount() == 4
    assert table.verticalScrollBar().maximum() == 0
    last = table.visualRect(table.model().index(3, 0))
    assert last.bottom() <= table.viewport().height()
    assert business.by_source.height() >= 60  # two rows or so, and a scroll bar
    tables = table.geometry().united(business.by_source.geometry())
    assert not business.win_rates.geometry().intersects(tables)
    assert table.geometry().bottom() <= business.height()
