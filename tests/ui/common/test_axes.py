"""Chart axes that read true: round ticks, whole ones for counts."""

from __future__ import annotations

import pytest

from app.ui.common.axes import nice_top, value_axis


@pytest.mark.parametrize(
    ("largest", "top", "step"),
    [
        (0, 1, 1),
        (3, 3, 1),
        (4, 4, 1),
        (5, 6, 2),
        (12, 15, 5),
        (42, 60, 20),
        (107, 150, 50),
        (1390, 1500, 500),
    ],
)
def test_ticks_fall_on_round_numbers(largest: float, top: float, step: float) -> None:
    assert nice_top(largest) == (top, step)


def test_every_tick_of_a_count_axis_is_a_whole_number() -> None:
    for largest in range(0, 200):
        axis = value_axis(largest)
        top, ticks = axis.max(), axis.tickCount()
        step = top / (ticks - 1)
        # at most five labels: more, and a tab's short chart elides them all to "…"
        assert step == int(step) and top >= largest and ticks <= 5
