"""Settings: the business, currency, the default target, the revenue goals (the default and
months' own), and the thresholds Hearth uses."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.model.errors import HearthError
from app.model.store.settings import PAGE_SIZES, Settings
from app.ui.common.forms import (
    AmountField,
    ShownValues,
    currency_box,
    error_label,
    form_fields,
    hours_box,
    share_box,
    show_error,
    start_at_first_field,
)
from app.ui.settings.access import SettingsAccess
from app.ui.settings.month_goals import MonthGoalsEditor


def _share_of(spin: QSpinBox) -> Callable[[], float]:
    """What a percent box shows, as a share (0.38 for 38 %)."""
    return lambda: spin.value() / 100


class SettingsDialog(QDialog):
    settings_saved = Signal(Settings)

    def __init__(
        self, access: SettingsAccess, current: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.access = access
        self.current = current
        self.setWindowTitle("Settings")
        self.business_edit = QLineEdit(current.business_name)
        self.currency_combo = currency_box(current.currency)
        self.share_spin = share_box(current.marketing_share)
        self.hours_spin = hours_box(current.weekly_hours)
        self.stale_spin = QSpinBox()
        self.stale_spin.setRange(1, 365)
        self.stale_spin.setSuffix(" days without contact")
        self.stale_spin.setValue(current.stale_days)
        self.rate_spin = AmountField(current.hourly_rate)
        self.rate_spin.setToolTip("What an hour of your own time is worth; used for true CAC.")
        self.long_timer_spin = QDoubleSpinBox()
        self.long_timer_spin.setRange(1, 72)
        self.long_timer_spin.setDecimals(0)
        self.long_timer_spin.setSuffix(" h")
        self.long_timer_spin.setValue(current.long_timer_hours)
        self.goal_edit = AmountField(current.default_goal or None)
        self.goal_edit.setPlaceholderText("none: no pacing, no plan")
        self.goal_edit.setToolTip(
            "The sales you aim for in a month, for every month without its own goal "
            "(the months below have their own). Reviews use the goals as they are now: "
            "changing one re-computes its months' reviews."
        )
        self.month_goals = MonthGoalsEditor(access.month_goals(), current.currency)
        self.start_spins: dict[str, QSpinBox] = {}
        for name in ("cold", "warm", "hot"):
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setValue(round(getattr(current, f"start_rate_{name}") * 100))
            spin.setToolTip(
                f"The win rate of {name} leads Hearth starts from while few of them have "
                "closed; your own history takes over as it grows."
            )
            self.start_spins[name] = spin
        self.page_combo = QComboBox()
        self.page_combo.addItems(PAGE_SIZES)
        self.page_combo.setCurrentText(current.page_size)
        # The one or two people who use Hearth: renamed here, or a partner added.
        self.people = access.people()
        self.names = [QLineEdit(person.name) for person in self.people]
        self.partner = QLineEdit()
        self.partner.setPlaceholderText("optional: a partner who uses Hearth too")
        # A field keeps its stored value unless the owner changes it (a 33.3 % split is not
        # saved as 33 % because the name was edited).
        self.shown = ShownValues(
            {
                "business_name": self.business_edit.text,
                "currency": self.currency_combo.currentText,
                "marketing_share": lambda: self.share_spin.value() / 100,
                "weekly_hours": self.hours_spin.value,
                "stale_days": self.stale_spin.value,
                "hourly_rate": self.rate_spin.text,
                "long_timer_hours": self.long_timer_spin.value,
                "page_size": self.page_combo.currentText,
                "default_goal": self.goal_edit.text,
                **{f"start_rate_{n}": _share_of(s) for n, s in self.start_spins.items()},
            }
        )
        self.shown.remember()
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )

        form = QFormLayout()
        form.addRow("Business name", self.business_edit)
        for number, edit in enumerate(self.names):
            form.addRow("Your name" if number == 0 else "Second person", edit)
        if len(self.people) < 2:
            form.addRow("Second person", self.partner)
        form.addRow("Currency", self.currency_combo)
        form.addRow("Target split", self.share_spin)
        form.addRow("Target hours", self.hours_spin)
        form.addRow(f"Monthly revenue goal ({current.currency})", self.goal_edit)
        form.addRow("Months with their own goal", self.month_goals)
        starts = QHBoxLayout()
        for name, spin in self.start_spins.items():
            starts.addWidget(QLabel(name))
            starts.addWidget(spin)
        form.addRow("Starting win rates", starts)
        form.addRow("A warm or hot lead is stale after", self.stale_spin)
        form.addRow(f"Your hourly rate ({current.currency})", self.rate_spin)
        form.addRow("Ask about a timer running longer than", self.long_timer_spin)
        form.addRow("Report page size", self.page_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        fields = form_fields(form)
        after_goal = fields.index(self.goal_edit) + 1
        editor = self.month_goals
        fields[after_goal:after_goal] = [
            editor.table,
            editor.month_edit,
            editor.amount_edit,
            editor.set_button,
            editor.remove_button,
        ]
        start_at_first_field(self.buttons, *fields)
        self._connect()

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def changes(self) -> dict[str, Any]:
        """The fields the owner changed here, and only those (read here, on the window's
        thread; the save applies them to the settings stored by then)."""
        changes = self.shown.changes()
        if "hourly_rate" in changes:
            changes["hourly_rate"] = self.rate_spin.amount("The hourly rate") or Decimal(0)
        if "default_goal" in changes:
            changes["default_goal"] = self.goal_edit.amount("The monthly revenue goal") or Decimal(
                0
            )
        return changes

    @Slot()
    def save(self) -> None:
        renamed = {
            person.id: edit.text()
            for person, edit in zip(self.people, self.names, strict=True)
            if edit.text().strip() != person.name
        }
        partner = self.partner.text() if len(self.people) < 2 else ""
        if not self.month_goals.take_typed():
            return
        month_goals = self.month_goals.changes()
        try:
            changes = self.changes()
        except HearthError as exc:
            show_error(self.error, str(exc))
            return
        stored = self.access.attempt(
            lambda: self.access.save(
                renamed, partner, lambda now: now._replace(**changes), month_goals
            ),
            tell=lambda why: show_error(self.error, why),
        )
        if stored is None:
            return
        self.settings_saved.emit(stored)
        self.accept()
