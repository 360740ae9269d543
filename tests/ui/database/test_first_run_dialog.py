"""The first-run dialog stores the business and people, or says what is missing."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.model import people
from app.model.store import settings as settings_service
from app.model.store.db import Store
from app.ui.database.first_run_dialog import FirstRunDialog
from app.ui.settings.access import SettingsAccess


def _ok(dialog: FirstRunDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_answers_are_saved(qtbot: QtBot, store: Store) -> None:
    dialog = FirstRunDialog(SettingsAccess(store))
    qtbot.addWidget(dialog)
    dialog.business_edit.setText("Riverside Bakery")
    dialog.person_edit.setText("Maya")
    dialog.partner_edit.setText("Tom")
    dialog.currency_combo.setCurrentText("GBP")
    dialog.share_spin.setValue(35)
    dialog.hours_spin.setValue(30)
    dialog.goal_edit.setText("30000")
    with qtbot.waitSignal(dialog.set_up_completed):
        _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with store.session() as session:
        stored = settings_service.load(session)
        names = [p.name for p in people.list_people(session)]
    assert stored.set_up
    assert (stored.business_name, stored.currency) == ("Riverside Bakery", "GBP")
    assert (stored.marketing_share, stored.weekly_hours) == (0.35, 30)
    assert stored.default_goal == Decimal("30000")
    assert names == ["Maya", "Tom"]


def test_the_goal_is_optional_and_a_wrong_one_is_said(qtbot: QtBot, store: Store) -> None:
    dialog = FirstRunDialog(SettingsAccess(store))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person_edit.setText("Maya")
    dialog.goal_edit.setText("lots")
    _ok(dialog)
    assert dialog.isVisible() and dialog.error.text().startswith(
        "The monthly revenue goal: 'lots' is not an amount"
    )
    dialog.goal_edit.setText("")
    with qtbot.waitSignal(dialog.set_up_completed):
        _ok(dialog)
    with store.session() as session:
        assert settings_service.load(session).default_goal == 0


def test_without_a_name_it_stays_open_and_says_why(qtbot: QtBot, store: Store) -> None:
    dialog = FirstRunDialog(SettingsAccess(store))
    qtbot.addWidget(dialog)
    dialog.show()
    _ok(dialog)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Name at least one person who uses Hearth."
    with store.session() as session:
        assert not settings_service.load(session).set_up


def test_the_defaults_are_forty_percent_and_forty_hours(qtbot: QtBot, store: Store) -> None:
    dialog = FirstRunDialog(SettingsAccess(store))
    qtbot.addWidget(dialog)
    assert dialog.share_spin.value() == 40
    assert dialog.hours_spin.value() == 40


def test_explore_with_demo_data_ends_the_dialog_with_the_demo_choice(
    qtbot: QtBot, store: Store
) -> None:
    dialog = FirstRunDialog(SettingsAccess(store))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.demo_button.click()
    assert dialog.result() == FirstRunDialog.DEMO
    assert not dialog.isVisible()
    with store.session() as session:
        assert not settings_service.load(session).set_up  # nothing written to this database
