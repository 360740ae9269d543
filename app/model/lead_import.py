"""Importing leads from CSV: all or nothing, every bad row reported as FILE:LINE: reason.

A lead whose email is already in the database is updated, not duplicated. Unknown sources
(campaign names) and owners (people) are created. `dry_run` does everything but commit;
`skip_invalid` imports the good rows and lists the others.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model import csv_values as values
from app.model import lead_create, lead_status, leads
from app.model.csv_reader import Cells, CsvRow, ImportRejectedError, Problem
from app.model.entities import Campaign, Lead, Person
from app.model.enums import LostReason, Status, Temperature
from app.model.errors import ValidationError
from app.model.import_report import ImportReport, finish_import, start_import
from app.model.leads import LeadFields

LEAD_COLUMNS = (
    "name",
    "company",
    "email",
    "phone",
    "temperature",
    "status",
    "source",
    "value",
    "owner",
    "created_at",
    "closed_at",
    "lost_reason",
    "next_action",
    "next_action_due",
    "tags",
    "notes",
)


@dataclass(frozen=True)
class LeadRecord:
    """One valid row, parsed."""

    line: int
    fields: LeadFields
    present: frozenset[str]
    owner: str
    source: str
    temperature: Temperature
    status: Status
    created_at: datetime
    closed_at: datetime
    lost_reason: LostReason | None
    value: Decimal | None


def parse_row(row: CsvRow, order: str, now: datetime) -> LeadRecord:
    """The row as a LeadRecord, or ValueError naming every wrong cell."""
    cells = Cells(row)
    name = row.get("name")
    if not name:
        cells.problem("the name is empty")
    temperature = cells.get(
        "temperature",
        lambda t: values.parse_choice(t, Temperature, "temperature"),
        Temperature.COLD,
    )
    status = cells.get("status", lambda t: values.parse_choice(t, Status, "status"), Status.OPEN)
    reason = cells.get(
        "lost_reason", lambda t: values.parse_choice(t, LostReason, "lost_reason"), None
    )
    value = cells.get("value", values.parse_money, None)
    if value is not None and value < 0:
        cells.problem("the value cannot be negative")
    created = cells.get("created_at", lambda t: values.parse_moment(t, order), now)
    closed = cells.get("closed_at", lambda t: values.parse_moment(t, order), created)
    due: date | None = cells.get("next_action_due", lambda t: values.parse_date(t, order), None)
    if created > now:
        cells.problem("created_at is in the future")
    if closed < created:
        cells.problem("closed_at is before created_at")
    email = row.get("email")
    if email and ("@" not in email or " " in email):
        cells.problem(f"email {email!r} is not an email address")
    if len(name) > leads.MAX_NAME:
        cells.problem(f"the name is longer than {leads.MAX_NAME} characters")
    cells.done()
    fields = LeadFields(
        name=name,
        company=row.get("company"),
        email=email,
        phone=row.get("phone"),
        estimated_value=value,
        notes=row.values.get("notes", "").strip(),
        tags=tuple(t for t in row.get("tags").split(";") if t.strip()),
        next_action=row.get("next_action"),
        next_action_due=due,
    )
    present = frozenset(c for c, v in row.values.items() if v.strip())
    return LeadRecord(
        row.line,
        fields,
        present,
        row.get("owner"),
        row.get("source"),
        temperature,
        status,
        created,
        closed,
        reason,
        value,
    )


class _Names:
    """People and campaigns by name (case-insensitive), created on first mention."""

    def __init__(self, session: Session, report: ImportReport, now: datetime) -> None:
        self.session, self.report, self.now = session, report, now
        self.people = {p.name.lower(): p for p in session.scalars(select(Person))}
        self.campaigns = {c.name.lower(): c for c in session.scalars(select(Campaign))}

    def person_id(self, name: str) -> int | None:
        if not name:
            return None
        person = self.people.get(name.lower())
        if person is None:
            person = Person(name=" ".join(name.split()), created_at=self.now)
            self.session.add(person)
            self.session.flush()
            self.people[name.lower()] = person
            self.report.new_people.append(person.name)
        return person.id

    def campaign_id(self, name: str) -> int | None:
        if not name:
            return None
        campaign = self.campaigns.get(name.lower())
        if campaign is None:
            campaign = Campaign(name=" ".join(name.split()), channel="other", created_at=self.now)
            self.session.add(campaign)
            self.session.flush()
            self.campaigns[name.lower()] = campaign
            self.report.new_campaigns.append(campaign.name)
        return campaign.id


def _existing_by_email(session: Session, emails: list[str]) -> dict[str, Lead]:
    found: dict[str, Lead] = {}
    for start in range(0, len(emails), 500):
        chunk = emails[start : start + 500]
        for lead in session.scalars(
            select(Lead).where(func.lower(Lead.email).in_(chunk)).order_by(Lead.id)
        ):
            found.setdefault(lead.email.lower(), lead)
    return found


def import_leads(
    session: Session,
    path: Path,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    delimiter: str | None = None,
    date_order: str | None = None,
    now: datetime | None = None,
    person_id: int | None = None,
) -> ImportReport:
    """Import in one transaction; bad rows raise ImportRejectedError and nothing is written."""
    moment = now or datetime.now(UTC)
    order = date_order or values.locale_date_order()
    csv_file, report = start_import(
        path, known=LEAD_COLUMNS, required=("name",), delimiter=delimiter, dry_run=dry_run
    )
    records, problems = _parse_all(csv_file.rows, order, moment)
    if problems and not skip_invalid:
        raise ImportRejectedError(path, problems)
    report.skipped = problems
    try:
        _write(session, records, report, moment, person_id)
        session.flush()
    except BaseException:
        session.rollback()
        raise
    return finish_import(session, report)


def _parse_all(
    rows: list[CsvRow],
    order: str,
    now: datetime,
) -> tuple[list[LeadRecord], list[Problem]]:
    records: list[LeadRecord] = []
    problems: list[Problem] = []
    first_line_of: dict[str, int] = {}
    for row in rows:
        try:
            record = parse_row(row, order, now)
        except ValueError as exc:
            problems.append(Problem(row.line, str(exc)))
            continue
        email = record.fields.email.lower()
        if email:
            if email in first_line_of:
                problems.append(
                    Problem(
                        row.line,
                        f"email {record.fields.email!r} is also on line {first_line_of[email]}",
                    )
                )
                continue
            first_line_of[email] = row.line
        records.append(record)
    return records, problems


def _write(
    session: Session,
    records: list[LeadRecord],
    report: ImportReport,
    now: datetime,
    person_id: int | None,
) -> None:
    names = _Names(session, report, now)
    existing = _existing_by_email(
        session, [r.fields.email.lower() for r in records if r.fields.email]
    )
    new: list[lead_create.NewLead] = []
    for record in records:
        fields = dataclasses.replace(
            record.fields,
            owner_id=names.person_id(record.owner),
            source_id=names.campaign_id(record.source),
        )
        try:
            lead = existing.get(record.fields.email.lower()) if record.fields.email else None
            if lead is not None:
                _update(session, lead, record, fields, person_id, now)
                report.updated += 1
                report.notes.append(
                    f"{report.path}:{record.line}: updated the lead with "
                    f"email {record.fields.email}"
                )
            else:
                new.append(
                    lead_create.NewLead(
                        fields,
                        record.temperature,
                        record.created_at,
                        person_id,
                        status=record.status,
                        closed_at=record.closed_at,
                        deal_value=record.value,
                        lost_reason=record.lost_reason,
                        note="imported" if record.status is Status.WON else "",
                    )
                )
        except ValidationError as exc:
            raise ImportRejectedError(report.path, [Problem(record.line, str(exc))]) from None
    lead_create.create_many(session, new)
    report.created += len(new)


def _close(session: Session, lead: Lead, record: LeadRecord, person_id: int | None) -> None:
    if record.status is Status.WON and lead.status != Status.WON.value:
        lead_status.stage_won(
            session,
            lead,
            record.value or Decimal(0),
            at=record.closed_at,
            person_id=person_id,
            note="imported",
        )
    elif record.status is Status.LOST and lead.status != Status.LOST.value:
        lead_status.stage_lost(
            session,
            lead,
            record.lost_reason or LostReason.OTHER,
            at=record.closed_at,
            person_id=person_id,
        )


def _update(
    session: Session,
    lead: Lead,
    record: LeadRecord,
    fields: LeadFields,
    person_id: int | None,
    now: datetime,
) -> None:
    """Overwrite what the row says; keep what it leaves empty."""
    current = leads.info(lead).fields
    changes: dict[str, Any] = {
        name: getattr(fields, name)
        for name in ("company", "phone", "notes", "next_action", "next_action_due", "tags")
        if name in record.present
    }
    if "name" in record.present:
        changes["name"] = fields.name
    if "value" in record.present:
        changes["estimated_value"] = fields.estimated_value
    if "owner" in record.present:
        changes["owner_id"] = fields.owner_id
    if "source" in record.present:
        changes["source_id"] = fields.source_id
    with session.no_autoflush:
        leads.apply_fields(session, lead, dataclasses.replace(current, **changes).cleaned())
    if "temperature" in record.present:
        leads.stage_temperature(
            session, lead, record.temperature, at=now, person_id=person_id, reason="import"
        )
    if "status" in record.present:
        _close(session, lead, record, person_id)
