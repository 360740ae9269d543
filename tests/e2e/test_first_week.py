"""A real owner's first week, driven through the real main window the way they use it — and
after every step, every place a number shows agrees: the Leads page and its board, the
Dashboard, the toolbar, the Time page, the Campaigns page, `hearth-cli summary --json` and the
review PDF's text.

A one-person web-design business on a fresh data folder: the first-run questions, leads typed
in, contacts, board moves by drag and by keyboard, a win typed then Enter, a loss, campaigns,
timers, an entry against a campaign, an import with a bad row and then a good file, the window
minimised and restored and the minute's refresh while a lead is open, quit and reopen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, QTimer
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.cli import main as cli
from app.model.enums import Side
from app.model.leads import service as lead_service
from app.ui.campaigns.page import CampaignsPage
from app.ui.dashboard.page import DashboardPage
from app.ui.leads.board import LEAD_ID_ROLE
from app.ui.leads.page import VIEW_BOARD, VIEW_TABLE, LeadsPage
from app.ui.review.page import ReviewPage
from app.ui.shell.catalogue import CAMPAIGNS_PAGE, DASHBOARD_PAGE, LEADS_PAGE, TIME_PAGE
from app.ui.shell.main_window import MainWindow
from app.ui.time.page import TimePage

REVIEW_PAGE = 4
pytestmark = pytest.mark.slow


# ---- driving the window as a person does ---------------------------------------------------


def when_modal(answer: Callable[[QDialog], None]) -> None:
    """Answer the next modal dialog once it is on screen (as the owner would, by keyboard)."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QDialog) and box.isVisible():
            answer(box)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def type_in(qtbot: QtBot, widget: QWidget, text: str, *, enter: bool = False) -> None:
    """Type `text` into `widget` key by key (Qt's test keys know ASCII only: the others are
    sent as the key events a keyboard layout gives for them)."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


class Owner:
    """The owner at the window: each method is one of their steps."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot, self.window = qtbot, window

    def page(self, index: int) -> QWidget:
        self.window.sidebar.setCurrentRow(index)  # a click in the sidebar
        return self.window.page(index)

    @property
    def leads(self) -> LeadsPage:
        page = self.page(LEADS_PAGE)
        assert isinstance(page, LeadsPage)
        return page

    def new_lead(self, name: str, company: str, email: str = "") -> int:
        page = self.leads

        def fill(box: QDialog) -> None:
            type_in(self.qtbot, box.focusWidget(), name)  # the focus starts in Name
            type_in(self.qtbot, box.company, company)  # type: ignore[attr-defined]
            type_in(self.qtbot, box.email, email, enter=True)  # type: ignore[attr-defined]

        when_modal(fill)
        self.window.menu_actions.new.trigger()  # Ctrl+N
        assert page.detail.lead is not None and page.detail.lead.fields.name == name
        return page.detail.lead.id

    def open_lead(self, lead_id: int) -> LeadsPage:
        page = self.leads
        page.select_lead(lead_id)
        return page

    def log_contact(self, lead_id: int, kind: str, temperature: str) -> None:
        page = self.open_lead(lead_id)

        def fill(box: QDialog) -> None:
            box.kind.setCurrentText(kind)  # type: ignore[attr-defined]
            box.temperature.setCurrentIndex(box.temperature.findText(f"now {temperature}"))  # type: ignore[attr-defined]
            type_in(self.qtbot, box.note, "talked about the new site")  # type: ignore[attr-defined]
            box.buttons.button(box.buttons.StandardButton.Ok).click()  # type: ignore[attr-defined]

        when_modal(fill)
        page.detail.contact_button.click()

    def drag_on_board(self, lead_id: int, to: str) -> None:
        page = self.leads
        page.show_view(VIEW_BOARD)
        source = page.board.columns[page.board.column_of(lead_id) or ""]
        item = next(
            source.item(n)
            for n in range(source.count())
            if source.item(n).data(LEAD_ID_ROLE) == lead_id
        )
        mime: QMimeData = source.mimeData([item])
        drop = QDropEvent(
            QPoint(10, 10).toPointF(),
            Qt.DropAction.MoveAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        page.board.columns[to].dropEvent(drop)

    def keyboard_on_board(self, lead_id: int) -> None:
        """Ctrl+→ on the card: one column to the right."""
        page = self.leads
        page.show_view(VIEW_BOARD)
        page.board.select(lead_id)
        column = page.board.columns[page.board.column_of(lead_id) or ""]
        self.qtbot.keyClick(column, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)

    def mark_won(self, lead_id: int, value: str) -> None:
        page = self.open_lead(lead_id)
        when_modal(lambda box: type_in(self.qtbot, box.focusWidget(), value, enter=True))
        page.detail.won_button.click()

    def mark_lost(self, lead_id: int, reason: str, note: str) -> None:
        page = self.open_lead(lead_id)

        def fill(box: QDialog) -> None:
            box.reason.setCurrentText(reason)  # type: ignore[attr-defined]
            type_in(self.qtbot, box.note, note, enter=True)  # type: ignore[attr-defined]

        when_modal(fill)
        page.detail.lost_button.click()

    def new_campaign(self, name: str, cost: str) -> None:
        page = self.page(CAMPAIGNS_PAGE)

        def fill(box: QDialog) -> None:
            type_in(self.qtbot, box.focusWidget(), name)
            box.cost.setFocus()  # type: ignore[attr-defined]
            box.cost.selectAll()  # type: ignore[attr-defined]
            type_in(self.qtbot, box.cost, cost, enter=True)  # type: ignore[attr-defined]

        when_modal(fill)
        assert isinstance(page, CampaignsPage)
        self.window.menu_actions.new.trigger()

    def set_source(self, lead_id: int, campaign: str) -> None:
        detail = self.open_lead(lead_id).detail
        index = detail.source.findText(campaign)
        detail.source.setCurrentIndex(index)
        detail.source.activated.emit(index)

    def entry_for_campaign(self, campaign: str, minutes: int) -> None:
        page = self.page(TIME_PAGE)

        def fill(box: QDialog) -> None:
            box.campaign.setCurrentText(campaign)  # type: ignore[attr-defined]
            type_in(self.qtbot, box.quick, f"{minutes}m")  # type: ignore[attr-defined]
            box.quick.editingFinished.emit()  # type: ignore[attr-defined]
            box.buttons.button(box.buttons.StandardButton.Save).click()  # type: ignore[attr-defined]

        when_modal(fill)
        assert isinstance(page, TimePage)
        self.window.menu_actions.new.trigger()

    def import_file(self, path: Path, monkeypatch: pytest.MonkeyPatch, *, expect_ok: bool) -> str:
        from app.ui.common import file_dialogs

        monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_a, **_k: (str(path), ""))
        seen: list[str] = []

        def decide(box: QDialog) -> None:
            seen.append(box.verdict.text())  # type: ignore[attr-defined]
            if box.import_button.isEnabled():  # type: ignore[attr-defined]
                box.import_button.click()  # type: ignore[attr-defined]
            else:
                box.reject()

        when_modal(decide)
        self.window.menu_actions.import_file.trigger()  # Ctrl+I
        assert seen and (("Nothing can be imported" not in seen[0]) == expect_ok), seen
        return seen[0]


# ---- what each surface shows ----------------------------------------------------------------


@dataclass
class Seen:
    tiles: list[int]
    board: list[int]
    table_count: int
    week: dict[str, str]
    balance: str
    toolbar: str
    time_page: str
    campaigns: dict[str, tuple[int, int, str]]
    json: dict  # type: ignore[type-arg]
    pdf: str


_WEEK = re.compile(
    r"This week: (?P<new>\d+) new, \d+ warmed up, \d+ turned hot, (?:\d+ cooled down, )?"
    r"(?P<won>\d+) won "
    r"\((?P<revenue>[\d,.]+) EUR\), (?P<lost>\d+) lost"
)


def look_everywhere(owner: Owner, capsys: pytest.CaptureFixture[str]) -> Seen:
    window = owner.window
    owner.qtbot.waitUntil(lambda: not window._catching_up)  # the toolbar caught up
    dashboard = owner.page(DASHBOARD_PAGE)
    assert isinstance(dashboard, DashboardPage)
    tiles = [
        int(dashboard.tiles[t].text().split("</b>")[0].split(">")[-1]) for t in dashboard.tiles
    ]
    week = _WEEK.search(dashboard.week_numbers.text())
    assert week is not None, dashboard.week_numbers.text()
    leads = owner.leads
    leads.show_view(VIEW_BOARD)
    board = [int(leads.board.headers[k].text().split("·")[1]) for k in ("cold", "warm", "hot")]
    leads.show_view(VIEW_TABLE)
    assert leads.model is not None
    time_page = owner.page(TIME_PAGE)
    assert isinstance(time_page, TimePage)
    campaigns_page = owner.page(CAMPAIGNS_PAGE)
    assert isinstance(campaigns_page, CampaignsPage)
    campaigns = {
        row.name: (row.leads, row.won, f"{row.revenue:.2f}") for row in campaigns_page.model.rows
    }
    review = owner.page(REVIEW_PAGE)
    assert isinstance(review, ReviewPage)
    owner.qtbot.waitUntil(lambda: bool(review.pdf_bytes))
    pdf = "".join(
        "".join(page.extract_text().split()) for page in PdfReader(BytesIO(review.pdf_bytes)).pages
    )
    capsys.readouterr()
    assert cli.main(["--db", str(window.connection.db_path), "summary", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    return Seen(
        tiles=tiles,
        board=board,
        table_count=leads.model.total,
        week={k: week.group(k) for k in ("new", "won", "revenue", "lost")},
        balance=dashboard.balance_words.text(),
        toolbar=window.timer_bar.balance.text(),
        time_page=time_page.balance_label.text(),
        campaigns=campaigns,
        json=summary,
        pdf=pdf,
    )


def agree(owner: Owner, capsys: pytest.CaptureFixture[str]) -> Seen:
    """Every surface says the same, and what it says is returned for the step's own checks."""
    seen = look_everywhere(owner, capsys)
    leads = seen.json["leads"]
    by_temperature = [leads["by_temperature"][t] for t in ("cold", "warm", "hot")]
    assert seen.tiles == by_temperature == seen.board, (seen.tiles, by_temperature, seen.board)
    assert seen.table_count == sum(seen.tiles)  # the Leads table's "N leads" (open ones)
    revenue = Decimal(leads["revenue"])
    assert seen.week == {
        "new": str(leads["new"]),
        "won": str(leads["won"]),
        "revenue": f"{revenue:,.2f}",
        "lost": str(leads["lost"]),
    }
    running = owner.window.timer_bar.running is not None
    if not running:  # (a running timer moves on between two readings)
        words = seen.json["time"]["balance"]
        assert seen.balance == words
        assert seen.toolbar.startswith(words)  # one person: hers is everyone's
        assert words in seen.time_page
        assert "".join(words.split()) in seen.pdf
    assert seen.campaigns == {
        c["name"]: (c["leads"], c["won"], c["revenue"]) for c in seen.json["campaigns"]
    }
    numbers = [
        leads["new"],
        *by_temperature,
        leads["moves"]["warmed"],
        leads["moves"]["heated"],
        leads["moves"]["cooled"],
        leads["won"],
        leads["lost"],
    ]
    assert "".join(map(str, numbers)) + f"{revenue:,.2f}" in seen.pdf  # the PDF's leads table
    for name in seen.campaigns:
        assert "".join(name.split()) in seen.pdf
    return seen


# ---- the week -----------------------------------------------------------------------------------


def test_the_first_week(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "home" / "hearth.db"  # a fresh data folder (HEARTH_HOME)

    # The first start: the questions, answered by keyboard.
    def first_run(box: QDialog) -> None:
        type_in(qtbot, box.focusWidget(), "Pixel Studio")  # the business
        type_in(qtbot, box.person_edit, "Maya", enter=True)  # type: ignore[attr-defined]

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1180, 760)
    window.show()
    when_modal(first_run)
    with qtbot.waitSignal(window.database_opened, timeout=20_000):
        window.open_database()
    assert window.connection.db_path is None and path.exists()
    window.connection.db_path = str(path)  # (for the command line's reading below)
    owner = Owner(qtbot, window)
    seen = agree(owner, capsys)
    assert seen.tiles == [0, 0, 0] and seen.balance.startswith("Maya: No hours yet")

    # Five leads typed in.
    anna = owner.new_lead("Anna Baker", "North Bakery", "anna@north.example")
    ben = owner.new_lead("Ben Cole", "Cole Garage")
    chloe = owner.new_lead("Chloé Dubois", "Dubois Law")
    dev = owner.new_lead("Dev Patel", "Patel Print")
    eva = owner.new_lead("Eva Lind", "Lind Yoga")
    seen = agree(owner, capsys)
    assert seen.tiles == [5, 0, 0] and seen.json["leads"]["new"] == 5

    # Contacts that warm them; moves on the board by drag and by keyboard.
    owner.log_contact(anna, "call", "warm")
    owner.log_contact(ben, "meeting", "warm")
    owner.drag_on_board(chloe, "hot")
    owner.keyboard_on_board(dev)  # cold → warm
    seen = agree(owner, capsys)
    assert seen.tiles == [1, 3, 1]

    # A win typed then Enter, and a loss.
    owner.mark_won(chloe, "3200")
    owner.mark_lost(eva, "no budget", "maybe next year")
    seen = agree(owner, capsys)
    assert seen.week == {"new": "5", "won": "1", "revenue": "3,200.00", "lost": "1"}
    assert seen.json["leads"]["lost_reasons"] == {"no budget": 1}

    # Two campaigns, and leads from them.
    owner.new_campaign("Spring fair", "300")
    owner.new_campaign("Newsletter", "40")
    owner.set_source(anna, "Spring fair")
    owner.set_source(chloe, "Spring fair")
    owner.set_source(ben, "Newsletter")
    seen = agree(owner, capsys)
    assert seen.campaigns == {
        "Newsletter": (1, 0, "0.00"),
        "Spring fair": (2, 1, "3200.00"),
    }

    # Timers from the toolbar, then stopped; an hour for the fair from the Time page.
    owner.page(DASHBOARD_PAGE)
    window.timer_bar.toggle(Side.MARKETING)
    seen = agree(owner, capsys)
    assert "running for" in owner.window.page(DASHBOARD_PAGE).timer_label.text()  # type: ignore[attr-defined]
    window.timer_bar.toggle(Side.SALES)  # marketing stops at the same instant
    window.timer_bar.stop()
    owner.entry_for_campaign("Spring fair", 60)
    seen = agree(owner, capsys)
    fair = next(c for c in seen.json["campaigns"] if c["name"] == "Spring fair")
    assert fair["hours"] == pytest.approx(1.0, abs=0.01)

    # An import with a bad row (nothing imported), then the fixed file.
    bad = tmp_path / "contacts.csv"
    bad.write_text(
        "name,email,company\nFinn Ross,finn@ross.example,Ross Cafe\nGreta,not-an-email,\n",
        encoding="utf-8",
    )
    said = owner.import_file(bad, monkeypatch, expect_ok=False)
    assert "1 problem" in said
    seen = agree(owner, capsys)
    assert seen.tiles == [0, 3, 0]  # nothing of the file came in
    bad.write_text(
        "name,email,company\nFinn Ross,finn@ross.example,Ross Cafe\n"
        "Greta Holm,greta@holm.example,\n",
        encoding="utf-8",
    )
    owner.import_file(bad, monkeypatch, expect_ok=True)
    seen = agree(owner, capsys)
    assert seen.tiles == [2, 3, 0] and seen.json["leads"]["new"] == 7

    # Anna open in the panel; the window minimised and restored, the minute's refresh.
    detail = owner.open_lead(anna).detail
    window.showMinimized()
    window.showNormal()
    assert window.live is not None
    window.live._state_changed(Qt.ApplicationState.ApplicationInactive)  # away
    window.live._state_changed(Qt.ApplicationState.ApplicationActive)
    window.live._tick()
    qtbot.waitUntil(lambda: not window._catching_up)
    assert (detail.source.currentText(), detail.owner.currentText()) == ("Spring fair", "Maya")
    detail.notes.setPlainText("wants a shop")
    detail.notes.editing_finished.emit()
    assert window.store is not None
    with window.store.session() as session:
        stored = lead_service.info(lead_service.get(session, anna)).fields
    assert stored.notes == "wants a shop" and stored.source_id is not None
    seen = agree(owner, capsys)
    assert seen.campaigns["Spring fair"][0] == 2

    # Quit and reopen: everything where it was, and still in agreement.
    window.menu_actions.quit.trigger()
    again = MainWindow(db_path=str(path))
    qtbot.addWidget(again)
    again.resize(1024, 700)
    again.show()
    # As a real start does (#19): on the Dashboard, its numbers read from the file alone
    # first, then the database opened; the same numbers before and after.
    again.show_page(DASHBOARD_PAGE)
    assert again.first_look() and again.store is None
    first = again.page(DASHBOARD_PAGE)
    assert isinstance(first, DashboardPage)
    looked = [first.tiles[t].text() for t in ("cold", "warm", "hot")]
    looked += [first.week_numbers.text(), first.pacing_words.text()]
    with qtbot.waitSignal(again.database_opened, timeout=20_000):
        again.open_database()
    assert [first.tiles[t].text() for t in ("cold", "warm", "hot")] + [
        first.week_numbers.text(),
        first.pacing_words.text(),
    ] == looked
    after = agree(Owner(qtbot, again), capsys)
    assert after.tiles == seen.tiles and after.campaigns == seen.campaigns
    assert after.json["leads"] == seen.json["leads"]
    again.close()
