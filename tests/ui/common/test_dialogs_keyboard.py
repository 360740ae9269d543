"""Dialogs meet the keyboard: the focus starts in the first field (never on a button, where
Space would press it), and a value typed and then Enter is the value recorded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.model import people
from app.model.campaigns.service import CampaignFields
from app.model.enums import Side
from app.model.time.types import EntryFields
from app.ui.campaigns.dialog import CampaignDialog
from app.ui.leads.dialogs import ContactDialog, LostDialog, NewLeadDialog, WonDialog
from app.ui.settings.dialog import SettingsDialog
from app.ui.shell.main_window import MainWindow
from app.ui.time.access import TimeAccess
from app.ui.time.entry_dialog import EntryDialog


def _opened(qtbot: QtBot, dialog: QDialog) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    focus = dialog.focusWidget()
    assert focus is not None
    return focus


@pytest.mark.parametrize(
    ("make", "first"),
    [
        (lambda w: NewLeadDialog(w), "name"),
        (lambda w: WonDialog("Anna", Decimal("1500"), w), "value"),
        (lambda w: LostDialog("Anna", w), "reason"),
        (lambda w: ContactDialog("Anna", w), "kind"),
        (lambda w: CampaignDialog(CampaignFields(""), ["email"], w), "name"),
        (lambda w: SettingsDialog(w.settings_access(), w.settings, w), "business_edit"),
    ],
    ids=["new lead", "won", "lost", "contact", "campaign", "settings"],
)
def test_the_focus_starts_in_the_first_field(
    qtbot: QtBot, window: MainWindow, make: object, first: str
) -> None:
    dialog = make(window)  # type: ignore[operator]
    focus = _opened(qtbot, dialog)
    field = getattr(dialog, first)
    assert focus is field or field.isAncestorOf(focus)
    assert not isinstance(focus, QAbstractButton)


def test_the_entry_dialog_starts_in_its_first_field(qtbot: QtBot, window: MainWindow) -> None:
    assert window.store is not None
    with window.store.session() as session:
        ann = people.list_people(session)[0].id
    end = datetime.now(UTC).replace(second=0, microsecond=0)
    dialog = EntryDialog(
        TimeAccess(window.store), EntryFields(ann, Side.SALES, end - timedelta(hours=1), end)
    )
    focus = _opened(qtbot, dialog)
    assert focus is dialog.side


def test_a_deal_value_typed_then_enter_is_the_value_recorded(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = WonDialog("Anna", None, window)
    focus = _opened(qtbot, dialog)
    qtbot.keyClicks(focus, "3200")
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.answer() == Decimal("3200.00")


def test_typing_a_new_leads_name_and_space_do_not_press_ok(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = NewLeadDialog(window)
    focus = _opened(qtbot, dialog)
    qtbot.keyClicks(focus, "Anna Baker")
    qtbot.keyClick(focus, Qt.Key.Key_Space)
    assert dialog.isVisible()  # Space typed a space, it did not press OK
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.answer()[0].name == "Anna Baker "


def test_a_contacts_kind_is_a_pick_list_that_leaves_a_chosen_side_alone(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = ContactDialog("Anna", window)
    qtbot.addWidget(dialog)
    assert not dialog.kind.isEditable()
    dialog.kind.setCurrentText("seminar/event")
    assert dialog.answer().side is Side.MARKETING  # suggested by the kind
    dialog.side.setCurrentIndex(list(Side).index(Side.SALES))
    dialog.side.activated.emit(dialog.side.currentIndex())  # the owner chooses sales
    dialog.kind.setCurrentText("direct mail")
    assert dialog.answer().side is Side.SALES  # not flipped behind their back


def test_a_contact_can_be_logged_for_yesterday_and_not_for_tomorrow(
    qtbot: QtBot, window: MainWindow
) -> None:
    from datetime import timedelta

    from PySide6.QtCore import QDateTime

    dialog = ContactDialog("Anna", window)
    qtbot.addWidget(dialog)
    assert dialog.answer().at is None  # untouched: now
    shown = dialog.when.dateTime()
    dialog.when.setDateTime(shown.addDays(-1))
    at = dialog.answer().at
    assert at is not None and abs(at - (dialog.opened_at - timedelta(days=1))) < timedelta(hours=2)
    dialog.when.setDateTime(QDateTime(shown.addDays(2)))
    dialog.buttons.accepted.emit()
    assert "still to come" in dialog.error.text()
