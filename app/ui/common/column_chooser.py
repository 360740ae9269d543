"""A table's columns by priority: the ones that matter are shown, the rest are a right click on
the header away (a check list of every column), and the choice is remembered."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QPoint, Slot
from PySide6.QtWidgets import QMenu, QTableView

from app.ui.common.preferences import ui_settings


class ColumnChooser(QObject):
    def __init__(
        self,
        view: QTableView,
        key: str,
        *,
        hidden_at_first: Iterable[int],
        always: Iterable[int] = (0,),
    ) -> None:
        """`key` names the table in the window preferences; `hidden_at_first` are the columns
        shown only when asked for; `always` cannot be hidden (a row's name, say)."""
        super().__init__(view)
        self.view = view
        self.key = f"columns/{key}"
        self.hidden_at_first = frozenset(hidden_at_first)
        self.always = frozenset(always)
        header = view.horizontalHeader()
        header.setContextMenuPolicy(header.contextMenuPolicy().CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_menu)
        header.setToolTip("Right-click to choose the columns")

    def columns(self) -> list[tuple[int, str]]:
        model = self.view.model()
        if model is None:
            return []
        from PySide6.QtCore import Qt

        return [
            (column, str(model.headerData(column, Qt.Orientation.Horizontal)))
            for column in range(model.columnCount())
        ]

    def apply(self) -> None:
        """Show the columns as chosen (or as at first); call after the model is set."""
        saved = ui_settings().value(self.key)
        hidden = (
            {int(c) for c in str(saved).split(",") if c.strip().isdigit()}
            if saved is not None
            else set(self.hidden_at_first)
        )
        for column, _title in self.columns():
            self.view.setColumnHidden(column, column in hidden and column not in self.always)

    def menu(self) -> QMenu:
        menu = QMenu(self.view)
        for column, title in self.columns():
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.setEnabled(column not in self.always)
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        menu.addSeparator()
        menu.addAction("Columns as at first").triggered.connect(self.reset)
        return menu

    @Slot(QPoint)
    def show_menu(self, where: QPoint) -> None:
        self.menu().exec(self.view.horizontalHeader().mapToGlobal(where))

    def show_column(self, column: int, shown: bool) -> None:
        self.view.setColumnHidden(column, not shown)
        hidden = [str(c) for c, _t in self.columns() if self.view.isColumnHidden(c)]
        prefs = ui_settings()
        prefs.setValue(self.key, ",".join(hidden))
        prefs.sync()

    @Slot()
    def reset(self) -> None:
        prefs = ui_settings()
        prefs.remove(self.key)
        prefs.sync()
        self.apply()
