"""Leads from and to CSV: the import is all or nothing, every bad row reported as
FILE:LINE: reason; the export writes the columns the import reads.

A lead whose email is already in the database (trimmed, ignoring case: the email rule of
app.model.io.resolve) is updated, not duplicated — but never to a name that is the old one's
mojibake (UTF-8 read as Windows-1252 somewhere before); an email several stored leads share
is its line's problem. Unknown sources (campaign names) and owners (people) are created.
`dry_run` does everything but commit; `skip_invalid` imports the good rows and lists the
others.

Rows are read one at a time and written in batches of `BATCH`, all in one transaction: a
million leads take a batch's memory, and a bad line anywhere still leaves nothing written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.model.enums import LostReason, Status, Temperature
from app.model.errors import ValidationError
from app.model.io import csv_values as values
from app.model.io.csv_reader import Cells, CsvFile, CsvRow, ImportRejectedError, Problem
from app.model.io.csv_values import DecimalMark
from app.model.io.csv_writer import moment_cell, money_cell, write_csv
from app.model.io.import_report import (
    ImportReport,
    all_or_nothing,
    batched,
    finish_import,
    settle,
    start_import,
)
from app.model.io.resolve import LeadFinder, Names, email_key, garbled, the_one_with_email
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads.service import LeadFields
from app.model.store.entities import Campaign, Deal, Lead, Person

LEAD_COLUMNS = (
    "name",
    "company",
    "email",
    "phone",
    "temperature",
    "status",
    "source",
    "value",
    "estimated_value",
    "owner",
    "created_at",
    "closed_at",
    "lost_reason",
    "next_action",
    "next_action_due",
    "tags",
    "notes",
)
BATCH = 5_000


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


def parse_row(
    row: CsvRow, order: str, now: datetime, decimal: DecimalMark | None = None
) -> LeadRecord:
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
    value = cells.get("value", (decimal or DecimalMark()).money, None)
    if value is not None and value < 0:
        cells.problem("the value cannot be negative")
    # A won lead's `value` is the deal it was won with; what it was estimated at before is
    # `estimated_value` (an export writes it, so a past week's pipeline reads the same).
    estimate = cells.get("estimated_value", (decimal or DecimalMark()).money, None)
    if estimate is not None and estimate < 0:
        cells.problem("the estimated_value cannot be negative")
    created = cells.get("created_at", lambda t: values.parse_moment(t, order), now)
    closed = cells.get("closed_at", lambda t: values.parse_moment(t, order), created)
    due: date | None = cells.get("next_action_due", lambda t: values.parse_date(t, order), None)
    if created > now:
        cells.problem("created_at is in the future")
    if closed > now:
        cells.problem("closed_at is in the future")
    if closed < created:
        cells.problem("closed_at is before created_at")
    email = row.get("email")
    if email and ("@" not in email or " " in email):
        cells.problem(f"email {email!r} is not an email address")
    if len(name) > leads.MAX_NAME:
        cells.problem(f"the name is longer than {leads.MAX_NAME} characters")
    for column, longest in leads.MAX_LENGTH.items():
        if len(row.values.get(column, "")) > longest and len(row.get(column)) > longest:
            cells.problem(f"the {column} is longer than {longest} characters")
    tags = row.values.get("tags", "")
    longest_tag = leads.MAX_TAG
    if len(tags) > longest_tag and any(
        len(" ".join(t.split())) > longest_tag for t in tags.split(";")
    ):
        cells.problem(f"a tag is longer than {longest_tag} characters")
    cells.done()
    fields = LeadFields(
        name=name,
        company=row.get("company"),
        email=email,
        phone=row.get("phone"),
        estimated_value=_estimate(status, value, estimate, "estimated_value" in row.values),
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


def import_leads(
    session: Session,
    path: Path,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    delimiter: str | None = None,
    date_order: str | None = None,
    decimal: str | None = None,
    now: datetime | None = None,
    person_id: int | None = None,
    owner_id: int | None = None,
) -> ImportReport:
    """Import in one transaction; bad rows raise ImportRejectedError and nothing is written.
    `person_id` is who imports (their moves and deals), `owner_id` the owner of a new lead
    whose row names none (the window's person, or the one person there is)."""
    moment = now or datetime.now(UTC)
    order = date_order or values.locale_date_order()
    csv_file, report = start_import(
        path,
        known=LEAD_COLUMNS,
        required=("name",),
        delimiter=delimiter,
        dry_run=dry_run,
        numbers=("value", "estimated_value"),
        decimal=decimal,
    )
    problems: list[Problem] = []
    with all_or_nothing(session):
        writer = _Writer(session, report, moment, person_id, owner_id)
        for batch in batched(_records(csv_file, order, moment, problems), BATCH):
            # Once the import is sure to be refused, the rest is only read, to name every
            # bad line.
            if not csv_file.bad_lines and (skip_invalid or not problems):
                writer.write(batch, problems)
        settle(report, problems, skip_invalid=skip_invalid, bad_lines=csv_file.bad_lines)
        session.flush()
    return finish_import(session, report)


def _records(
    csv_file: CsvFile, order: str, now: datetime, problems: list[Problem]
) -> Iterator[LeadRecord]:
    """The file's valid rows, read one at a time; the others go to `problems`."""
    first_line_of: dict[str, int] = {}
    for row in csv_file.rows():
        try:
            record = parse_row(row, order, now, csv_file.decimal)
        except ValueError as exc:
            problems.append(Problem(row.line, str(exc)))
            continue
        email = email_key(record.fields.email)
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
        yield record


class _Writer:
    """Writes batches of records: updates the leads whose email is known (resolve's email
    rule), creates the rest."""

    def __init__(
        self,
        session: Session,
        report: ImportReport,
        now: datetime,
        person_id: int | None,
        owner_id: int | None,
    ) -> None:
        self.session, self.report, self.now, self.person_id = session, report, now, person_id
        self.owner_id = owner_id  # of a new lead whose row names no owner
        self.names = Names(session, report, now)
        self.finder = LeadFinder(session)
        # The leads stored before the import: its own cannot match (its emails are unique),
        # and the search need not read them.
        self.before = session.scalar(select(func.max(Lead.id))) or 0

    def write(self, records: list[LeadRecord], problems: list[Problem]) -> None:
        session, report = self.session, self.report
        existing = self.finder.by_email(
            (r.fields.email for r in records if r.fields.email), up_to=self.before
        )
        new: list[lead_create.NewLead] = []
        for record in records:
            try:
                lead = the_one_with_email(
                    record.fields.email, existing.get(email_key(record.fields.email), [])
                )
            except ValueError as exc:
                problems.append(Problem(record.line, str(exc)))
                continue
            wrong = self._names_problem(record) or (
                _garbling(lead, record) if lead is not None else ""
            )
            if wrong:
                problems.append(Problem(record.line, wrong))
                continue
            fields = dataclasses.replace(
                record.fields,
                owner_id=self.names.person_id(record.owner),
                source_id=self.names.campaign_id(record.source),
            )
            try:
                if lead is not None:
                    _update(session, lead, record, fields, self.person_id, self.now)
                    report.updated += 1
                    verb = "would update" if report.dry_run else "updated"
                    report.notes.append(
                        f"{report.path}:{record.line}: {verb} the lead with "
                        f"email {record.fields.email}"
                    )
                else:
                    if fields.owner_id is None:
                        fields = dataclasses.replace(fields, owner_id=self.owner_id)
                    new.append(
                        lead_create.NewLead(
                            fields,
                            record.temperature,
                            record.created_at,
                            self.person_id,
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
        session.flush()

    def _names_problem(self, record: LeadRecord) -> str:
        """Why the row's owner, source or tags cannot be kept: a new one that is too long, or
        the mojibake of one Hearth has (resolve.Names); else ""."""
        names = self.names
        return (
            names.problem("person", record.owner)
            or names.problem("campaign", record.source)
            or names.tags_problem(record.fields.tags)
        )


def _garbling(lead: Lead, record: LeadRecord) -> str:
    """Why the row may not update `lead`: it would replace a text by that text's mojibake
    (its UTF-8 read as Windows-1252), which is never what the user meant; else ""."""
    for column in ("name", "company", "notes", "next_action"):
        if column not in record.present:
            continue
        new = " ".join(getattr(record.fields, column).split())
        wrong = garbled(f"the {column}", getattr(lead, column), new)
        if wrong:
            return wrong
    return ""


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
    if "value" in record.present or "estimated_value" in record.present:
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


def lead_rows(session: Session, *, include_archived: bool = False) -> Iterator[list[str]]:
    """Each lead as the import reads it back: a won lead's `value` is the deal it was won
    with, its `estimated_value` what it was estimated at before; times in local time with
    their offset, to the fraction of a second they have."""
    people = {p.id: p.name for p in session.scalars(select(Person))}
    campaigns = {c.id: c.name for c in session.scalars(select(Campaign))}
    first_deal = {
        row.lead_id: row.value
        for row in session.execute(
            select(Deal.lead_id, Deal.value).order_by(
                Deal.lead_id.desc(), Deal.won_at.desc(), Deal.id.desc()
            )
        )
    }
    query = select(Lead).options(selectinload(Lead.tags)).order_by(Lead.id)
    if not include_archived:
        query = query.where(Lead.archived.is_(False))
    for lead in session.scalars(query.execution_options(yield_per=2000)):
        won = lead.status == "won"
        value = first_deal.get(lead.id) if won else lead.estimated_value
        yield [
            lead.name,
            lead.company,
            lead.email,
            lead.phone,
            lead.temperature,
            lead.status,
            campaigns.get(lead.source_id, "") if lead.source_id else "",
            money_cell(value),
            money_cell(lead.estimated_value) if won else "",
            people.get(lead.owner_id, "") if lead.owner_id else "",
            moment_cell(lead.created_at),
            moment_cell(lead.closed_at),
            lead.lost_reason or "",
            lead.next_action,
            lead.next_action_due.isoformat() if lead.next_action_due else "",
            ";".join(sorted((t.name for t in lead.tags), key=str.lower)),
            lead.notes,
        ]


def _estimate(
    status: Status, value: Decimal | None, estimate: Decimal | None, has_column: bool
) -> Decimal | None:
    """What a lead is estimated at: an open or lost lead's `value` (else `estimated_value`);
    a won lead's `estimated_value` when the file has the column (Hearth's export writes it
    for won leads, empty when there was none), else its `value` (another CRM's file)."""
    if status != Status.WON:
        return value if value is not None else estimate
    return estimate if has_column else value


def export_leads(session: Session, path: Path, *, include_archived: bool = False) -> int:
    """Every lead (archived ones too when asked) in the columns `import_leads` reads; the
    number of rows written."""
    return write_csv(path, LEAD_COLUMNS, lead_rows(session, include_archived=include_archived))
