"""Campaigns: which marketing efforts brought leads that bought, and what a customer cost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QWidget,
)

from app.model.campaigns.service import CampaignFields
from app.ui.campaigns.access import CampaignAccess
from app.ui.campaigns.business_funnel import BusinessFunnel
from app.ui.campaigns.chart import CampaignChart
from app.ui.campaigns.detail import CampaignDetail
from app.ui.campaigns.table_model import ROW_ROLE, SORT_ROLE, CampaignTableModel
from app.ui.campaigns.timeline import CampaignTimeline, TimelineBar
from app.ui.common.busy import busy
from app.ui.common.column_chooser import ColumnChooser
from app.ui.common.forms import run_modal
from app.ui.common.page import Page
from app.ui.common.undo import DoneCommand, UndoStack

PERIODS = {"All time": None, "Last 12 months": 365, "Last 90 days": 90, "Last 30 days": 30}


class CampaignsPage(Page):
    lead_requested = Signal(int)  # open this lead on the Leads page
    access_type = CampaignAccess
    access: CampaignAccess | None

    fills_page = True
    title = "Campaigns"
    new_label = "New campaign…"
    purpose = "Which marketing efforts brought leads that bought, and what a customer cost."
    empty_text = (
        "No campaigns yet. Add one — a newsletter, an ad, a fair — with its cost, "
        "and name it as the source of the leads it brings."
    )

    def __init__(self) -> None:
        super().__init__()
        self.period = QComboBox()
        self.period.addItems(list(PERIODS))
        self.period.setToolTip("Leads created in this period, and what they became by now")
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.archive_button = QPushButton("Archive")
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b45309;")
        self.model = CampaignTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        for column in range(1, len(CampaignTableModel.COLUMNS)):
            self.table.setColumnWidth(column, 76)
        self.table.setColumnWidth(1, 100)  # the channel
        # What paid off first; the rest from the column chooser (right click on the header).
        self.columns = ColumnChooser(
            self.table,
            "campaigns",
            hidden_at_first=CampaignTableModel.MORE_COLUMNS,
        )
        self.columns.apply()
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Leads created:"))
        bar.addWidget(self.period)
        bar.addStretch(1)
        for button in (self.add_button, self.edit_button, self.archive_button):
            bar.addWidget(button)
        self.timeline = CampaignTimeline()
        self.timeline_area = QScrollArea()
        self.timeline_area.setWidgetResizable(True)
        self.timeline_area.setWidget(self.timeline)
        self.timeline_area.setMinimumHeight(170)
        self.timeline_area.setMaximumHeight(230)
        self.timeline_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.addLayout(bar)
        self.body.addWidget(self.warnings)
        self.body.addWidget(self.table, 1)
        self.chart = CampaignChart()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.timeline_area, "Promotional calendar (the red line is today)")
        self.tabs.addTab(self.chart, "Compared: leads, won, CAC")
        self.detail = CampaignDetail()
        self.tabs.addTab(self.detail, "This campaign")
        self.business = BusinessFunnel()
        self.tabs.addTab(self.business, "Whole business funnel")
        self.tabs.setMaximumHeight(280)
        self.body.addWidget(self.tabs)
        self.business_shown_for: str | None = None
        self.undo_stack = UndoStack(self)
        self.undo_action = self.undo_stack.undo_action()
        self._connect()

    def _connect(self) -> None:
        self.period.currentIndexChanged.connect(self.refresh)
        self.tabs.currentChanged.connect(self.show_business_funnel)
        self.table.selectionModel().currentRowChanged.connect(self.show_detail)
        self.detail.lead_requested.connect(self.lead_requested)
        self.add_button.clicked.connect(self.add_campaign)
        self.edit_button.clicked.connect(self.edit_campaign)
        self.table.doubleClicked.connect(self.edit_campaign)
        self.archive_button.clicked.connect(self.archive_campaign)

    def change_widgets(self) -> list[QWidget]:
        return [self.add_button, self.edit_button, self.archive_button]

    def reload(self) -> None:
        if self.access is None:
            return
        rate = self.settings.hourly_rate if self.settings else None
        shown = self.access.shown(self.period_start(), datetime.now(UTC), rate)
        rows, dated = shown.figures, shown.calendar
        self.model.set_rows(rows)
        self.timeline.show_bars([TimelineBar(c.name, c.start, c.end, c.open_ended) for c in dated])
        self.chart.show_figures(rows)
        self.business_shown_for = None
        self.show_business_funnel()
        warnings = [w for w in (row.poor_fit_warning() for row in rows) if w]
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        self.empty_state.setVisible(not rows)
        self.table.setVisible(bool(rows))
        # No table yet: the calendar tabs take the page's height (no gaps under the title).
        self.tabs.setMaximumHeight(280 if rows else 16_777_215)

    @Slot()
    def show_business_funnel(self) -> None:
        """The whole business's funnel, computed only while its tab is open (over years of
        leads the temperature at first sales contact takes about a second)."""
        if self.access is None or self.tabs.currentWidget() is not self.business:
            return
        period = self.period.currentText()
        if self.business_shown_for == period:
            return
        from app.model.campaigns import funnel

        with busy():
            funnels = self.access.business_funnel(self.period_start(), datetime.now(UTC))
        by_source, by_temperature = funnels.by_source, funnels.by_temperature
        self.business.show_funnel(
            funnel.total(by_source.values()), by_source, by_temperature, funnels.win_rates
        )
        self.business_shown_for = period

    def period_start(self) -> datetime | None:
        days = PERIODS[self.period.currentText()]
        return datetime.now(UTC) - timedelta(days=days) if days else None

    @Slot(QModelIndex, QModelIndex)
    def show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The chosen campaign's funnel, lost reasons, hours and leads, on the third tab."""
        if not current.isValid() or self.access is None:
            return
        row = self.proxy.data(current, ROW_ROLE)
        shown = self.access.detail(row.id, self.period_start(), datetime.now(UTC))
        self.detail.show_campaign(row, shown.steps, shown.leads)

    def selected(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.proxy.data(index, ROW_ROLE).id)

    def ask(self, fields: CampaignFields) -> CampaignFields | None:
        """The campaign dialog; None when cancelled (tests replace this)."""
        from app.ui.campaigns.dialog import CampaignDialog

        assert self.access is not None
        channels = self.access.attempt(self.access.channels)
        if channels is None:
            return None
        dialog = CampaignDialog(fields, channels, self)
        return dialog.fields() if run_modal(dialog) == QDialog.DialogCode.Accepted else None

    def new_item(self) -> None:
        self.add_campaign()

    @Slot()
    def add_campaign(self) -> None:
        access = self.access
        fields = self.ask(CampaignFields(""))
        if fields is None or access is None:
            return
        if access.attempt(lambda: access.create(fields)) is not None:
            self.message.emit(f"Campaign {fields.name!r} added.")
            self.refresh()

    @Slot()
    def edit_campaign(self) -> None:
        campaign_id, access = self.selected(), self.access
        if campaign_id is None or access is None:
            return
        current = access.attempt(lambda: access.fields_of(campaign_id))
        fields = self.ask(current) if current is not None else None
        if fields is None or current is None:
            return
        if access.went_through(lambda: access.update(campaign_id, fields, current)):
            self.message.emit(f"Campaign {fields.name!r} saved.")
            self.refresh()

    @Slot()
    def archive_campaign(self) -> None:
        campaign_id, access = self.selected(), self.access
        if campaign_id is None or access is None:
            return
        if access.went_through(lambda: access.set_archived(campaign_id, True)):
            self.undo_stack.push(ArchiveCampaignCommand(access, campaign_id, self.refresh))
            self.message.emit(
                "Campaign archived; its leads keep it as their source. Ctrl+Z brings it back."
            )
            self.refresh()


class ArchiveCampaignCommand(DoneCommand):
    """Archiving a campaign is one Ctrl+Z away from undone."""

    def __init__(self, access: CampaignAccess, campaign_id: int, after: Callable[[], None]) -> None:
        super().__init__("Archive campaign", access, after)
        self.access: CampaignAccess = access
        self.campaign_id = campaign_id

    def do(self) -> None:
        self.access.set_archived(self.campaign_id, True)

    def back(self) -> None:
        self.access.set_archived(self.campaign_id, False)
