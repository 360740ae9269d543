"""Importing touchpoints from CSV: each row a contact with a lead, found by email or name.

Same reader, same all-or-nothing rule and `FILE:LINE:` reporting as the lead importer. A row
with a `temperature` records the lead's temperature after that contact, at its time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.enums import Side, Temperature
from app.model.errors import ValidationError
from app.model.io import csv_values as values
from app.model.io.csv_reader import Cells, CsvRow, Problem
from app.model.io.import_report import ImportReport, finish_import, settle, start_import
from app.model.leads.touchpoints import stage_touchpoint
from app.model.store.entities import Lead, Person

TOUCHPOINT_COLUMNS = ("lead", "kind", "side", "at", "person", "note", "temperature")


class _Leads:
    """Leads by lower-case email, and by name for the leads that have no email."""

    def __init__(self, session: Session) -> None:
        self.by_email: dict[str, Lead] = {}
        self.by_name: dict[str, list[Lead]] = defaultdict(list)
        for lead in session.scalars(select(Lead)):
            if lead.email:
                self.by_email.setdefault(lead.email.lower(), lead)
            else:
                self.by_name[lead.name.lower()].append(lead)

    def find(self, key: str) -> Lead:
        lead = self.by_email.get(key.lower())
        if lead is not None:
            return lead
        named = self.by_name.get(" ".join(key.split()).lower(), [])
        if len(named) == 1:
            return named[0]
        if named:
            raise ValueError(f"{len(named)} leads without an email are called {key!r}")
        raise ValueError(f"there is no lead with the email or name {key!r}")


def import_touchpoints(
    session: Session,
    path: Path,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    delimiter: str | None = None,
    date_order: str | None = None,
    now: datetime | None = None,
) -> ImportReport:
    moment = now or datetime.now(UTC)
    order = date_order or values.locale_date_order()
    csv_file, report = start_import(
        path,
        known=TOUCHPOINT_COLUMNS,
        required=("lead", "kind", "at"),
        delimiter=delimiter,
        dry_run=dry_run,
    )
    known = _Leads(session)
    people = {p.name.lower(): p for p in session.scalars(select(Person))}
    problems: list[Problem] = []
    try:
        for row in csv_file.rows():
            try:
                _one(session, row, known, people, order, moment, report)
            except (ValueError, ValidationError) as exc:
                problems.append(Problem(row.line, str(exc)))
        settle(report, problems, skip_invalid=skip_invalid, bad_lines=csv_file.bad_lines)
        session.flush()
    except BaseException:
        session.rollback()
        raise
    return finish_import(session, report)


def _one(
    session: Session,
    row: CsvRow,
    known: _Leads,
    people: dict[str, Person],
    order: str,
    now: datetime,
    report: ImportReport,
) -> None:
    cells = Cells(row)
    lead = cells.get("lead", known.find, None, missing="there is no lead with the email or name ''")
    side = cells.get("side", lambda t: values.parse_choice(t, Side, "side"), None)
    temperature = cells.get(
        "temperature", lambda t: values.parse_choice(t, Temperature, "temperature"), None
    )
    at = cells.get("at", lambda t: values.parse_moment(t, order), now)
    if at > now:
        cells.problem("the time is in the future")
    cells.done()
    assert lead is not None
    person = people.get(row.get("person").lower()) if row.get("person") else None
    if row.get("person") and person is None:
        person = Person(name=" ".join(row.get("person").split()), created_at=now)
        session.add(person)
        session.flush()
        people[person.name.lower()] = person
        report.new_people.append(person.name)
    # A savepoint per row: with --skip-invalid, a refused row leaves no trace.
    with session.begin_nested():
        stage_touchpoint(
            session,
            lead,
            row.get("kind"),
            side=side,
            at=at,
            person_id=person.id if person else None,
            note=row.values.get("note", "").strip(),
            new_temperature=temperature,
        )
    report.created += 1
