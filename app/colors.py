"""Hearth's colours as hex strings, for the window (Qt) and the PDF (reportlab) alike."""

from __future__ import annotations

ACCENT = "#d9622b"  # the hearth's ember

# Temperatures and outcomes, the same everywhere (chips, board columns, charts, the PDF).
STATE_COLORS = {
    "cold": "#3b82c4",
    "warm": "#e08a1e",
    "hot": "#d23c2a",
    "won": "#2e9a5b",
    "lost": "#8a8592",
    "open": "#6d6a75",
}

# By side name; `Side` members are strings, so SIDE_COLORS[Side.SALES] finds "sales" too (no
# import of the model here: the theme loads before the window's first paint).
SIDE_COLORS = {"marketing": "#3b82c4", "sales": ACCENT}
