"""Add or edit a campaign: name, channel, dates, cost, notes."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.model.campaigns.service import CampaignFields
from app.model.errors import HearthError
from app.ui.common.date_field import DateField
from app.ui.common.forms import (
    AmountField,
    ShownValues,
    error_label,
    form_fields,
    recheck_while_shown,
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
        self.start = DateField(fields.start_date)
        self.end = DateField(fields.end_date)
        self.cost = AmountField(fields.cost)
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
                "start_date": self.start.value,
                "end_date": self.end.value,
                "cost": self.cost.text,
                "notes": self.notes.text,
            }
        )
        self.shown.remember()
        start_at_first_field(self.buttons, *form_fields(form))
        # A message goes once its field is fixed (the dates as their text is typed).
        recheck_while_shown(self.error, self._problem, *form_fields(form))
        recheck_while_shown(self.error, self._problem, self.start.line, self.end.line)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)

    def fields(self) -> CampaignFields:
        """The campaign as given, with what the owner changed here (and nothing else); a cost
        that is no amount raises HearthError with the sentence."""
        changes = self.shown.changes()
        if "cost" in changes:
            changes["cost"] = self.cost.amount("The cost") or Decimal(0)
        return dataclasses.replace(self.given, **changes)

    def _problem(self) -> str:
        """What keeps the campaign from being saved ("" when nothing does)."""
        try:
            for label, field in (("Starts", self.start), ("Ends", self.end)):
                if not field.is_valid():
                    raise HearthError(
                        f"{label}: {field.line.text()!r} is not a date; write it like "
                        "2026-12-05, or clear it."
                    )
            self.fields().cleaned()
        except HearthError as exc:
            return str(exc)
        return ""

    @Slot()
    def _check(self) -> None:
        problem = self._problem()
        show_error(self.error, problem)
        if not problem:
            self.accept()
