"""Chart axes that read true: round ticks, whole ones for counts."""

from __future__ import annotations

import pytest

from app.ui.common.axes import nice_top, value_axis


@pytest.mark.parametrize(
    ("largest", "top", "step"),
    [(0, 1, 1), (3, 3, 1), (6, 6, 1), (7, 8, 2), (12, 12, 2), (42, 50, 10), (1390, 1500, 500)],
)
def test_ticks_fall_on_round_numbers(largest: float, top: float, step: float) -> None:
    assert nice_top(largest) == (top, step)


def test_every_tick_of_a_count_axis_is_a_whole_number() -> None:
    for largest in range(0, 200):
        axis = value_axis(largest)
        top, ticks = axis.max(), axis.tickCount()
        step = top / (ticks - 1)
        assert step == int(step) and top >= largest and ticks <= 7
