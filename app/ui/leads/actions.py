"""What the Leads page does to a lead — move, win, lose, edit, contact, archive — each through
the services and onto the page's undo stack. A refusal is shown on the detail panel and in
the status bar; the page redraws the lead when `changed` fires."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from app.model.enums import Status, Temperature
from app.model.formatting import money
from app.model.leads.service import LeadFields
from app.ui.common.undo import UndoStack
from app.ui.leads.commands import (
    ArchiveCommand,
    CloseCommand,
    ContactCommand,
    EditCommand,
    TemperatureCommand,
)
from app.ui.leads.detail import LeadDetail
from app.ui.leads.dialogs import LeadPrompts

if TYPE_CHECKING:
    from app.ui.leads.access import LeadAccess


class LeadActions(QObject):
    changed = Signal(int)  # lead id, after every action and undo
    message = Signal(str)

    def __init__(
        self,
        prompts: LeadPrompts,
        undo_stack: UndoStack,
        detail: LeadDetail,
    ) -> None:
        super().__init__(detail)
        self.access: LeadAccess | None = None
        self.currency = ""  # the business's, for the sentences that name an amount
        self.prompts = prompts
        self.undo_stack = undo_stack
        self.detail = detail

    def _changed(self, lead_id: int) -> None:
        self.changed.emit(lead_id)

    def _attempt(self, work: Callable[[], object]) -> str | None:
        """Run a service call; None if it went through, else the refusal (said in the status
        bar by the Access, and shown in the panel)."""
        assert self.access is not None
        refused = self.access.refusal(work)
        if refused is not None:
            self.detail.show_problem(refused)
        return refused

    @Slot(int, str)
    def move_lead(self, lead_id: int, key: str) -> None:
        """A board drop, a card menu choice or a panel button: temperature, won or lost."""
        access = self.access
        if access is None:
            return
        info = access.info(lead_id)
        name = info.fields.name
        if key in (t.value for t in Temperature):
            if info.status is not Status.OPEN:
                self.message.emit(
                    f"{name} is {info.status.value}; undo the mark (Ctrl+Z) to move it again."
                )
                return
            to = Temperature(key)

            def move() -> None:
                _info, change_id = access.set_temperature(lead_id, to)
                if change_id is not None:
                    self.undo_stack.push(
                        TemperatureCommand(access, lead_id, to, change_id, self._changed, name=name)
                    )

            if self._attempt(move) is None:
                self._changed(lead_id)
                self.message.emit(f"{name} is {to.value} now; Ctrl+Z takes it back.")
        elif key == Status.WON.value:
            self._won(lead_id, name, info.fields.estimated_value, info.status)
        elif key == Status.LOST.value:
            answer = self.prompts.lost_reason(name)
            if answer is None:
                return
            reason, note = answer

            def lose() -> None:
                _info, change_id = access.mark_lost(lead_id, reason, note)
                self.undo_stack.push(
                    CloseCommand(
                        access,
                        lead_id,
                        change_id,
                        self._changed,
                        name=name,
                        reason=reason,
                        note=note,
                    )
                )

            if self._attempt(lose) is None:
                self._changed(lead_id)
                self.message.emit(f"{name} is lost ({reason.value}); Ctrl+Z takes it back.")

    def _won(self, lead_id: int, name: str, estimate: Decimal | None, status: Status) -> None:
        access = self.access
        assert access is not None
        value = self.prompts.won_value(name, estimate)
        if value is None:
            return
        if status is Status.WON:  # repeat business
            if self._attempt(lambda: access.add_deal(lead_id, value)) is None:
                self._changed(lead_id)
                self.message.emit(f"{name} bought again: {money(value, self.currency)}.")
            return

        def win() -> None:
            _info, change_id = access.mark_won(lead_id, value)
            self.undo_stack.push(
                CloseCommand(access, lead_id, change_id, self._changed, name=name, value=value)
            )

        if self._attempt(win) is None:
            self._changed(lead_id)
            self.message.emit(f"{name} won: {money(value, self.currency)}. Ctrl+Z takes it back.")

    @Slot(int, object)
    def edit_lead(self, lead_id: int, fields: LeadFields) -> None:
        access = self.access
        assert access is not None
        shown = self.detail.lead
        # What the user started from: a save is refused if someone else changed it since.
        before = shown.fields if shown is not None and shown.id == lead_id else None
        before = before or access.info(lead_id).fields

        def edit() -> None:
            after = access.update(lead_id, fields, base=before).fields
            self.undo_stack.push(EditCommand(access, lead_id, before, after, self._changed))

        error = self._attempt(edit)
        if error is None:
            self._changed(lead_id)
        elif self.detail.lead is not None:  # show what is stored now, keep the sentence
            self._changed(lead_id)
            self.detail.show_lead(access.info(lead_id), access.timeline(lead_id))
            self.detail.show_problem(error)

    @Slot(int, str, object)
    def choose_next_action(self, lead_id: int, action: str, due: date | None) -> None:
        assert self.access is not None
        before = self.access.info(lead_id).fields
        self.edit_lead(
            lead_id, dataclasses.replace(before, next_action=action, next_action_due=due)
        )

    @Slot(int)
    def log_contact(self, lead_id: int) -> None:
        access = self.access
        assert access is not None
        name = access.info(lead_id).fields.name
        answer = self.prompts.contact(name)
        if answer is None:
            return

        def log() -> None:
            logged = access.log_touchpoint(
                lead_id, answer.kind, answer.side, answer.note, answer.new_temperature, answer.at
            )
            self.undo_stack.push(
                ContactCommand(
                    access,
                    lead_id,
                    logged.id,
                    logged.temperature_change_id,
                    self._changed,
                    name=name,
                    kind=answer.kind,
                    side=answer.side,
                    note=answer.note,
                    new_temperature=answer.new_temperature,
                    at=logged.at,  # a redo logs it at the same moment
                )
            )

        if self._attempt(log) is None:
            self._changed(lead_id)
            self.message.emit(f"Logged: {answer.kind} with {name}.")

    @Slot(int, bool)
    def archive_lead(self, lead_id: int, archived: bool) -> None:
        access = self.access
        assert access is not None

        def archive() -> None:
            name = access.set_archived(lead_id, archived).fields.name
            self.undo_stack.push(
                ArchiveCommand(access, lead_id, archived, self._changed, name=name)
            )

        if self._attempt(archive) is None:
            self._changed(lead_id)
            self.message.emit("Archived; Ctrl+Z brings it back." if archived else "Restored.")
