"""Settings → Months with their own goal: a month's goal set, changed and removed in the
dialog is written on Save through the goals' own functions (as `hearth-cli goal set` writes
it); a bad value is refused beside the field and writes nothing; Cancel writes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.model.goals import service as goals
from app.ui.settings.dialog import SettingsDialog
from app.ui.settings.month_goals import MonthGoalsModel
from app.ui.shell.main_window import MainWindow


def _months(window: MainWindow) -> dict[str, Decimal]:
    assert window.store is not None
    with window.store.session() as session:
        return goals.goals(session).months


def _dialog(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    assert window.settings is not None
    dialog = SettingsDialog(window.settings_access(), window.settings, window)
    qtbot.addWidget(dialog)
    return dialog


def _type(dialog: SettingsDialog, month: str, amount: str) -> None:
    editor = dialog.month_goals
    year, number = (int(part) for part in month.split("-"))
    editor.month_edit.setDate(QDate(year, number, 1))
    editor.amount_edit.clear()
    QtBot.keyClicks(editor.amount_edit, amount)


def test_a_months_goal_set_changed_and_removed_in_settings(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _dialog(qtbot, window)
    editor = dialog.month_goals
    assert editor.empty.isVisibleTo(dialog) and not editor.table.isVisibleTo(dialog)
    _type(dialog, "2026-11", "30000")
    editor.set_button.click()
    _type(dialog, "2026-12", "20000")
    editor.set_button.click()
    assert editor.table.isVisibleTo(dialog) and editor.model.rowCount() == 2
    assert _months(window) == {}  # nothing written before Save
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert _months(window) == {"2026-11": Decimal("30000"), "2026-12": Decimal("20000")}

    # Opened again: the table shows them; one changed, the other removed.
    again = _dialog(qtbot, window)
    editor = again.month_goals
    model = editor.model
    assert [
        (model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())
    ] == [("2026-11", "30,000.00"), ("2026-12", "20,000.00")]
    assert not editor.remove_button.isEnabled()
    editor.table.selectRow(0)  # 2026-11: its month and goal below, to change
    assert (editor.month, editor.amount_edit.text()) == ("2026-11", "30000")
    editor.amount_edit.clear()
    qtbot.keyClicks(editor.amount_edit, "32500")
    editor.set_button.click()
    editor.table.selectRow(1)
    assert editor.remove_button.isEnabled()
    editor.remove_button.click()
    assert model.rowCount() == 1
    again.save()
    assert _months(window) == {"2026-11": Decimal("32500")}


def test_an_amount_typed_then_enter_is_recorded(qtbot: QtBot, window: MainWindow) -> None:
    """Enter in the amount saves the dialog (its default button) with the month's goal typed,
    never Set: a value typed and then Enter is the value recorded."""
    dialog = _dialog(qtbot, window)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    _type(dialog, "2027-01", "41000")
    dialog.month_goals.amount_edit.setFocus()
    qtbot.keyClick(dialog.month_goals.amount_edit, Qt.Key.Key_Return)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert _months(window) == {"2027-01": Decimal("41000")}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "A goal must be an amount of more than 0."),  # the CLI's own sentence
        ("", "Type the goal of 2026-11, like 30000."),
        ("lots", "The goal of 2026-11: 'lots' is not an amount as this computer writes them"),
    ],
)
def test_a_bad_goal_says_why_beside_the_field_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, typed: str, message: str
) -> None:
    dialog = _dialog(qtbot, window)
    editor = dialog.month_goals
    _type(dialog, "2026-11", typed)
    editor.set_button.click()
    assert editor.error.isVisibleTo(dialog) and editor.error.text().startswith(message)
    assert editor.model.rowCount() == 0
    if typed:  # typed and saved: refused the same way, the dialog stays open
        dialog.save()
        assert dialog.result() != SettingsDialog.DialogCode.Accepted
        assert editor.error.text().startswith(message)
    assert _months(window) == {}
    # The message goes the moment the field is edited.
    qtbot.keyClicks(editor.amount_edit, "5")
    assert not editor.error.isVisibleTo(dialog)


def test_cancel_writes_no_goal(qtbot: QtBot, window: MainWindow) -> None:
    assert window.store is not None
    with window.store.writer() as session:
        goals.set_goal(session, "2026-11", Decimal("30000"))
        session.commit()
    dialog = _dialog(qtbot, window)
    editor = dialog.month_goals
    editor.table.selectRow(0)
    editor.remove_button.click()
    _type(dialog, "2026-12", "5000")
    editor.set_button.click()
    dialog.reject()
    assert _months(window) == {"2026-11": Decimal("30000")}


def test_settings_with_month_goals_fit_a_1024_by_700_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.store is not None
    with window.store.writer() as session:
        for month in ("2026-09", "2026-10", "2026-11", "2026-12", "2027-01"):
            goals.set_goal(session, month, Decimal("30000"))
        session.commit()
    dialog = _dialog(qtbot, window)
    hint = dialog.sizeHint()
    assert hint.width() <= 1024 and hint.height() <= 640  # the title bar and a panel besides
    # Three rows show; the others scroll.
    table = dialog.month_goals.table
    assert table.model().rowCount() == 5
    assert table.rowAt(table.viewport().height() - 1) in (2, 3)
    # A sentence under the month's row makes room: it squeezes nothing behind it.
    dialog.show()
    qtbot.waitExposed(dialog)
    editor = dialog.month_goals
    _type(dialog, "2026-11", "lots")
    editor.set_button.click()
    qtbot.waitUntil(lambda: editor.error.isVisible())
    qtbot.waitUntil(lambda: editor.amount_edit.geometry().top() >= table.geometry().bottom())
    assert editor.error.geometry().top() >= editor.amount_edit.geometry().bottom()
    assert editor.error.height() >= editor.error.heightForWidth(editor.error.width())


def test_the_table_model_passes_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = MonthGoalsModel("EUR", {"2026-11": Decimal("30000"), "2026-12": Decimal("20000.5")})
    qtmodeltester.check(model)
    model.put("2027-01", Decimal("1"))
    model.put("2026-11", None)
    assert model.months == ["2026-12", "2027-01"]
    assert model.index(0, 1).data() == "20,000.50"
    qtmodeltester.check(model)


def test_the_arrows_step_the_month_and_set_stays_put(qtbot: QtBot, window: MainWindow) -> None:
    """↑ on the month goes to next month (it went to next year: the year was the current
    section); a sentence shown under the month's row and gone again leaves Set where it was
    (the taller dialog's spare room went between the table and the row: Set moved down from
    under the pointer)."""
    dialog = _dialog(qtbot, window)
    editor = dialog.month_goals
    editor.month_edit.setDate(QDate(2026, 11, 1))
    editor.month_edit.stepUp()
    assert editor.month == "2026-12"
    dialog.show()
    qtbot.waitExposed(dialog)

    def set_below_table() -> int:
        table = editor.table.mapTo(dialog, QPoint(0, editor.table.height()))
        return editor.set_button.mapTo(dialog, QPoint(0, 0)).y() - table.y()

    _type(dialog, "2026-12", "5000")
    editor.set_button.click()
    QApplication.processEvents()
    before = set_below_table()
    _type(dialog, "2027-01", "10.000,50")  # a sentence of three lines
    editor.set_button.click()
    qtbot.waitUntil(lambda: editor.error.isVisible())
    qtbot.wait(100)
    assert set_below_table() == before
    qtbot.keyClicks(editor.amount_edit, "0")  # the sentence goes
    qtbot.waitUntil(lambda: not editor.error.isVisible())
    qtbot.wait(100)
    assert set_below_table() == before
