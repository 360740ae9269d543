"""Deals from and to CSV: every sale, the first one and the repeat business after it.

Columns: lead (its email, or its name if it has none; found by the one rule of
app.model.io.resolve), at, value, person, note. The lead file carries a won lead's first
deal only, as its value; the deals file carries them all, so it is imported after the leads
and their moves. A deal the lead already has at that moment (the
one the lead import wrote for a won lead) takes the row's value, person and note; every
other row is added. A deal needs its lead to have been won at or before it. The same reader,
all-or-nothing rule and `FILE:LINE:` reports as the other importers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model.enums import Status
from app.model.io import csv_values as values
from app.model.io.csv_reader import Cells, CsvRow, Problem
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
from app.model.io.resolve import LeadFinder, Names, lead_keys
from app.model.store.entities import Deal, Lead, Person, StatusChange
from app.model.weeks import moment_words

DEAL_COLUMNS = ("lead", "at", "value", "person", "note")
_CHUNK = 500


@dataclass(frozen=True)
class DealRecord:
    line: int
    lead: Lead
    at: datetime
    value: Decimal
    person: str
    note: str


def parse_row(
    row: CsvRow,
    known: LeadFinder,
    order: str,
    now: datetime,
    decimal: DecimalMark | None = None,
) -> DealRecord:
    """The row as a DealRecord, or ValueError naming every wrong cell."""
    cells = Cells(row)
    lead: Lead | None = cells.get(
        "lead", known.lead, None, missing="the lead is empty (write its email, or its name)"
    )
    at: datetime | None = cells.get(
        "at", lambda t: values.parse_moment(t, order), None, missing="the time is empty"
    )
    value = cells.get("value", (decimal or DecimalMark()).money, None, missing="the value is empty")
    if value is not None and value < 0:  # (too large an amount: the money reader says so)
        cells.problem("the value cannot be negative")
    if at is not None and at > now:
        cells.problem("the time is in the future")
    cells.done()
    assert lead is not None and at is not None and value is not None
    return DealRecord(
        row.line, lead, at, value, row.get("person"), row.values.get("note", "").strip()
    )


def _first_wins(session: Session, lead_ids: set[int]) -> dict[int, datetime]:
    """When each of the leads was first won."""
    ids = sorted(lead_ids)
    found: dict[int, datetime] = {}
    for first in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(StatusChange.lead_id, func.min(StatusChange.at))
            .where(
                StatusChange.lead_id.in_(ids[first : first + _CHUNK]),
                StatusChange.to_status == Status.WON.value,
            )
            .group_by(StatusChange.lead_id)
        )
        found.update({lead_id: at for lead_id, at in rows})
    return found


def _parse_all(
    session: Session,
    rows: Iterable[CsvRow],
    order: str,
    now: datetime,
    decimal: DecimalMark,
    names: Names,
) -> tuple[list[DealRecord], list[Problem]]:
    known = LeadFinder(session)
    records: list[DealRecord] = []
    problems: list[Problem] = []
    first_line: dict[tuple[int, datetime], int] = {}
    for batch in batched(rows, _CHUNK):
        known.prefetch(row.get("lead") for row in batch)
        for row in batch:
            try:
                record = parse_row(row, known, order, now, decimal)
                names.check("person", record.person)
            except ValueError as exc:
                problems.append(Problem(row.line, str(exc)))
                continue
            key = (record.lead.id, record.at)
            if key in first_line:
                problems.append(
                    Problem(
                        row.line,
                        f"{record.lead.name} has a deal at that time on line {first_line[key]}",
                    )
                )
                continue
            first_line[key] = row.line
            records.append(record)
    won = _first_wins(session, {r.lead.id for r in records})
    valid = []
    for record in records:
        if record.lead.id in won and won[record.lead.id] <= record.at:
            valid.append(record)
        else:
            problems.append(
                Problem(
                    record.line,
                    f"{record.lead.name} was not won by {moment_words(record.at)}; import "
                    "the leads' moves first (or mark the lead won)",
                )
            )
    return valid, sorted(problems, key=lambda p: p.line)


def import_deals(
    session: Session,
    path: Path,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    delimiter: str | None = None,
    date_order: str | None = None,
    decimal: str | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Import in one transaction; bad rows raise ImportRejectedError and nothing is written."""
    moment = now or datetime.now(UTC)
    order = date_order or values.locale_date_order()
    csv_file, report = start_import(
        path,
        known=DEAL_COLUMNS,
        required=("lead", "at", "value"),
        delimiter=delimiter,
        dry_run=dry_run,
        numbers=("value",),
        decimal=decimal,
    )
    names = Names(session, report, moment)
    records, problems = _parse_all(session, csv_file.rows(), order, moment, csv_file.decimal, names)
    settle(report, problems, skip_invalid=skip_invalid, bad_lines=csv_file.bad_lines)
    with all_or_nothing(session):
        _write(session, records, report, names)
        session.flush()
    return finish_import(session, report)


def _write(session: Session, records: list[DealRecord], report: ImportReport, names: Names) -> None:
    ids = sorted({r.lead.id for r in records})
    stored: dict[tuple[int, datetime], Deal] = {}
    for first in range(0, len(ids), _CHUNK):
        for row in session.scalars(
            select(Deal).where(Deal.lead_id.in_(ids[first : first + _CHUNK])).order_by(Deal.id)
        ):
            stored.setdefault((row.lead_id, row.won_at), row)
    for record in records:
        person_id = names.person_id(record.person)
        deal = stored.get((record.lead.id, record.at))
        if deal is not None:
            report.updated += 1
        else:
            deal = stored[record.lead.id, record.at] = Deal(
                lead_id=record.lead.id, won_at=record.at
            )
            report.created += 1
        deal.value = record.value
        deal.person_id = person_id
        deal.note = record.note
        session.add(deal)


def deal_rows(session: Session) -> Iterator[list[str]]:
    people = {p.id: p.name for p in session.scalars(select(Person))}
    names = lead_keys(session)
    query = select(Deal).order_by(Deal.won_at, Deal.id)
    for deal in session.scalars(query.execution_options(yield_per=5000)):
        yield [
            names[deal.lead_id],
            moment_cell(deal.won_at),
            money_cell(deal.value),
            people.get(deal.person_id, "") if deal.person_id else "",
            deal.note,
        ]


def export_deals(session: Session, path: Path) -> int:
    """Every deal, first and repeat, in time order; the number of rows written."""
    return write_csv(path, DEAL_COLUMNS, deal_rows(session))
