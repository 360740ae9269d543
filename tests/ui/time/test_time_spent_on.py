"""Time against a campaign or a lead from the window: the entry dialog and the running timer's
menu take them, so a campaign's hours and true CAC fill without the command line; and a new
entry opens on free time, never on an overlap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from app.model import people
from app.model.campaigns import service as campaigns
from app.model.campaigns.figures import figures
from app.model.campaigns.service import CampaignFields
from app.model.enums import Side
from app.model.leads import create as lead_create
from app.model.leads.service import LeadFields
from app.model.time import entries as time_entries
from app.model.time.types import EntryFields
from app.ui.shell.catalogue import TIME_PAGE
from app.ui.shell.main_window import MainWindow
from app.ui.time.access import TimeAccess
from app.ui.time.entry_dialog import EntryDialog
from app.ui.time.page import FOR, TimePage


def _setting(window: MainWindow) -> tuple[int, int, int]:
    assert window.store is not None
    with window.store.writer() as session:
        ann = people.list_people(session)[0].id
        fair = campaigns.create(session, CampaignFields("Spring fair", cost=Decimal(300)))
        anna = lead_create.create(session, LeadFields(name="Anna Baker", company="North")).id
    return ann, fair, anna


def test_an_entry_for_a_campaign_and_a_lead_from_the_dialog(
    qtbot: QtBot, window: MainWindow
) -> None:
    ann, fair, anna = _setting(window)
    assert window.store is not None
    end = datetime.now(UTC).replace(second=0, microsecond=0)
    dialog = EntryDialog(
        TimeAccess(window.store), EntryFields(ann, Side.MARKETING, end - timedelta(hours=2), end)
    )
    qtbot.addWidget(dialog)
    dialog.campaign.setCurrentIndex(dialog.campaign.findData(fair))
    dialog.lead.lineEdit().setText("Nobody")
    assert not dialog.check()  # a name that is no lead's is said, Save waits
    assert "No lead is called 'Nobody'" in dialog.error.text()
    dialog.lead.setCurrentText("Anna Baker (North)")
    assert dialog.check()
    dialog.save()
    with window.store.session() as session:
        (entry,) = time_entries.entries_between(session, end - timedelta(hours=3), end)
        fair_figures = next(f for f in figures(session, end=end + timedelta(1)) if f.id == fair)
    assert (entry.campaign_id, entry.lead_id) == (fair, anna)
    assert fair_figures.hours == pytest.approx(2.0)
    window.show_page(TIME_PAGE)
    page = window.page(TIME_PAGE)
    assert isinstance(page, TimePage)
    shown = [
        page.tree.topLevelItem(d).child(n).text(FOR)
        for d in range(7)
        for n in range(page.tree.topLevelItem(d).childCount())
    ]
    assert shown == ["Spring fair · Anna Baker"]


def test_the_running_timers_menu_links_it_or_starts_one(qtbot: QtBot, window: MainWindow) -> None:
    _ann, fair, anna = _setting(window)
    bar = window.timer_bar
    bar._fill_menu(Side.SALES)
    titles = [a.text() for a in bar.menus[Side.SALES].actions()]
    assert titles == ["Start sales for a campaign", "Start sales for a lead"]
    bar.spend_on(Side.SALES, "lead_id", anna)  # no timer yet: one starts, for Anna
    assert bar.running is not None and bar.running.lead_id == anna
    bar._fill_menu(Side.SALES)
    for_campaign = bar.menus[Side.SALES].actions()[0].menu()
    fair_action = next(a for a in for_campaign.actions() if a.text() == "Spring fair")
    fair_action.trigger()  # the running timer, now also for the fair
    assert bar.running.campaign_id == fair and bar.running.lead_id == anna
    assert window.store is not None
    with window.store.session() as session:
        (running,) = time_entries.running(session)
    assert (running.campaign_id, running.lead_id) == (fair, anna)


def test_a_new_entry_opens_on_free_time(qtbot: QtBot, window: MainWindow) -> None:
    assert window.store is not None
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    with window.store.writer() as session:
        ann = people.list_people(session)[0].id
        time_entries.add_entry(  # the last half hour is taken, and a timer runs since then
            session,
            EntryFields(ann, Side.SALES, now - timedelta(minutes=50), now - timedelta(minutes=20)),
        )
        time_entries.start_timer(session, ann, Side.SALES, at=now - timedelta(minutes=10))
    with window.store.session() as session:
        start, end = time_entries.free_span(session, ann, now)
    assert (start, end) == (now - timedelta(minutes=20), now - timedelta(minutes=10))
    window.show_page(TIME_PAGE)
    page = window.page(TIME_PAGE)
    assert isinstance(page, TimePage)
    opened: list[EntryDialog] = []
    page.open_dialog = lambda fields, entry_id=None: (
        opened.append(  # type: ignore[method-assign]
            EntryDialog(TimeAccess(window.store), fields, entry_id=entry_id)  # type: ignore[arg-type]
        )
        or False
    )
    window.menu_actions.new.trigger()  # Ctrl+N on the Time page: a new entry
    (dialog,) = opened
    qtbot.addWidget(dialog)
    assert dialog.error.isHidden()  # no error on opening
    assert dialog.fields().end == now - timedelta(minutes=10)


def test_ctrl_n_makes_the_new_thing_of_the_page_in_view(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    from app.ui.campaigns.page import CampaignsPage
    from app.ui.leads.page import LeadsPage
    from app.ui.shell.catalogue import CAMPAIGNS_PAGE, DASHBOARD_PAGE, LEADS_PAGE

    made: list[str] = []
    leads_page, campaigns_page, time_page = (
        window.page(i) for i in (LEADS_PAGE, CAMPAIGNS_PAGE, TIME_PAGE)
    )
    assert isinstance(leads_page, LeadsPage) and isinstance(campaigns_page, CampaignsPage)
    assert isinstance(time_page, TimePage)
    leads_page.new_lead = lambda: made.append("lead")  # type: ignore[method-assign]
    time_page.add_entry = lambda: made.append("entry")  # type: ignore[method-assign]
    campaigns_page.add_campaign = lambda: made.append("campaign")  # type: ignore[method-assign]
    for page, label in ((LEADS_PAGE, "New lead…"), (TIME_PAGE, "New time entry…"),
                        (CAMPAIGNS_PAGE, "New campaign…")):  # fmt: skip
        window.show_page(page)
        window.sidebar.setFocus()  # the focus on the sidebar, as after a click there
        assert window.menu_actions.new.text() == label
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert made == ["lead", "entry", "campaign"]
    window.show_page(DASHBOARD_PAGE)
    assert not window.menu_actions.new.isEnabled()


def test_the_entry_dialog_refuses_a_time_the_clocks_skip_and_keeps_one_they_show_twice(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Europe/Berlin: 2026-03-29 02:30 does not exist; 2026-10-25 02:30 happens twice."""
    from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone

    assert window.store is not None
    with window.store.writer() as session:
        ann = people.list_people(session)[0].id
        # an entry in the doubled hour, the second 02:30 (CET, +01:00): its note is edited
        second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
        doubled = time_entries.add_entry(
            session, EntryFields(ann, Side.SALES, second, second + timedelta(minutes=20))
        )
    edit = EntryDialog(
        TimeAccess(window.store), time_entries.fields_of(doubled), entry_id=doubled.id
    )
    qtbot.addWidget(edit)
    assert edit.check()  # untouched, the doubled time is the one stored
    edit.note.setText("late call")
    edit.save()
    with window.store.session() as session:
        assert time_entries.get_info(session, doubled.id).start == second

    start = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)  # 01:00 in Berlin
    dialog = EntryDialog(
        TimeAccess(window.store), EntryFields(ann, Side.SALES, start, start + timedelta(hours=3))
    )
    qtbot.addWidget(dialog)
    skipped = QDateTime(QDate(2026, 3, 29), QTime(2, 30), QTimeZone.utc())
    dialog.start.setDateTime(skipped)  # the owner types 02:30
    assert dialog.start.time() == QTime(2, 30)  # the field does not move it
    assert not dialog.check()
    assert "2026-03-29 02:30 does not exist in Europe/Berlin" in dialog.error.text()


def test_a_new_entry_opens_on_the_day_chosen_in_the_list(qtbot: QtBot, window: MainWindow) -> None:
    from app.model.weeks import current_week, week_bounds

    window.show_page(TIME_PAGE)
    page = window.page(TIME_PAGE)
    assert isinstance(page, TimePage)
    page.show_week(-1)  # last week: every day is past
    monday = page.tree.topLevelItem(0)
    page.tree.setCurrentItem(page.tree.topLevelItem(3))  # its Thursday
    fields = page._new_fields()
    assert fields is not None and fields.end is not None
    thursday = page.week_start + timedelta(days=3)
    assert fields.end.astimezone().date() == thursday
    assert fields.end.astimezone().hour == 17
    page.tree.setCurrentItem(monday)
    fields = page._new_fields()
    assert fields is not None and fields.end is not None
    assert fields.end.astimezone().date() == page.week_start
    assert week_bounds(current_week())[0] > fields.end
