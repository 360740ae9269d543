"""Small pieces the dialogs share: running one, the focus in its first field, a currency
picker, the inline error line, amounts in the owner's decimal mark, lists that keep their
choice when they are filled again, and what a form showed (to save only what changed)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

COMMON_CURRENCIES = (
    "EUR",
    "USD",
    "GBP",
    "CHF",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "CZK",
    "CAD",
    "AUD",
    "NZD",
    "JPY",
    "CNY",
    "INR",
    "BRL",
    "ZAR",
)


def run_modal(dialog: QDialog) -> int:
    """Show `dialog` until it is answered, then let it go: its answer can still be read until
    the event loop turns, and no finished dialog hangs on to the window (PySide would delete it
    at exit, in no good order, after its owner)."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def locale_currency() -> str:
    code = QLocale.system().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    return code if len(code) == 3 and code.isalpha() else "EUR"


def currency_box(current: str, parent: QWidget | None = None) -> QComboBox:
    box = QComboBox(parent)
    box.setEditable(True)
    box.addItems(COMMON_CURRENCIES)
    box.setCurrentText(current)
    box.setToolTip("A three-letter currency code; all money in Hearth is in this currency.")
    return box


def share_box(share: float, parent: QWidget | None = None) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(0, 100)
    box.setSuffix(" % marketing")
    box.setValue(round(share * 100))
    box.setToolTip(
        "Of your working hours, the share you mean to spend on marketing; the rest is sales."
    )
    return box


def hours_box(hours: float, parent: QWidget | None = None) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(0.5, 168)
    box.setDecimals(1)
    box.setSingleStep(1)
    box.setSuffix(" h a week")
    box.setValue(hours)
    return box


def error_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #c0392b;")
    label.setObjectName("formError")
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def refill(combo: QComboBox, items: Sequence[tuple[object, str]], first: str | None = None) -> None:
    """Fill `combo` again with (data, text) items — `first` on top for "none" (data None) —
    keeping the choice it shows. A choice that is no longer offered stays, as it was, so a
    list filled again under a form never changes what the form shows (or saves)."""
    kept_data, kept_text = combo.currentData(), combo.currentText()
    had_choice = combo.currentIndex() >= 0
    combo.blockSignals(True)
    try:
        combo.clear()
        if first is not None:
            combo.addItem(first, None)
        for data, text in items:
            combo.addItem(text, data)
        index = combo.findData(kept_data) if had_choice else -1
        if had_choice and index < 0 and kept_data is not None:
            combo.addItem(kept_text, kept_data)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0) if combo.count() else -1)
    finally:
        combo.blockSignals(False)


def choose(combo: QComboBox, data: object, text: str = "") -> None:
    """Show `data` as the combo's choice; one not in its list is added (as `text`), so a form
    never shows — or saves — another value than the one it was given."""
    index = combo.findData(data)
    if index < 0 and data is not None:
        combo.addItem(text or str(data), data)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


class ShownValues:
    """What a form showed when it was filled, field by field, read back from its widgets.

    `changes()` names only the fields whose widgets now read differently: a save built from
    them writes what the owner changed and nothing else — not a value a widget rounded, nor
    one a list re-filled under the form."""

    def __init__(self, readers: Mapping[str, Callable[[], object]]) -> None:
        self.readers = dict(readers)
        self.shown: dict[str, object] = {}

    def remember(self) -> None:
        """Call right after filling the form."""
        self.shown = {name: read() for name, read in self.readers.items()}

    def changes(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, read in self.readers.items():
            value = read()
            if value != self.shown.get(name):
                found[name] = value
        return found


def start_at_first_field(buttons: QWidget, *fields: QWidget) -> None:
    """Open a dialog the way the keyboard expects: the focus in its first field (never on a
    button, where Space would press it), the text or number there selected so typing replaces
    it, and Tab going through the fields in reading order before the buttons."""
    if not fields:
        return
    for before, after in zip((*fields, buttons), (*fields[1:], buttons), strict=False):
        if before is not after:
            QWidget.setTabOrder(before, after)
    first = fields[0]
    first.setFocus()
    if isinstance(first, (QLineEdit, QAbstractSpinBox)):
        first.selectAll()


def form_fields(form: QFormLayout) -> list[QWidget]:
    """The widgets of a form's fields, in reading order (rows holding a layout are passed)."""
    found = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        widget = item.widget() if item is not None else None
        if widget is not None and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            found.append(widget)
    return found


def show_amount(value: Decimal | None) -> str:
    """An amount for the owner to read and edit: their decimal mark, no exponent, no zeros
    after the last digit that counts (1200, 99,95)."""
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", QLocale().decimalPoint())


def read_amount(text: str) -> Decimal | None:
    """What the owner typed as an amount, read with their decimal mark (None when empty);
    ValueError with a sentence when it is no amount — a separator is never dropped quietly."""
    from app.model.io.csv_values import DecimalMark

    text = text.strip()
    if not text:
        return None
    return DecimalMark(QLocale().decimalPoint(), "this computer's settings").money(text)


def recheck_while_shown(label: QLabel, problem: Callable[[], str], *fields: QWidget) -> None:
    """A validation message beside a form goes the moment the field is fixed: while `label`
    shows one, each change to a field asks `problem()` again ("" when all is well)."""

    def again() -> None:
        if not label.isHidden():
            show_error(label, problem())

    for field in fields:
        for name in ("textChanged", "currentIndexChanged", "valueChanged", "edited"):
            signal = getattr(field, name, None)
            if signal is not None:
                signal.connect(again)


class AmountField(QLineEdit):
    """An amount of money typed the owner's way — their decimal mark, grouping as they like
    (1200, 1.200,50 where a comma is the decimal mark) — read exactly, never with a separator
    dropped: text that is no amount is refused with a sentence (`amount` raises)."""

    def __init__(self, value: Decimal | None = None, parent: QWidget | None = None) -> None:
        super().__init__(show_amount(value), parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        example = f"1200{QLocale().decimalPoint()}50"
        self.setPlaceholderText(f"e.g. {example}")
        self.setToolTip(f"An amount, such as {example}")

    def amount(self, label: str = "The amount") -> Decimal | None:
        """The amount typed (None when empty); HearthError saying why when it is no amount."""
        from app.model.errors import ValidationError

        try:
            found = read_amount(self.text())
        except ValueError:
            example = f"1200{QLocale().decimalPoint()}50"
            raise ValidationError(
                f"{label}: {self.text().strip()!r} is not an amount as this computer writes "
                f"them; write it like {example} (the decimal mark is "
                f"'{QLocale().decimalPoint()}')."
            ) from None
        if found is not None and found < 0:
            raise ValidationError(f"{label} cannot be negative.")
        return found
