"""ISO weeks in local time (the suite runs in Europe/Berlin, which has daylight saving)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.model import weeks
from app.model.errors import ValidationError


def test_week_names_follow_iso_8601() -> None:
    assert weeks.week_name(date(2026, 11, 23)) == "2026-W48"
    assert weeks.week_name(date(2027, 1, 1)) == "2026-W53"  # a Friday in 2026's last week
    assert weeks.parse_week("2026-W01") == date(2025, 12, 29)


def test_a_week_starts_at_local_midnight_on_monday() -> None:
    start, end = weeks.week_bounds("2026-W48")
    assert start == datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # 00:00 in Berlin (UTC+1)
    assert end == datetime(2026, 11, 29, 23, 0, tzinfo=UTC)


def test_the_week_with_the_october_clock_change_is_an_hour_longer() -> None:
    start, end = weeks.week_bounds("2026-W43")  # Berlin leaves summer time on 25 October
    assert (end - start).total_seconds() == 7 * 24 * 3600 + 3600


@pytest.mark.parametrize("bad", ["2026-48", "W48", "2026-W54", "2025-W53"])
def test_a_bad_week_is_refused_with_a_sentence(bad: str) -> None:
    with pytest.raises(ValidationError, match="week"):
        weeks.parse_week(bad)
