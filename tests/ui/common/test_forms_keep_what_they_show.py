"""A form never changes a value the owner did not touch: what it shows survives a refresh
under it (the minute's refresh, the window coming back to the front, an import), and a save
writes only the fields that were changed."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.model import people
from app.model.campaigns import service as campaigns
from app.model.campaigns.service import CampaignFields
from app.model.enums import Side
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads.service import LeadFields
from app.model.store import settings as settings_service
from app.model.time import entries as time_entries
from app.model.time import targets
from app.model.time.entries import EntryFields
from app.ui.campaigns.dialog import CampaignDialog
from app.ui.leads.page import LeadsPage
from app.ui.settings.access import SettingsAccess
from app.ui.settings.dialog import SettingsDialog
from app.ui.shell.catalogue import LEADS_PAGE
from app.ui.shell.main_window import MainWindow
from app.ui.time.access import TimeAccess
from app.ui.time.entry_dialog import EntryDialog

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _lead_with_source_and_owner(window: MainWindow) -> tuple[int, int, int]:
    assert window.store is not None
    with window.store.writer() as session:
        ann = people.list_people(session)[0].id
        fair = campaigns.create(session, CampaignFields("Spring fair", cost=Decimal("300")))
        lead = lead_create.create(
            session,
            LeadFields(name="Anna Baker", owner_id=ann, source_id=fair, notes="first"),
            at=T0,
        )
    return lead.id, ann, fair


def _leads_page(window: MainWindow) -> LeadsPage:
    page = window.page(LEADS_PAGE)
    assert isinstance(page, LeadsPage)
    return page


def _stored(window: MainWindow, lead_id: int) -> LeadFields:
    assert window.store is not None
    with window.store.session() as session:
        return leads.info(leads.get(session, lead_id)).fields


def test_a_refresh_under_the_open_lead_keeps_its_source_and_owner_and_a_notes_edit_saves_only_notes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    lead_id, ann, fair = _lead_with_source_and_owner(window)
    window.show_page(LEADS_PAGE)
    page = _leads_page(window)
    page.refresh()
    page.select_lead(lead_id)
    detail = page.detail
    assert (detail.source.currentText(), detail.owner.currentText()) == ("Spring fair", "Ann")

    window.refresh_from_store()  # the minute's refresh
    assert window.live is not None
    window.live._state_changed(Qt.ApplicationState.ApplicationInactive)  # away
    window.live._state_changed(Qt.ApplicationState.ApplicationActive)  # back to the front
    csv = tmp_path / "more.csv"
    csv.write_text("name,email\nBen Cole,ben@example.com\n", encoding="utf-8")
    assert window.store is not None
    from app.model.io.leads import import_leads

    with window.store.writer() as session:
        import_leads(session, csv)
    page._imported("Imported 1 new lead.")  # what the import dialog tells the page

    assert (detail.source.currentText(), detail.owner.currentText()) == ("Spring fair", "Ann")
    detail.notes.setPlainText("first; called back on Friday")
    detail.notes.editing_finished.emit()  # the owner clicks away
    stored = _stored(window, lead_id)
    assert stored.notes == "first; called back on Friday"
    assert (stored.source_id, stored.owner_id) == (fair, ann)


def test_an_archived_source_is_shown_and_kept(qtbot: QtBot, window: MainWindow) -> None:
    lead_id, _ann, fair = _lead_with_source_and_owner(window)
    assert window.store is not None
    with window.store.writer() as session:
        campaigns.set_archived(session, fair)
    page = _leads_page(window)
    window.show_page(LEADS_PAGE)
    page.refresh()
    page.select_lead(lead_id)
    assert page.detail.source.currentText() == "Spring fair (archived)"
    page.detail.company.setText("North Bakery")
    page.detail.company.editingFinished.emit()
    stored = _stored(window, lead_id)
    assert (stored.company, stored.source_id) == ("North Bakery", fair)


def test_the_campaign_dialog_saves_only_what_was_changed(qtbot: QtBot) -> None:
    given = CampaignFields("Newsletter", "email", cost=Decimal("12.345"), notes="monthly")
    dialog = CampaignDialog(given, ["email", "social"])
    qtbot.addWidget(dialog)
    assert dialog.fields() == given  # 12.345 is not rounded by a spin box that shows 12.35
    dialog.notes.setText("weekly")
    assert dialog.fields() == dataclasses.replace(given, notes="weekly")


def test_the_entry_dialog_keeps_a_timers_seconds_when_only_the_note_changes(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.store
    assert store is not None
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3, seconds=17)
    with store.writer() as session:
        ann = people.list_people(session)[0].id
        entry = time_entries.add_entry(
            session, EntryFields(ann, Side.SALES, start, start + timedelta(minutes=47, seconds=5))
        )
    fields = time_entries.fields_of(entry)
    dialog = EntryDialog(TimeAccess(store), fields, entry_id=entry.id, parent=window)
    window.refresh_from_store()
    dialog.note.setText("call with Anna")
    dialog.save()
    with store.session() as session:
        stored = time_entries.fields_of(time_entries.get_info(session, entry.id))
    assert stored == fields._replace(note="call with Anna")


def test_settings_keep_an_unrounded_split_when_only_the_name_changes(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.store
    assert store is not None and window.settings is not None
    with store.writer() as session:
        current = settings_service.save(
            session,
            window.settings._replace(marketing_share=1 / 3, weekly_hours=37.75),
        )
    dialog = SettingsDialog(SettingsAccess(store), current, window)
    qtbot.addWidget(dialog)
    with store.writer() as session:  # the partner sets an hourly rate meanwhile
        settings_service.save(
            session, settings_service.load(session)._replace(hourly_rate=Decimal(60))
        )
    window.refresh_from_store()
    dialog.business_edit.setText("Pixel Studio")
    dialog.save()
    with store.session() as session:
        stored = settings_service.load(session)
        target = targets.target_for(session, "2026-W48")
    assert stored.business_name == "Pixel Studio"
    assert (stored.marketing_share, stored.weekly_hours) == (1 / 3, 37.75)
    assert stored.hourly_rate == Decimal(60)  # theirs, untouched by this save
    assert target.marketing_share == 1 / 3


def test_an_amount_is_read_the_owners_way_and_never_with_a_separator_dropped(
    qtbot: QtBot,
) -> None:
    """'40,50' in a cost is not silently 4050: where the decimal mark is a point it is refused
    with a sentence; where it is a comma it is 40.50."""
    from PySide6.QtCore import QLocale

    from app.model.errors import HearthError

    dialog = CampaignDialog(CampaignFields("Fair"), [])
    qtbot.addWidget(dialog)
    dialog.cost.setText("40,50")
    with pytest.raises(HearthError, match="'40,50' is not an amount as this computer writes"):
        dialog.fields()
    assert "is not an amount" in dialog._problem()
    dialog.cost.setText("1,240.50")
    assert dialog.fields().cost == Decimal("1240.50")
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        german = CampaignDialog(CampaignFields("Fair", cost=Decimal("12.5")), [])
        qtbot.addWidget(german)
        assert german.cost.text() == "12,5"
        german.cost.setText("40,50")
        assert german.fields().cost == Decimal("40.50")
    finally:
        QLocale.setDefault(QLocale.c())


def test_settings_rename_the_owner_and_add_a_partner(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    assert store is not None and window.settings is not None
    dialog = SettingsDialog(SettingsAccess(store), window.settings, window)
    qtbot.addWidget(dialog)
    assert [edit.text() for edit in dialog.names] == ["Ann"]
    dialog.names[0].setText("Ann Baker")
    dialog.partner.setText("Bo")
    dialog.save()
    with store.session() as session:
        assert [p.name for p in people.list_people(session)] == ["Ann Baker", "Bo"]
    again = SettingsDialog(SettingsAccess(store), window.settings, window)
    qtbot.addWidget(again)
    again.names[1].setText("ann baker")  # a name taken by the other: a sentence, nothing saved
    again.save()
    assert "There is already a person called 'ann baker'" in again.error.text()
    with store.session() as session:
        assert [p.name for p in people.list_people(session)] == ["Ann Baker", "Bo"]
