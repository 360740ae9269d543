"""Choosing a lead by typing part of its name (or its company): a list that narrows as you
type, with "no lead" on top."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.model.leads.queries import LeadChoice
from app.ui.common.forms import choose, refill

NO_LEAD = "no lead"


class LeadChooser(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None  # an editable combo box has one
        line.setPlaceholderText("type a lead's name or company")
        self.setToolTip("The lead this time was spent on (its hours count for the lead)")
        refill(self, [], NO_LEAD)

    def set_choices(self, leads: Sequence[LeadChoice], chosen: int | None) -> None:
        refill(self, [(lead.id, lead.label) for lead in leads], NO_LEAD)
        choose(self, chosen, f"lead {chosen}")

    def lead_id(self) -> int | None:
        """The lead whose name is written (None for none); a name that is no lead's is None
        too — ask `is_valid` first."""
        index = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        return self.itemData(index) if index >= 0 else None

    def is_valid(self) -> bool:
        text = self.currentText().strip()
        return not text or self.findText(text, Qt.MatchFlag.MatchFixedString) >= 0
