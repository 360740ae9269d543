"""The week's name between ◀ and ▶ (the Review and Time pages), as wide as the widest week's
name of its year: the ▶ after it stays where it is while the owner clicks through the weeks.
Sized to each name, "03 Aug – 09 Aug" pushed ▶ 20 px right of where it was for "06 Jul – 12
Jul": quick clicks on ▶ then landed on the name and were lost, and a name could be cut short
("06 Se") until the bar was laid out again."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QLabel

from app.model.weeks import week_name


def week_words(monday: date, with_year: bool = False) -> str:
    """'2026-W32 · 03 Aug – 09 Aug' (with_year: '… 09 Aug 2026')."""
    sunday = monday + timedelta(days=6)
    end = f"{sunday:%d %b %Y}" if with_year else f"{sunday:%d %b}"
    return f"{week_name(monday)} · {monday:%d %b} – {end}"


def label_week(label: QLabel, monday: date, with_year: bool = False) -> None:
    """The label says the week of `monday`, and is as wide as the widest week's name of that
    year and the next (the width changes only when the font does)."""
    label.setText(week_words(monday, with_year))
    label.ensurePolished()  # the style sheet's font (#weekLabel) is the one measured
    metrics = label.fontMetrics()
    first = date(monday.year, 1, 1)
    first -= timedelta(days=first.weekday())
    widest = max(
        metrics.horizontalAdvance(week_words(first + timedelta(weeks=n), with_year))
        for n in range(106)
    )
    margins = label.contentsMargins()
    label.setFixedWidth(widest + margins.left() + margins.right() + 2 * label.margin() + 4)
