"""Importing and exporting time entries as CSV.

Columns: person, side, category, start, end (or minutes instead of end), note, lead (an
email, or a name), campaign. The same reader, all-or-nothing rule and `FILE:LINE:` reports as
the other importers. Overlaps — with entries already stored or between rows of the file — are
found in one sweep per person, not one query per row, so 100,000 rows import in seconds.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.model import csv_values as values
from app.model.base import table_of
from app.model.csv_reader import Cells, CsvRow, ImportRejectedError, Problem
from app.model.csv_writer import moment_cell, write_csv
from app.model.entities import Campaign, Category, Lead, Person, TimeEntry
from app.model.enums import Side
from app.model.import_report import ImportReport, finish_import, start_import
from app.model.time_entries import MAX_ENTRY

TIME_COLUMNS = ("person", "side", "category", "start", "end", "minutes", "note", "lead", "campaign")


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


def parse_row(row: CsvRow, order: str, now: datetime) -> TimeRecord:
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
        end = start + cells.get("minutes", _minutes, timedelta(0))
    else:
        cells.problem("give an end or minutes")
    if not cells.wrong:
        # Whole seconds, as an export writes them: a shorter entry would not import back.
        start, end = start.replace(microsecond=0), end.replace(microsecond=0)
        if end <= start:
            cells.problem("the entry does not end after it starts")
        elif end - start > MAX_ENTRY:
            cells.problem("the entry is longer than a week")
        elif end > now:
            cells.problem("the entry ends in the future")
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


def _minutes(text: str) -> timedelta:
    """Minutes as a duration in whole seconds, as every time in Hearth is written out (an
    export of a shorter entry would show it starting when it ends)."""
    try:
        minutes = float(text.replace(",", "."))
        seconds = round(minutes * 60)
    except (ValueError, OverflowError):
        raise ValueError(f"minutes {text!r} is not a number") from None
    if seconds < 1:
        raise ValueError(f"minutes {text!r} is less than a second")
    if seconds > MAX_ENTRY.total_seconds():
        raise ValueError(f"minutes {text!r} is longer than a week")
    return timedelta(seconds=seconds)


class _Names:
    """People, categories, campaigns and leads by name, made when new (leads never are)."""

    def __init__(self, session: Session, report: ImportReport, now: datetime) -> None:
        self.session, self.report, self.now = session, report, now
        self.people = {p.name.lower(): p.id for p in session.scalars(select(Person))}
        self.categories = {
            (c.side, c.name.lower()): c.id for c in session.scalars(select(Category))
        }
        self.campaigns = {c.name.lower(): c.id for c in session.scalars(select(Campaign))}
        self.leads: dict[str, int] | None = None

    def person(self, name: str) -> int:
        key = name.lower()
        if key not in self.people:
            person = Person(name=" ".join(name.split()), created_at=self.now)
            self.session.add(person)
            self.session.flush()
            self.people[key] = person.id
            self.report.new_people.append(person.name)
        return self.people[key]

    def only_person(self) -> int | None:
        return next(iter(self.people.values())) if len(self.people) == 1 else None

    def category(self, side: Side, name: str) -> int | None:
        if not name:
            return None
        key = (side.value, name.lower())
        if key not in self.categories:
            category = Category(side=side.value, name=" ".join(name.split()), position=99)
            self.session.add(category)
            self.session.flush()
            self.categories[key] = category.id
            self.report.notes.append(f"new {side.value} category: {category.name}")
        return self.categories[key]

    def campaign(self, name: str) -> int | None:
        if not name:
            return None
        key = name.lower()
        if key not in self.campaigns:
            campaign = Campaign(name=" ".join(name.split()), channel="other", created_at=self.now)
            self.session.add(campaign)
            self.session.flush()
            self.campaigns[key] = campaign.id
            self.report.new_campaigns.append(campaign.name)
        return self.campaigns[key]

    def lead(self, key: str) -> int | None:
        if not key:
            return None
        if self.leads is None:
            self.leads = {}
            for row in self.session.execute(select(Lead.id, Lead.email, Lead.name)):
                if row.email:
                    self.leads.setdefault(row.email.lower(), row.id)
                self.leads.setdefault(row.name.lower(), row.id)
        if key.lower() not in self.leads:
            raise ValueError(f"there is no lead with the email or name {key!r}")
        return self.leads[key.lower()]


def _overlaps(
    session: Session, rows: list[tuple[TimeRecord, int]], names: _Names
) -> dict[int, str]:
    """line → what the row overlaps, for rows clashing with stored entries or earlier rows."""
    found: dict[int, str] = {}
    by_person: dict[int, list[TimeRecord]] = defaultdict(list)
    for record, person_id in rows:
        by_person[person_id].append(record)
    for person_id, records in by_person.items():
        records.sort(key=lambda r: (r.start, r.line))
        first, last = records[0].start, max(r.end for r in records)
        spans = select(TimeEntry.start, TimeEntry.end).where(
            TimeEntry.person_id == person_id, TimeEntry.start < last
        )
        # Finished entries are at most a week long; the running timer (it spans up to now)
        # may have started long before.
        finished = session.execute(spans.where(TimeEntry.start >= first - MAX_ENTRY)).all()
        running_since = {s for s, _e in session.execute(spans.where(TimeEntry.end.is_(None)))}
        stored = sorted(
            {(s, e or names.now) for s, e in finished} | {(s, names.now) for s in running_since}
        )
        starts = [s for s, _e in stored]
        previous: TimeRecord | None = None
        for record in records:
            # Stored entries never overlap, so only the last one starting before this row
            # ends can reach into it.
            index = bisect.bisect_left(starts, record.end)
            if index:
                s, e = stored[index - 1]
                if e > record.start and s in running_since:
                    found[record.line] = (
                        f"it overlaps the timer running since {s.astimezone():%Y-%m-%d %H:%M}"
                    )
                elif e > record.start:
                    found[record.line] = (
                        f"it overlaps an entry already in Hearth "
                        f"({s.astimezone():%Y-%m-%d %H:%M}–"
                        f"{e.astimezone():%H:%M})"
                    )
            if previous is not None and previous.end > record.start and (record.line not in found):
                found[record.line] = f"it overlaps line {previous.line}"
            if previous is None or record.end > previous.end:
                previous = record
    return found


def import_time(
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
        path, known=TIME_COLUMNS, required=("side", "start"), delimiter=delimiter, dry_run=dry_run
    )
    records: list[TimeRecord] = []
    problems: list[Problem] = []
    for row in csv_file.rows:
        try:
            records.append(parse_row(row, order, moment))
        except ValueError as exc:
            problems.append(Problem(row.line, str(exc)))
    return write_records(session, records, problems, report, now=moment, skip_invalid=skip_invalid)


def write_records(
    session: Session,
    records: list[TimeRecord],
    problems: list[Problem],
    report: ImportReport,
    *,
    now: datetime,
    skip_invalid: bool,
) -> ImportReport:
    """The shared second half of every time import: names, overlaps, one batched insert."""
    try:
        rows, more = _prepare(session, records, now, report)
        problems = sorted(problems + more, key=lambda p: p.line)
        if problems and not skip_invalid:
            raise ImportRejectedError(report.path, problems)
        report.skipped = problems
        for start in range(0, len(rows), 20_000):
            session.execute(insert(table_of(TimeEntry)), rows[start : start + 20_000])
        report.created = len(rows)
        session.flush()
    except BaseException:
        session.rollback()
        raise
    return finish_import(session, report)


def _prepare(
    session: Session,
    records: list[TimeRecord],
    now: datetime,
    report: ImportReport,
) -> tuple[list[dict[str, Any]], list[Problem]]:
    names = _Names(session, report, now)
    problems: list[Problem] = []
    parsed: list[tuple[TimeRecord, int, dict[str, Any]]] = []
    for record in records:
        try:
            person_id = names.person(record.person) if record.person else names.only_person()
            if person_id is None:
                raise ValueError("the person is empty (and more than one person uses Hearth)")
            entry = {
                "person_id": person_id,
                "side": record.side.value,
                "category_id": names.category(record.side, record.category),
                "start": record.start,
                "end": record.end,
                "note": record.note,
                "lead_id": names.lead(record.lead),
                "campaign_id": names.campaign(record.campaign),
            }
        except ValueError as exc:
            problems.append(Problem(record.line, str(exc)))
            continue
        parsed.append((record, person_id, entry))
    clashes = _overlaps(session, [(r, p) for r, p, _e in parsed], names) if parsed else {}
    for line, message in sorted(clashes.items()):
        problems.append(Problem(line, message))
    return [e for r, _p, e in parsed if r.line not in clashes], problems


def time_rows(session: Session) -> Iterator[list[str]]:
    people = {p.id: p.name for p in session.scalars(select(Person))}
    categories = {c.id: c.name for c in session.scalars(select(Category))}
    campaigns = {c.id: c.name for c in session.scalars(select(Campaign))}
    leads = {
        r.id: (r.email or r.name) for r in session.execute(select(Lead.id, Lead.email, Lead.name))
    }
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
