"""The filter bar over the lead list: search as you type, and the filters, as a LeadFilter."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.model.enums import Status, Temperature
from app.model.leads.queries import LeadFilter
from app.ui.common.forms import refill

SEARCH_PAUSE_MS = 40  # coalesces a burst of keystrokes into one query


class LeadFilterBar(QWidget):
    filter_changed = Signal(object)  # LeadFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search name, company, email, notes…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.temperature = QComboBox()
        self.temperature.addItem("Any temperature", None)
        for temperature in Temperature:
            self.temperature.addItem(temperature.value.capitalize(), temperature)
        self.status = QComboBox()
        self.status.addItem("Open", frozenset({Status.OPEN}))
        self.status.addItem("Won", frozenset({Status.WON}))
        self.status.addItem("Lost", frozenset({Status.LOST}))
        self.status.addItem("Open and won", frozenset({Status.OPEN, Status.WON}))
        self.status.addItem("All", frozenset())
        self.source = QComboBox()
        self.owner = QComboBox()
        for combo in (self.source, self.owner):  # long campaign names elide, the bar fits
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(9)
        # The rarer filters behind one button, so the bar fits a 1024-pixel window.
        self.more = QToolButton()
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setToolTip("Overdue, stale, archived and tag filters")
        self.more_menu = QMenu(self.more)
        self.overdue = self.more_menu.addAction("Overdue follow-ups only")
        self.stale = self.more_menu.addAction("Stale leads only")
        self.archived = self.more_menu.addAction("Archived too")
        for action in (self.overdue, self.stale, self.archived):
            action.setCheckable(True)
        self.tag = QLineEdit()
        self.tag.setPlaceholderText("with the tag…")
        tag_action = QWidgetAction(self.more_menu)
        tag_action.setDefaultWidget(self.tag)
        self.more_menu.addSeparator()
        self.more_menu.addAction(tag_action)
        self.more.setMenu(self.more_menu)
        self._say_more()
        self.set_choices([], [])
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 3)
        for widget in (self.temperature, self.status, self.source, self.owner, self.more):
            row.addWidget(widget)
        self._connect()

    def _connect(self) -> None:
        self.search.textChanged.connect(self._pause.start)
        self.tag.textChanged.connect(self._pause.start)
        self._pause.timeout.connect(self.emit_filter)
        for combo in (self.temperature, self.status, self.source, self.owner):
            combo.currentIndexChanged.connect(self.emit_filter)
        for box in (self.overdue, self.stale, self.archived):
            box.toggled.connect(self.emit_filter)
            box.toggled.connect(self._say_more)
        self.tag.textChanged.connect(self._say_more)

    @Slot()
    def _say_more(self) -> None:
        on = sum(a.isChecked() for a in (self.overdue, self.stale, self.archived)) + bool(
            self.tag.text().strip()
        )
        self.more.setText(f"More ({on}) ▾" if on else "More ▾")

    def set_choices(self, sources: list[tuple[int, str]], owners: list[tuple[int, str]]) -> None:
        refill(self.source, sources, "Any source")
        refill(self.owner, owners, "Anyone's")

    def current(self) -> LeadFilter:
        temperature = self.temperature.currentData()  # Qt hands a str enum back as str
        return LeadFilter(
            text=self.search.text(),
            temperatures=frozenset({Temperature(temperature)}) if temperature else frozenset(),
            statuses=self.status.currentData(),
            source_id=self.source.currentData(),
            owner_id=self.owner.currentData(),
            tag=self.tag.text().strip(),
            overdue=self.overdue.isChecked(),
            stale=self.stale.isChecked(),
            include_archived=self.archived.isChecked(),
        )

    def remembered(self) -> dict[str, object]:
        """The filters as chosen (not the search), to come back to at the next start."""
        return {
            "temperature": self.temperature.currentIndex(),
            "status": self.status.currentIndex(),
            "source": self.source.currentData(),
            "owner": self.owner.currentData(),
            "overdue": self.overdue.isChecked(),
            "stale": self.stale.isChecked(),
            "archived": self.archived.isChecked(),
            "tag": self.tag.text(),
        }

    def restore(self, saved: dict[str, object]) -> None:
        """Choose the filters `remembered` gave (what no longer exists is left at "any");
        emits one filter_changed."""
        self.blockSignals(True)
        try:
            for combo, key in ((self.temperature, "temperature"), (self.status, "status")):
                index = saved.get(key)
                if isinstance(index, int) and 0 <= index < combo.count():
                    combo.setCurrentIndex(index)
            for combo, key in ((self.source, "source"), (self.owner, "owner")):
                found = combo.findData(saved.get(key))
                combo.setCurrentIndex(max(found, 0))
            for action, key in (
                (self.overdue, "overdue"),
                (self.stale, "stale"),
                (self.archived, "archived"),
            ):
                action.setChecked(saved.get(key) is True)
            self.tag.setText(str(saved.get("tag") or ""))
        finally:
            self.blockSignals(False)
        self._pause.stop()
        self.emit_filter()

    @Slot()
    def emit_filter(self) -> None:
        self._pause.stop()
        self.filter_changed.emit(self.current())
