"""The filter bar over the lead list: search as you type, and the filters, as a LeadFilter."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from app.model.enums import Status, Temperature
from app.model.lead_queries import LeadFilter
from app.ui.form_helpers import refill

SEARCH_PAUSE_MS = 40  # coalesces a burst of keystrokes into one query


class LeadFilterBar(QWidget):
    filter_changed = Signal(object)  # LeadFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search name, company, email, notes…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(230)
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
        self.tag = QLineEdit()
        self.tag.setPlaceholderText("tag")
        self.tag.setMaximumWidth(110)
        self.overdue = QCheckBox("Overdue")
        self.stale = QCheckBox("Stale")
        self.archived = QCheckBox("Archived too")
        self.set_choices([], [])
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 3)
        for widget in (
            self.temperature,
            self.status,
            self.source,
            self.owner,
            self.tag,
            self.overdue,
            self.stale,
            self.archived,
        ):
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

    @Slot()
    def emit_filter(self) -> None:
        self._pause.stop()
        self.filter_changed.emit(self.current())
