"""Readable at the sizes people use: at 1180×760 and 1024×700 the columns that matter show
without scrolling sideways, the board's cards have room, nothing in the bars is cut, and the
Leads page comes back as it was left (board or table, filters)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from app.model.demo import business as demo
from app.model.store.db import open_store, sqlite_location
from app.ui.campaigns.page import CampaignsPage
from app.ui.campaigns.table_model import CampaignTableModel
from app.ui.leads.board import LEAD_ID_ROLE
from app.ui.leads.page import VIEW_BOARD, VIEW_TABLE, LeadsPage
from app.ui.leads.table_model import LeadTableModel
from app.ui.review.page import ReviewPage
from app.ui.shell.catalogue import CAMPAIGNS_PAGE, LEADS_PAGE, TIME_PAGE
from app.ui.shell.main_window import MainWindow
from app.ui.time.page import TimePage
from tests.ui.windows import open_window

SIZES = [(1180, 760), (1024, 700)]
LEAD_COLUMNS = ("Name", "Company", "Stage", "Value", "Follow-up")
CAMPAIGN_COLUMNS = ("Campaign", "Leads", "Won", "Revenue", "CAC", "True CAC")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(sqlite_location(path))
    with store.writer() as session:
        demo.fill(session, leads=150, weeks=8)
    store.close()
    return path


def _window(qtbot: QtBot, demo_file: Path, tmp_path: Path, size: tuple[int, int]) -> MainWindow:
    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_file.read_bytes())
    window = open_window(qtbot, copy)
    window.resize(*size)
    QApplication.processEvents()
    return window


def _shown(view: object, model: object, titles: tuple[str, ...]) -> None:
    from PySide6.QtCore import Qt

    headers = {
        model.headerData(c, Qt.Orientation.Horizontal): c  # type: ignore[attr-defined]
        for c in range(model.columnCount())  # type: ignore[attr-defined]
    }
    for title in titles:
        column = headers[title]
        assert not view.isColumnHidden(column), title  # type: ignore[attr-defined]
    assert view.horizontalScrollBar().maximum() == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", SIZES, ids=["1180x760", "1024x700"])
def test_the_columns_that_matter_show_without_scrolling(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = _window(qtbot, demo_file, tmp_path, size)
    window.show_page(LEADS_PAGE)
    leads = window.page(LEADS_PAGE)
    assert isinstance(leads, LeadsPage) and leads.model is not None
    leads.table.selectRow(0)  # the detail panel open beside the table
    QApplication.processEvents()
    assert not leads.detail_folded()
    _shown(leads.table, leads.model, LEAD_COLUMNS)
    assert leads.filters.width() >= leads.filters.minimumSizeHint().width()  # not clipped
    scroll = leads.detail.findChild(QScrollArea)
    assert scroll is not None and scroll.widget() is not None  # the panel's fields fit across
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()

    window.show_page(CAMPAIGNS_PAGE)
    campaigns = window.page(CAMPAIGNS_PAGE)
    assert isinstance(campaigns, CampaignsPage)
    QApplication.processEvents()
    _shown(campaigns.table, campaigns.model, CAMPAIGN_COLUMNS)
    assert isinstance(campaigns.model, CampaignTableModel)

    window.show_page(4)
    review = window.page(4)
    assert isinstance(review, ReviewPage)
    QApplication.processEvents()
    assert review.week_label.width() >= review.week_label.sizeHint().width()  # the week fits
    window.show_page(TIME_PAGE)
    time_page = window.page(TIME_PAGE)
    assert isinstance(time_page, TimePage)
    QApplication.processEvents()
    assert time_page.week_label.width() >= time_page.week_label.sizeHint().width()


def test_the_boards_cards_have_room_at_1024(qtbot: QtBot, demo_file: Path, tmp_path: Path) -> None:
    window = _window(qtbot, demo_file, tmp_path, (1024, 700))
    window.show_page(LEADS_PAGE)
    leads = window.page(LEADS_PAGE)
    assert isinstance(leads, LeadsPage)
    leads.show_view(VIEW_BOARD)
    QApplication.processEvents()
    assert leads.detail_folded()  # the panel folds away; a card click brings it back
    for key in ("cold", "warm", "hot", "won"):
        column = leads.board.columns[key]
        assert column.viewport().width() >= 170, key  # "Søren Petrov" and a company fit
    warm = leads.board.columns["warm"]
    first = warm.item(0)
    where = warm.visualItemRect(first).center()
    qtbot.mousePress(warm.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert leads.detail_folded()  # pressed (a drag may begin): the columns stay put
    qtbot.mouseRelease(warm.viewport(), Qt.MouseButton.LeftButton, pos=where)
    QApplication.processEvents()
    assert not leads.detail_folded()  # clicked: the panel opens on the lead
    assert leads.detail.lead is not None and leads.detail.lead.id == first.data(LEAD_ID_ROLE)


def test_the_leads_page_comes_back_as_it_was_left(
    qtbot: QtBot, demo_file: Path, tmp_path: Path
) -> None:
    window = _window(qtbot, demo_file, tmp_path, (1180, 760))
    window.show_page(LEADS_PAGE)
    leads = window.page(LEADS_PAGE)
    assert isinstance(leads, LeadsPage)
    leads.view_buttons.button(VIEW_BOARD).click()
    leads.filters.temperature.setCurrentIndex(2)  # warm
    leads.filters.stale.setChecked(True)
    assert leads.filters.more.text() == "More (1) ▾"
    leads.columns.show_column(LeadTableModel.COL_OWNER, True)  # the column chooser
    path = window.connection.db_path
    window.close()

    again = open_window(qtbot, Path(str(path)))
    leads = again.page(LEADS_PAGE)
    assert isinstance(leads, LeadsPage)
    assert leads.views.currentIndex() == VIEW_BOARD
    assert leads.filters.temperature.currentIndex() == 2 and leads.filters.stale.isChecked()
    assert not leads.table.isColumnHidden(LeadTableModel.COL_OWNER)
    assert leads.table.isColumnHidden(LeadTableModel.COL_SOURCE)
    leads.show_view(VIEW_TABLE)
    menu = leads.columns.menu()
    owner = next(a for a in menu.actions() if a.text() == "Owner")
    owner.setChecked(False)
    assert leads.table.isColumnHidden(LeadTableModel.COL_OWNER)
