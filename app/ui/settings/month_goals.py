"""Settings' months with a goal of their own: a small table (Month | Goal) and, under it, a
month, an amount, Set and Remove. Nothing is written here: the dialog's Save writes what
changed, with the other settings, through the goals' own functions (set_goal, unset_goal)
— the road `hearth-cli goal set` takes — and Cancel leaves every goal as it was."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.model.errors import HearthError, ValidationError
from app.model.formatting import money
from app.model.weeks import FIRST_YEAR, LAST_YEAR
from app.ui.common.forms import AmountField, error_label, show_amount, show_error

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROOT = QModelIndex()
ROWS_SHOWN = 3  # the table's height, in rows; more scroll


@dataclass(frozen=True)
class MonthGoalChanges:
    """What the owner changed in the table: months given a goal (new or changed), months
    whose own goal is removed."""

    goals: dict[str, Decimal] = field(default_factory=dict)
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.goals or self.removed)


class MonthGoalsModel(QAbstractTableModel):
    """The months with their own goal, in month order."""

    COL_MONTH, COL_GOAL = 0, 1

    def __init__(self, currency: str, goals: dict[str, Decimal] | None = None) -> None:
        super().__init__()
        self.currency = currency
        self.goals: dict[str, Decimal] = dict(goals or {})
        self.months = sorted(self.goals)

    def put(self, month: str, value: Decimal | None) -> None:
        """The month's goal set (None: removed)."""
        self.beginResetModel()
        if value is None:
            self.goals.pop(month, None)
        else:
            self.goals[month] = value
        self.months = sorted(self.goals)
        self.endResetModel()

    def row_of(self, month: str) -> int:
        return self.months.index(month) if month in self.goals else -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.months)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return {self.COL_MONTH: "Month", self.COL_GOAL: f"Goal ({self.currency})"}.get(section)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self.months):
            return None
        month = self.months[index.row()]
        if role == _DISPLAY:
            return month if index.column() == self.COL_MONTH else money(self.goals[month])
        if role == _ALIGN and index.column() == self.COL_GOAL:
            return _RIGHT
        return None


class MonthGoalsEditor(QWidget):
    edited = Signal()  # a month's goal set or removed here (not yet saved)

    def __init__(
        self,
        goals: dict[str, Decimal],
        currency: str,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.stored = dict(goals)
        self.model = MonthGoalsModel(currency, goals)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Months with their own goal")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(self.fontMetrics().height() + 4)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)  # compact: a dialog's table
        self.table.setFixedHeight(self._height(ROWS_SHOWN))
        self.empty = QLabel("No month has its own goal: each uses the default.")
        self.empty.setEnabled(False)  # greyed, as a hint
        self.month_edit = QDateEdit()
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
        shown = today or date.today()
        self.month_edit.setDate(QDate(shown.year, shown.month, 1))
        # ↑/↓ and the arrows step the month (next month's goal is one click), not the year:
        # the first section, the year, was the current one, and 2026-11 went to 2027-11.
        self.month_edit.setCurrentSection(QDateTimeEdit.Section.MonthSection)
        self.month_edit.setAccessibleName("Month")
        self.month_edit.setToolTip("The month (↑/↓ change the year or the month)")
        self.amount_edit = AmountField()
        self.amount_edit.setAccessibleName("The month's goal")
        self.amount_edit.setPlaceholderText("its goal")
        self.amount_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("0" * 12))
        self.set_button = QPushButton("Set")
        self.set_button.setToolTip("Give the month this goal of its own (or change it)")
        self.set_button.setAutoDefault(False)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAutoDefault(False)
        self.error = error_label()
        self.pending = False  # an amount typed and not yet Set

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.month_edit)
        row.addWidget(self.amount_edit, 1)
        row.addWidget(self.set_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.setFocusProxy(self.month_edit)
        # As tall as what it shows: a dialog left taller by a sentence now gone does not
        # spread its spare room between the table and the month's row (Set moved 30 px down
        # from under the pointer, then back once the next sentence came).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._show_rows()
        self._connect()

    def _connect(self) -> None:
        self.set_button.clicked.connect(self.set_goal)
        self.remove_button.clicked.connect(self.remove_goal)
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self.amount_edit.textEdited.connect(self._typing)
        self.month_edit.dateChanged.connect(lambda _date: self.say(""))

    @Slot(str)
    def _typing(self, _text: str) -> None:
        self.pending = True
        self.say("")

    def say(self, message: str) -> None:
        """The sentence under the month's row ("" hides it). Its wrapped height is made its
        minimum, so the dialog makes room for it instead of squeezing the table behind it."""
        show_error(self.error, message)
        width = self.width() if self.width() > 0 else self.sizeHint().width()
        self.error.setMinimumHeight(self.error.heightForWidth(width) if message else 0)

    def _height(self, rows: int) -> int:
        header = self.table.horizontalHeader().sizeHint().height()
        return (
            header
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * (self.table.frameWidth())
        )

    # ---- what the owner does -------------------------------------------------------------

    @property
    def month(self) -> str:
        return self.month_edit.date().toString("yyyy-MM")

    def typed(self) -> tuple[str, Decimal]:
        """The month and goal typed, checked as `hearth-cli goal set` checks them (a
        HearthError says what to fix)."""
        from app.model.goals import service

        month = service.month_name(self.month)
        value = self.amount_edit.amount(f"The goal of {month}")
        if value is None:
            raise ValidationError(f"Type the goal of {month}, like 30000.")
        return month, service.amount(value)

    @Slot()
    def set_goal(self) -> bool:
        """The month typed gets the goal typed (in the table, saved with the dialog)."""
        try:
            month, value = self.typed()
        except HearthError as exc:
            self.say(str(exc))
            self.amount_edit.setFocus()
            return False
        self.say("")
        self.pending = False
        self.model.put(month, value)
        self._show_rows()
        self.table.selectRow(self.model.row_of(month))
        self.edited.emit()
        return True

    @Slot()
    def remove_goal(self) -> None:
        """The chosen month's own goal removed (it uses the default again once saved)."""
        month = self._chosen_month()
        if month is None:
            return
        self.model.put(month, None)
        self.amount_edit.clear()
        self.pending = False
        self.say("")
        self._show_rows()
        self.edited.emit()

    def take_typed(self) -> bool:
        """On Save: an amount typed but not yet Set counts (a value typed and then Enter is
        the value recorded). False, with the sentence shown, when it cannot be read."""
        if not self.pending or not self.amount_edit.text().strip():
            return True
        return self.set_goal()

    def changes(self) -> MonthGoalChanges:
        now = self.model.goals
        return MonthGoalChanges(
            {m: v for m, v in now.items() if self.stored.get(m) != v},
            tuple(m for m in sorted(self.stored) if m not in now),
        )

    # ---- what it shows -------------------------------------------------------------------

    def _chosen_month(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.months[rows[0].row()] if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        """A month chosen in the table: its month and goal below, to change or remove."""
        month = self._chosen_month()
        self._enable_remove(month)
        if month is None:
            return
        year, number = (int(part) for part in month.split("-"))
        self.month_edit.setDate(QDate(year, number, 1))
        self.amount_edit.setText(show_amount(self.model.goals[month]))
        self.pending = False
        self.say("")

    def _enable_remove(self, month: str | None) -> None:
        self.remove_button.setEnabled(month is not None)
        self.remove_button.setToolTip(
            f"Remove {month}'s own goal: it uses the default goal again"
            if month
            else "Choose a month in the table to remove its goal"
        )

    def _show_rows(self) -> None:
        has_rows = bool(self.model.months)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self._enable_remove(self._chosen_month())
