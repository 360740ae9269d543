"""Any change made anywhere in the window is seen by every page and the toolbar the moment
they are shown — no waiting for the minute's refresh — and a balance always says whose."""

from __future__ import annotations

from decimal import Decimal

from pytestqt.qtbot import QtBot

from app.model.campaigns.service import CampaignFields
from app.model.enums import Side, Temperature
from app.model.leads.service import LeadFields
from app.model.store import db
from app.ui.campaigns.page import CampaignsPage
from app.ui.dashboard.page import DashboardPage
from app.ui.leads.page import LeadsPage
from app.ui.shell.catalogue import CAMPAIGNS_PAGE, DASHBOARD_PAGE, LEADS_PAGE, TIME_PAGE
from app.ui.shell.main_window import MainWindow
from app.ui.time.page import TimePage


class NewLeads:
    """Answers the Leads page's New lead dialog with the next of `leads`."""

    def __init__(self, *leads: tuple[str, Temperature]) -> None:
        self.leads = list(leads)

    def new_lead(self) -> tuple[LeadFields, Temperature] | None:
        name, temperature = self.leads.pop(0)
        return LeadFields(name=name), temperature


def tiles(dashboard: DashboardPage) -> list[int]:
    return [int(dashboard.tiles[t].text().split("</b>")[0].split(">")[-1]) for t in dashboard.tiles]


def campaign_leads(page: CampaignsPage, name: str) -> int:
    return next(row.leads for row in page.model.rows if row.name == name)


def test_every_page_and_the_toolbar_show_a_change_at_once(qtbot: QtBot, window: MainWindow) -> None:
    dashboard, leads_page, time_page, campaigns_page = (
        window.page(index) for index in (DASHBOARD_PAGE, LEADS_PAGE, TIME_PAGE, CAMPAIGNS_PAGE)
    )
    assert isinstance(leads_page, LeadsPage) and isinstance(dashboard, DashboardPage)
    assert isinstance(campaigns_page, CampaignsPage) and isinstance(time_page, TimePage)

    window.show_page(CAMPAIGNS_PAGE)  # a new campaign…
    campaigns_page.ask = lambda _fields: CampaignFields("Spring fair", cost=Decimal(300))  # type: ignore[method-assign]
    campaigns_page.add_campaign()
    window.show_page(LEADS_PAGE)  # …is a source to choose on the Leads page at once
    source = leads_page.detail.source
    sources = [source.itemText(i) for i in range(source.count())]
    assert "Spring fair" in sources

    leads_page.prompts = NewLeads(  # type: ignore[assignment]
        ("Anna Baker", Temperature.WARM), ("Ben Cole", Temperature.HOT)
    )
    leads_page.new_lead()
    anna = leads_page.detail.lead
    assert anna is not None
    leads_page.detail.source.setCurrentIndex(sources.index("Spring fair"))
    leads_page.detail.source.activated.emit(sources.index("Spring fair"))  # the owner picks it
    leads_page.new_lead()

    window.show_page(CAMPAIGNS_PAGE)
    assert campaign_leads(campaigns_page, "Spring fair") == 1
    window.show_page(DASHBOARD_PAGE)
    assert tiles(dashboard) == [0, 1, 1]

    window.show_page(LEADS_PAGE)  # a move on the board
    leads_page.lead_actions.move_lead(anna.id, "hot")
    window.show_page(DASHBOARD_PAGE)
    assert tiles(dashboard) == [0, 0, 2]

    window.timer_bar.toggle(Side.MARKETING)  # the toolbar, seen by the page in view
    qtbot.waitUntil(lambda: "running for" in dashboard.timer_label.text())
    window.show_page(TIME_PAGE)
    assert time_page.tree.topLevelItemCount() == 7
    running = [
        time_page.tree.topLevelItem(day).child(n).text(0)
        for day in range(7)
        for n in range(time_page.tree.topLevelItem(day).childCount())
    ]
    assert any(text.endswith("running") for text in running)
    # Whose balance it is, said in the toolbar, on the Time page and on the Dashboard alike.
    assert window.timer_bar.balance.text().startswith("Ann: ")
    assert "Ann: " in time_page.balance_label.text()
    assert dashboard.balance_words.text().startswith("Ann: ")


def test_a_change_made_outside_the_window_is_seen_when_it_comes_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    from app.model.leads import create as lead_create

    window.show_page(DASHBOARD_PAGE)
    dashboard = window.page(DASHBOARD_PAGE)
    assert isinstance(dashboard, DashboardPage) and window.store is not None
    other = type(window.store)(window.store.engine, window.store.location)  # hearth-cli, say
    with other.writer() as session:
        lead_create.create(session, LeadFields(name="Walk-in"), temperature=Temperature.HOT)
    assert tiles(dashboard) == [0, 0, 0]  # unseen until the window looks again
    window.refresh_from_store()  # it comes back to the front (or the minute passes)
    qtbot.waitUntil(lambda: tiles(dashboard) == [0, 0, 1])
    window.show_page(LEADS_PAGE)
    leads_page = window.page(LEADS_PAGE)
    assert isinstance(leads_page, LeadsPage) and leads_page.model is not None
    assert [row.name for row in leads_page.model.rows] == ["Walk-in"]


def test_a_page_built_late_and_the_pages_built_before_it_agree(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A page first shown after a change made outside the window reads that change as it is
    built (#19); the pages built before it show it too when they are shown next, instead of
    disagreeing with it until the minute's refresh."""
    from app.model.leads import create as lead_create

    dashboard = window.page(DASHBOARD_PAGE)
    assert isinstance(dashboard, DashboardPage) and window.store is not None
    assert not window.built(LEADS_PAGE)
    other = db.open_store(window.store.location)  # hearth-cli: another connection altogether
    with other.writer() as session:
        lead_create.create(session, LeadFields(name="Walk-in"), temperature=Temperature.HOT)
    other.close()
    window.show_page(LEADS_PAGE)  # built now: it reads the walk-in
    leads_page = window.page(LEADS_PAGE)
    assert isinstance(leads_page, LeadsPage) and leads_page.model is not None
    assert [row.name for row in leads_page.model.rows] == ["Walk-in"]
    window.show_page(DASHBOARD_PAGE)
    assert tiles(dashboard) == [0, 0, 1]
