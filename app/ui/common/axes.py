"""A chart's value axis that reads true: ticks on round numbers (a count's on whole ones), so
a bar of 7 reaches the 7 and no label is a rounded 0.5."""

from __future__ import annotations

import math

from PySide6.QtCharts import QValueAxis

STEPS = (1, 2, 5)  # × 10ⁿ
MOST_TICKS = 4  # intervals: five labels fit the short charts of a tab without eliding


def nice_top(largest: float) -> tuple[float, float]:
    """The axis's top and its step: a round step (1, 2, 5 × 10ⁿ, at least 1) giving at most
    four intervals, and the first multiple of it at or above `largest`."""
    largest = max(float(largest), 1.0)
    scale = 10 ** math.floor(math.log10(largest / MOST_TICKS)) if largest > MOST_TICKS else 1
    step = next(s * scale for s in (*STEPS, 10) if largest / (s * scale) <= MOST_TICKS)
    return math.ceil(largest / step) * step, step


def value_axis(largest: float, label_format: str = "%d") -> QValueAxis:
    axis = QValueAxis()
    top, step = nice_top(largest)
    axis.setRange(0, top)
    axis.setTickCount(int(round(top / step)) + 1)
    axis.setLabelFormat(label_format)
    return axis
