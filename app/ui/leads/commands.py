"""Undo (Ctrl+Z) and redo for the Leads page: edits, moves, won/lost, contacts, archiving —
each a `DoneCommand` (app.ui.common.undo): done first, pushed, every undo one transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from app.model.enums import LostReason, Side, Temperature
from app.model.leads.service import LeadFields
from app.ui.common.undo import DoneCommand
from app.ui.leads.access import LeadAccess

Changed = Callable[[int], None]  # called with the lead id after every do and undo


class _LeadCommand(DoneCommand):
    def __init__(self, text: str, access: LeadAccess, lead_id: int, changed: Changed) -> None:
        super().__init__(text, access, lambda: changed(lead_id))
        self.access: LeadAccess = access
        self.lead_id = lead_id


class EditCommand(_LeadCommand):
    def __init__(
        self,
        access: LeadAccess,
        lead_id: int,
        before: LeadFields,
        after: LeadFields,
        changed: Changed,
    ) -> None:
        super().__init__(f"Edit {after.name}", access, lead_id, changed)
        self.before, self.after = before, after

    def do(self) -> None:
        self.access.update(self.lead_id, self.after)

    def back(self) -> None:
        self.access.update(self.lead_id, self.before)


class TemperatureCommand(_LeadCommand):
    def __init__(
        self,
        access: LeadAccess,
        lead_id: int,
        to: Temperature,
        change_id: int,
        changed: Changed,
        *,
        name: str,
    ) -> None:
        super().__init__(f"Move {name} to {to.value}", access, lead_id, changed)
        self.to, self.change_id = to, change_id

    def do(self) -> None:
        _info, change_id = self.access.set_temperature(self.lead_id, self.to)
        if change_id is not None:
            self.change_id = change_id

    def back(self) -> None:
        self.access.undo_temperature(self.change_id)


class CloseCommand(_LeadCommand):
    """Won (with a deal value) or lost (with a reason)."""

    def __init__(
        self,
        access: LeadAccess,
        lead_id: int,
        change_id: int,
        changed: Changed,
        *,
        name: str,
        value: Decimal | None = None,
        reason: LostReason | None = None,
        note: str = "",
    ) -> None:
        outcome = "won" if value is not None else "lost"
        super().__init__(f"Mark {name} {outcome}", access, lead_id, changed)
        self.change_id, self.value, self.reason, self.note = change_id, value, reason, note

    def do(self) -> None:
        if self.value is not None:
            _info, self.change_id = self.access.mark_won(self.lead_id, self.value)
        else:
            assert self.reason is not None
            _info, self.change_id = self.access.mark_lost(self.lead_id, self.reason, self.note)

    def back(self) -> None:
        self.access.undo_close(self.change_id)


class ArchiveCommand(_LeadCommand):
    def __init__(
        self, access: LeadAccess, lead_id: int, archived: bool, changed: Changed, *, name: str
    ) -> None:
        super().__init__(f"{'Archive' if archived else 'Restore'} {name}", access, lead_id, changed)
        self.archived = archived

    def do(self) -> None:
        self.access.set_archived(self.lead_id, self.archived)

    def back(self) -> None:
        self.access.set_archived(self.lead_id, not self.archived)


class ContactCommand(_LeadCommand):
    def __init__(
        self,
        access: LeadAccess,
        lead_id: int,
        touchpoint_id: int,
        change_id: int | None,
        changed: Changed,
        *,
        name: str,
        kind: str,
        side: Side,
        note: str,
        new_temperature: Temperature | None,
        at: datetime | None = None,
    ) -> None:
        super().__init__(f"Log {kind} with {name}", access, lead_id, changed)
        self.touchpoint_id, self.change_id = touchpoint_id, change_id
        self.kind, self.side, self.note, self.new_temperature = kind, side, note, new_temperature
        self.at = at

    def do(self) -> None:
        logged = self.access.log_touchpoint(
            self.lead_id, self.kind, self.side, self.note, self.new_temperature, self.at
        )
        self.touchpoint_id, self.change_id = logged.id, logged.temperature_change_id

    def back(self) -> None:
        self.access.delete_touchpoint(self.touchpoint_id, self.change_id)  # one transaction
