"""Importing and exporting time entries as CSV.

Columns: person, side, category, start, end (or minutes instead of end), note, lead (found
by the one rule of app.model.io.resolve: its email, else its name when no other lead has
it), campaign. The same reader, all-or-nothing rule and `FILE:LINE:` reports as the other
importers. Overlaps — with entries already stored or between rows of the file — are
found in one sweep per person, not one query per row, so 100,000 rows import in seconds.

Rows are read one at a time and written in batches as they come, in one transaction; what the
overlap sweep needs of each row (its line, person, start, end and new id) is kept in compact
arrays, so a million entries take tens of megabytes, and rows found to overlap are taken out
again (with `skip_invalid`) or the whole import is rolled back.
"""

from __future__ import annotations

import bisect
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.model.enums import Side
from app.model.io import csv_values as values
from app.model.io.csv_reader import Cells, CsvFile, CsvRow, Problem
from app.model.io.csv_values import DecimalMark
from app.model.io.csv_writer import moment_cell, write_csv
from app.model.io.import_report import (
    ImportReport,
    all_or_nothing,
    finish_import,
    settle,
    start_import,
)
from app.model.io.resolve import LeadFinder, Names, lead_keys
from app.model.store.base import insert_rows, table_of
from app.model.store.entities import Campaign, Category, Person, TimeEntry
from app.model.time.entries import MAX_ENTRY

TIME_COLUMNS = ("person", "side", "category", "start", "end", "minutes", "note", "lead", "campaign")
BATCH = 20_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class TimeRecord:
    line: int
    person: str
    side: Side
    category: str
    start: datetime
    end: datetime
    note: str
    lead: str
    campaign: str


def parse_row(
    row: CsvRow, order: str, now: datetime, decimal: DecimalMark | None = None
) -> TimeRecord:
    cells = Cells(row)
    side = cells.get(
        "side",
        lambda t: values.parse_choice(t, Side, "side"),
        Side.SALES,
        missing="the side is empty (marketing or sales)",
    )
    start = cells.get(
        "start", lambda t: values.parse_moment(t, order), now, missing="the start is empty"
    )
    end = now
    if row.get("end"):
        end = cells.get("end", lambda t: values.parse_moment(t, order), now)
    elif row.get("minutes"):
        end = start + cells.get(
            "minutes", lambda t: _minutes(t, decimal or DecimalMark()), timedelta(0)
        )
    else:
        cells.problem("give an end or minutes")
    if not cells.wrong:
        # Kept as written, to the fraction of a second an export writes (a timer's times
        # have one), so an export imports back exactly, a sub-second entry too.
        wrong = span_problem(start, end, now)
        if wrong:
            cells.problem(wrong)
    cells.done()
    return TimeRecord(
        row.line,
        row.get("person"),
        side,
        row.get("category"),
        start,
        end,
        row.values.get("note", "").strip(),
        row.get("lead"),
        row.get("campaign"),
    )


def span_problem(start: datetime, end: datetime, now: datetime) -> str:
    """Why an entry from start to end cannot be imported, or ""."""
    if end <= start:
        return "the entry does not end after it starts"
    if end - start > MAX_ENTRY:
        return "the entry is longer than a week"
    if end > now:
        return "the entry ends in the future"
    return ""


def _minutes(text: str, decimal: DecimalMark) -> timedelta:
    """Minutes with the file's decimal mark, as a duration to the microsecond (what Hearth
    keeps, and what an export writes); at most a week of them (so any number given is a
    sentence, never an overflow)."""
    try:
        minutes = decimal.number(text)
    except ValueError as exc:
        raise ValueError(f"minutes {exc}") from None
    if minutes > MAX_ENTRY / timedelta(minutes=1):
        raise ValueError("the entry is longer than a week")
    microseconds = round(minutes * 60_000_000)
    if microseconds < 1:
        raise ValueError(f"minutes {text!r} is shorter than Hearth keeps (a microsecond)")
    return timedelta(microseconds=microseconds)


class _Spans:
    """What the overlap sweep needs of every row written — line, person, start and end (in
    microseconds since 1970) and the new entry's id (0 when not written) — in flat arrays."""

    def __init__(self) -> None:
        self.line, self.person = array("q"), array("q")
        self.start, self.end, self.id = array("q"), array("q"), array("q")

    def add(self, record: TimeRecord, person_id: int) -> None:
        self.line.append(record.line)
        self.person.append(person_id)
        self.start.append((record.start - _EPOCH) // _MICROSECOND)
        self.end.append((record.end - _EPOCH) // _MICROSECOND)

    def written(self, ids: list[int], count: int) -> None:
        """The ids of the next `count` rows, in order (none when they were not written)."""
        self.id.extend(ids or [0] * count)

    def overlaps(self, session: Session, before: int) -> dict[int, tuple[str, int]]:
        """line → (what the row overlaps, its entry's id), for rows clashing with entries
        stored before the import (id ≤ `before`) or with earlier rows."""
        found: dict[int, tuple[str, int]] = {}
        by_person: dict[int, array[int]] = defaultdict(lambda: array("q"))
        for index, person_id in enumerate(self.person):
            by_person[person_id].append(index)
        for person_id, indexes in by_person.items():
            # Stable: rows that start together stay in the file's order.
            order = sorted(indexes, key=self.start.__getitem__)
            first = _EPOCH + self.start[order[0]] * _MICROSECOND
            last = _EPOCH + max(self.end[i] for i in indexes) * _MICROSECOND
            spans = select(TimeEntry.start, TimeEntry.end).where(
                TimeEntry.person_id == person_id, TimeEntry.id <= before, TimeEntry.start < last
            )
            # Finished entries are at most a week long; the running timer (it spans up to
            # now) may have started long before.
            finished = session.execute(spans.where(TimeEntry.start >= first - MAX_ENTRY)).all()
            running_since = {s for s, _e in session.execute(spans.where(TimeEntry.end.is_(None)))}
            now = datetime.now(UTC)
            stored = sorted(
                {(s, e or now) for s, e in finished} | {(s, now) for s in running_since}
            )
            starts = [(s - _EPOCH) // _MICROSECOND for s, _e in stored]
            previous = -1
            for i in order:
                line, start, end = self.line[i], self.start[i], self.end[i]
                # Stored entries never overlap, so only the last one starting before this
                # row ends can reach into it.
                at = bisect.bisect_left(starts, end)
                reaches = at and (stored[at - 1][1] - _EPOCH) // _MICROSECOND > start
                if reaches and stored[at - 1][0] in running_since:
                    found[line] = (
                        "it overlaps the timer running since "
                        f"{stored[at - 1][0].astimezone():%Y-%m-%d %H:%M}",
                        self.id[i],
                    )
                elif reaches:
                    s, e = stored[at - 1]
                    found[line] = (
                        f"it overlaps an entry already in Hearth "
                        f"({s.astimezone():%Y-%m-%d %H:%M}–{e.astimezone():%H:%M})",
                        self.id[i],
                    )
                elif previous >= 0 and self.end[previous] > start:
                    found[line] = (f"it overlaps line {self.line[previous]}", self.id[i])
                if previous < 0 or end > self.end[previous]:
                    previous = i
        return found


def import_time(
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
    moment = now or datetime.now(UTC)
    order = date_order or values.locale_date_order()
    csv_file, report = start_import(
        path,
        known=TIME_COLUMNS,
        required=("side", "start"),
        delimiter=delimiter,
        dry_run=dry_run,
        numbers=("minutes",),
        decimal=decimal,
    )
    problems: list[Problem] = []
    return write_records(
        session,
        _records(csv_file, order, moment, problems),
        problems,
        report,
        now=moment,
        skip_invalid=skip_invalid,
        bad_lines=csv_file.bad_lines,
    )


def _records(
    csv_file: CsvFile, order: str, now: datetime, problems: list[Problem]
) -> Iterator[TimeRecord]:
    for row in csv_file.rows():
        try:
            yield parse_row(row, order, now, csv_file.decimal)
        except ValueError as exc:
            problems.append(Problem(row.line, str(exc)))


def write_records(
    session: Session,
    records: Iterable[TimeRecord],
    problems: list[Problem],
    report: ImportReport,
    *,
    now: datetime,
    skip_invalid: bool,
    bad_lines: list[Problem] | None = None,
) -> ImportReport:
    """The shared second half of every time import: names, batched inserts as the records
    come (`records` may add to `problems` and `bad_lines` while it is read), then the
    overlap sweep; one transaction."""
    bad_lines = bad_lines if bad_lines is not None else []
    with all_or_nothing(session):
        names = Names(session, report, now)
        leads = LeadFinder(session)  # its index is read at the first row that names a lead
        before = session.scalar(select(func.max(TimeEntry.id))) or 0
        spans = _Spans()
        batch: list[dict[str, Any]] = []
        for record in records:
            try:
                entry = _entry(record, names, leads)
            except ValueError as exc:
                problems.append(Problem(record.line, str(exc)))
                continue
            spans.add(record, entry["person_id"])
            batch.append(entry)
            if len(batch) == BATCH:
                _write(session, batch, spans, not bad_lines and (skip_invalid or not problems))
                batch = []
        _write(session, batch, spans, not bad_lines and (skip_invalid or not problems))
        clashes = spans.overlaps(session, before)
        problems.extend(Problem(line, message) for line, (message, _id) in clashes.items())
        settle(report, problems, skip_invalid=skip_invalid, bad_lines=bad_lines)
        taken_out = [entry_id for _message, entry_id in clashes.values()]
        for start in range(0, len(taken_out), 500):
            session.execute(
                delete(TimeEntry).where(TimeEntry.id.in_(taken_out[start : start + 500]))
            )
        report.created = len(spans.id) - len(taken_out)
        session.flush()
    return finish_import(session, report)


def _write(session: Session, batch: list[dict[str, Any]], spans: _Spans, writing: bool) -> None:
    """Insert the batch when the import may still succeed; note the ids either way."""
    spans.written(insert_rows(session, table_of(TimeEntry), batch) if writing else [], len(batch))


def _entry(record: TimeRecord, names: Names, leads: LeadFinder) -> dict[str, Any]:
    """The row to insert for a record, its names resolved (ValueError: a lead not found)."""
    person_id = names.person_id(record.person) if record.person else names.only_person_id()
    if person_id is None:
        raise ValueError("the person is empty (and more than one person uses Hearth)")
    return {
        "person_id": person_id,
        "side": record.side.value,
        "category_id": names.category_id(record.side, record.category),
        "start": record.start,
        "end": record.end,
        "note": record.note,
        "lead_id": leads.find(record.lead) if record.lead else None,
        "campaign_id": names.campaign_id(record.campaign),
    }


def time_rows(session: Session) -> Iterator[list[str]]:
    people = {p.id: p.name for p in session.scalars(select(Person))}
    categories = {c.id: c.name for c in session.scalars(select(Category))}
    campaigns = {c.id: c.name for c in session.scalars(select(Campaign))}
    leads = lead_keys(session)
    query = (
        select(TimeEntry).where(TimeEntry.end.is_not(None)).order_by(TimeEntry.start, TimeEntry.id)
    )
    for entry in session.scalars(query.execution_options(yield_per=5000)):
        assert entry.end is not None
        yield [
            people[entry.person_id],
            entry.side,
            categories.get(entry.category_id, "") if entry.category_id else "",
            moment_cell(entry.start),
            moment_cell(entry.end),
            "",
            entry.note,
            leads.get(entry.lead_id, "") if entry.lead_id else "",
            campaigns.get(entry.campaign_id, "") if entry.campaign_id else "",
        ]


def export_time(session: Session, path: Path) -> int:
    """Every finished entry (a running timer is not time spent yet)."""
    return write_csv(path, TIME_COLUMNS, time_rows(session))
