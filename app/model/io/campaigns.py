"""Campaigns from and to CSV: name, channel, start, end, cost, notes.

The same reader, all-or-nothing rule and FILE:LINE reports as the other importers; a
campaign whose name is already in Hearth (ignoring case and extra spaces, as every importer
matches names) is updated (reported), not duplicated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.campaigns.service import CampaignFields
from app.model.errors import HearthError
from app.model.io import csv_values as values
from app.model.io.csv_reader import CsvRow, Problem
from app.model.io.csv_values import DecimalMark
from app.model.io.csv_writer import money_cell, write_csv
from app.model.io.import_report import (
    ImportReport,
    all_or_nothing,
    finish_import,
    settle,
    start_import,
)
from app.model.io.resolve import Names, garbled, name_key
from app.model.store.entities import Campaign

CAMPAIGN_COLUMNS = ("name", "channel", "start", "end", "cost", "notes")


def parse_row(row: CsvRow, order: str, decimal: DecimalMark | None = None) -> CampaignFields:
    wrong: list[str] = []
    dates = []
    for column in ("start", "end"):
        try:
            dates.append(values.parse_date(row.get(column), order) if row.get(column) else None)
        except ValueError as exc:
            wrong.append(f"{column}: {exc}")
            dates.append(None)
    cost = None
    try:
        cost = (decimal or DecimalMark()).money(row.get("cost")) if row.get("cost") else None
    except ValueError as exc:
        wrong.append(str(exc))
    if wrong:
        raise ValueError("; ".join(wrong))
    fields = CampaignFields(
        row.get("name"),
        row.get("channel") or "other",
        dates[0],
        dates[1],
        cost if cost is not None else Decimal(0),
        row.values.get("notes", "").strip(),
    )
    try:
        return fields.cleaned()
    except HearthError as exc:
        raise ValueError(str(exc)) from None


def import_campaigns(
    session: Session,
    path: Path,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    delimiter: str | None = None,
    date_order: str | None = None,
    decimal: str | None = None,
) -> ImportReport:
    order = date_order or values.locale_date_order()
    csv_file, report = start_import(
        path,
        known=CAMPAIGN_COLUMNS,
        required=("name",),
        delimiter=delimiter,
        dry_run=dry_run,
        numbers=("cost",),
        decimal=decimal,
    )
    problems: list[Problem] = []
    parsed: list[tuple[int, CampaignFields]] = []
    existing = {name_key(c.name): c for c in session.scalars(select(Campaign))}
    names = Names(session, report, datetime.now(UTC))
    first_line: dict[str, int] = {}
    for row in csv_file.rows():
        try:
            fields = parse_row(row, order, csv_file.decimal)
        except ValueError as exc:
            problems.append(Problem(row.line, str(exc)))
            continue
        key = name_key(fields.name)
        if key in first_line:
            problems.append(
                Problem(row.line, f"the campaign {fields.name!r} is also on line {first_line[key]}")
            )
            continue
        first_line[key] = row.line
        wrong = _garbling(existing.get(key), fields, names)
        if wrong:
            problems.append(Problem(row.line, wrong))
            continue
        parsed.append((row.line, fields))
    settle(report, problems, skip_invalid=skip_invalid, bad_lines=csv_file.bad_lines)
    with all_or_nothing(session):
        for line, fields in parsed:
            campaign = existing.get(name_key(fields.name))
            if campaign is None:
                session.add(Campaign(**dataclasses.asdict(fields), created_at=datetime.now(UTC)))
                report.created += 1
            else:
                for key, value in dataclasses.asdict(fields).items():
                    setattr(campaign, key, value)
                report.updated += 1
                report.notes.append(f"{path}:{line}: updated the campaign {fields.name}")
        session.flush()
    return finish_import(session, report)


def _garbling(campaign: Campaign | None, fields: CampaignFields, names: Names) -> str:
    """Why the row may not be imported: a new campaign named as a known one's mojibake, or an
    update that replaces a text by its mojibake (UTF-8 read as Windows-1252); else ""."""
    if campaign is None:
        return names.problem("campaign", fields.name)
    for column in ("name", "channel", "notes"):
        wrong = garbled(f"the {column}", getattr(campaign, column), getattr(fields, column))
        if wrong:
            return wrong
    return ""


def campaign_rows(session: Session) -> Iterator[list[str]]:
    for c in session.scalars(select(Campaign).order_by(Campaign.name)):
        yield [
            c.name,
            c.channel,
            c.start_date.isoformat() if c.start_date else "",
            c.end_date.isoformat() if c.end_date else "",
            money_cell(c.cost),
            c.notes,
        ]


def export_campaigns(session: Session, path: Path) -> int:
    return write_csv(path, CAMPAIGN_COLUMNS, campaign_rows(session))
