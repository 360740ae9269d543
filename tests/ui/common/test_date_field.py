"""A date field: an empty one's calendar opens on today, a typed date sticks (ISO and the
owner's own order), and one key clears it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from app.ui.common.date_field import DateField, read_date


@pytest.fixture
def field(qtbot: QtBot) -> DateField:
    shown = DateField()
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.fixture
def german() -> Iterator[None]:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(QLocale.c())


def test_an_empty_dates_calendar_opens_on_today(field: DateField) -> None:
    field.open_calendar()
    picked = field.calendar.selectedDate()
    assert date(picked.year(), picked.month(), picked.day()) == date.today()
    field.menu.close()


def test_a_typed_iso_date_sticks(qtbot: QtBot, field: DateField) -> None:
    with qtbot.waitSignal(field.edited):
        qtbot.keyClicks(field.line, "2026-12-05")
        qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.value() == date(2026, 12, 5)
    field.open_calendar()  # and the calendar opens on it
    assert field.calendar.selectedDate().toString("yyyy-MM-dd") == "2026-12-05"
    field.menu.close()


def test_a_date_in_the_owners_order_sticks(qtbot: QtBot, german: None) -> None:
    assert read_date("05.12.2026") == date(2026, 12, 5)
    assert read_date("5.12.26") == date(2026, 12, 5)
    field = DateField()
    qtbot.addWidget(field)
    qtbot.keyClicks(field.line, "05.12.2026")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.value() == date(2026, 12, 5)
    assert field.line.text() == "2026-12-05"


def test_what_is_no_date_is_said_and_the_date_kept(qtbot: QtBot, field: DateField) -> None:
    field.set_value(date(2026, 11, 30))
    field.line.selectAll()
    qtbot.keyClicks(field.line, "31.02.2026")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.value() == date(2026, 11, 30)
    assert not field.is_valid() and "is not a date" in field.line.toolTip()


def test_one_key_clears_it(qtbot: QtBot, field: DateField) -> None:
    field.set_value(date(2026, 11, 30))
    field.line.setFocus()
    field.line.selectAll()  # as Tab leaves it
    with qtbot.waitSignal(field.edited):
        qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    assert field.value() is None
