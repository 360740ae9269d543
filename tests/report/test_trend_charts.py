"""The PDF's eight-week charts: each title and its last week's figure stay apart."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.model.review.types import TrendWeek
from app.report import charts, fonts
from app.report.pdf_kit import text_width
from tests.report.labels import apart, label_boxes


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_no_title_covers_its_figure(page_size: str) -> None:
    """ "Marketing share" and "48%" overlapped in a sixth of an A4 page (a new owner's look
    at the PDF); a figure that does not fit beside its title goes under it."""
    fonts.register()
    weeks = tuple(
        TrendWeek(f"2026-W{n}", 0.48, 64.4, 33, 9, Decimal("173828"), 1.05) for n in range(40, 48)
    )
    drawings = charts.trend(weeks, text_width(page_size))
    assert len(drawings) == 6
    for drawing in drawings:
        boxes = label_boxes(drawing)
        title, figure = boxes[0], boxes[-1]
        assert title[0] in {"Marketing share", "Hours", "New leads", "Won", "Revenue", "Pace"}
        assert figure[0] in {"48%", "64.4 h", "33", "9", "173,828", "105%"}
        for text, left, right, _y in boxes:
            assert left >= 0 and right <= drawing.width + 0.01, text
        apart(boxes)
