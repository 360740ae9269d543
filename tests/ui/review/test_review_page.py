"""The Review page: the PDF previewed with QtPdf, saved, printed, and the advice's actions."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize, QPdfWriter
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from app.model.enums import Temperature
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import touchpoints
from app.model.leads.service import LeadFields
from app.model.review.types import WeeklyReview
from app.model.weeks import week_name
from app.report.pdf_kit import PdfStoppedError
from app.ui.review.access import ReviewAccess
from app.ui.review.page import ReviewPage
from app.ui.shell.main_window import MainWindow
from tests.model.safety.helpers import full_database
from tests.ui.windows import open_window


def _review_page(window: MainWindow) -> ReviewPage:
    page = window.page(4)
    assert isinstance(page, ReviewPage)
    return page


def _stale_hot_lead(window: MainWindow, name: str = "Hal") -> int:
    assert window.store is not None
    with window.store.writer() as session:
        lead = lead_create.create(
            session,
            LeadFields(name=name),
            temperature=Temperature.HOT,
            at=datetime.now(UTC) - timedelta(days=30),
        ).id
        touchpoints.log_touchpoint(session, lead, "call", at=datetime.now(UTC) - timedelta(days=29))
    return lead


def _long_week(window: MainWindow) -> None:
    """150 hot leads made this week: its PDF has pages of them."""
    assert window.store is not None
    with window.store.writer() as session:
        for n in range(150):
            lead_create.create(
                session,
                LeadFields(name=f"Lead {n:03d}"),
                temperature=Temperature.HOT,
                at=datetime.now(UTC) - timedelta(hours=1),
            )


def test_the_preview_shows_this_weeks_review(qtbot: QtBot, window: MainWindow) -> None:
    _stale_hot_lead(window)
    page = _review_page(window)
    assert page.review is None  # nothing is built before the page is shown
    window.show_page(4)
    qtbot.waitUntil(lambda: page.document.status() == QPdfDocument.Status.Ready)
    assert page.document.pageCount() >= 1
    assert page.review is not None and page.week_label.text().startswith(page.review.week)
    assert "Weekly review" in page.document.getAllText(0).text()
    assert page.save_button.isEnabled() and page.print_button.isEnabled()
    rules = [a.rule for a in page.review.advice]
    assert "stale_hot_leads" in rules


def test_the_first_page_shows_first_and_the_whole_pdf_follows(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """A long week: its first page is on screen before the rest is made (#19); the whole PDF
    takes its place, and saving waits for it."""
    _long_week(window)
    page = _review_page(window)
    window.show_page(4)
    assert page.document.pageCount() == 1 and page.pdf_bytes == b""  # the first look
    assert "page 1 of …" in page.document.getAllText(0).text()
    with qtbot.waitSignal(page.whole_pdf_made, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: bool(page.pdf_bytes))
    pages = len(PdfReader(BytesIO(page.pdf_bytes)).pages)
    assert pages > 1 and page.document.pageCount() == pages
    page.previous_button.click()  # another week: its first page again, and then its whole
    assert page.pdf_bytes == b""
    page.ask_save_path = lambda: str(tmp_path / "saved.pdf")  # type: ignore[method-assign]
    page.save_pdf()  # before the whole PDF arrived: it waits for it
    assert (tmp_path / "saved.pdf").read_bytes() == page.pdf_bytes != b""


def test_another_week_stops_the_whole_pdf_of_the_last_one(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """◀ while the whole PDF of the week shown is still being made: that PDF gives up after
    its page (the page waited for all of it before: seconds on a long week, for a PDF thrown
    away), and the new week's is made."""
    _long_week(window)
    made = ReviewAccess.whole_pdf
    stopped: list[str] = []

    def first_one_held(review: WeeklyReview, stop: Callable[[], bool] | None = None) -> bytes:
        assert stop is not None
        if stopped or review.week != first_week:
            return made(review, stop)

        def held() -> bool:  # the first PDF waits after its first page until it is unwanted
            deadline = time.monotonic() + 10
            while not stop() and time.monotonic() < deadline:
                time.sleep(0.01)
            return stop()

        try:
            return made(review, held)
        except PdfStoppedError:
            stopped.append(review.week)
            raise

    monkeypatch.setattr(ReviewAccess, "whole_pdf", staticmethod(first_one_held))
    page = _review_page(window)
    first_week = week_name(page.week_start)
    window.show_page(4)
    page.previous_button.click()
    assert stopped == [first_week]
    with qtbot.waitSignal(page.whole_pdf_made, timeout=30_000):
        pass
    assert page.review is not None and page.review.week != first_week
    assert page.pdf_bytes and page.document.pageCount() == len(
        PdfReader(BytesIO(page.pdf_bytes)).pages
    )


def test_a_fixed_now_is_the_review_pages_and_the_toolbars_as_the_dashboards(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The README's pictures fix "now" to the demo's Friday: the Review page and the
    toolbar's balance then speak of that week, as the Dashboard does (not of today's)."""
    friday = datetime(2026, 3, 13, 15, 0, tzinfo=UTC)
    window.timer_bar.now = friday
    window.timer_bar.refresh()
    assert window.timer_bar._week is not None and window.timer_bar._week.week == "2026-W11"
    page = _review_page(window)
    page.now = friday
    page.week_start = date(2026, 3, 9)
    window.show_page(4)
    assert page.review is not None and page.review.made_at == friday


def test_week_navigation(qtbot: QtBot, window: MainWindow) -> None:
    page = _review_page(window)
    window.show_page(4)
    first = page.review.week if page.review else ""
    page.previous_button.click()
    assert page.review is not None and page.review.week != first
    page.this_week_button.click()
    assert page.review.week == first


def test_save_writes_the_pdf(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    page = _review_page(window)
    window.show_page(4)
    target = tmp_path / "my review"  # the .pdf is added
    page.ask_save_path = lambda: str(target)  # type: ignore[method-assign]
    with qtbot.waitSignal(page.message) as said:
        page.save_pdf()
    saved = tmp_path / "my review.pdf"
    assert said.args == [f"Saved the review to {saved}."]
    assert saved.read_bytes() == page.pdf_bytes
    assert "Weekly review" in PdfReader(saved).pages[0].extract_text()
    page.ask_save_path = lambda: ""  # type: ignore[method-assign]
    page.save_pdf()  # cancelled: nothing happens


def test_print_paints_every_page(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    page = _review_page(window)
    window.show_page(4)
    qtbot.waitUntil(lambda: page.document.status() == QPdfDocument.Status.Ready)
    out = tmp_path / "printed.pdf"
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    assert page.print_to(writer) == page.document.pageCount()
    del writer
    assert len(PdfReader(out).pages) == page.document.pageCount()


def test_cooling_stale_hot_leads_in_one_click_and_undoing_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    hal = _stale_hot_lead(window)
    page = _review_page(window)
    window.show_page(4)
    (advice,) = [a for a in page.review.advice if a.rule == "stale_hot_leads"]  # type: ignore[union-attr]
    page.cool(advice.lead_ids)
    assert window.store is not None
    with window.store.session() as session:
        assert leads.get(session, hal).temperature == "warm"
    assert page.review is not None
    assert "stale_hot_leads" not in [a.rule for a in page.review.advice]
    from PySide6.QtWidgets import QPushButton

    (undo,) = [b for b in page.findChildren(QPushButton) if b.text() == "Undo" and not b.isHidden()]
    undo.click()
    with window.store.session() as session:
        assert leads.get(session, hal).temperature == "hot"


def test_an_advice_opens_its_lead(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QPushButton

    from app.model import people
    from app.model.enums import Side
    from app.model.time import entries as time_entries
    from app.model.time.types import EntryFields
    from app.model.weeks import local_to_utc

    hal = _stale_hot_lead(window)  # hot, last contacted 29 days ago
    monday = (datetime.now() - timedelta(days=14)).date()
    monday -= timedelta(days=monday.weekday())
    start = local_to_utc(datetime.combine(monday, datetime.min.time()) + timedelta(hours=9))
    assert window.store is not None
    with window.store.writer() as session:  # 3 h of marketing: sales is under its target
        ann = people.list_people(session)[0].id
        time_entries.add_entry(
            session, EntryFields(ann, Side.MARKETING, start, start + timedelta(hours=3))
        )
    page = _review_page(window)
    window.show_page(4)
    page.show_week(monday)
    (button,) = [
        b for b in page.findChildren(QPushButton) if b.text() == "Open the longest waiting"
    ]
    button.click()
    assert window.current_page().title == "Leads"
    leads_page = window.page(1)
    assert leads_page.detail.lead is not None and leads_page.detail.lead.id == hal  # type: ignore[attr-defined]


def test_the_review_can_be_for_one_person_or_everyone(qtbot: QtBot, tmp_path: Path) -> None:
    main = open_window(qtbot, full_database(tmp_path / "shop.db"))
    page = _review_page(main)
    main.show_page(4)
    page.show_week(date(2026, 11, 16))  # the demo's last full week
    assert not page.person.isHidden()  # two people: the choice is there
    assert [page.person.itemText(i) for i in range(page.person.count())][0] == "Everyone"
    assert page.review is not None and page.review.person is None
    both = {name for name, _m, _s in page.review.time.by_person}
    assert len(both) == 2
    second = page.person.itemText(2)
    page.person.setCurrentIndex(2)
    page.person.activated.emit(2)
    assert page.review.person == second
    assert {name for name, _m, _s in page.review.time.by_person} == {second}
    assert second in page.document.getAllText(0).text()
    assert page.default_name() == f"hearth-review-2026-W47-{second}.pdf"
    main.live._state_changed(Qt.ApplicationState.ApplicationInactive)  # away
    main.live._state_changed(Qt.ApplicationState.ApplicationActive)  # a refresh keeps the choice
    assert page.review.person == second


def test_one_person_has_no_person_choice(qtbot: QtBot, window: MainWindow) -> None:
    page = _review_page(window)
    window.show_page(4)
    assert page.person.isHidden()
    assert page.chosen_person() is None
