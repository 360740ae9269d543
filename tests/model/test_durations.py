"""Quick time entry: durations and spans as people type them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.model.durations import format_hours, parse_duration, parse_span
from app.model.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1h30", 90),
        ("1h 30m", 90),
        ("90m", 90),
        ("90", 90),
        ("1.5h", 90),
        ("1,5h", 90),
        ("2h", 120),
        ("45 min", 45),
        ("0h5", 5),
    ],
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "abc", "0", "0h", "25h", "1h30x", "-5m"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_duration(text)


def test_spans_are_local_times_on_the_day() -> None:
    start, end = parse_span("9:00-10:30", date(2026, 11, 23)) or (None, None)
    assert start == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Berlin is UTC+1 in November
    assert end == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert parse_span("1h30", date(2026, 11, 23)) is None
    with pytest.raises(ValidationError, match="not after the start"):
        parse_span("10:00-09:00", date(2026, 11, 23))
    # 00:00 as the end is the midnight after, like 24:00 (#16 round 2, 18)
    midnight = datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
    assert parse_span("22:00-00:00", date(2026, 11, 23)) == (
        midnight - timedelta(hours=2),
        midnight,
    )
    assert parse_span("22:00-24:00", date(2026, 11, 23)) == (
        midnight - timedelta(hours=2),
        midnight,
    )


def test_hours_are_written_for_people() -> None:
    assert [format_hours(h) for h in (2.25, 0.5, 3.0, 1 / 60)] == [
        "2 h 15 min",
        "30 min",
        "3 h",
        "1 min",
    ]


def test_an_absurdly_long_duration_is_a_sentence_not_a_crash() -> None:
    """Found by the property test: 1,440,000,000,000 minutes overflowed Python's timedelta."""
    import pytest

    from app.model.durations import parse_duration
    from app.model.errors import ValidationError

    with pytest.raises(ValidationError, match="longer than a day"):
        parse_duration("1440000000000")
    with pytest.raises(ValidationError, match="longer than a day"):
        parse_duration("99999999999999999999h")
