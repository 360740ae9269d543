"""The leads feature's road to the data (see app.ui.common.access): the Leads page, its
table model, board, detail panel, dialogs and undo commands read and write through it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from app.model.enums import LostReason, Side, Temperature
from app.model.leads import create as lead_create
from app.model.leads import queries as lead_queries
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads import touchpoints
from app.model.leads.queries import LeadFilter, LeadRow, SortKey
from app.model.leads.rules import Clock
from app.model.leads.service import LeadFields, LeadInfo
from app.model.leads.touchpoints import TimelineItem, TouchpointInfo
from app.ui.common.access import Access

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

    from app.model.io.import_report import ImportReport
    from app.model.store.db import Store


class LeadAccess(Access):
    """Implements `LeadPages` for the table model, and wraps the services the page uses."""

    def __init__(
        self,
        store: Store,
        stale_days: int = 14,
        now: Callable[[], datetime] | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(store, say)
        self.stale_days = stale_days
        self._now = now or (lambda: datetime.now(UTC))

    def clock(self) -> Clock:
        now = self._now()
        return Clock(now=now, today=now.astimezone().date(), stale_days=self.stale_days)

    # ---- LeadPages -----------------------------------------------------------------------

    def count(self, f: LeadFilter) -> int:
        return self.read(lambda s: lead_queries.count(s, f, self.clock()))

    def page(
        self, f: LeadFilter, sort: SortKey, descending: bool, offset: int, limit: int
    ) -> list[LeadRow]:
        return self.read(
            lambda s: lead_queries.page(
                s, f, self.clock(), sort=sort, descending=descending, offset=offset, limit=limit
            )
        )

    def row(self, lead_id: int) -> LeadRow | None:
        rows = self.read(lambda s: lead_queries.rows_by_id(s, [lead_id], self.clock()))
        return rows[0] if rows else None

    def board(self, f: LeadFilter) -> dict[str, tuple[int, list[LeadRow]]]:
        return self.read(lambda s: lead_queries.board(s, f, self.clock()))

    def follow_ups(self, f: LeadFilter | None = None) -> list[LeadRow]:
        return self.read(lambda s: lead_queries.follow_ups(s, self.clock(), f))

    # ---- one lead ------------------------------------------------------------------------

    def info(self, lead_id: int) -> LeadInfo:
        return self.read(lambda s: leads.info(leads.get(s, lead_id)))

    def timeline(self, lead_id: int) -> list[TimelineItem]:
        return self.read(lambda s: touchpoints.timeline(s, lead_id))

    def create(self, fields: LeadFields, temperature: Temperature = Temperature.COLD) -> LeadInfo:
        """A new lead, owned by the person this computer's Hearth is for unless said."""
        if fields.owner_id is None and self.person_id is not None:
            fields = dataclasses.replace(fields, owner_id=self.person_id)
        return self.write(
            lambda s: lead_create.create(
                s, fields, temperature=temperature, person_id=self.person_id
            )
        )

    def update(self, lead_id: int, fields: LeadFields, base: LeadFields | None = None) -> LeadInfo:
        """Save `fields`; with `base` (what the user started from), refuse if someone else
        changed the lead meanwhile (ConflictError with their changes)."""
        return self.write(lambda s: leads.update(s, lead_id, fields, base=base))

    def set_archived(self, lead_id: int, archived: bool) -> LeadInfo:
        return self.write(lambda s: leads.set_archived(s, lead_id, archived))

    def set_temperature(
        self,
        lead_id: int,
        to: Temperature,
        reason: str = "",
    ) -> tuple[LeadInfo, int | None]:
        """The new state, and the id of the history row (None if nothing changed)."""

        def work(s: Session) -> tuple[LeadInfo, int | None]:
            lead = leads.get(s, lead_id)
            change = leads.stage_temperature(s, lead, to, person_id=self.person_id, reason=reason)
            leads.commit(s)
            return leads.info(lead), change.id if change else None

        return self.write(work)

    def undo_temperature(self, change_id: int) -> LeadInfo:
        return self.write(lambda s: leads.undo_temperature_change(s, change_id))

    def mark_won(self, lead_id: int, value: Decimal) -> tuple[LeadInfo, int]:
        return self.write(
            lambda s: lead_status.close_won(s, lead_id, value, person_id=self.person_id)
        )

    def mark_lost(
        self,
        lead_id: int,
        reason: LostReason,
        note: str = "",
    ) -> tuple[LeadInfo, int]:
        return self.write(
            lambda s: lead_status.close_lost(
                s, lead_id, reason, note=note, person_id=self.person_id
            )
        )

    def add_deal(self, lead_id: int, value: Decimal) -> LeadInfo:
        """Repeat business from a customer."""
        return self.write(
            lambda s: lead_status.add_deal(s, lead_id, value, person_id=self.person_id)
        )

    def undo_close(self, status_change_id: int) -> LeadInfo:
        return self.write(lambda s: lead_status.undo_status_change(s, status_change_id))

    def log_touchpoint(
        self,
        lead_id: int,
        kind: str,
        side: Side,
        note: str,
        new_temperature: Temperature | None,
        at: datetime | None = None,
    ) -> TouchpointInfo:
        return self.write(
            lambda s: touchpoints.log_touchpoint(
                s,
                lead_id,
                kind,
                side=side,
                note=note,
                person_id=self.person_id,
                new_temperature=new_temperature,
                at=at,
            )
        )

    def delete_touchpoint(self, touchpoint_id: int, temperature_change_id: int | None) -> None:
        """A contact taken back, with the temperature change it made (one transaction)."""
        self.write(lambda s: touchpoints.delete_touchpoint(s, touchpoint_id, temperature_change_id))

    def set_next_action(self, lead_id: int, action: str, due: date | None) -> LeadInfo:
        return self.write(lambda s: leads.set_next_action(s, lead_id, action, due))

    # ---- a file of leads or contacts -----------------------------------------------------

    def import_file(
        self,
        kind: str,
        path: Path,
        *,
        dry_run: bool,
        skip_invalid: bool = False,
        delimiter: str | None = None,
        decimal: str | None = None,
    ) -> ImportReport:
        """Import `path` ("leads", "touchpoints" or "vcard"): all of it or nothing; a dry run
        says what the import would do and writes nothing. A new lead whose row names no owner
        is the person's this computer is for, as one typed in is."""
        me = self.person_id

        def work(session: Session) -> ImportReport:
            if kind == "vcard":
                from app.model.io.vcard import import_vcards

                return import_vcards(session, path, dry_run=dry_run, person_id=me, owner_id=me)
            if kind == "leads":
                from app.model.io.leads import import_leads

                return import_leads(
                    session,
                    path,
                    dry_run=dry_run,
                    skip_invalid=skip_invalid,
                    delimiter=delimiter,
                    decimal=decimal,
                    person_id=me,
                    owner_id=me,
                )
            from app.model.io.touchpoints import import_touchpoints

            return import_touchpoints(
                session, path, dry_run=dry_run, skip_invalid=skip_invalid, delimiter=delimiter
            )

        return self.write(work)
