"""Add or edit a campaign: name, channel, dates, cost, notes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.model.campaigns import CampaignFields
from app.model.errors import HearthError
from app.ui.form_helpers import error_label, show_error

NO_DATE = QDate(2000, 1, 1)


def _date_edit(value: date | None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("no date")
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
    return edit


def _date(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


class CampaignDialog(QDialog):
    def __init__(
        self, fields: CampaignFields, channels: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Campaign")
        self.name = QLineEdit(fields.name)
        self.channel = QComboBox()
        self.channel.setEditable(True)
        self.channel.addItems(channels)
        self.channel.setCurrentText(fields.channel)
        self.start = _date_edit(fields.start_date)
        self.end = _date_edit(fields.end_date)
        self.cost = QDoubleSpinBox()
        self.cost.setRange(0, 100_000_000)
        self.cost.setDecimals(2)
        self.cost.setValue(float(fields.cost))
        self.notes = QLineEdit(fields.notes)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout()
        for label, widget in (
            ("Name", self.name),
            ("Channel", self.channel),
            ("Starts", self.start),
            ("Ends", self.end),
            ("Cost", self.cost),
            ("Notes", self.notes),
        ):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)

    def fields(self) -> CampaignFields:
        return CampaignFields(
            self.name.text(),
            self.channel.currentText(),
            _date(self.start),
            _date(self.end),
            Decimal(str(round(self.cost.value(), 2))),
            self.notes.text(),
        )

    @Slot()
    def _check(self) -> None:
        try:
            self.fields().cleaned()
        except HearthError as exc:
            show_error(self.error, str(exc))
            return
        self.accept()
