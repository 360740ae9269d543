"""A lead's detail panel: its fields, edited in place; its timeline; what to do next."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal, SignalInstance, Slot
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.colors import STATE_COLORS
from app.model.enums import NO_SOURCE, Status, Temperature
from app.model.leads.service import LeadFields, LeadInfo, suggested_actions
from app.model.leads.touchpoints import TimelineItem
from app.ui.common.date_field import DateField
from app.ui.common.forms import (
    ShownValues,
    choose,
    error_label,
    read_amount,
    refill,
    show_amount,
    show_error,
)

SUGGESTION_DAYS = 3  # accepting a suggestion makes it due in three days


class NotesEdit(QPlainTextEdit):
    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


class LeadDetail(QWidget):
    fields_edited = Signal(int, object)  # lead id, LeadFields
    temperature_requested = Signal(int, object)  # lead id, Temperature
    won_requested = Signal(int)
    lost_requested = Signal(int)
    contact_requested = Signal(int)
    archive_requested = Signal(int, bool)
    next_action_chosen = Signal(int, str, object)  # lead id, action, due date
    fold_requested = Signal()  # the owner closed the panel (×): the list takes its room

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lead: LeadInfo | None = None
        self.title = QLabel("Pick a lead")
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.fold_button = QToolButton()
        self.fold_button.setText("×")
        self.fold_button.setAutoRaise(True)
        self.fold_button.setToolTip("Close the panel: the list or board takes its room")
        self.fold_button.setAccessibleName("Close the lead panel")
        self.state = QLabel()
        self.name = QLineEdit()
        self.company = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.owner = QComboBox()
        self.source = QComboBox()
        self.value = QLineEdit()
        self.value.setPlaceholderText("estimated value")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("tags, separated by ;")
        self.next_action = QLineEdit()
        self.due = DateField()
        self.lines = (
            self.name,
            self.company,
            self.email,
            self.phone,
            self.value,
            self.tags,
            self.next_action,
        )
        for line in self.lines:
            line.setMinimumWidth(80)  # long text scrolls inside the field, not the panel
        self.notes = NotesEdit()
        self.notes.setFixedHeight(80)
        self.error = error_label()
        self.temperature_buttons = {t: QPushButton(t.value.capitalize()) for t in Temperature}
        self.contact_button = QPushButton("Log contact…")
        self.won_button = QPushButton("Mark won…")
        self.lost_button = QPushButton("Mark lost…")
        self.archive_button = QPushButton("Archive")
        self.suggestions = QListWidget()
        self.suggestions.setMaximumHeight(90)
        self.suggestions.setToolTip(
            f"Double-click (or Enter) to make it the next action, due in {SUGGESTION_DAYS} days"
        )
        self.timeline = QListWidget()  # long notes wrap, each contact read whole
        self.timeline.setWordWrap(True)
        self.timeline.setUniformItemSizes(False)
        self.timeline.setResizeMode(QListView.ResizeMode.Adjust)
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (
            ("Name", self.name),
            ("Company", self.company),
            ("Email", self.email),
            ("Phone", self.phone),
            ("Owner", self.owner),
            ("Source", self.source),
            ("Value", self.value),
            ("Tags", self.tags),
            ("Next action", self.next_action),
            ("Due", self.due),
            ("Notes", self.notes),
        ):
            form.addRow(label, widget)
        temperatures = QHBoxLayout()
        for button in self.temperature_buttons.values():
            button.setCheckable(True)
            temperatures.addWidget(button)
        actions = QGridLayout()
        for number, button in enumerate(
            (self.contact_button, self.won_button, self.archive_button, self.lost_button)
        ):
            actions.addWidget(button, number // 2, number % 2)
        inner = QWidget()
        outer_layout = QVBoxLayout(inner)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.fold_button, 0, Qt.AlignmentFlag.AlignTop)
        outer_layout.addLayout(heading)
        # Until a lead is picked: a sentence saying how, not a form of empty, greyed fields.
        self.hint = QLabel(
            "Click a lead in the table or a card on the board to see it here: its fields, "
            "its timeline and what to do next."
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("pagePurpose")
        outer_layout.addWidget(self.hint)
        self.fields_box = QWidget()
        outer_layout.addWidget(self.fields_box, 1)
        layout = QVBoxLayout(self.fields_box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addLayout(temperatures)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Suggested next actions</b>"))
        layout.addWidget(self.suggestions)
        layout.addWidget(QLabel("<b>Timeline</b> (newest first)"))
        layout.addWidget(self.timeline, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setMinimumWidth(280)
        for changer in self.change_buttons():  # a narrow panel shortens its buttons' padding
            changer.setMinimumWidth(50)
        for combo in (self.owner, self.source):  # a long campaign name elides, not the panel
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.title.setStyleSheet("font-size: 17px; font-weight: 600;")
        # What each field showed when the lead was shown: an edit saves only what differs.
        self.shown = ShownValues(
            {
                "name": self.name.text,
                "company": self.company.text,
                "email": self.email.text,
                "phone": self.phone.text,
                "owner_id": self.owner.currentData,
                "source_id": self.source.currentData,
                "estimated_value": self.value.text,
                "tags": self._tags,
                "next_action": self.next_action.text,
                "next_action_due": self.due.value,
                "notes": self.notes.toPlainText,
            }
        )
        self._connect()
        self.clear()

    def _connect(self) -> None:
        for line in self.lines:
            line.editingFinished.connect(self._edited)
        self.notes.editing_finished.connect(self._edited)
        self.owner.activated.connect(self._edited)
        self.source.activated.connect(self._edited)
        self.due.edited.connect(self._edited)
        for temperature, button in self.temperature_buttons.items():
            button.clicked.connect(lambda _c=False, t=temperature: self._ask_temperature(t))
        self.contact_button.clicked.connect(lambda: self._emit_for_lead(self.contact_requested))
        self.won_button.clicked.connect(lambda: self._emit_for_lead(self.won_requested))
        self.lost_button.clicked.connect(lambda: self._emit_for_lead(self.lost_requested))
        self.archive_button.clicked.connect(self._archive)
        self.fold_button.clicked.connect(self.fold_requested)
        self.suggestions.itemActivated.connect(self._suggestion)

    def change_buttons(self) -> list[QWidget]:
        """The buttons that change the lead (the page hides them on a read-only copy)."""
        actions = (self.contact_button, self.won_button, self.lost_button, self.archive_button)
        return [*self.temperature_buttons.values(), *actions]

    def set_read_only(self, read_only: bool) -> None:
        """A read-only copy: the fields show the lead but take no edits."""
        for line in self.lines:
            line.setReadOnly(read_only)
        self.notes.setReadOnly(read_only)
        for widget in (self.owner, self.source, self.due, self.suggestions):
            widget.setEnabled(not read_only)

    def set_choices(self, owners: list[tuple[int, str]], sources: list[tuple[int, str]]) -> None:
        """The people and campaigns to choose from (again after any change): the lead shown
        keeps its owner and source, whatever the lists now hold."""
        refill(self.owner, owners, "nobody")
        refill(self.source, sources, NO_SOURCE)  # as the funnel and the review say it

    # ---- showing a lead ------------------------------------------------------------------

    def show_lead(self, lead: LeadInfo, timeline: list[TimelineItem]) -> None:
        self.lead = lead
        self.setEnabled(True)
        self.hint.hide()
        self.fields_box.show()
        show_error(self.error, "")
        f = lead.fields
        self.title.setText(f.name)
        color = STATE_COLORS[
            lead.status.value if lead.status is not Status.OPEN else lead.temperature.value
        ]
        state = lead.status.value if lead.status is not Status.OPEN else lead.temperature.value
        extra = f" — {lead.lost_reason.value}" if lead.lost_reason else ""
        archived = " · archived" if lead.archived else ""
        self.state.setText(
            f"<span style='color:{color}; font-weight:600'>{state}</span>{extra}{archived}"
        )
        for widget, text in (
            (self.name, f.name),
            (self.company, f.company),
            (self.email, f.email),
            (self.phone, f.phone),
            (self.value, show_amount(f.estimated_value)),
            (self.tags, "; ".join(f.tags)),
            (self.next_action, f.next_action),
        ):
            widget.setText(text)
            widget.setCursorPosition(0)  # a long email reads from its start
        self.notes.setPlainText(f.notes)
        choose(self.owner, f.owner_id, f"person {f.owner_id}")
        choose(self.source, f.source_id, f"campaign {f.source_id}")
        self.due.set_value(f.next_action_due)
        self.shown.remember()
        for temperature, button in self.temperature_buttons.items():
            button.setChecked(temperature is lead.temperature)
            button.setEnabled(lead.status is Status.OPEN)
        self.won_button.setText("Add a deal…" if lead.status is Status.WON else "Mark won…")
        self.lost_button.setEnabled(lead.status is Status.OPEN)
        self.archive_button.setText("Restore" if lead.archived else "Archive")
        self.suggestions.clear()
        if lead.status is Status.OPEN:
            self.suggestions.addItems(list(suggested_actions(lead.temperature)))
        self.timeline.clear()
        for item in timeline:
            when = item.at.astimezone().strftime("%Y-%m-%d %H:%M")
            who = f" · {item.person}" if item.person else ""
            detail = f" — {item.detail}" if item.detail else ""
            entry = QListWidgetItem(f"{when}  {item.title}{who}{detail}")
            entry.setToolTip(entry.text())
            self.timeline.addItem(entry)

    def clear(self) -> None:
        self.lead = None
        self.title.setText("Pick a lead")
        self.state.setText("")
        self.timeline.clear()
        self.suggestions.clear()
        self.setEnabled(False)
        self.hint.show()
        self.fields_box.hide()

    def show_problem(self, message: str) -> None:
        show_error(self.error, message)

    # ---- editing ------------------------------------------------------------------------

    def _tags(self) -> tuple[str, ...]:
        return tuple(t for t in self.tags.text().split(";") if t.strip())

    def edited_fields(self) -> LeadFields:
        """The lead as shown, with the fields the user changed since (and only those)."""
        assert self.lead is not None
        changes = self.shown.changes()
        if "estimated_value" in changes:
            text = str(changes["estimated_value"]).strip()
            try:
                changes["estimated_value"] = read_amount(text)
            except ValueError as exc:
                del changes["estimated_value"]
                show_error(self.error, f"Value: {exc}; it was left as it was.")
        return dataclasses.replace(self.lead.fields, **changes)

    @Slot()
    def _edited(self) -> None:
        if self.lead is None:
            return
        fields = self.edited_fields()
        if fields != self.lead.fields:
            self.fields_edited.emit(self.lead.id, fields)

    def _ask_temperature(self, temperature: Temperature) -> None:
        if self.lead is not None:
            self.temperature_buttons[temperature].setChecked(temperature is self.lead.temperature)
            if temperature is not self.lead.temperature:
                self.temperature_requested.emit(self.lead.id, temperature)

    def _emit_for_lead(self, signal: SignalInstance) -> None:
        if self.lead is not None:
            signal.emit(self.lead.id)

    @Slot()
    def _archive(self) -> None:
        if self.lead is not None:
            self.archive_requested.emit(self.lead.id, not self.lead.archived)

    @Slot()
    def _suggestion(self) -> None:
        item = self.suggestions.currentItem()
        if self.lead is not None and item is not None:
            due = date.today() + timedelta(days=SUGGESTION_DAYS)
            self.next_action_chosen.emit(self.lead.id, item.text(), due)
