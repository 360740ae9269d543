"""Add or edit a campaign: name, channel, dates, cost, notes."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
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
from app.ui.form_helpers import (
    ShownValues,
    error_label,
    form_fields,
    optional_date,
    optional_date_edit,
    show_error,
    start_at_first_field,
)


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
        self.start = optional_date_edit(fields.start_date)
        self.end = optional_date_edit(fields.end_date)
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
        self.given = fields
        self.shown = ShownValues(
            {
                "name": self.name.text,
                "channel": self.channel.currentText,
                "start_date": lambda: optional_date(self.start),
                "end_date": lambda: optional_date(self.end),
                "cost": lambda: Decimal(str(round(self.cost.value(), 2))),
                "notes": self.notes.text,
            }
        )
        self.shown.remember()
        start_at_first_field(self.buttons, *form_fields(form))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)

    def fields(self) -> CampaignFields:
        """The campaign as given, with what the owner changed here (and nothing else)."""
        return dataclasses.replace(self.given, **self.shown.changes())

    @Slot()
    def _check(self) -> None:
        try:
            self.fields().cleaned()
        except HearthError as exc:
            show_error(self.error, str(exc))
            return
        self.accept()
