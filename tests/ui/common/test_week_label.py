"""◀ week ▶ on the Review and Time pages: clicked quickly through the weeks, ▶ stays under the
pointer (the week's name used to take its own width: "03 Aug – 09 Aug" is wider than "06 Jul –
12 Jul", ▶ moved 20 px, and the next clicks landed on the name and were lost)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.ui.review.page import ReviewPage
from app.ui.shell.catalogue import TIME_PAGE
from app.ui.shell.main_window import MainWindow
from app.ui.time.page import TimePage

MONDAYS = (date(2026, 7, 6), date(2026, 8, 3), date(2026, 8, 31), date(2026, 5, 11))


def _where(page: QWidget, button: QPushButton, label: QLabel) -> int:
    QApplication.processEvents()
    assert label.width() >= label.sizeHint().width()  # the name is whole
    return button.mapTo(page, QPoint(0, 0)).x()


def test_the_week_after_button_stays_put_on_the_review_page(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.page(4)
    assert isinstance(page, ReviewPage)
    window.show_page(4)
    places = set()
    for monday in MONDAYS:
        page.show_week(monday)
        places.add(_where(page, page.next_button, page.week_label))
    assert len(places) == 1


def test_the_week_after_button_stays_put_on_the_time_page(qtbot: QtBot, window: MainWindow) -> None:
    page = window.page(TIME_PAGE)
    assert isinstance(page, TimePage)
    window.show_page(TIME_PAGE)
    places = set()
    for _ in range(6):
        page.previous_button.click()
        places.add(_where(page, page.next_button, page.week_label))
    assert len(places) == 1
