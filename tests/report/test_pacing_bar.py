"""The PDF's pacing bar keeps its three labels apart and on the page, wherever the tick is."""

from __future__ import annotations

from decimal import Decimal

import pytest
from reportlab.lib.units import mm

from app.model.goals.pacing import Pacing
from app.report import charts, fonts
from tests.report.labels import apart, label_boxes


@pytest.mark.parametrize(
    ("won", "expected"),
    [("0", "0"), ("234397", "361905"), ("400000", "400000"), ("12000", "200000")],
)
def test_no_label_covers_another_or_runs_off_the_bar(won: str, expected: str) -> None:
    fonts.register()
    width = 170 * mm
    goal = Pacing("2026-11", Decimal(400000), Decimal(won), Decimal(expected), 21, 19)
    boxes = label_boxes(charts.pacing(goal, width))
    assert len(boxes) == 3
    for text, left, right, _y in boxes:
        assert left >= 0 and right <= width + 0.01, text
    apart(boxes)
