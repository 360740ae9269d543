"""The PDF's charts, drawn with reportlab's own graphics: the sales pacing bar, the balance
(target against actual) and the 8-week trend as small bar charts. They draw numbers from a
`WeeklyReview`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.colors import SIDE_COLORS, STATE_COLORS
from app.model.enums import Side
from app.model.formatting import hours, whole_money
from app.model.goals.pacing import Pacing
from app.model.review.types import TimeSection, TrendWeek
from app.report.fonts import BOLD, REGULAR

MARKETING = colors.HexColor(SIDE_COLORS[Side.MARKETING])
SALES = colors.HexColor(SIDE_COLORS[Side.SALES])
GRID = colors.HexColor("#c9c6cf")
TEXT = colors.HexColor("#333333")
MUTED = colors.HexColor("#77737d")


def pacing(goal: Pacing, width: float) -> Drawing:
    """One bar: the month's goal its whole length (or what was won, past it), what was won
    filled (green on pace, red behind), and a tick where sales were expected by now."""
    bar_h, label_h = 6 * mm, 4 * mm
    # won and the goal below the bar, at its ends; expected by now above it, at its tick
    # (moved in from an end when it would run past it): no label covers another
    drawing = _drawing(width, bar_h + 2 * label_h + 1 * mm)
    whole = float(max(goal.goal, goal.won)) or 1.0
    won_w = width * float(goal.won) / whole
    expected_x = width * float(goal.expected) / whole
    behind = goal.won < goal.expected
    track = _box(0, label_h, width, bar_h, colors.HexColor("#ebe8ef"))
    drawing.add(track)
    drawing.add(
        _box(0, label_h, won_w, bar_h, colors.HexColor(STATE_COLORS["hot" if behind else "won"]))
    )
    drawing.add(
        Line(expected_x, label_h - 1 * mm, expected_x, label_h + bar_h + 1 * mm, strokeWidth=1.5)
    )
    expected = f"expected by now {whole_money(goal.expected)}"
    half = stringWidth(expected, REGULAR, 7) / 2
    labels: list[tuple[str, float, float, Literal["start", "middle", "end"]]] = [
        (f"won {whole_money(goal.won)}", 0, 0, "start"),
        (expected, min(max(expected_x, half), width - half), label_h + bar_h + 1.5 * mm, "middle"),
        (f"goal {whole_money(goal.goal)}", width, 0, "end"),
    ]
    for text, x, y, anchor in labels:
        drawing.add(
            String(x, y, text, fontName=REGULAR, fontSize=7, fillColor=MUTED, textAnchor=anchor)
        )
    return drawing


def balance(time: TimeSection, width: float) -> Drawing:
    """Two bars on one scale: the target split of the target hours, and the hours actually
    logged split by side; a tick marks the target share on the actual bar."""
    label_w, bar_h, gap = 22 * mm, 7 * mm, 4 * mm
    height = 2 * bar_h + gap + 9 * mm
    drawing = _drawing(width, height)
    scale_max = max(time.target_hours, time.total, 1.0)
    usable = width - label_w - 2 * mm
    x0 = label_w

    def bar(y: float, marketing: float, sales: float, label: str) -> None:
        drawing.add(
            String(0, y + bar_h / 2 - 3, label, fontName=REGULAR, fontSize=8.5, fillColor=TEXT)
        )
        m_w = usable * marketing / scale_max
        s_w = usable * sales / scale_max
        drawing.add(_box(x0, y, m_w, bar_h, MARKETING))
        drawing.add(_box(x0 + m_w, y, s_w, bar_h, SALES))
        for text, left, w in ((hours(marketing), x0, m_w), (hours(sales), x0 + m_w, s_w)):
            if w > 14 * mm:
                drawing.add(
                    String(
                        left + 2 * mm,
                        y + bar_h / 2 - 3,
                        text,
                        fontName=BOLD,
                        fontSize=8,
                        fillColor=colors.white,
                    )
                )

    top = height - bar_h - 1 * mm
    target_marketing = time.target_marketing_hours
    bar(top, target_marketing, time.target_hours - target_marketing, "Target")
    bar(top - bar_h - gap, time.marketing, time.sales, "Actual")
    if time.total:
        tick = x0 + usable * (time.marketing + time.gap_to_split) / scale_max
        drawing.add(
            Line(
                tick,
                top - bar_h - gap - 1.5 * mm,
                tick,
                top - gap + 1.5 * mm,
                strokeColor=TEXT,
                strokeWidth=1.5,
            )
        )
    # legend and scale
    y = 1 * mm
    drawing.add(_box(x0, y, 3 * mm, 3 * mm, MARKETING))
    drawing.add(
        String(x0 + 4.5 * mm, y + 0.5, "marketing", fontName=REGULAR, fontSize=7.5, fillColor=MUTED)
    )
    drawing.add(_box(x0 + 22 * mm, y, 3 * mm, 3 * mm, SALES))
    drawing.add(
        String(x0 + 26.5 * mm, y + 0.5, "sales", fontName=REGULAR, fontSize=7.5, fillColor=MUTED)
    )
    drawing.add(
        String(
            x0 + 40 * mm,
            y + 0.5,
            "| marks the target split of the hours logged",
            fontName=REGULAR,
            fontSize=7.5,
            fillColor=MUTED,
        )
    )
    return drawing


def _small_bars(
    title: str,
    weeks: tuple[TrendWeek, ...],
    value: Callable[[TrendWeek], float],
    shown: Callable[[float], str],
    width: float,
    height: float,
    color: colors.Color,
) -> Drawing:
    drawing = _drawing(width, height)
    drawing.add(String(0, height - 8, title, fontName=BOLD, fontSize=7.5, fillColor=TEXT))
    values = [value(w) for w in weeks]
    said = shown(values[-1]) if values else ""
    # The last week's figure beside the title, or under it where the two would touch
    # ("Marketing share" and "48%" in a sixth of the page).
    beside = stringWidth(title, BOLD, 7.5) + 4 + stringWidth(said, BOLD, 7.5) <= width
    said_y = height - 8 if beside else height - 16.5
    top = max(values + [0.0]) or 1.0
    base, chart_h = 9.0, height - (24 if beside else 32)
    slot = width / max(len(weeks), 1)
    drawing.add(Line(0, base, width, base, strokeColor=GRID, strokeWidth=0.5))
    for n, (week, amount) in enumerate(zip(weeks, values, strict=True)):
        x = n * slot + slot * 0.15
        h = chart_h * amount / top
        last = n == len(weeks) - 1
        faded = colors.Color(color.red, color.green, color.blue, 0.45)
        drawing.add(_box(x, base, slot * 0.7, h, color if last else faded))
        drawing.add(
            String(
                x + slot * 0.35,
                1,
                week.week[-2:],
                fontName=REGULAR,
                fontSize=5.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    drawing.add(
        String(
            width,
            said_y,
            said,
            fontName=BOLD,
            fontSize=7.5,
            fillColor=color,
            textAnchor="end",
        )
    )
    return drawing


def trend(weeks: tuple[TrendWeek, ...], width: float) -> list[Drawing]:
    """Six small charts side by side: marketing share, hours, new leads, won, revenue, and
    the sales pace against the month's goal at each week's end (0 without a goal)."""
    each = (width - 5 * 4 * mm) / 6
    height = 30 * mm
    return [
        _small_bars(
            "Marketing share",
            weeks,
            lambda w: (w.marketing_share or 0) * 100,
            lambda v: f"{v:.0f}%",
            each,
            height,
            MARKETING,
        ),
        _small_bars("Hours", weeks, lambda w: w.hours, hours, each, height, SALES),
        _small_bars(
            "New leads",
            weeks,
            lambda w: float(w.new_leads),
            lambda v: f"{v:.0f}",
            each,
            height,
            colors.HexColor("#e08a1e"),
        ),
        _small_bars(
            "Won",
            weeks,
            lambda w: float(w.won),
            lambda v: f"{v:.0f}",
            each,
            height,
            colors.HexColor("#2e9a5b"),
        ),
        _small_bars(
            "Revenue",
            weeks,
            lambda w: float(w.revenue),
            lambda v: f"{v:,.0f}",
            each,
            height,
            colors.HexColor("#2e9a5b"),
        ),
        _small_bars(
            "Pace",
            weeks,
            lambda w: (w.pace or 0) * 100,
            lambda v: f"{v:.0f}%" if weeks and weeks[-1].pace is not None else "no goal",
            each,
            height,
            colors.HexColor(STATE_COLORS["won"]),
        ),
    ]


def _drawing(width: float, height: float) -> Drawing:
    """A chart's canvas, starting in our embedded font (reportlab would start each drawing in
    a Helvetica that is not embedded in the file)."""
    return Drawing(width, height, initialFontName=REGULAR)


def _box(x: float, y: float, width: float, height: float, color: colors.Color) -> Rect:
    """A bar or a legend's swatch: filled, without an outline."""
    box = Rect(x, y, width, height)
    box.fillColor = color
    box.strokeColor = None
    return box
