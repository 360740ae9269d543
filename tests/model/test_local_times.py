"""Local times that the clocks skip or show twice, and dates and weeks out of range: one
sentence each, wherever a person types a time (the suite runs in Europe/Berlin)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model import durations, people, weeks
from app.model.errors import ValidationError
from app.model.io import csv_values
from app.model.io.csv_reader import ImportRejectedError
from app.model.io.time import import_time
from app.model.store.db import Store
from app.model.store.entities import TimeEntry

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
SKIPPED = "2026-03-29 02:30 does not exist in Europe/Berlin: clocks jump from 02:00 to 03:00"
TWICE = (
    "2026-10-25 02:30 happens twice in Europe/Berlin (clocks go back from 03:00 to 02:00): "
    "write 2026-10-25 02:30+02:00 for the first time or 2026-10-25 02:30+01:00 for the second"
)


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Switch the process's time zone for one test (and back)."""

    def switch(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield switch
    monkeypatch.undo()
    time.tzset()


def test_a_time_the_clocks_skip_is_refused_naming_the_jump() -> None:
    with pytest.raises(ValidationError) as refused:
        weeks.wall_clock_to_utc(datetime(2026, 3, 29, 2, 30))
    assert str(refused.value) == SKIPPED
    # either side of the gap is an ordinary time
    assert weeks.wall_clock_to_utc(datetime(2026, 3, 29, 1, 59)) == datetime(
        2026, 3, 29, 0, 59, tzinfo=UTC
    )
    assert weeks.wall_clock_to_utc(datetime(2026, 3, 29, 3, 0)) == datetime(
        2026, 3, 29, 1, 0, tzinfo=UTC
    )


def test_a_time_the_clocks_show_twice_needs_its_offset() -> None:
    with pytest.raises(ValidationError) as refused:
        weeks.wall_clock_to_utc(datetime(2026, 10, 25, 2, 30))
    assert str(refused.value) == TWICE
    first = weeks.wall_clock_to_utc(datetime.fromisoformat("2026-10-25 02:30+02:00"))
    second = weeks.wall_clock_to_utc(datetime.fromisoformat("2026-10-25 02:30+01:00"))
    assert (first, second) == (
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    )


def test_other_zones_and_their_half_hour_shifts(zone: Callable[[str], None]) -> None:
    zone("Australia/Lord_Howe")
    with pytest.raises(ValidationError, match="clocks jump from 02:00 to 02:30"):
        weeks.wall_clock_to_utc(datetime(2026, 10, 4, 2, 15))
    with pytest.raises(ValidationError) as refused:
        weeks.wall_clock_to_utc(datetime(2026, 4, 5, 1, 45))
    assert "happens twice in Australia/Lord_Howe (clocks go back from 02:00 to 01:30)" in str(
        refused.value
    )
    assert "2026-04-05 01:45+11:00 for the first time" in str(refused.value)
    zone("America/Sao_Paulo")
    with pytest.raises(ValidationError, match="clocks jump from 00:00 to 01:00"):
        csv_values.parse_moment("2018-11-04")  # that night had no midnight


def test_typed_times_are_read_through_it_everywhere() -> None:
    """The CSV cell reader and the quick span ('9:00-10:30') refuse the same way."""
    with pytest.raises(ValueError, match=SKIPPED):
        csv_values.parse_moment("29.03.2026 02:30", "DMY")
    with pytest.raises(ValueError, match=r"happens twice in Europe/Berlin"):
        csv_values.parse_moment("2026-10-25T02:30")
    assert csv_values.parse_moment("2026-10-25 02:30+01:00") == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )
    with pytest.raises(ValidationError, match="2026-03-29 02:15 does not exist"):
        durations.parse_span("2:15-3:30", date(2026, 3, 29))


def _count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(TimeEntry)) or 0)


def test_a_csv_import_reports_such_times_by_line_and_writes_nothing(
    store: Store, tmp_path: Path
) -> None:
    with store.writer() as session:
        people.add_person(session, "Ann")
    path = tmp_path / "time.csv"
    path.write_text(
        "side,start,minutes\n"
        "sales,2026-03-29 02:30,30\n"
        "sales,25.10.2026 02:30,30\n"
        "sales,2026-10-25 02:30+01:00,30\n"
        "sales,2026-10-26 09:00,30\n",
        encoding="utf-8",
    )
    with store.writer() as session, pytest.raises(ImportRejectedError) as refused:
        import_time(session, path, now=NOW, date_order="DMY")
    assert [p.format(path) for p in refused.value.problems] == [
        f"{path}:2: {SKIPPED}",
        f"{path}:3: {TWICE}",
    ]
    assert _count(store) == 0
    with store.writer() as session:
        assert import_time(session, path, now=NOW, skip_invalid=True).created == 2


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2026-13-01", "'2026-13-01' is not a date: there is no month 13"),
        ("13/25/2026", "'13/25/2026' is not a date in day/month/year order: there is no month 25"),
        ("31.02.2026", "is not a date in day/month/year order: February 2026 has no day 31"),
        ("1.1.0001", "'1.1.0001' is in the year 1; Hearth takes dates from 1900 to 2999"),
        ("0001-01-01", "'0001-01-01' is in the year 1; Hearth takes dates from 1900 to 2999"),
    ],
)
def test_a_date_that_cannot_be_is_one_sentence_saying_why(text: str, said: str) -> None:
    with pytest.raises(ValueError) as refused:
        csv_values.parse_date(text, "DMY")
    assert said in str(refused.value)
    with pytest.raises(ValueError, match="not a date|in the year"):
        csv_values.parse_moment(f"{text} 10:00", "DMY")


def test_a_two_digit_year_is_this_century_and_a_four_digit_one_is_as_written() -> None:
    assert csv_values.parse_date("23.11.26", "DMY") == date(2026, 11, 23)
    assert csv_values.parse_date("1.1.2001", "DMY") == date(2001, 1, 1)
    with pytest.raises(ValueError, match="in the year 26;"):
        csv_values.parse_date("1.1.0026", "DMY")


@pytest.mark.parametrize("name", ["0001-W01", "1000-W01", "9999-W52", "3000-W01"])
def test_a_week_outside_the_years_hearth_keeps_is_a_sentence(name: str) -> None:
    with pytest.raises(ValidationError) as refused:
        weeks.week_bounds(name)
    assert str(refused.value) == (
        f"'{name}' is not a week Hearth keeps; it knows the years 1900 to 2999."
    )


def test_week_names_have_four_digit_years() -> None:
    assert weeks.week_name(date(999, 11, 20)) == "0999-W47"
    assert weeks.parse_week("1900-W01") == date(1900, 1, 1)
