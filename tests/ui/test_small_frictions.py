"""What a new owner stumbled over in the first week: long notes cut off, a validation message
that stayed after the fix, an undo hint that stayed after the undo, a new lead with no owner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.model import people
from app.model.enums import Temperature
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import touchpoints
from app.model.leads.service import LeadFields
from app.ui.leads.dialogs import NewLeadDialog
from app.ui.leads.page import LeadsPage
from app.ui.shell.catalogue import LEADS_PAGE
from app.ui.shell.main_window import MainWindow


def _leads_page(window: MainWindow) -> LeadsPage:
    window.show_page(LEADS_PAGE)
    page = window.page(LEADS_PAGE)
    assert isinstance(page, LeadsPage)
    return page


def test_a_long_note_in_the_timeline_wraps(qtbot: QtBot, window: MainWindow) -> None:
    assert window.store is not None
    note = "They want the whole shop redone before the spring season, " * 6
    with window.store.writer() as session:
        lead = lead_create.create(session, LeadFields(name="Anna Baker")).id
        touchpoints.log_touchpoint(session, lead, "call", note=note)
    page = _leads_page(window)
    page.refresh()
    page.select_lead(lead)
    timeline = page.detail.timeline
    item = next(
        timeline.item(n) for n in range(timeline.count()) if "spring" in timeline.item(n).text()
    )
    line = timeline.fontMetrics().lineSpacing()
    assert timeline.visualItemRect(item).height() >= 3 * line  # wrapped onto several lines
    assert timeline.visualItemRect(item).width() <= timeline.viewport().width()


def test_a_validation_message_goes_once_the_field_is_fixed(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = NewLeadDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.buttons.accepted.emit()  # OK with no name
    assert not dialog.error.isHidden() and "needs a name" in dialog.error.text()
    dialog.name.setText("Anna Baker")
    assert dialog.error.isHidden()


def _anna_archived(window: MainWindow) -> tuple[LeadsPage, list[str]]:
    """Anna Baker made and archived on the Leads page; the page and what it said since."""
    assert window.store is not None
    with window.store.writer() as session:
        lead = lead_create.create(session, LeadFields(name="Anna Baker")).id
    page = _leads_page(window)
    page.refresh()
    said: list[str] = []
    page.message.connect(said.append)
    page.lead_actions.archive_lead(lead, True)
    return page, said


def test_the_undo_hint_goes_after_the_undo(qtbot: QtBot, window: MainWindow) -> None:
    page, said = _anna_archived(window)
    assert said[-1] == "Archived; Ctrl+Z brings it back."
    page.undo_action.trigger()
    assert said[-1] == "Undone: archive Anna Baker."
    assert window.statusBar().currentMessage() == "Undone: archive Anna Baker."


def test_a_new_lead_belongs_to_the_person_this_computer_is_for(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.store is not None
    with window.store.session() as session:
        ann = people.list_people(session)[0].id
    page = _leads_page(window)

    class Answers:
        def new_lead(self) -> tuple[LeadFields, Temperature]:
            return LeadFields(name="Walk-in"), Temperature.WARM

    page.prompts = Answers()  # type: ignore[assignment]
    page.new_lead()
    assert page.detail.lead is not None
    with window.store.session() as session:
        assert leads.info(leads.get(session, page.detail.lead.id)).fields.owner_id == ann
    assert page.detail.owner.currentText() == "Ann"


def test_ctrl_z_in_the_sidebar_undoes_on_the_page_in_view(qtbot: QtBot, window: MainWindow) -> None:
    """Archived on the Leads page, a look at the Dashboard, back to Leads with a click: the
    focus is in the sidebar, and Ctrl+Z (a shortcut of the page) reached nothing."""
    page, said = _anna_archived(window)
    window.show_page(0)
    window.show_page(LEADS_PAGE)
    window.activateWindow()
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert said[-1] == "Undone: archive Anna Baker."
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Z, shift_ctrl)
    assert said[-1] == "Redone: archive Anna Baker."
