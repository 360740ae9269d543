"""Time: the week's entries day by day, with daily totals and the balance against the target."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.model.enums import Side
from app.ui.common.balance_chart import BalanceChart
from app.ui.common.forms import run_modal
from app.ui.common.page import Page
from app.ui.common.undo import DoneCommand, UndoStack
from app.ui.common.week_label import label_week
from app.ui.time.access import TimeAccess
from app.ui.time.week_strip import WeekStrip

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.model.time.entries import EntryFields, EntryInfo

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
DAY_ROLE = Qt.ItemDataRole.UserRole + 2
# The entries' columns; "Who" is shown when two or more people use Hearth.
COLUMNS = ("When", "Who", "Side", "Category", "For", "Hours", "Note")
WHEN, WHO, SIDE, CATEGORY, FOR, HOURS, NOTE = range(len(COLUMNS))
WHO_WIDTH = 90  # px, at the least: wider for longer names


class DeleteEntryCommand(DoneCommand):
    """Deleting an entry is one Ctrl+Z away from undone."""

    def __init__(self, access: TimeAccess, removed: EntryInfo, after: Callable[[], None]) -> None:
        from app.model.time.entries import fields_of

        super().__init__("Delete entry", access, after)
        self.access: TimeAccess = access
        self.fields, self.entry_id = fields_of(removed), removed.id

    def do(self) -> None:
        self.access.delete(self.entry_id)

    def back(self) -> None:
        self.entry_id = self.access.add(self.fields).id


class TimePage(Page):
    access_type = TimeAccess
    access: TimeAccess | None
    fills_page = True
    title = "Time"
    new_label = "New time entry…"
    purpose = "Where your hours went this week: marketing against sales, day by day."
    empty_text = (
        "No time logged this week. One click on ▶ Marketing or ▶ Sales in the "
        "toolbar starts the clock; or add an entry you forgot (Ctrl+N)."
    )

    def __init__(self) -> None:
        super().__init__()
        self.week_start = date.today() - timedelta(days=date.today().weekday())
        self.undo_stack = UndoStack(self)
        self.previous_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        self.this_week_button = QPushButton("This week")
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        self.week_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(36)
        self.previous_button.setToolTip("The week before")
        self.next_button.setToolTip("The week after")
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.duplicate_button = QPushButton("Duplicate…")
        self.delete_button = QPushButton("Delete")
        self.balance_label = QLabel()
        self.balance_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        for column, width in enumerate((160, WHO_WIDTH, 80, 130, 140, 90)):
            self.tree.setColumnWidth(column, width)

        bar = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.week_label,
            self.next_button,
            self.this_week_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        for button in (
            self.add_button,
            self.edit_button,
            self.duplicate_button,
            self.delete_button,
        ):
            bar.addWidget(button)
        self.chart = BalanceChart()
        self.strip = WeekStrip()
        self.body.addLayout(bar)
        self.body.addWidget(self.balance_label)
        self.body.addWidget(self.chart)
        self.body.addWidget(self.strip)
        self.body.addWidget(self.tree, 1)
        self._make_actions()
        self._connect()

    def _make_actions(self) -> None:
        self.undo_action = self.undo_stack.undo_action()
        self.delete_action = QAction("Delete entry", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.delete_action)

    def _connect(self) -> None:
        self.previous_button.clicked.connect(lambda: self.show_week(-1))
        self.next_button.clicked.connect(lambda: self.show_week(1))
        self.this_week_button.clicked.connect(lambda: self.show_week(0))
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit_entry)
        self.tree.itemActivated.connect(self.edit_entry)
        self.duplicate_button.clicked.connect(self.duplicate_entry)
        self.delete_button.clicked.connect(self.delete_entry)
        self.delete_action.triggered.connect(self.delete_entry)

    # ---- the week ------------------------------------------------------------------------

    @Slot()
    def show_week(self, step: int) -> None:
        if step == 0:
            self.week_start = date.today() - timedelta(days=date.today().weekday())
        else:
            self.week_start += timedelta(weeks=step)
        self.refresh()

    @property
    def week(self) -> str:
        from app.model.weeks import week_name

        return week_name(self.week_start)

    def change_widgets(self) -> list[QWidget]:
        buttons = (self.add_button, self.edit_button, self.duplicate_button, self.delete_button)
        return list(buttons)

    def reload(self) -> None:
        if self.access is None:
            return
        from app.model.durations import format_hours
        from app.model.weeks import week_bounds
        from app.ui.common.balance_chart import BalanceRow

        now = datetime.now(UTC)
        start, end = week_bounds(self.week)
        week = self.access.week(self.week, start, end, now)
        entries, balance, person_targets = week.entries, week.balance, week.targets
        spent_on = {"campaign": week.campaign_names, "lead": week.lead_names}
        self.tree.setColumnHidden(WHO, len(person_targets) < 2)
        self._fit_who(list(person_targets))
        label_week(self.week_label, self.week_start, with_year=True)
        hours = balance.hours
        self.balance_label.setText(
            f"<b>{escape(balance.words())}</b> Marketing {format_hours(hours.marketing)} · "
            f"sales {format_hours(hours.sales)}."
        )
        rows = [
            BalanceRow(
                name,
                sides.get(Side.MARKETING, 0.0),
                sides.get(Side.SALES, 0.0),
                person_targets[name].marketing_share,
            )
            for name, sides in sorted(hours.by_person.items())
            if name in person_targets
        ]
        if len(rows) > 1 or not rows:
            rows.append(
                BalanceRow(
                    balance.whose or "Together",  # one person's empty week is theirs
                    hours.marketing,
                    hours.sales,
                    balance.target.marketing_share,
                )
            )
        self.chart.show_rows(rows)
        self.strip.show_week(self.week_start, entries, now)
        self._fill(entries, hours.by_day, now, spent_on)
        self.empty_state.setVisible(not entries)

    def _fit_who(self, names: list[str]) -> None:
        """The Who column as wide as the longest name ("Maya Lindqvist" was cut to "Maya
        Lindq…" at its 90 px while the Note column had room to spare)."""
        metrics = self.tree.fontMetrics()
        widest = max((metrics.horizontalAdvance(name) for name in names), default=0)
        self.tree.setColumnWidth(WHO, max(WHO_WIDTH, widest + 2 * metrics.averageCharWidth()))

    def _fill(
        self,
        entries: list[EntryInfo],
        by_day: dict[date, dict[Side, float]],
        now: datetime,
        spent_on: dict[str, dict[int, str]],
    ) -> None:
        """Each day with its total (and its split, in the Note column), its entries under it:
        when, who, side, category, what it was for (a campaign or a lead), hours, note."""
        from app.model.durations import format_hours

        self.tree.clear()
        days: dict[date, QTreeWidgetItem] = {}
        for day, sides in by_day.items():
            total = sides[Side.MARKETING] + sides[Side.SALES]
            cells = [""] * len(COLUMNS)
            cells[WHEN] = f"{day:%A %d %b}"
            if total:
                cells[HOURS] = format_hours(total)
                cells[NOTE] = (
                    f"marketing {format_hours(sides[Side.MARKETING])} · sales "
                    f"{format_hours(sides[Side.SALES])}"
                )
            item = QTreeWidgetItem(cells)
            item.setData(0, DAY_ROLE, day)
            font = item.font(WHEN)
            font.setBold(True)
            item.setFont(WHEN, font)
            item.setFont(HOURS, font)
            self.tree.addTopLevelItem(item)
            days[day] = item
        for entry in entries:
            local_start = entry.start.astimezone()
            parent = days.get(local_start.date()) or days[min(days)]
            end = entry.end.astimezone().strftime("%H:%M") if entry.end else "running"
            spent = [
                spent_on["campaign"].get(entry.campaign_id or 0, ""),
                spent_on["lead"].get(entry.lead_id or 0, ""),
            ]
            cells = [""] * len(COLUMNS)
            cells[WHEN] = f"{local_start:%H:%M}–{end}"
            cells[WHO] = entry.person
            cells[SIDE] = entry.side.value
            cells[CATEGORY] = entry.category
            cells[FOR] = " · ".join(name for name in spent if name)
            cells[HOURS] = format_hours(entry.hours(now))
            cells[NOTE] = entry.note
            child = QTreeWidgetItem(cells)
            for column in (FOR, NOTE):
                child.setToolTip(column, cells[column])
            child.setData(0, ENTRY_ROLE, entry)
            parent.addChild(child)
        self.tree.expandAll()

    def selected_day(self) -> date | None:
        """The day of the row chosen in the list (a day, or an entry of it), if any."""
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        day = item.data(0, DAY_ROLE) if item is not None else None
        return day if isinstance(day, date) else None

    def selected_entry(self) -> EntryInfo | None:
        from app.model.time.types import EntryInfo

        item = self.tree.currentItem()
        entry = item.data(0, ENTRY_ROLE) if item is not None else None
        return entry if isinstance(entry, EntryInfo) else None

    # ---- editing -------------------------------------------------------------------------

    def open_dialog(self, fields: EntryFields, entry_id: int | None = None) -> bool:
        """The entry dialog; True when saved. Tests replace this."""
        from app.ui.time.entry_dialog import EntryDialog

        assert self.access is not None
        dialog = EntryDialog(self.access, fields, entry_id=entry_id, parent=self)
        return run_modal(dialog) == QDialog.DialogCode.Accepted

    def _new_fields(self) -> EntryFields | None:
        """A new entry of an hour that overlaps nothing: ending now (or on the week's Monday
        at 10:00 for another week), or where the running timer or the next entry begins."""
        from app.model.time.entries import EntryFields
        from app.model.weeks import local_to_utc

        assert self.access is not None
        everyone = self.access.people()
        if not everyone:
            self.message.emit("Add a person first (Settings).")
            return None
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        day = self.selected_day()
        if day is not None and day < now.astimezone().date():  # the day chosen in the list
            before = local_to_utc(datetime.combine(day, datetime.min.time()) + timedelta(hours=17))
        elif self.week != _this_week() and day is None:
            before = local_to_utc(
                datetime.combine(self.week_start, datetime.min.time()) + timedelta(hours=10)
            )
        else:
            before = now
        person_id = self.me if self.me in {p.id for p in everyone} else everyone[0].id
        start, end = self.access.free_span(person_id, before)
        return EntryFields(person_id, Side.MARKETING, start, end)

    def new_item(self) -> None:
        self.add_entry()

    @Slot()
    def add_entry(self) -> None:
        fields = self._new_fields()
        if fields is not None and self.open_dialog(fields):
            self.refresh()

    @Slot()
    def edit_entry(self) -> None:
        from app.model.time.entries import fields_of

        entry = self.selected_entry()
        if entry is not None and self.open_dialog(fields_of(entry), entry.id):
            self.refresh()

    @Slot()
    def duplicate_entry(self) -> None:
        """A copy of the selected entry, starting where it ended, to adjust and save."""
        from app.model.time.entries import fields_of

        entry = self.selected_entry()
        if entry is None or entry.end is None:
            self.message.emit("Choose a finished entry to duplicate.")
            return
        length = entry.end - entry.start
        copy = fields_of(entry)._replace(start=entry.end, end=entry.end + length)
        if self.open_dialog(copy):
            self.refresh()

    @Slot()
    def delete_entry(self) -> None:
        entry = self.selected_entry()
        access = self.access
        if entry is None or access is None:
            return
        removed = access.attempt(lambda: access.delete(entry.id))
        if removed is None:  # refused: said in the status bar, the entry kept
            return
        self.undo_stack.push(DeleteEntryCommand(access, removed, self.refresh))
        self.message.emit("Entry deleted; Ctrl+Z brings it back.")
        self.refresh()


def _this_week() -> str:
    from app.model.weeks import current_week

    return current_week()
