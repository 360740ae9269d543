"""Add or edit a time entry; overlaps are checked as you type.

The quick field takes "1h30" (ending now, or at the end time shown), "90m" or "9:00-10:30".
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTimeZone, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.model.enums import Side
from app.model.errors import HearthError
from app.model.time.entries import EntryFields
from app.ui.common.date_field import to_qt, wall_clock
from app.ui.common.forms import (
    ShownValues,
    choose,
    error_label,
    form_fields,
    refill,
    show_error,
    start_at_first_field,
)
from app.ui.common.lead_chooser import LeadChooser
from app.ui.time.access import TimeAccess


class EntryDialog(QDialog):
    def __init__(
        self,
        access: TimeAccess,
        fields: EntryFields,
        *,
        entry_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.access = access
        self.entry_id = entry_id
        self.base = fields  # what the entry was when opened: a save after someone else's fails
        self.setWindowTitle("Edit time entry" if entry_id else "Add time entry")
        choices = access.entry_choices(fields.lead_id)
        self._people, self._categories = choices.people, choices.categories
        every_campaign, lead_choices = choices.campaigns, choices.leads
        self.person = QComboBox()
        for person in self._people:
            self.person.addItem(person.name, person.id)
        self.side = QComboBox()
        for side in Side:
            self.side.addItem(side.value.capitalize(), side.value)
        self.category = QComboBox()
        self.quick = QLineEdit()
        self.quick.setPlaceholderText("quick: 1h30, 90m or 9:00-10:30")
        self.start = QDateTimeEdit()
        self.end = QDateTimeEdit()
        for edit in (self.start, self.end):
            edit.setTimeZone(QTimeZone.utc())  # wall-clock numbers, as shown (see to_qt)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.note = QLineEdit()
        # What the time was spent on: its hours count for the campaign (true CAC) or the lead.
        self.campaign = QComboBox()
        self.campaign.setToolTip("The campaign this time was for (its hours count in true CAC)")
        refill(
            self.campaign,
            [(c.id, c.name) for c in every_campaign if not c.archived],
            "no campaign",
        )
        archived = {c.id: f"{c.name} (archived)" for c in every_campaign if c.archived}
        choose(self.campaign, fields.campaign_id, archived.get(fields.campaign_id or 0, ""))
        self.lead = LeadChooser()
        self.lead.set_choices(lead_choices, fields.lead_id)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )

        form = QFormLayout()
        if len(self._people) > 1:
            form.addRow("Who", self.person)
        form.addRow("Side", self.side)
        form.addRow("Category", self.category)
        form.addRow("Quick", self.quick)
        form.addRow("Start", self.start)
        form.addRow("End", self.end)
        form.addRow("Campaign", self.campaign)
        form.addRow("Lead", self.lead)
        form.addRow("Note", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        # What the fields showed as loaded: an untouched start keeps its seconds, say.
        self.shown = ShownValues(
            {
                "person_id": self.person.currentData,
                "side": lambda: Side(self.side.currentData()),
                "category_id": self.category.currentData,
                "start": lambda: wall_clock(self.start),
                "end": lambda: wall_clock(self.end),
                "note": self.note.text,
                "campaign_id": self.campaign.currentData,
                "lead_id": self.lead.lead_id,
            }
        )
        self._load(fields)
        self._connect()
        self.check()
        start_at_first_field(self.buttons, *form_fields(form))

    def _connect(self) -> None:
        self.side.currentIndexChanged.connect(self._side_changed)
        self.quick.editingFinished.connect(self._quick_entered)
        for edit in (self.start, self.end):
            edit.dateTimeChanged.connect(self.check)
        self.person.currentIndexChanged.connect(self.check)
        typed = self.lead.lineEdit()
        assert typed is not None  # the chooser is editable
        typed.editingFinished.connect(self.check)
        self.lead.activated.connect(self.check)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _load(self, fields: EntryFields) -> None:
        self.person.setCurrentIndex(max(0, self.person.findData(fields.person_id)))
        self.side.setCurrentIndex(self.side.findData(fields.side.value))
        self._side_changed()
        self.category.setCurrentIndex(max(0, self.category.findData(fields.category_id)))
        self.start.setDateTime(to_qt(fields.start))
        self.end.setDateTime(to_qt(fields.end or datetime.now(UTC)))
        self.note.setText(fields.note)
        self._base = fields
        self.shown.remember()

    @Slot()
    def _side_changed(self) -> None:
        side = self.side.currentData()
        current = self.category.currentData()
        self.category.clear()
        self.category.addItem("no category", None)
        for category in self._categories:
            if category.side.value == side:
                self.category.addItem(category.name, category.id)
        self.category.setCurrentIndex(max(0, self.category.findData(current)))

    @Slot()
    def _quick_entered(self) -> None:
        from app.model.durations import parse_duration, parse_span

        text = self.quick.text().strip()
        if not text:
            return
        try:
            span = parse_span(text, wall_clock(self.start).date())
            if span is None:
                end = self.fields().end or datetime.now(UTC)
                span = (end - parse_duration(text), end)
        except HearthError as exc:
            show_error(self.error, str(exc))
            return
        self.start.setDateTime(to_qt(span[0]))
        self.end.setDateTime(to_qt(span[1]))
        self.check()

    def fields(self) -> EntryFields:
        """The entry as loaded, with the fields the owner changed here (and only those). A
        start or end changed here is read as the wall-clock time shown: one the clocks skip,
        or show twice, is refused with a sentence (LocalTimeError)."""
        from app.model.weeks import wall_clock_to_utc

        changes = self.shown.changes()
        for key in ("start", "end"):
            if key in changes:
                changes[key] = wall_clock_to_utc(changes[key])
        return self._base._replace(**changes)

    @Slot()
    def check(self) -> bool:
        """Validate as the user types: the sentence shows at once, Save waits for a fix."""
        try:
            if not self.lead.is_valid():
                raise HearthError(
                    f"No lead is called {self.lead.currentText().strip()!r}: pick one from the "
                    "list, or clear the field."
                )
            self.access.check(self.fields(), self.entry_id)
        except HearthError as exc:
            show_error(self.error, str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return False
        show_error(self.error, "")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        return True

    @Slot()
    def save(self) -> None:
        if not self.check():
            return
        entry_id = self.entry_id

        def save() -> None:
            if entry_id is None:
                self.access.add(self.fields())
            else:
                self.access.update(entry_id, self.fields(), self.base)

        if self.access.went_through(save, tell=lambda why: show_error(self.error, why)):
            self.accept()
