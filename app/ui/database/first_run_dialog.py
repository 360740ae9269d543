"""First run: the business, the one or two people, the currency and the target split — or,
to look around first, a demo database of a made-up two-person business."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.errors import HearthError
from app.model.first_run import FirstRunAnswers
from app.model.store.settings import Settings
from app.ui.common.forms import (
    AmountField,
    currency_box,
    error_label,
    form_fields,
    hours_box,
    locale_currency,
    share_box,
    show_error,
    start_at_first_field,
)
from app.ui.settings.access import SettingsAccess


class FirstRunDialog(QDialog):
    set_up_completed = Signal(Settings)
    # The result when the user chose to explore with demo data (exec() returns it).
    DEMO = 2

    def __init__(self, access: SettingsAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.access = access
        self.setWindowTitle("Welcome to Hearth")
        self.intro = QLabel(
            "<b>Welcome.</b> Hearth keeps your marketing and sales week in one place: where "
            "your hours go, where every lead stands, and what paid off. Everything stays on "
            "this computer. A few answers to begin — you can change them later in Settings. "
            "Or explore a made-up business first with <i>Explore with demo data</i>."
        )
        self.intro.setWordWrap(True)
        self.business_edit = QLineEdit()
        self.business_edit.setPlaceholderText("e.g. Riverside Bakery")
        self.person_edit = QLineEdit()
        self.person_edit.setPlaceholderText("your name")
        self.partner_edit = QLineEdit()
        self.partner_edit.setPlaceholderText("optional: a partner who uses Hearth too")
        self.currency_combo = currency_box(locale_currency())
        self.share_spin = share_box(0.4)
        self.hours_spin = hours_box(40)
        self.goal_edit = AmountField()
        self.goal_edit.setPlaceholderText("optional: the sales you aim for in a month")
        self.goal_edit.setToolTip(
            "Hearth shows how sales are pacing against it and plans next week's split from "
            "it; a month can have its own later (Settings, or hearth-cli goal set)."
        )
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok_button.setText("Start using Hearth")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Quit")
        self.demo_button = QPushButton("Explore with demo data")
        self.demo_button.setToolTip(
            "Open a made-up business with half a year of leads, campaigns and hours, kept in "
            "its own file. Your own data starts clean the next time you open Hearth."
        )

        form = QFormLayout()
        form.addRow("Business name", self.business_edit)
        form.addRow("Your name", self.person_edit)
        form.addRow("Second person", self.partner_edit)
        form.addRow("Currency", self.currency_combo)
        form.addRow("Target split", self.share_spin)
        form.addRow("Weekly hours", self.hours_spin)
        form.addRow("Monthly revenue goal", self.goal_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.demo_button)
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.buttons)
        layout.addLayout(buttons_row)
        self.setMinimumWidth(480)
        start_at_first_field(self.buttons, *form_fields(form))
        self._connect()

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.demo_button.clicked.connect(lambda: self.done(self.DEMO))

    def answers(self) -> FirstRunAnswers:
        return FirstRunAnswers(
            business_name=self.business_edit.text(),
            people=(self.person_edit.text(), self.partner_edit.text()),
            currency=self.currency_combo.currentText(),
            marketing_share=self.share_spin.value() / 100,
            weekly_hours=self.hours_spin.value(),
            monthly_goal=self.goal_edit.amount("The monthly revenue goal"),
        )

    @Slot()
    def save(self) -> None:
        try:
            answers = self.answers()
        except HearthError as exc:
            show_error(self.error, str(exc))
            return
        stored = self.access.attempt(
            lambda: self.access.complete_first_run(answers),
            tell=lambda why: show_error(self.error, why),
        )
        if stored is None:
            return
        self.set_up_completed.emit(stored)
        self.accept()
