"""The Leads page: search as you type, the board, the detail panel, undo."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from app.model.enums import LostReason, Side, Temperature
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads.queries import LeadFilter
from app.model.leads.service import LeadFields
from app.model.store import settings as settings_service
from app.model.store.db import Store
from app.ui.leads.access import LeadAccess
from app.ui.leads.board import LEAD_ID_ROLE
from app.ui.leads.dialogs import ContactAnswer
from app.ui.leads.page import VIEW_BOARD, VIEW_FOLLOW_UPS, LeadsPage
from app.ui.leads.table_model import LeadTableModel

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class Answers:
    """Stands in for the page's dialogs."""

    def __init__(self) -> None:
        self.value: Decimal | None = Decimal("2500")
        self.reason: tuple[LostReason, str] | None = (LostReason.NO_BUDGET, "too dear")
        self.contact_answer: ContactAnswer | None = None
        self.lead: tuple[LeadFields, Temperature] | None = None

    def won_value(self, _name: str, _estimate: Decimal | None) -> Decimal | None:
        return self.value

    def lost_reason(self, _name: str) -> tuple[LostReason, str] | None:
        return self.reason

    def contact(self, _name: str) -> ContactAnswer | None:
        return self.contact_answer

    def new_lead(self) -> tuple[LeadFields, Temperature] | None:
        return self.lead


@pytest.fixture
def ids(set_up_store: Store) -> dict[str, int]:
    made = {}
    with set_up_store.writer() as session:
        for name, company, temperature in (
            ("Anna Baker", "North Bakery", Temperature.COLD),
            ("Ben Cole", "Cole Garage", Temperature.WARM),
            ("Chloé Dubois", "Dubois Law", Temperature.HOT),
        ):
            made[name] = lead_create.create(
                session, LeadFields(name=name, company=company), temperature=temperature, at=T0
            ).id
        leads.set_next_action(
            session, made["Ben Cole"], "sales letter", date.today() - timedelta(days=2)
        )
    return made


@pytest.fixture
def page(qtbot: QtBot, set_up_store: Store, ids: dict[str, int]) -> Iterator[LeadsPage]:
    shown = LeadsPage()
    qtbot.addWidget(shown)
    shown.prompts = Answers()  # type: ignore[assignment]
    with set_up_store.session() as session:
        shown.set_access(shown.access_type(set_up_store), settings_service.load(session))
    shown.resize(1200, 700)
    shown.show()
    yield shown


def names(page: LeadsPage) -> list[str]:
    assert page.model is not None
    return [r.name for r in page.model.rows]


def test_the_table_model_passes_qtmodeltester(
    qtmodeltester,
    set_up_store: Store,  # type: ignore[no-untyped-def]
    ids: dict[str, int],
) -> None:
    model = LeadTableModel(LeadAccess(set_up_store), page_size=2)
    model.reload(LeadFilter())
    assert len(model.rows) == 2 and model.canFetchMore()
    model.fetchMore()
    assert len(model.rows) == 3 and not model.canFetchMore()
    model.reload(LeadFilter())
    qtmodeltester.check(model)


def test_typing_in_search_filters_the_table(qtbot: QtBot, page: LeadsPage) -> None:
    assert sorted(names(page)) == ["Anna Baker", "Ben Cole", "Chloé Dubois"]
    qtbot.keyClicks(page.filters.search, "garage")
    qtbot.waitUntil(lambda: names(page) == ["Ben Cole"])
    assert page.count_label.text() == "1 lead"
    page.filters.search.clear()
    qtbot.waitUntil(lambda: len(names(page)) == 3)


def test_filters_and_header_sorting(qtbot: QtBot, page: LeadsPage) -> None:
    page.filters.temperature.setCurrentIndex(3)  # hot
    assert names(page) == ["Chloé Dubois"]
    page.filters.temperature.setCurrentIndex(0)
    page.filters.overdue.setChecked(True)
    assert names(page) == ["Ben Cole"]
    page.filters.overdue.setChecked(False)
    page.table.sortByColumn(LeadTableModel.COL_NAME, Qt.SortOrder.AscendingOrder)
    assert names(page) == ["Anna Baker", "Ben Cole", "Chloé Dubois"]
    page.table.sortByColumn(LeadTableModel.COL_TEMPERATURE, Qt.SortOrder.DescendingOrder)
    assert names(page) == ["Chloé Dubois", "Ben Cole", "Anna Baker"]


def _drop(page: LeadsPage, lead_id: int, target_key: str) -> None:
    """A real drop event on the target column, carrying the card's mime data."""
    source_key = page.board.column_of(lead_id)
    assert source_key is not None
    source = page.board.columns[source_key]
    item = next(
        source.item(n)
        for n in range(source.count())
        if source.item(n).data(LEAD_ID_ROLE) == lead_id
    )
    mime: QMimeData = source.mimeData([item])
    target = page.board.columns[target_key]
    event = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    target.dropEvent(event)


def test_a_board_move_changes_the_temperature_shows_in_the_timeline_and_undoes(
    qtbot: QtBot, page: LeadsPage, ids: dict[str, int], set_up_store: Store
) -> None:
    page.show_view(VIEW_BOARD)
    anna = ids["Anna Baker"]
    assert page.board.column_of(anna) == "cold"
    _drop(page, anna, "hot")
    assert page.board.column_of(anna) == "hot"
    page.show_lead(anna)
    assert page.detail.timeline.item(0).text().endswith("cold → hot · Ann")
    with set_up_store.session() as session:
        assert leads.get(session, anna).temperature == "hot"

    page.undo_action.trigger()
    assert page.board.column_of(anna) == "cold"
    assert "cold → hot" not in page.detail.timeline.item(0).text()
    with set_up_store.session() as session:
        assert leads.get(session, anna).temperature == "cold"
    page.redo_action.trigger()
    assert page.board.column_of(anna) == "hot"


def test_dropping_on_won_asks_the_value_and_undo_takes_it_back(
    page: LeadsPage, ids: dict[str, int], set_up_store: Store
) -> None:
    page.show_view(VIEW_BOARD)
    chloe = ids["Chloé Dubois"]
    said: list[str] = []
    page.message.connect(said.append)
    _drop(page, chloe, "won")
    assert page.board.column_of(chloe) == "won"
    # The amount as everywhere else: with the business's currency ("won: 800.00" said less)
    assert re.fullmatch(
        r"Chloé Dubois won: [0-9,]+\.[0-9]{2} EUR\. Ctrl\+Z takes it back\.", said[-1]
    )
    with set_up_store.session() as session:
        assert leads.get(session, chloe).status == "won"
    page.undo_stack.undo()
    assert page.board.column_of(chloe) == "hot"
    assert said[-1] == "Undone: mark Chloé Dubois won."  # the undo names the lead


def test_a_lead_without_a_campaign_is_from_no_source_as_the_funnel_says(
    page: LeadsPage, ids: dict[str, int]
) -> None:
    page.select_lead(ids["Anna Baker"])
    assert page.detail.source.currentText() == "no source"  # (it said "unknown")


def test_the_won_and_lost_dialogs_buttons_say_what_they_do(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from app.ui.leads.dialogs import LostDialog, WonDialog

    won, lost = WonDialog("Anna", None, None), LostDialog("Anna", None)
    for dialog in (won, lost):
        qtbot.addWidget(dialog)
    ok = QDialogButtonBox.StandardButton.Ok
    assert won.buttons.button(ok).text() == "Save the deal"
    assert lost.buttons.button(ok).text() == "Mark lost"


def test_cancelling_the_value_leaves_the_lead_where_it_was(
    page: LeadsPage, ids: dict[str, int]
) -> None:
    page.show_view(VIEW_BOARD)
    page.prompts.value = None  # type: ignore[attr-defined]
    _drop(page, ids["Ben Cole"], "won")
    assert page.board.column_of(ids["Ben Cole"]) == "warm"
    assert page.undo_stack.count() == 0


def test_the_card_menu_moves_a_lead_from_the_keyboard(
    qtbot: QtBot, page: LeadsPage, ids: dict[str, int]
) -> None:
    page.show_view(VIEW_BOARD)
    ben = ids["Ben Cole"]
    menu = page.board.card_menu(ben)
    titles = [a.text() for a in menu.actions()]
    assert titles == ["Move to Cold", "Move to Hot", "Move to Won…", "Move to Lost…"]
    menu.actions()[1].trigger()
    assert page.board.column_of(ben) == "hot"
    page.board.select(ben)
    column = page.board.columns["hot"]
    qtbot.keyClick(column, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert page.board.column_of(ben) == "warm"


def test_editing_a_field_in_place_saves_and_ctrl_z_reverts(
    qtbot: QtBot, page: LeadsPage, ids: dict[str, int], set_up_store: Store
) -> None:
    anna = ids["Anna Baker"]
    page.select_lead(anna)
    page.detail.company.setText("South Bakery")
    page.detail.company.editingFinished.emit()
    assert page.model is not None
    assert page.model.rows[page.model.row_of(anna)].company == "South Bakery"
    page.undo_action.trigger()
    with set_up_store.session() as session:
        assert leads.get(session, anna).company == "North Bakery"
    assert page.detail.company.text() == "North Bakery"


def test_a_bad_edit_is_refused_with_a_sentence_and_the_field_restored(
    page: LeadsPage, ids: dict[str, int]
) -> None:
    page.select_lead(ids["Anna Baker"])
    page.detail.email.setText("not-an-email")
    page.detail.email.editingFinished.emit()
    assert "'not-an-email' is not an email address." in page.detail.error.text()
    assert page.detail.email.text() == ""
    assert page.undo_stack.count() == 0


def test_logging_a_contact_can_warm_the_lead_and_undo_removes_it(
    page: LeadsPage, ids: dict[str, int], set_up_store: Store
) -> None:
    anna = ids["Anna Baker"]
    page.prompts.contact_answer = ContactAnswer(  # type: ignore[attr-defined]
        None, "seminar/event", Side.MARKETING, "came to the open day", Temperature.WARM
    )
    page.select_lead(anna)
    page.detail.contact_button.click()
    texts = [page.detail.timeline.item(n).text() for n in range(page.detail.timeline.count())]
    assert any("seminar/event (marketing)" in t and "came to the open day" in t for t in texts)
    assert page.detail.lead is not None and page.detail.lead.temperature is Temperature.WARM
    page.undo_stack.undo()
    with set_up_store.session() as session:
        lead = leads.get(session, anna)
        assert (lead.temperature, lead.last_contact_at) == ("cold", None)


def test_lost_and_archive_from_the_panel(page: LeadsPage, ids: dict[str, int]) -> None:
    ben = ids["Ben Cole"]
    page.select_lead(ben)
    page.detail.lost_button.click()
    assert page.detail.lead is not None and page.detail.lead.lost_reason is LostReason.NO_BUDGET
    page.detail.archive_button.click()
    page.apply_filter(page.filters.current())
    assert "Ben Cole" not in names(page)
    page.undo_stack.undo()  # archive
    page.undo_stack.undo()  # lost
    page.apply_filter(page.filters.current())
    assert "Ben Cole" in names(page)


def test_a_suggestion_becomes_the_next_action(page: LeadsPage, ids: dict[str, int]) -> None:
    page.select_lead(ids["Chloé Dubois"])
    suggestions = [
        page.detail.suggestions.item(n).text() for n in range(page.detail.suggestions.count())
    ]
    assert "one-to-one call" in suggestions
    page.detail.suggestions.setCurrentRow(suggestions.index("one-to-one call"))
    page.detail.suggestions.itemActivated.emit(page.detail.suggestions.currentItem())
    assert page.detail.lead is not None
    assert page.detail.lead.fields.next_action == "one-to-one call"
    assert page.detail.lead.fields.next_action_due == date.today() + timedelta(days=3)


def test_follow_ups_list_due_leads_and_open_them(page: LeadsPage, ids: dict[str, int]) -> None:
    page.show_view(VIEW_FOLLOW_UPS)
    assert page.follow_ups.count() == 1
    item = page.follow_ups.item(0)
    assert "overdue" in item.text() and "Ben Cole" in item.text()
    page.follow_ups.itemClicked.emit(item)
    assert page.detail.lead is not None and page.detail.lead.id == ids["Ben Cole"]


def test_new_lead(page: LeadsPage) -> None:
    page.prompts.lead = (
        LeadFields(name="Dora New", email="dora@example.com"),  # type: ignore[attr-defined]
        Temperature.WARM,
    )
    page.new_button.click()
    assert "Dora New" in names(page)
    assert page.detail.lead is not None and page.detail.lead.fields.name == "Dora New"


def test_an_edit_after_someone_elses_save_shows_their_change_and_keeps_it(
    qtbot: QtBot, page: LeadsPage, ids: dict[str, int], set_up_store: Store
) -> None:
    anna = ids["Anna Baker"]
    page.select_lead(anna)  # I look at Anna…
    with set_up_store.writer() as session:  # …while my partner, elsewhere, saves a change
        shown = leads.info(leads.get(session, anna)).fields
        leads.update(session, anna, dataclasses.replace(shown, company="South Bakery"))
    page.detail.phone.setText("+44 20 7946 0000")
    page.detail.phone.editingFinished.emit()
    assert page.detail.error.isVisibleTo(page.detail)
    assert "Someone else changed Anna Baker" in page.detail.error.text()
    assert "company: “North Bakery” → “South Bakery”" in page.detail.error.text()
    assert page.detail.company.text() == "South Bakery"  # their version, shown
    with set_up_store.session() as session:
        stored = leads.get(session, anna)
        assert (stored.company, stored.phone) == ("South Bakery", "")


def test_all_shows_the_lost_column_and_the_board_counts_what_it_shows(
    qtbot: QtBot, page: LeadsPage, ids: dict[str, int], set_up_store: Store
) -> None:
    from app.model.leads import status as lead_status

    with set_up_store.writer() as session:
        lead_status.mark_lost(session, ids["Anna Baker"], LostReason.NO_BUDGET)
    page.refresh()
    page.show_view(VIEW_BOARD)
    assert not page.board._holders["lost"].isVisible()  # Open: no Lost column
    page.filters.status.setCurrentText("All")
    assert page.board._holders["lost"].isVisible()
    cards = sum(column.count() for column in page.board.columns.values())
    assert cards == 3 and page.count_label.text() == "3 leads on the board"
    headers = {key: header.text() for key, header in page.board.headers.items()}
    assert headers["lost"] == "Lost · 1" and headers["cold"] == "Cold · 0"


def test_a_due_date_typed_in_the_panel_is_saved(
    qtbot: QtBot, page: LeadsPage, ids: dict[str, int], set_up_store: Store
) -> None:
    page.select_lead(ids["Anna Baker"])
    page.detail.due.line.setFocus()
    page.detail.due.line.selectAll()
    qtbot.keyClicks(page.detail.due.line, "2026-12-05")
    qtbot.keyClick(page.detail.due.line, Qt.Key.Key_Return)
    with set_up_store.session() as session:
        assert leads.info(leads.get(session, ids["Anna Baker"])).fields.next_action_due == date(
            2026, 12, 5
        )
    page.detail.due.line.selectAll()  # as Tab leaves it: one key clears it
    qtbot.keyClick(page.detail.due.line, Qt.Key.Key_Delete)
    with set_up_store.session() as session:
        assert leads.info(leads.get(session, ids["Anna Baker"])).fields.next_action_due is None


def test_a_customer_shows_what_they_bought_and_no_follow_up(
    qtbot: QtBot, page: LeadsPage, ids: dict[str, int], set_up_store: Store
) -> None:
    """The Leads page agrees with the review: a won lead's value is its deals, its stage is
    won (not the temperature it had), and its old follow-up is done with."""
    from app.model.leads import status as lead_status
    from app.ui.leads.board import card_text

    ben = ids["Ben Cole"]  # warm, with an overdue follow-up
    with set_up_store.writer() as session:
        leads.update(
            session,
            ben,
            dataclasses.replace(
                leads.info(leads.get(session, ben)).fields, estimated_value=Decimal(3500)
            ),
        )
        lead_status.mark_won(session, ben, Decimal(4200))
        lead_status.add_deal(session, ben, Decimal(300))
    page.filters.status.setCurrentText("All")
    page.refresh()
    assert page.model is not None
    row = page.model.row_of(ben)
    cells = [
        page.model.data(page.model.index(row, column))
        for column in (
            LeadTableModel.COL_TEMPERATURE,
            LeadTableModel.COL_VALUE,
            LeadTableModel.COL_FOLLOW_UP,
        )
    ]
    assert cells == ["won", "4,500", ""]
    page.show_view(VIEW_BOARD)
    card = page.board.columns["won"].item(0)
    assert card_text(page.model.rows[row]) == "Ben Cole\nCole Garage\n4,500" == card.text()


def test_follow_ups_follow_the_search(qtbot: QtBot, page: LeadsPage, ids: dict[str, int]) -> None:
    from app.ui.leads.page import VIEW_FOLLOW_UPS

    page.show_view(VIEW_FOLLOW_UPS)
    assert page.follow_ups.count() == 1 and "Ben Cole" in page.follow_ups.item(0).text()
    assert page.count_label.text() == "1 follow-up due"
    qtbot.keyClicks(page.filters.search, "anna")
    qtbot.waitUntil(lambda: "No follow-ups due for this search" in page.follow_ups.item(0).text())
    assert page.count_label.text() == "0 follow-ups due"
