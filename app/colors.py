"""Hearth's colours as hex strings, for the window (Qt) and the PDF (reportlab) alike."""

from __future__ import annotations

from app.model.enums import Side

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

SIDE_COLORS = {Side.MARKETING: "#3b82c4", Side.SALES: ACCENT}
