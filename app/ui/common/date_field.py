"""Dates and times in forms: a date that may be empty — typed (ISO or the owner's own order),
picked from a calendar that opens on the date shown or on today, cleared with one key — and a
date-and-time field that holds a local wall-clock time as typed."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QTimeZone, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

ISO = "yyyy-MM-dd"


def read_date(text: str, locale: QLocale | None = None) -> date | None:
    """'2026-12-05', or the locale's short and long forms ('05.12.2026', '12/5/26'); None
    when the text is no date (an empty text is no date either: the caller asks first)."""
    text = text.strip()
    locale = locale or QLocale()
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    loose = short.replace("dd", "d").replace("MM", "M")  # '5.12.' as well as '05.12.'
    tried = [ISO, short, loose]
    if "yyyy" not in loose and "yy" in loose:  # a four-digit year typed where two are shown
        tried.append(loose.replace("yy", "yyyy"))
    tried.append(locale.dateFormat(QLocale.FormatType.LongFormat))
    for form in tried:
        found = locale.toDate(text, form)
        if found.isValid():
            if "yyyy" not in form and found.year() < 1950:  # '26' is 2026, not 1926
                found = found.addYears(100)
            return date(found.year(), found.month(), found.day())
    return None


class DateField(QWidget):
    edited = Signal()  # the owner typed, picked or cleared a date (not when it is set)

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = value
        self.line = _DateLine(self)
        self.line.setClearButtonEnabled(True)
        self.line.setPlaceholderText("no date")
        self.calendar_button = QToolButton()
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip("Pick a date (Alt+Down)")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.menu = QMenu(self)
        picker = QWidgetAction(self.menu)
        picker.setDefaultWidget(self.calendar)
        self.menu.addAction(picker)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.calendar_button)
        self.setFocusProxy(self.line)
        self.line.setToolTip(self._hint())
        self._show(value)
        self.line.editingFinished.connect(self._typed)
        self.line.textEdited.connect(self._maybe_cleared)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)

    # ---- the value -----------------------------------------------------------------------

    def value(self) -> date | None:
        """The date shown (None: no date). Text that is not a date leaves the last good one."""
        return self._value

    def set_value(self, value: date | None) -> None:
        self._value = value
        self._show(value)

    def is_valid(self) -> bool:
        text = self.line.text().strip()
        return not text or read_date(text) is not None

    def _show(self, value: date | None) -> None:
        self.line.setText(value.isoformat() if value else "")
        self._mark(valid=True)

    def _mark(self, *, valid: bool) -> None:
        self.line.setStyleSheet("" if valid else "QLineEdit { border: 1px solid #c0392b; }")
        self.line.setToolTip(
            self._hint() if valid else f"{self.line.text()!r} is not a date. {self._hint()}"
        )

    @staticmethod
    def _hint() -> str:
        example = QLocale().toString(QDate(2026, 12, 5), QLocale.FormatType.ShortFormat)
        return f"Type a date like 2026-12-05 or {example}; Delete clears it."

    # ---- the owner's doing -----------------------------------------------------------------

    @Slot()
    def _typed(self) -> None:
        text = self.line.text().strip()
        found = read_date(text) if text else None
        if text and found is None:
            self._mark(valid=False)  # said by the field; the value stays what it was
            return
        self._mark(valid=True)
        if found is not None:
            self.line.setText(found.isoformat())
        if found != self._value:
            self._value = found
            self.edited.emit()

    @Slot(str)
    def _maybe_cleared(self, text: str) -> None:
        if not text:  # the clear button, or everything deleted: no date, at once
            self._typed()

    @Slot()
    def open_calendar(self) -> None:
        shown = self._value or date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.menu.popup(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        self.calendar.setFocus()

    @Slot(QDate)
    def _picked(self, picked: QDate) -> None:
        self.menu.close()
        self.line.setText(picked.toString(ISO))
        self._typed()
        self.line.setFocus()


class _DateLine(QLineEdit):
    """The text part: Alt+Down (or F4) opens the calendar, as a drop-down does."""

    def __init__(self, field: DateField) -> None:
        super().__init__(field)
        self.field = field

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.field.open_calendar()
            return
        super().keyPressEvent(event)


def to_qt(moment: datetime) -> QDateTime:
    """The moment's local wall-clock time, held without a zone: the field shows and takes
    wall-clock times as they are, and never moves one the clocks skip (see `fields`)."""
    local = moment.astimezone()
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
        QTimeZone.utc(),
    )


def wall_clock(edit: QDateTimeEdit) -> datetime:
    """The date and time the field shows, as typed: a local wall-clock time, no zone."""
    day, clock = edit.date(), edit.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())


def wall_clock_edit(moment: datetime) -> QDateTimeEdit:
    """A date-and-time field showing `moment` as a local wall-clock time; read it back with
    `wall_clock` and turn it into a moment with weeks.wall_clock_to_utc (which refuses a time
    the clocks skip or show twice)."""
    edit = QDateTimeEdit()
    edit.setTimeZone(QTimeZone.utc())  # wall-clock numbers, as shown (see to_qt)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setDateTime(to_qt(moment))
    return edit
