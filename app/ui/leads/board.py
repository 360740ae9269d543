"""The board: Cold | Warm | Hot | Won (and Lost when asked for), one card per lead.

Dragging a card to another column asks the page to move the lead (the page calls the service,
which records the change, then reloads the board). The keyboard does the same: the card's
menu (right click, the Menu key or Shift+F10) and Ctrl+← / Ctrl+→ move it one column.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from app.colors import STATE_COLORS
from app.model.enums import Status
from app.model.leads.queries import LeadRow

MIME_LEAD = "application/x-hearth-lead-id"
COLUMN_TITLES = {"cold": "Cold", "warm": "Warm", "hot": "Hot", "won": "Won", "lost": "Lost"}
LEAD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def card_text(row: LeadRow) -> str:
    """Three short lines, so a card stays readable in a narrow column: the name (• when it
    needs attention), the company, and the value with when the next follow-up is due."""
    marks = " •" if row.overdue or row.stale else ""
    open_due = row.next_action_due if row.status is Status.OPEN else None
    third = " · ".join(
        part
        for part in (
            f"{row.value:,.0f}" if row.value is not None else "",
            f"due {open_due.day} {open_due:%b}" if open_due else "",
        )
        if part
    )
    return f"{row.name}{marks}\n{row.company}\n{third}"


class BoardColumn(QListWidget):
    """One column; takes cards dropped from the other columns."""

    def __init__(self, key: str, board: LeadBoard) -> None:
        super().__init__()
        self.key = key
        self.board = board
        self.setObjectName(f"board-{key}")
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSpacing(3)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        color = STATE_COLORS[key]
        self.setStyleSheet(
            f"QListWidget#board-{key} {{ border: none; border-top: 3px solid {color}; }}"
            f"QListWidget#board-{key}::item {{ border: 1px solid palette(mid); "
            "border-radius: 6px; padding: 6px; background: palette(base); }"
            f"QListWidget#board-{key}::item:selected {{ border: 2px solid {color}; "
            "color: palette(text); }"
        )

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        if items:
            data.setData(MIME_LEAD, QByteArray(str(items[0].data(LEAD_ID_ROLE)).encode()))
        return data

    def mimeTypes(self) -> list[str]:
        return [MIME_LEAD]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.mimeData().hasFormat(MIME_LEAD):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.mimeData().hasFormat(MIME_LEAD):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        raw = (
            bytes(event.mimeData().data(MIME_LEAD).data()).decode()
            if (event.mimeData().hasFormat(MIME_LEAD))
            else ""
        )
        # The page moves the lead and reloads; Qt must not move or delete the item itself.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if raw.isdigit() and self.board.column_of(int(raw)) != self.key:
            self.board.lead_moved.emit(int(raw), self.key)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            item, where = self.itemAt(event.pos()), event.globalPos()
        else:  # the Menu key or Shift+F10: the menu opens on the current card
            item = self.currentItem()
            where = (
                self.viewport().mapToGlobal(self.visualItemRect(item).center())
                if (item is not None)
                else event.globalPos()
            )
        if item is not None:
            self.board.show_card_menu(int(item.data(LEAD_ID_ROLE)), where)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        shift_f10 = (
            event.key() == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if item is not None and (shift_f10 or event.key() == Qt.Key.Key_Menu):
            where = self.viewport().mapToGlobal(self.visualItemRect(item).center())
            self.board.show_card_menu(int(item.data(LEAD_ID_ROLE)), where)
            return
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if item is not None and control and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if event.key() == Qt.Key.Key_Left else 1
            self.board.move_by(int(item.data(LEAD_ID_ROLE)), self.key, step)
            return
        super().keyPressEvent(event)


class LeadBoard(QWidget):
    lead_moved = Signal(int, str)  # lead id, column key
    lead_selected = Signal(int)
    lead_opened = Signal(int)  # a card clicked (released, not a drag begun) or Enter on it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: dict[str, BoardColumn] = {}
        self.headers: dict[str, QLabel] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for key, title in COLUMN_TITLES.items():
            column = BoardColumn(key, self)
            header = QLabel(title)
            header.setStyleSheet(f"font-weight: 600; color: {STATE_COLORS[key]};")
            box = QVBoxLayout()
            box.addWidget(header)
            box.addWidget(column, 1)
            holder = QWidget()
            holder.setLayout(box)
            row.addWidget(holder, 1)
            self.columns[key] = column
            self.headers[key] = header
            column.itemSelectionChanged.connect(self._selection_changed)
            column.itemClicked.connect(self._opened)
            column.itemActivated.connect(self._opened)
            if key == "lost":
                holder.hide()
        self._holders = {key: self.columns[key].parentWidget() for key in self.columns}
        self._where: dict[int, str] = {}

    def show_columns(self, data: dict[str, tuple[int, list[LeadRow]]]) -> None:
        self._where.clear()
        for key, column in self.columns.items():
            present = key in data
            holder = self._holders[key]
            assert holder is not None
            holder.setVisible(present)
            column.blockSignals(True)
            column.clear()
            if present:
                total, rows = data[key]
                self.headers[key].setText(f"{COLUMN_TITLES[key]} · {total:,}")
                self.headers[key].setToolTip(
                    f"The {len(rows)} most recently contacted of {total:,} are shown; search "
                    "or filter to find the others."
                    if total > len(rows)
                    else ""
                )
                for lead in rows:
                    item = QListWidgetItem(card_text(lead))
                    item.setData(LEAD_ID_ROLE, lead.id)
                    why = ""
                    if lead.overdue or lead.stale:
                        why = "\n\nOverdue follow-up" if lead.overdue else "\n\nStale lead"
                        item.setForeground(QColor("#c0392b"))
                    item.setToolTip(card_text(lead).strip() + why)  # whole, where it is cut
                    column.addItem(item)
                    self._where[lead.id] = key
            column.blockSignals(False)

    def column_of(self, lead_id: int) -> str | None:
        return self._where.get(lead_id)

    def select(self, lead_id: int) -> None:
        key = self._where.get(lead_id)
        if key is None:
            return
        column = self.columns[key]
        for number in range(column.count()):
            item = column.item(number)
            if item is not None and item.data(LEAD_ID_ROLE) == lead_id:
                column.setCurrentItem(item)
                column.setFocus()
                return

    def move_by(self, lead_id: int, key: str, step: int) -> None:
        order = [k for k in COLUMN_TITLES if (h := self._holders[k]) is not None and h.isVisible()]
        if key in order and 0 <= order.index(key) + step < len(order):
            self.lead_moved.emit(lead_id, order[order.index(key) + step])

    def show_card_menu(self, lead_id: int, where: QPoint) -> None:
        menu = self.card_menu(lead_id)
        menu.exec(where)

    def card_menu(self, lead_id: int) -> QMenu:
        menu = QMenu(self)
        current = self._where.get(lead_id)
        for key, title in COLUMN_TITLES.items():
            if key == current:
                continue
            action = QAction(f"Move to {title}{'…' if key in ('won', 'lost') else ''}", menu)
            action.triggered.connect(lambda _checked=False, k=key: self.lead_moved.emit(lead_id, k))
            menu.addAction(action)
        return menu

    @Slot(QListWidgetItem)
    def _opened(self, item: QListWidgetItem) -> None:
        self.lead_opened.emit(int(item.data(LEAD_ID_ROLE)))

    @Slot()
    def _selection_changed(self) -> None:
        column = self.sender()
        if isinstance(column, BoardColumn) and column.currentItem() is not None:
            for other in self.columns.values():
                if other is not column:
                    other.blockSignals(True)
                    other.clearSelection()
                    other.blockSignals(False)
            item = column.currentItem()
            self.lead_selected.emit(int(item.data(LEAD_ID_ROLE)))
