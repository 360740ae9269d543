"""The lead list as a Qt table model: pages of rows from SQL, never the whole table.

Sorting and filtering happen in the database (a proxy model would sort 100,000 Python rows in
tens of seconds). The model holds the rows fetched so far and asks for the next page when the
view scrolls near the end (`canFetchMore` / `fetchMore`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.model.enums import Status
from app.model.formatting import short_day
from app.model.leads.queries import LeadFilter, LeadRow, SortKey

PAGE_SIZE = 200
_ROOT = QModelIndex()  # the invisible root, as the default parent

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the LeadRow
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a native value to compare
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_OVERDUE = QColor("#c0392b")
_STALE = QColor("#9a6a00")


class LeadPages(Protocol):
    """Where the rows come from (a service over short-lived sessions)."""

    def count(self, f: LeadFilter) -> int: ...

    def page(
        self, f: LeadFilter, sort: SortKey, descending: bool, offset: int, limit: int
    ) -> list[LeadRow]: ...


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d") if value else ""


def follow_up(row: LeadRow) -> str:
    """'Wed 2 Dec: call back' — when the next action is due, and what it is (none once the
    lead is won or lost)."""
    if row.status is not Status.OPEN:
        return ""
    due = short_day(row.next_action_due) if row.next_action_due else ""
    return ": ".join(part for part in (due, row.next_action) if part)


class LeadTableModel(QAbstractTableModel):
    # The columns that matter first (shown at any window size), then the ones the column
    # chooser offers (pages/leads.py hides them at first).
    COL_NAME = 0
    COL_COMPANY = 1
    COL_TEMPERATURE = 2
    COL_VALUE = 3
    COL_FOLLOW_UP = 4
    COL_STATUS = 5
    COL_SOURCE = 6
    COL_OWNER = 7
    COL_LAST_CONTACT = 8
    COL_CREATED = 9

    HEADERS = (
        "Name",
        "Company",
        "Stage",
        "Value",
        "Follow-up",
        "Status",
        "Source",
        "Owner",
        "Last contact",
        "Created",
    )
    SORT_KEYS = (
        SortKey.NAME,
        SortKey.COMPANY,
        SortKey.TEMPERATURE,
        SortKey.VALUE,
        SortKey.NEXT_ACTION_DUE,
        SortKey.STATUS,
        SortKey.SOURCE,
        SortKey.OWNER,
        SortKey.LAST_CONTACT,
        SortKey.CREATED,
    )

    def __init__(self, pages: LeadPages, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self.pages = pages
        self.page_size = page_size
        self.filter = LeadFilter()
        self.sort_key = SortKey.CREATED
        self.descending = True
        self.total = 0
        self.rows: list[LeadRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- loading -------------------------------------------------------------------------

    def reload(self, f: LeadFilter | None = None, *, keep_loaded: bool = False) -> None:
        """Start again from the first page (new filter, new sort, or changed data); with
        `keep_loaded`, read again as many rows as were loaded, so the view keeps its place."""
        loaded = max(self.page_size, len(self.rows)) if keep_loaded else self.page_size
        self.beginResetModel()
        if f is not None:
            self.filter = f
        self.total = self.pages.count(self.filter)
        self.rows = self.pages.page(self.filter, self.sort_key, self.descending, 0, loaded)
        self.endResetModel()

    def canFetchMore(
        self,
        parent: QModelIndex | QPersistentModelIndex = _ROOT,
    ) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid():
            return
        more = self.pages.page(
            self.filter, self.sort_key, self.descending, len(self.rows), self.page_size
        )
        if not more:
            self.total = len(self.rows)
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.SORT_KEYS):
            return
        key, descending = self.SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending):
            return  # the order the rows are in (Qt asks again as the view is set up, #19)
        self.sort_key, self.descending = key, descending
        self.reload()

    def replace_row(self, row: LeadRow) -> None:
        """Show a lead's new state (after an edit) without reloading the list."""
        for number, current in enumerate(self.rows):
            if current.id == row.id:
                self.rows[number] = row
                self.dataChanged.emit(
                    self.index(number, 0), self.index(number, self.columnCount() - 1)
                )
                return

    def row_of(self, lead_id: int) -> int:
        return next((n for n, r in enumerate(self.rows) if r.id == lead_id), -1)

    # ---- the table -----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._text(row, column)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return self._native(row, column)
        if role == _FOREGROUND:
            if column == self.COL_FOLLOW_UP and row.overdue:
                return _OVERDUE
            if column == self.COL_LAST_CONTACT and row.stale:
                return _STALE
            return None
        if role == _FONT and column == self.COL_NAME and (row.overdue or row.stale):
            return self._bold
        if role == _ALIGN and column == self.COL_VALUE:
            return _RIGHT
        if role == _TOOLTIP:
            return self._tooltip(row, self._text(row, column))
        return None

    def _text(self, row: LeadRow, column: int) -> str:
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_COMPANY:
            return row.company
        if column == self.COL_TEMPERATURE:
            return row.stage  # cold, warm, hot — or won, lost
        if column == self.COL_STATUS:
            return row.status.value
        if column == self.COL_SOURCE:
            return row.source
        if column == self.COL_OWNER:
            return row.owner
        if column == self.COL_VALUE:  # what a customer bought, else the estimate
            return f"{row.value:,.0f}" if row.value is not None else ""
        if column == self.COL_FOLLOW_UP:
            return follow_up(row)
        if column == self.COL_LAST_CONTACT:
            return _when(row.last_contact_at)
        if column == self.COL_CREATED:
            return _when(row.created_at)
        return ""

    def _native(self, row: LeadRow, column: int) -> Any:
        native = {
            self.COL_VALUE: row.value,
            self.COL_FOLLOW_UP: row.next_action_due,
            self.COL_LAST_CONTACT: row.last_contact_at,
            self.COL_CREATED: row.created_at,
        }
        return native.get(column, self._text(row, column))

    @staticmethod
    def _tooltip(row: LeadRow, text: str) -> str | None:
        """The cell's text whole (a narrow column elides it), and why a lead is marked."""
        notes = [text] if text else []
        if row.overdue:
            assert row.next_action_due is not None
            notes.append(f"Follow-up overdue since {short_day(row.next_action_due)}")
        if row.stale:
            notes.append("Stale: no contact in a while")
        return "\n".join(notes) or None
