"""The small questions the Leads page asks: a deal's value, why a lead was lost, a contact,
a new lead. Gathered in `LeadPrompts` so tests can answer them without modal dialogs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.model.enums import TOUCHPOINT_KINDS, LostReason, Side, Temperature
from app.model.errors import HearthError
from app.model.leads.service import LeadFields
from app.ui.common.date_field import wall_clock, wall_clock_edit
from app.ui.common.forms import (
    AmountField,
    error_label,
    form_fields,
    recheck_while_shown,
    run_modal,
    show_error,
    start_at_first_field,
)


@dataclass(frozen=True)
class ContactAnswer:
    at: datetime | None  # None: now
    kind: str
    side: Side
    note: str
    new_temperature: Temperature | None


class _Form(QDialog):
    """A form with OK/Cancel whose `check()` may refuse with a sentence."""

    def __init__(self, title: str, parent: QWidget | None, ok_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        if ok_text:  # the button says what it does ("Mark lost"), not "OK"
            ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            ok.setText(ok_text)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)  # room for the fields' hints
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused:  # the subclass has built its fields by now
            self._focused = True
            fields = form_fields(self.form)
            start_at_first_field(self.buttons, *fields)
            recheck_while_shown(self.error, self._problem, *fields)

    _focused = False

    def check(self) -> None:
        """Raise HearthError to keep the dialog open with the message."""

    def _problem(self) -> str:
        try:
            self.check()
        except HearthError as exc:
            return str(exc)
        return ""

    @Slot()
    def _accept(self) -> None:
        problem = self._problem()
        show_error(self.error, problem)
        if not problem:
            self.accept()


class WonDialog(_Form):
    def __init__(self, name: str, estimate: Decimal | None, parent: QWidget | None) -> None:
        super().__init__(f"{name} bought", parent, ok_text="Save the deal")
        self.value = AmountField(estimate)
        self.form.addRow("Deal value", self.value)

    def check(self) -> None:
        if self.value.amount("The deal's value") is None:
            raise HearthError("Type what they bought for, such as 1200.")

    def answer(self) -> Decimal:
        amount = self.value.amount("The deal's value")
        assert amount is not None  # (check() said so first)
        return amount


class LostDialog(_Form):
    def __init__(self, name: str, parent: QWidget | None) -> None:
        super().__init__(f"{name} did not buy", parent, ok_text="Mark lost")
        self.reason = QComboBox()
        for reason in LostReason:
            self.reason.addItem(reason.value, reason)
        self.note = QLineEdit()
        self.note.setPlaceholderText("optional: what they said")
        self.form.addRow("Why", self.reason)
        self.form.addRow("Note", self.note)

    def answer(self) -> tuple[LostReason, str]:
        return LostReason(self.reason.currentData()), self.note.text()


class ContactDialog(_Form):
    def __init__(self, name: str, parent: QWidget | None) -> None:
        super().__init__(f"Contact with {name}", parent)
        self.kind = QComboBox()  # a pick list: a contact's kind is one of Hearth's words
        self.kind.addItems(list(TOUCHPOINT_KINDS))
        self.kind.setCurrentText("call")
        self.side = QComboBox()
        for side in Side:
            self.side.addItem(side.value, side)
        self.side.setCurrentIndex(1)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(70)
        self.temperature = QComboBox()
        self.temperature.addItem("unchanged", None)
        for temperature in Temperature:
            self.temperature.addItem(f"now {temperature.value}", temperature)
        self.opened_at = datetime.now(UTC).replace(second=0, microsecond=0)
        self.when = wall_clock_edit(self.opened_at)  # yesterday's call, logged today
        self.when.setToolTip("When you were in touch (now, unless you change it)")
        self.form.addRow("Kind", self.kind)
        self.form.addRow("Side", self.side)
        self.form.addRow("When", self.when)
        self.form.addRow("Note", self.note)
        self.form.addRow("Temperature", self.temperature)
        self.shown_when = wall_clock(self.when)
        self.kind.currentTextChanged.connect(self._kind_changed)
        self.side.activated.connect(self._side_chosen)

    _side_chosen_by_user = False

    @Slot()
    def _side_chosen(self) -> None:
        self._side_chosen_by_user = True

    @Slot(str)
    def _kind_changed(self, kind: str) -> None:
        """The kind suggests its side (a seminar is marketing, a demo sales) until the owner
        chooses the side: then a change of kind leaves it as they chose."""
        from app.model.leads.touchpoints import default_side

        if not self._side_chosen_by_user:
            self.side.setCurrentIndex(list(Side).index(default_side(kind)))

    def check(self) -> None:
        if not self.kind.currentText().strip():
            raise HearthError("Say what kind of contact it was, such as call or meeting.")
        moment = self._moment()
        if moment is not None and moment > datetime.now(UTC):
            raise HearthError("When: that is still to come; log a contact once it happened.")

    def _moment(self) -> datetime | None:
        """The time typed (None: left as it was, now); HearthError for a time the clocks skip
        or show twice."""
        from app.model.weeks import wall_clock_to_utc

        typed = wall_clock(self.when)
        return None if typed == self.shown_when else wall_clock_to_utc(typed)

    def answer(self) -> ContactAnswer:
        temperature = self.temperature.currentData()  # Qt hands a str enum back as str
        return ContactAnswer(
            self._moment(),
            self.kind.currentText(),
            Side(self.side.currentData()),
            self.note.toPlainText(),
            Temperature(temperature) if temperature else None,
        )


class NewLeadDialog(_Form):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__("New lead", parent)
        self.name = QLineEdit()
        self.company = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.temperature = QComboBox()
        for temperature in Temperature:
            self.temperature.addItem(temperature.value, temperature)
        for label, widget in (
            ("Name", self.name),
            ("Company", self.company),
            ("Email", self.email),
            ("Phone", self.phone),
            ("Temperature", self.temperature),
        ):
            self.form.addRow(label, widget)
        self.setMinimumWidth(420)

    def check(self) -> None:
        self.answer()[0].cleaned()

    def answer(self) -> tuple[LeadFields, Temperature]:
        fields = LeadFields(
            name=self.name.text(),
            company=self.company.text(),
            email=self.email.text(),
            phone=self.phone.text(),
        )
        return fields, Temperature(self.temperature.currentData())


class LeadPrompts:
    """Asks the user; each method returns None when the user cancels."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def won_value(self, name: str, estimate: Decimal | None) -> Decimal | None:
        dialog = WonDialog(name, estimate, self.parent)
        return dialog.answer() if run_modal(dialog) == QDialog.DialogCode.Accepted else None

    def lost_reason(self, name: str) -> tuple[LostReason, str] | None:
        dialog = LostDialog(name, self.parent)
        return dialog.answer() if run_modal(dialog) == QDialog.DialogCode.Accepted else None

    def contact(self, name: str) -> ContactAnswer | None:
        dialog = ContactDialog(name, self.parent)
        return dialog.answer() if run_modal(dialog) == QDialog.DialogCode.Accepted else None

    def new_lead(self) -> tuple[LeadFields, Temperature] | None:
        dialog = NewLeadDialog(self.parent)
        return dialog.answer() if run_modal(dialog) == QDialog.DialogCode.Accepted else None
