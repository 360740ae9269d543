"""Time from the tools people come from: Toggl Track and Clockify CSV exports, Watson frames.

Their projects and tags become a side and a category through a small mapping:

    # project or tag = side, category
    Blog = marketing, content
    Client calls = sales, follow-ups
    * = sales

Without a mapping, a project or tag named like a category (or "marketing" / "sales") maps to
it. An entry nothing maps is a reported problem, never a guess. The first match wins: the
project, then each tag, then `*`. `mapping_summary` lets the user confirm before importing.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.enums import Side
from app.model.errors import HearthError
from app.model.io import csv_values as values
from app.model.io.csv_reader import (
    CsvFile,
    CsvRow,
    ImportRejectedError,
    Problem,
    decode,
    read_csv,
    read_whole,
)
from app.model.io.import_report import ImportReport
from app.model.io.text_encoding import control_problem
from app.model.io.time import TimeRecord, span_problem, write_records
from app.model.store.entities import Category

TOGGL_COLUMNS = (
    "user",
    "email",
    "client",
    "project",
    "task",
    "description",
    "tags",
    "start date",
    "start time",
    "end date",
    "end time",
    "duration",
)
CLOCKIFY_COLUMNS = (
    "project",
    "client",
    "description",
    "task",
    "user",
    "email",
    "tags",
    "start date",
    "start time",
    "end date",
    "end time",
    "duration (h)",
)


@dataclass
class Mapping:
    rules: dict[str, tuple[Side, str]] = field(default_factory=dict)

    def side_of(self, project: str, tags: list[str]) -> tuple[Side, str] | None:
        for key in (project, *tags, "*"):
            found = self.rules.get(key.strip().lower())
            if found is not None:
                return found
        return None


def read_mapping(path: Path | None, session: Session) -> Mapping:
    """The user's mapping file on top of the automatic one (categories and side names)."""
    mapping = Mapping()
    for row in session.scalars(select(Category)):
        mapping.rules.setdefault(row.name.lower(), (Side(row.side), row.name))
    for side in Side:
        mapping.rules[side.value] = (side, "")
    if path is None:
        return mapping
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise HearthError(
            f"Hearth cannot read the mapping file {path}: {exc.strerror or exc}."
        ) from None
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        key, sep, target = line.partition("=")
        side_text, _comma, category = target.partition(",")
        try:
            side = values.parse_choice(side_text.strip(), Side, "side")
        except ValueError as exc:
            problems.append(
                Problem(number, str(exc) if sep else "write it as: project or tag = side, category")
            )
            continue
        mapping.rules[key.strip().lower()] = (side, category.strip())
    if problems:
        raise ImportRejectedError(path, problems)
    return mapping


@dataclass(frozen=True)
class Frame:
    """One tracked span in another tool's terms."""

    line: int
    person: str
    project: str
    tags: list[str]
    note: str
    start: datetime
    end: datetime


def toggl_or_clockify_frames(path: Path, order: str) -> tuple[list[Frame], list[Problem], CsvFile]:
    """Frames from a Toggl Track or Clockify detailed CSV export (they share the idea); the
    file as read (its encoding, delimiter and the lines that were no row: `bad_lines`)."""
    csv_file = read_csv(
        path,
        known=tuple(set(TOGGL_COLUMNS + CLOCKIFY_COLUMNS)),
        required=("project", "start date", "start time"),
    )
    if csv_file.problems:
        raise ImportRejectedError(path, csv_file.problems)
    frames, problems = [], []
    for row in csv_file.rows():
        try:
            frames.append(_csv_frame(row, order))
        except ValueError as exc:
            problems.append(Problem(row.line, str(exc)))
        except OverflowError:
            problems.append(Problem(row.line, "the entry is longer than a week"))
    return frames, problems, csv_file


_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_DURATION = re.compile(r"(\d{1,6}):(\d{2})(?::(\d{2}))?")


def _clock(day: str, clock: str, order: str) -> datetime:
    """A day and a time of day as the other tool writes them ("14:30:00", or "02:30:00 PM"
    on Clockify's 12-hour clock), to the second."""
    text = clock.strip().upper()
    twelve = text.endswith(("AM", "PM"))
    found = _CLOCK.fullmatch(text[:-2].strip() if twelve else text)
    hour = int(found[1]) if found else -1
    if not found or not (1 <= hour <= 12 if twelve else hour <= 23) or int(found[2]) > 59:
        raise ValueError(f"{clock.strip()!r} is not a time of day (write 14:30:00, or 02:30:00 PM)")
    if twelve:
        hour = hour % 12 + (12 if text.endswith("PM") else 0)
    second = found[3] or "00"
    return values.parse_moment(f"{day.strip()} {hour:02d}:{found[2]}:{second}", order)


def _duration(text: str) -> timedelta:
    """Toggl's and Clockify's hours:minutes:seconds ("01:30:00")."""
    found = _DURATION.fullmatch(text.strip())
    if not found or int(found[2]) > 59 or int(found[3] or 0) > 59:
        raise ValueError(
            f"the duration {text.strip()!r} is not hours:minutes:seconds (like 1:30:00)"
        )
    return timedelta(hours=int(found[1]), minutes=int(found[2]), seconds=int(found[3] or 0))


def _csv_frame(row: CsvRow, order: str) -> Frame:
    start = _clock(row.get("start date"), row.get("start time"), order)
    if row.get("end date") and row.get("end time"):
        end = _clock(row.get("end date"), row.get("end time"), order)
    elif row.get("duration") or row.get("duration (h)"):
        end = start + _duration(row.get("duration") or row.get("duration (h)"))
    else:
        raise ValueError("the row has neither an end nor a duration")
    tags = [t.strip() for t in row.get("tags").replace(";", ",").split(",") if t.strip()]
    return Frame(
        row.line, row.get("user"), row.get("project"), tags, row.get("description"), start, end
    )


def watson_frames(path: Path) -> tuple[list[Frame], list[Problem], str]:
    """Watson's `frames` file: [[start, stop, project, id, tags, updated], …] (Unix times)."""
    text, encoding = decode(read_whole(path, "Watson frames"), path)
    try:
        data = _json_list(text)
    except json.JSONDecodeError as exc:
        raise ImportRejectedError(path, [Problem(exc.lineno, f"not JSON: {exc.msg}")]) from None
    except RecursionError:
        raise ImportRejectedError(
            path, [Problem(1, "not a Watson frames file: its lists are nested far too deep")]
        ) from None
    if data is None:
        raise ImportRejectedError(path, [Problem(1, "a Watson frames file is a JSON list")])
    frames, problems = [], []
    for number, (line, frame) in enumerate(data, start=1):
        try:
            start, stop, project = frame[0], frame[1], str(frame[2])
            tags = [str(t) for t in (frame[4] if len(frame) > 4 else [])]
        except (TypeError, ValueError, IndexError, KeyError):
            problems.append(
                Problem(line, f"frame {number} is not [start, stop, project, id, tags, …]")
            )
            continue
        wrong = control_problem(project, "the project") or next(
            (w for t in tags if (w := control_problem(t, "a tag"))), ""
        )
        try:
            if wrong:
                raise ValueError(wrong)
            frames.append(Frame(line, "", project, tags, "", _unix_time(start), _unix_time(stop)))
        except ValueError as exc:
            problems.append(Problem(line, f"frame {number}: {exc}"))
    return frames, problems, encoding


_BLANK = re.compile(r"[ \t\n\r]*")


def _skip_blanks(text: str, at: int) -> int:
    found = _BLANK.match(text, at)
    assert found is not None  # (it matches nothing at worst)
    return found.end()


def _json_list(text: str) -> list[tuple[int, Any]] | None:
    """The items of the JSON list `text` is, each with the line it begins on (Watson writes
    a frame over several lines); None when `text` is JSON but no list. A JSONDecodeError
    names the line of the first fault."""
    decoder = json.JSONDecoder(parse_int=_whole_number)
    at = _skip_blanks(text, 0)
    if not text.startswith("[", at):
        decoder.decode(text)  # the JSONDecodeError of a file that is no JSON
        return None
    items: list[tuple[int, Any]] = []
    line, counted = 1, 0
    at = _skip_blanks(text, at + 1)
    if text.startswith("]", at):
        at += 1
    else:
        while True:
            line += text.count("\n", counted, at)
            counted = at
            item, at = decoder.raw_decode(text, at)
            items.append((line, item))
            at = _skip_blanks(text, at)
            if text.startswith("]", at):
                at += 1
                break
            if not text.startswith(",", at):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
            at = _skip_blanks(text, at + 1)
    at = _skip_blanks(text, at)
    if at != len(text):
        raise json.JSONDecodeError("Extra data", text, at)
    return items


@dataclass(frozen=True)
class _LongNumber:
    """A whole number written with more digits than any time has (Python would refuse to
    read one of over 4,300 digits with its own message)."""

    digits: int


def _whole_number(text: str) -> int | _LongNumber:
    digits = len(text.lstrip("-"))
    return int(text) if digits <= 30 else _LongNumber(digits)


_LAST_UNIX_TIME = datetime(9999, 12, 31, tzinfo=UTC).timestamp()


def _unix_time(value: object) -> datetime:
    """Watson's seconds since 1970 as a moment; anything else (a string, nan, a number of
    seconds past the year 9999) is a ValueError, never an overflow."""
    if isinstance(value, _LongNumber):
        raise ValueError(f"a number of {value.digits} digits is not a time (seconds since 1970)")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{value!r} is not a time (seconds since 1970)")
    if not (math.isfinite(value) and 0 <= value < _LAST_UNIX_TIME):
        raise ValueError(f"{value!r} is not a time between 1970 and 9999 (seconds since 1970)")
    return datetime.fromtimestamp(value, UTC)


def mapping_summary(frames: list[Frame], mapping: Mapping) -> list[str]:
    """'Blog → marketing, content: 12 entries' for each project, for the user to confirm."""
    counts: Counter[tuple[str, str]] = Counter()
    for frame in frames:
        target = mapping.side_of(frame.project, frame.tags)
        label = (
            f"{target[0].value}{', ' + target[1] if target and target[1] else ''}"
            if (target)
            else "NOT MAPPED"
        )
        counts[(frame.project or "(no project)", label)] += 1
    return [
        f"{project} → {label}: {n} entr{'y' if n == 1 else 'ies'}"
        for (project, label), n in sorted(counts.items())
    ]


def import_frames(
    session: Session,
    path: Path,
    tool: str,
    *,
    map_file: Path | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    date_order: str | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Import a Toggl/Clockify CSV ('toggl', 'clockify') or a Watson frames file ('watson')."""
    moment = now or datetime.now(UTC)
    order = date_order or values.locale_date_order()
    bad_lines: list[Problem] = []
    if tool == "watson":
        frames, problems, encoding = watson_frames(path)
        report = ImportReport(path, encoding, "Watson frames", dry_run=dry_run)
    else:
        frames, problems, csv_file = toggl_or_clockify_frames(path, order)
        bad_lines = csv_file.bad_lines
        report = ImportReport(path, csv_file.encoding, csv_file.delimiter_name, dry_run=dry_run)
    mapping = read_mapping(map_file, session)
    report.notes.extend(mapping_summary(frames, mapping))
    # One user in the file is the one person using Hearth, whatever the other tool called them.
    single_user = len({f.person for f in frames}) <= 1
    records = []
    for frame in frames:
        target = mapping.side_of(frame.project, frame.tags)
        if target is None:
            problems.append(
                Problem(
                    frame.line,
                    f"no side for project {frame.project!r}; add it to the mapping file (--map)",
                )
            )
            continue
        wrong = span_problem(frame.start, frame.end, moment)
        if wrong:
            problems.append(Problem(frame.line, wrong))
            continue
        note = " · ".join(p for p in (frame.project, frame.note) if p)
        person = "" if single_user else frame.person
        records.append(
            TimeRecord(
                frame.line, person, target[0], target[1], frame.start, frame.end, note, "", ""
            )
        )
    return write_records(
        session,
        records,
        problems,
        report,
        now=moment,
        skip_invalid=skip_invalid,
        bad_lines=bad_lines,
    )
