"""Where a chart's labels fall: each String's text and its box (left, right, baseline)."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, String
from reportlab.pdfbase.pdfmetrics import stringWidth


def label_boxes(drawing: Drawing) -> list[tuple[str, float, float, float]]:
    boxes = []
    for label in drawing.contents:
        if isinstance(label, String):
            w = stringWidth(label.text, label.fontName, label.fontSize)
            left = {"start": 0.0, "middle": w / 2, "end": w}[label.textAnchor]
            boxes.append((label.text, label.x - left, label.x - left + w, label.y))
    return boxes


def apart(boxes: list[tuple[str, float, float, float]]) -> None:
    """No two labels on one baseline cover each other."""
    for a in boxes:
        for b in boxes:
            if a is not b and a[3] == b[3]:
                assert a[2] <= b[1] or b[2] <= a[1], (a[0], b[0])
