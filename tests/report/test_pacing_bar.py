"""The PDF's pacing bar keeps its three labels apart and on the page, wherever the tick is."""

from __future__ import annotations

from decimal import Decimal

import pytest
from reportlab.graphics.shapes import String
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.model.goals.pacing import Pacing
from app.report import charts, fonts


@pytest.mark.parametrize(
    ("won", "expected"),
    [("0", "0"), ("234397", "361905"), ("400000", "400000"), ("12000", "200000")],
)
def test_no_label_covers_another_or_runs_off_the_bar(won: str, expected: str) -> None:
    fonts.register()
    width = 170 * mm
    goal = Pacing("2026-11", Decimal(400000), Decimal(won), Decimal(expected), 21, 19)
    boxes = []
    for label in charts.pacing(goal, width).contents:
        if isinstance(label, String):
            w = stringWidth(label.text, label.fontName, label.fontSize)
            left = {"start": 0.0, "middle": w / 2, "end": w}[label.textAnchor]
            boxes.append((label.text, label.x - left, label.x - left + w, label.y))
    assert len(boxes) == 3
    for text, left, right, _y in boxes:
        assert left >= 0 and right <= width + 0.01, text
    for a in boxes:
        for b in boxes:
            if a is not b and a[3] == b[3]:
                assert a[2] <= b[1] or b[2] <= a[1], (a[0], b[0])
