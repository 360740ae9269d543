"""Touchpoints from and to CSV: each row a contact with a lead, found by the one rule of
app.model.io.resolve (its email, else its name when no other lead has it).

Same reader, same all-or-nothing rule and `FILE:LINE:` reporting as the lead importer. A row
with a `temperature` records the lead's temperature after that contact, at its time. Rows
are read in batches, and the leads a batch names are loaded together.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.enums import Side, Temperature
from app.model.errors import ValidationError
from app.model.io import csv_values as values
from app.model.io.csv_reader import Cells, CsvRow, Problem
from app.model.io.csv_writer import moment_cell, write_csv
from app.model.io.import_report import (
    ImportReport,
    all_or_nothing,
    batched,
    finish_import,
    settle,
    start_import,
)
from app.model.io.resolve import LeadFinder, Names, lead_keys
from app.model.leads.touchpoints import stage_touchpoint
from app.model.store.entities import Person, Touchpoint

TOUCHPOINT_COLUMNS = ("lead", "kind", "side", "at", "person", "note", "temperature")
BATCH = 500


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
    known = LeadFinder(session)
    names = Names(session, report, moment)
    problems: list[Problem] = []
    with all_or_nothing(session):
        for rows in batched(csv_file.rows(), BATCH):
            known.prefetch(row.get("lead") for row in rows)
            for row in rows:
                try:
                    _one(session, row, known, names, order, moment, report)
                except (ValueError, ValidationError) as exc:
                    problems.append(Problem(row.line, str(exc)))
        settle(report, problems, skip_invalid=skip_invalid, bad_lines=csv_file.bad_lines)
        session.flush()
    return finish_import(session, report)


def _one(
    session: Session,
    row: CsvRow,
    known: LeadFinder,
    names: Names,
    order: str,
    now: datetime,
    report: ImportReport,
) -> None:
    cells = Cells(row)
    lead = cells.get("lead", known.lead, None, missing="there is no lead with the email or name ''")
    side = cells.get("side", lambda t: values.parse_choice(t, Side, "side"), None)
    temperature = cells.get(
        "temperature", lambda t: values.parse_choice(t, Temperature, "temperature"), None
    )
    at = cells.get("at", lambda t: values.parse_moment(t, order), now)
    if at > now:
        cells.problem("the time is in the future")
    cells.done()
    assert lead is not None
    person_id = names.person_id(row.get("person"))
    # A savepoint per row: with --skip-invalid, a refused row leaves no trace.
    with session.begin_nested():
        stage_touchpoint(
            session,
            lead,
            row.get("kind"),
            side=side,
            at=at,
            person_id=person_id,
            note=row.values.get("note", "").strip(),
            new_temperature=temperature,
        )
    report.created += 1


def touchpoint_rows(session: Session) -> Iterator[list[str]]:
    """Every touchpoint in time order, its lead written as `lead_keys` says."""
    people = {p.id: p.name for p in session.scalars(select(Person))}
    leads = lead_keys(session)
    query = select(Touchpoint).order_by(Touchpoint.at, Touchpoint.id)
    for t in session.scalars(query.execution_options(yield_per=5000)):
        yield [
            leads[t.lead_id],
            t.kind,
            t.side,
            moment_cell(t.at),
            people.get(t.person_id, "") if t.person_id else "",
            t.note,
            t.new_temperature or "",
        ]


def export_touchpoints(session: Session, path: Path) -> int:
    """Every touchpoint in the columns `import_touchpoints` reads; the rows written."""
    return write_csv(path, TOUCHPOINT_COLUMNS, touchpoint_rows(session))
