"""A lead's history from and to CSV: every change of temperature and of status, with when,
who and why — what the weekly review reads a past week from.

Columns: lead (its email, or its name if it has none; found by the one rule of
app.model.io.resolve), change (`temperature` or `status`), at, from, to, person, reason. A
temperature row with an empty `from` is the temperature the lead was created with, so its
time is the lead's creation.

The lead file says where each lead is now; its moves say how it got there, so they are
imported after the leads. An import merges: a change the lead already has at that moment
(the same change to the same value) takes the row's `from`, person and reason — so the
history rows the lead import writes for a lead's creation and closing become the real ones,
and importing a file twice adds nothing — and every other row is added. Each lead's
temperature, status and closing time then follow its history. The same reader,
all-or-nothing rule and `FILE:LINE:` reports as the other importers.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.enums import Status, Temperature
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
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.store.entities import Lead, Person, StatusChange, TemperatureChange
from app.model.weeks import moment_words

MOVE_COLUMNS = ("lead", "change", "at", "from", "to", "person", "reason")
_CHUNK = 500


class Change(StrEnum):
    TEMPERATURE = "temperature"
    STATUS = "status"


@dataclass(frozen=True)
class MoveRecord:
    """One valid row, parsed; `before` is None for a lead's creation temperature."""

    line: int
    lead: Lead
    change: Change
    at: datetime
    before: str | None
    to: str
    person: str
    reason: str

    @property
    def creation(self) -> bool:
        return self.change is Change.TEMPERATURE and self.before is None

    @property
    def key(self) -> tuple[int, str, datetime | None, str]:
        """What makes two rows the same change (a lead has one creation temperature)."""
        if self.creation:
            return (self.lead.id, "created", None, "")
        return (self.lead.id, self.change.value, self.at, self.to)


def _temperature(column: str) -> Callable[[str], str]:
    return lambda text: values.parse_choice(text, Temperature, column).value


def _status(column: str) -> Callable[[str], str]:
    return lambda text: values.parse_choice(text, Status, column).value


def parse_row(row: CsvRow, known: LeadFinder, order: str, now: datetime) -> MoveRecord:
    """The row as a MoveRecord, or ValueError naming every wrong cell."""
    cells = Cells(row)
    lead: Lead | None = cells.get(
        "lead", known.lead, None, missing="the lead is empty (write its email, or its name)"
    )
    change: Change | None = cells.get(
        "change",
        lambda t: values.parse_choice(t, Change, "change"),
        None,
        missing="the change is empty (temperature or status)",
    )
    at: datetime | None = cells.get(
        "at", lambda t: values.parse_moment(t, order), None, missing="the time is empty"
    )
    before: str | None = None
    to = ""
    if change is not None:
        parse = _temperature if change is Change.TEMPERATURE else _status
        before = cells.get("from", parse("from"), None)
        to = cells.get("to", parse("to"), "", missing=f"the {change.value} it changed to is empty")
    if at is not None and at > now:
        cells.problem("the time is in the future")
    elif at is not None and lead is not None:
        if at < lead.created_at:
            cells.problem(f"it is before {lead.name} was created ({moment_words(lead.created_at)})")
        elif change is Change.TEMPERATURE and before is None and at != lead.created_at:
            cells.problem(
                "an empty 'from' is the temperature the lead was created with, so the time "
                f"must be its creation, {moment_cell(lead.created_at)}"
            )
    cells.done()
    assert lead is not None and change is not None and at is not None
    return MoveRecord(
        row.line,
        lead,
        change,
        at,
        before,
        to,
        row.get("person"),
        row.values.get("reason", "").strip(),
    )


def import_moves(
    session: Session,
    path: Path,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    delimiter: str | None = None,
    date_order: str | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Import in one transaction; bad rows raise ImportRejectedError and nothing is written."""
    moment = now or datetime.now(UTC)
    order = date_order or values.locale_date_order()
    csv_file, report = start_import(
        path,
        known=MOVE_COLUMNS,
        required=("lead", "change", "at", "to"),
        delimiter=delimiter,
        dry_run=dry_run,
    )
    known = LeadFinder(session)
    names = Names(session, report, moment)
    records: list[MoveRecord] = []
    problems: list[Problem] = []
    first_line: dict[tuple[int, str, datetime | None, str], int] = {}
    for rows in batched(csv_file.rows(), _CHUNK):
        known.prefetch(row.get("lead") for row in rows)
        for row in rows:
            try:
                record = parse_row(row, known, order, moment)
                names.check("person", record.person)
            except ValueError as exc:
                problems.append(Problem(row.line, str(exc)))
                continue
            if record.key in first_line:
                problems.append(
                    Problem(row.line, f"the same change is also on line {first_line[record.key]}")
                )
                continue
            first_line[record.key] = row.line
            records.append(record)
    settle(report, problems, skip_invalid=skip_invalid, bad_lines=csv_file.bad_lines)
    with all_or_nothing(session):
        _write(session, records, report, names)
        session.flush()
    return finish_import(session, report)


class _History:
    """The stored history rows of the leads a file names, by what makes a row the same."""

    def __init__(self, session: Session, lead_ids: set[int]) -> None:
        self.created: dict[int, TemperatureChange] = {}
        self.temperatures: dict[tuple[int, datetime, str], TemperatureChange] = {}
        self.statuses: dict[tuple[int, datetime, str], StatusChange] = {}
        ids = sorted(lead_ids)
        for first in range(0, len(ids), _CHUNK):
            chunk = ids[first : first + _CHUNK]
            for t in session.scalars(
                select(TemperatureChange)
                .where(TemperatureChange.lead_id.in_(chunk))
                .order_by(TemperatureChange.id)
            ):
                if t.from_temperature is None:
                    self.created.setdefault(t.lead_id, t)
                else:
                    self.temperatures.setdefault((t.lead_id, t.at, t.to_temperature), t)
            for s in session.scalars(
                select(StatusChange)
                .where(StatusChange.lead_id.in_(chunk))
                .order_by(StatusChange.id)
            ):
                self.statuses.setdefault((s.lead_id, s.at, s.to_status), s)

    def row_for(self, record: MoveRecord) -> tuple[TemperatureChange | StatusChange, bool]:
        """The stored row the record is, or a new one (not yet in the session); is it new?"""
        lead_id = record.lead.id
        if record.creation:
            found: TemperatureChange | StatusChange | None = self.created.get(lead_id)
        elif record.change is Change.TEMPERATURE:
            found = self.temperatures.get((lead_id, record.at, record.to))
        else:
            found = self.statuses.get((lead_id, record.at, record.to))
        if found is not None:
            return found, False
        if record.change is Change.TEMPERATURE:
            made = TemperatureChange(lead_id=lead_id, at=record.at, to_temperature=record.to)
            if record.creation:
                self.created[lead_id] = made
            else:
                self.temperatures[lead_id, record.at, record.to] = made
            return made, True
        status = StatusChange(lead_id=lead_id, at=record.at, to_status=record.to)
        self.statuses[lead_id, record.at, record.to] = status
        return status, True


def _write(session: Session, records: list[MoveRecord], report: ImportReport, names: Names) -> None:
    history = _History(session, {r.lead.id for r in records})
    temperature_of: dict[int, Lead] = {}
    status_of: dict[int, Lead] = {}
    for record in records:
        person_id = names.person_id(record.person)
        row, new = history.row_for(record)
        if isinstance(row, TemperatureChange):
            row.from_temperature = record.before
            row.to_temperature = record.to
            temperature_of[record.lead.id] = record.lead
        else:
            row.from_status = record.before
            status_of[record.lead.id] = record.lead
        row.at = record.at
        row.person_id = person_id
        row.reason = record.reason
        if new:
            session.add(row)
            report.created += 1
        else:
            report.updated += 1
    session.flush()
    leads.refresh_temperatures(session, temperature_of.values())
    lead_status.refresh_statuses(session, status_of.values())


def move_rows(session: Session) -> Iterator[list[str]]:
    """Every change of temperature and status in time order (at one moment, the temperature
    first, as on a lead's timeline)."""
    people = {p.id: p.name for p in session.scalars(select(Person))}
    names = lead_keys(session)

    def rows(table: Any, before: Any, after: Any, change: Change, rank: int) -> Iterator[Any]:
        query = select(
            table.at, table.id, table.lead_id, before, after, table.person_id, table.reason
        ).order_by(table.at, table.id)
        for at, row_id, lead_id, old, new, person_id, reason in session.execute(
            query.execution_options(yield_per=5000)
        ):
            cells = [
                names[lead_id],
                change.value,
                moment_cell(at),
                old or "",
                new,
                people.get(person_id, "") if person_id else "",
                reason,
            ]
            yield (at, rank, row_id, cells)

    merged = heapq.merge(
        rows(
            TemperatureChange,
            TemperatureChange.from_temperature,
            TemperatureChange.to_temperature,
            Change.TEMPERATURE,
            0,
        ),
        rows(StatusChange, StatusChange.from_status, StatusChange.to_status, Change.STATUS, 1),
    )
    for *_order, cells in merged:
        yield cells


def export_moves(session: Session, path: Path) -> int:
    """Every lead's temperature and status history; the number of rows written."""
    return write_csv(path, MOVE_COLUMNS, move_rows(session))
