"""Leads: every lead and where it stands, as a table or a board, with a detail panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QWidget,
)

from app.model.enums import Status
from app.model.errors import HearthError
from app.model.formatting import count, short_day
from app.model.leads.queries import LeadFilter
from app.ui.common.chip_delegate import ChipDelegate
from app.ui.common.column_chooser import ColumnChooser
from app.ui.common.forms import run_modal
from app.ui.common.page import Page
from app.ui.common.undo import UndoStack
from app.ui.leads.access import LeadAccess
from app.ui.leads.actions import LeadActions
from app.ui.leads.board import LeadBoard
from app.ui.leads.detail import LeadDetail
from app.ui.leads.dialogs import LeadPrompts
from app.ui.leads.filters import LeadFilterBar
from app.ui.leads.table_model import ROW_ROLE, LeadTableModel

if TYPE_CHECKING:
    from app.model.store.settings import Settings
    from app.ui.common.access import Access

VIEW_TABLE, VIEW_BOARD, VIEW_FOLLOW_UPS = range(3)
# Widths that let name, company, temperature, value and the next follow-up (which takes the
# rest) show side by side beside the detail panel in a 1024-pixel window.
COLUMN_WIDTHS = {
    LeadTableModel.COL_NAME: 140,
    LeadTableModel.COL_COMPANY: 118,
    LeadTableModel.COL_TEMPERATURE: 86,
    LeadTableModel.COL_VALUE: 72,
    LeadTableModel.COL_STATUS: 70,
    LeadTableModel.COL_SOURCE: 140,
    LeadTableModel.COL_OWNER: 110,
    LeadTableModel.COL_LAST_CONTACT: 95,
    LeadTableModel.COL_CREATED: 95,
}
# Offered by the column chooser (right click on the header), not shown at first.
MORE_COLUMNS = (
    LeadTableModel.COL_STATUS,
    LeadTableModel.COL_SOURCE,
    LeadTableModel.COL_OWNER,
    LeadTableModel.COL_LAST_CONTACT,
    LeadTableModel.COL_CREATED,
)
LEAD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class LeadsPage(Page):
    access_type = LeadAccess
    fills_page = True
    title = "Leads"
    new_label = "New lead…"
    purpose = (
        "Every lead and where it stands — cold, warm, hot, won or lost — with every "
        "contact that moved it."
    )
    empty_text = (
        "No leads here yet. Add one with New lead (Ctrl+N), or import a CSV or "
        "vCard file from your address book or old CRM."
    )

    def __init__(self) -> None:
        super().__init__()
        self.access: LeadAccess | None = None
        self.model: LeadTableModel | None = None
        self.undo_stack = UndoStack(self)

        self.new_button = QPushButton("New lead")
        self.import_button = QPushButton("Import…")
        self.view_buttons = QButtonGroup(self)
        view_row = QHBoxLayout()
        for number, label in enumerate(("Table", "Board", "Follow-ups")):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setChecked(number == VIEW_TABLE)
            self.view_buttons.addButton(button, number)
            view_row.addWidget(button)
        self.count_label = QLabel()
        view_row.addSpacing(12)
        view_row.addWidget(self.count_label)
        view_row.addStretch(1)
        view_row.addWidget(self.import_button)
        view_row.addWidget(self.new_button)
        self.filters = LeadFilterBar()

        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.columns = ColumnChooser(self.table, "leads", hidden_at_first=MORE_COLUMNS)
        self.table.setItemDelegateForColumn(LeadTableModel.COL_TEMPERATURE, ChipDelegate(self))
        self.table.setItemDelegateForColumn(
            LeadTableModel.COL_STATUS, ChipDelegate(self, plain=frozenset({"open"}))
        )
        self.board = LeadBoard()
        self.follow_ups = QListWidget()
        self.views = QStackedWidget()
        for view in (self.table, self.board, self.follow_ups):
            self.views.addWidget(view)
        self.detail = LeadDetail()
        self.lead_actions = LeadActions(LeadPrompts(self), self.undo_stack, self.detail)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)  # the detail panel folds away (× or dragged)
        self.splitter.setSizes([640, 300])

        self.body.addLayout(view_row)
        self.body.addWidget(self.filters)
        self.body.addWidget(self.splitter, 1)
        self.empty_state.hide()
        self._make_actions()
        self._connect()

    @property
    def prompts(self) -> LeadPrompts:
        """The questions the page asks (tests answer them with a stand-in)."""
        return self.lead_actions.prompts

    @prompts.setter
    def prompts(self, prompts: LeadPrompts) -> None:
        self.lead_actions.prompts = prompts

    def _make_actions(self) -> None:
        self.undo_action = self.undo_stack.undo_action()
        self.redo_action = self.undo_stack.redo_action()
        self.find_action = QAction("Find", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.find_action)

    def _connect(self) -> None:
        self.filters.filter_changed.connect(self.apply_filter)
        self.filters.filter_changed.connect(self._remember_place)
        self.view_buttons.idClicked.connect(self.show_view)
        self.view_buttons.idClicked.connect(self._remember_place)
        self.new_button.clicked.connect(self.new_lead)
        self.import_button.clicked.connect(self.open_import)
        self.find_action.triggered.connect(lambda: self.filters.search.setFocus())
        self.board.lead_selected.connect(self.show_lead)
        # The panel opens when a card is clicked, not when one is pressed to be dragged (the
        # columns would narrow under the pointer).
        self.board.lead_opened.connect(lambda _lead_id: self.fold_detail(False))
        self.detail.fold_requested.connect(lambda: self.fold_detail(True))
        self.follow_ups.itemActivated.connect(self._follow_up_chosen)
        self.follow_ups.itemClicked.connect(self._follow_up_chosen)
        d, act = self.detail, self.lead_actions
        self.board.lead_moved.connect(act.move_lead)
        d.fields_edited.connect(act.edit_lead)
        d.temperature_requested.connect(lambda lead_id, t: act.move_lead(lead_id, t.value))
        d.won_requested.connect(lambda lead_id: act.move_lead(lead_id, Status.WON.value))
        d.lost_requested.connect(lambda lead_id: act.move_lead(lead_id, Status.LOST.value))
        d.contact_requested.connect(act.log_contact)
        d.archive_requested.connect(act.archive_lead)
        d.next_action_chosen.connect(act.choose_next_action)
        act.changed.connect(self._refresh_lead)
        act.message.connect(self.message)

    # ---- data ----------------------------------------------------------------------------

    def set_access(self, access: Access, settings: Settings) -> None:
        assert isinstance(access, LeadAccess)
        access.stale_days = settings.stale_days
        self.lead_actions.access = access
        self.lead_actions.currency = settings.currency
        self.model = LeadTableModel(access)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(
            LeadTableModel.COL_FOLLOW_UP, QHeaderView.ResizeMode.Stretch
        )
        self.table.selectionModel().selectionChanged.connect(self._table_selection)
        self.undo_stack.clear()
        self.detail.set_read_only(access.read_only)
        super().set_access(access, settings)
        self.table.sortByColumn(LeadTableModel.COL_CREATED, Qt.SortOrder.DescendingOrder)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.columns.apply()
        if not self._place_restored:  # the view and filters of last time, once
            self._place_restored = True
            self._restore_place()

    _place_restored = False

    def _restore_place(self) -> None:
        import json

        from app.ui.common.preferences import ui_settings

        prefs = ui_settings()
        try:
            view = int(prefs.value("leads/view", VIEW_TABLE))  # type: ignore[call-overload]
            saved = json.loads(str(prefs.value("leads/filters", "{}")))
        except (TypeError, ValueError):
            view, saved = VIEW_TABLE, {}
        if view in (VIEW_BOARD, VIEW_FOLLOW_UPS):
            self.show_view(view)
        if isinstance(saved, dict) and saved:
            self.filters.restore(saved)  # (which remembers the place again, as it now is)

    def _remember_place(self) -> None:
        import json

        from app.ui.common.preferences import ui_settings

        prefs = ui_settings()
        prefs.setValue("leads/filters", json.dumps(self.filters.remembered()))
        prefs.setValue("leads/view", self.views.currentIndex())
        prefs.sync()

    def change_widgets(self) -> list[QWidget]:
        return [self.new_button, self.import_button, *self.detail.change_buttons()]

    def reload(self) -> None:
        if self.access is None or self.model is None:
            return
        from app.model import people
        from app.model.campaigns import service as campaigns

        everyone, every_campaign = self.access.read(
            lambda s: (
                people.list_people(s, include_inactive=True),
                campaigns.list_names(s, include_archived=True),
            )
        )
        owners = [(p.id, p.name) for p in everyone if p.active]
        sources = [(c.id, c.name) for c in every_campaign if not c.archived]
        # Who did it: who this computer is for (who_am_i), else the one person there is.
        known = {owner_id for owner_id, _name in owners}
        only = owners[0][0] if len(owners) == 1 else None
        self.access.person_id = self.me if self.me in known else only
        self.filters.set_choices(sources, owners)
        # A lead keeps an owner who stopped using Hearth and a campaign since archived.
        self.detail.set_choices(
            [(p.id, p.name if p.active else f"{p.name} (inactive)") for p in everyone],
            [(c.id, f"{c.name} (archived)" if c.archived else c.name) for c in every_campaign],
        )
        self.apply_filter(self.filters.current(), keep_place=True)

    @Slot(object)
    def apply_filter(self, f: LeadFilter, keep_place: bool = False) -> None:
        """Show the leads `f` lets through. `keep_place` (data read again, same filter): the
        table keeps its scroll position and the lead it had selected, and the detail panel
        is left as it is — a refresh never rewrites what the owner may be typing there."""
        if self.model is None:
            return
        scrolled = self.table.verticalScrollBar().value()
        self.model.reload(f, keep_loaded=keep_place)
        if keep_place:
            self._reselect()
            self.table.verticalScrollBar().setValue(scrolled)
        self._update_count()  # the board's view says its own count, below
        view = self.views.currentIndex()
        if view == VIEW_BOARD:
            self._reload_board()
        elif view == VIEW_FOLLOW_UPS:
            self._reload_follow_ups()

    def _update_count(self) -> None:
        assert self.model is not None
        total = self.model.total
        self.count_label.setText(count(total, "lead"))
        self.empty_state.setVisible(
            total == 0
            and self.filters.current() == LeadFilter(statuses=self.filters.current().statuses)
        )

    def _reload_board(self) -> None:
        """The board, and a count that adds up its columns (it also shows Won, the drop
        target, under the Open filter; Lost under Lost and All)."""
        assert self.access is not None
        columns = self.access.board(self.filters.current())
        self.board.show_columns(columns)
        on_board = sum(total for total, _rows in columns.values())
        self.count_label.setText(f"{count(on_board, 'lead')} on the board")

    def _reload_follow_ups(self) -> None:
        assert self.access is not None
        self.follow_ups.clear()
        shown = self.filters.current()
        rows = self.access.follow_ups(shown)  # the search and filters too
        self.count_label.setText(f"{count(len(rows), 'follow-up')} due")
        if not rows:
            filtered = shown != LeadFilter(statuses=shown.statuses)
            self.follow_ups.addItem(
                "No follow-ups due for this search or these filters."
                if filtered
                else "No follow-ups due today or overdue. Well done."
            )
        for row in rows:
            late = " — overdue" if row.overdue else " — today"
            item = QListWidgetItem(
                f"{short_day(row.next_action_due) if row.next_action_due else ''}{late}:  "
                f"{row.next_action or '?'}  "
                f"·  {row.name}{f' ({row.company})' if row.company else ''}"
            )
            item.setData(LEAD_ID_ROLE, row.id)
            self.follow_ups.addItem(item)

    def fold_detail(self, folded: bool) -> None:
        """Fold the detail panel away (the list or the board takes its room), or open it."""
        total = sum(self.splitter.sizes())
        if folded:
            self.splitter.setSizes([total, 0])
        elif self.splitter.sizes()[1] == 0:
            panel = max(self.detail.minimumWidth(), min(340, total // 3))
            self.splitter.setSizes([total - panel, panel])

    def detail_folded(self) -> bool:
        return self.splitter.sizes()[1] == 0

    NARROW_BOARD = 1000  # px: below this the board folds the panel, for readable cards

    @Slot(int)
    def show_view(self, view: int) -> None:
        if view == VIEW_BOARD and self.width() < self.NARROW_BOARD + self.detail.minimumWidth():
            self.fold_detail(True)  # a card click opens it again
        elif view != VIEW_BOARD:
            self.fold_detail(False)
        self.views.setCurrentIndex(view)
        button = self.view_buttons.button(view)
        if button is not None:
            button.setChecked(True)
        if view == VIEW_BOARD:
            self._reload_board()
        else:
            if self.model is not None:
                self._update_count()
            if view == VIEW_FOLLOW_UPS:
                self._reload_follow_ups()

    # ---- one lead ------------------------------------------------------------------------

    def _reselect(self) -> None:
        """Select the detail panel's lead again after the table was read again, quietly."""
        assert self.model is not None
        lead = self.detail.lead
        row = self.model.row_of(lead.id) if lead is not None else -1
        if row >= 0:
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            self.table.selectRow(row)
            selection.blockSignals(False)
            self.table.viewport().update()

    @Slot(QItemSelection, QItemSelection)
    def _table_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes and self.model is not None:
            self.show_lead(self.model.data(indexes[0], ROW_ROLE).id)
            self.fold_detail(False)

    @Slot(QListWidgetItem)
    def _follow_up_chosen(self, item: QListWidgetItem) -> None:
        lead_id = item.data(LEAD_ID_ROLE)
        if lead_id is not None:
            self.show_lead(int(lead_id))

    @Slot(int)
    def show_lead(self, lead_id: int) -> None:
        if self.access is None:
            return
        try:
            self.detail.show_lead(self.access.info(lead_id), self.access.timeline(lead_id))
        except HearthError as exc:
            self.message.emit(str(exc))

    def select_lead(self, lead_id: int) -> None:
        """Show the lead in the current view and in the detail panel."""
        if self.model is not None:
            row = self.model.row_of(lead_id)
            if row >= 0:
                self.table.selectRow(row)
        self.board.select(lead_id)
        self.show_lead(lead_id)

    @Slot(int)
    def _refresh_lead(self, lead_id: int) -> None:
        """After an action on a lead: the list, its count and the board read again (the lead
        may have left the filter), the lead shown as it is now."""
        assert self.access is not None and self.model is not None
        self.refresh()
        if self.views.currentIndex() == VIEW_BOARD:
            self.board.select(lead_id)
        if self.detail.lead is not None and self.detail.lead.id == lead_id:
            self.show_lead(lead_id)

    @Slot()
    def open_import(self) -> None:
        """File → Import: the dialog previews, then imports; the list follows."""
        if self.access is None:
            return
        from app.ui.leads.import_dialog import ImportDialog

        dialog = ImportDialog(self.access, self)
        dialog.imported.connect(self._imported)
        dialog.choose_file()
        if dialog.path is not None:
            run_modal(dialog)

    @Slot(str)
    def _imported(self, summary: str) -> None:
        self.message.emit(summary)
        self.refresh()

    def new_item(self) -> None:
        self.new_lead()

    @Slot()
    def new_lead(self) -> None:
        access = self.access
        if access is None:
            return
        answer = self.prompts.new_lead()
        if answer is None:
            return
        fields, temperature = answer
        try:
            created = access.create(fields, temperature)
        except HearthError as exc:
            self.message.emit(str(exc))
            return
        self.apply_filter(self.filters.current())
        self.select_lead(created.id)
