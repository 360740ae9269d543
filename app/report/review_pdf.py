"""The weekly review as a printable PDF. It renders a `WeeklyReview`, section by section,
and computes nothing of its own; the pieces (styles, cells from user text, tables that flow
across pages, the numbered footer) are in `pdf_kit`. The file is written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
)

from app.model.formatting import hours_figure, money, percent, short_day
from app.model.review.advice import beside_the_plan
from app.model.review.types import LeadLine, WeeklyReview
from app.model.safety.atomic_file import write_bytes
from app.model.time.hours import marketing_share
from app.report import charts, fonts
from app.report.fonts import markup
from app.report.pdf_kit import cell, render, row_of, side_by_side, styles, table, text_width


def build(
    review: WeeklyReview, *, first_page_only: bool = False, stop: Callable[[], bool] | None = None
) -> bytes:
    """The PDF's bytes, on the review's page size (`first_page_only`: its first page alone,
    as the Review page shows it first; `stop`: see pdf_kit.render)."""
    fonts.register()
    width = text_width(review.page_size)
    story = [
        *_header(review),
        *_goal(review, width),
        *_advice(review),
        *_time(review, width),
        *_leads(review, width),
        *_lists(review, width),
        *_campaigns(review, width),
        *_trend(review, width),
    ]
    name = review.business_name or "Hearth"
    return render(
        story,
        page_size=review.page_size,
        title=f"Weekly review {review.week}",
        author=name,
        footer=f"{markup(name)} · weekly review {review.week} · "
        f"made {review.made_at.astimezone():%d %b %Y %H:%M}",
        first_page_only=first_page_only,
        stop=stop,
    )


def write_pdf(review: WeeklyReview, target: Path) -> Path:
    """Write the review's PDF to `target`, whole or not at all."""
    return write_bytes(target, build(review))


def _heading(text: str, room: float = 30 * mm) -> list[Flowable]:
    """A section heading, on a new page when less than `room` is left on this one."""
    heading = Paragraph(text, styles()["h2"])
    return [CondPageBreak(room), heading] if room else [heading]


def _header(review: WeeklyReview) -> list[Flowable]:
    s = styles()
    who = f" — {review.person}" if review.person else ""
    return [
        Paragraph(markup(review.business_name or "Hearth"), s["title"]),
        Paragraph(
            f"Weekly review {review.week}{markup(who)} · "
            f"{review.start:%a %d %b} – {review.end:%a %d %b %Y}",
            s["subtitle"],
        ),
    ]


def _goal(review: WeeklyReview, width: float) -> list[Flowable]:
    """Goal and pipeline: the pacing in words and as a bar, the open pipeline by temperature
    weighted by the business's own win rates, and next week's split with why."""
    s = styles()
    goal, pipeline, plan = review.goal, review.pipeline, review.plan
    story = _heading("Goal and pipeline", 0)
    if goal is None:
        story.append(
            Paragraph("No revenue goal for this month (Settings, or hearth-cli goal).", s["base"])
        )
    else:
        story += [
            Paragraph(markup(goal.words(review.currency)), s["base"]),
            Spacer(1, 1.5 * mm),
            charts.pacing(goal, width),
        ]
    if pipeline is not None and not any(p.open for p in pipeline.by_temperature):
        story.append(Paragraph("No open leads: the pipeline is empty.", s["base"]))
    elif pipeline is not None:
        widths = [width * 0.25] + [width * 0.15] * 5
        rows = [
            [
                p.temperature,
                str(p.open),
                money(p.value),
                percent(p.win_rate.rate),
                str(p.win_rate.closed),
                money(p.weighted),
            ]
            for p in pipeline.by_temperature
        ]
        rows.append(
            [
                "pipeline",
                str(sum(p.open for p in pipeline.by_temperature)),
                money(sum((p.value for p in pipeline.by_temperature), Decimal(0))),
                "",
                "",
                money(pipeline.weighted),
            ]
        )
        average = (
            f"the average deal ({money(pipeline.average_deal, review.currency)})"
            if pipeline.average_deal is not None
            else "nothing (no deal won in the last 365 days)"
        )
        story += [
            Spacer(1, 2 * mm),
            *table(
                ["Open leads", "Open", "Value", "Win rate", "Of closed", "Likely"],
                rows,
                widths,
                right=(1, 2, 3, 4, 5),
            ),
            Paragraph(
                markup(
                    f"Likely {money(pipeline.weighted, review.currency)}, 80% range "
                    f"{money(pipeline.low)} – {money(pipeline.high)}. Win rate: of the leads "
                    "closed in the last 365 days that were ever at the temperature, the share "
                    "won, pulled toward a starting value while few have closed. A lead without "
                    f"an estimated value counts as {average}"
                    + (f"; {pipeline.without_value} count as 0." if pipeline.without_value else ".")
                ),
                s["small"],
            ),
        ]
    if plan is not None:
        numbers = " · ".join(f"{label}: {value}" for label, value in plan.numbers)
        story += [
            Spacer(1, 1.5 * mm),
            Paragraph(markup(f"Next week ({plan.week}): {plan.reason}"), s["advice"]),
            Paragraph(markup(numbers), s["numbers"]),
        ]
    return story


def _advice(review: WeeklyReview) -> list[Flowable]:
    s = styles()
    story = _heading("What to change next week", 0)
    shown, instead = beside_the_plan(review)
    for advice in shown:
        story.append(Paragraph(markup(advice.text), s["advice"], bulletText="•"))
        numbers = " · ".join(f"{label}: {value}" for label, value in advice.numbers)
        story.append(Paragraph(markup(numbers), s["numbers"]))
    if instead is not None:
        story.append(Paragraph(markup(instead), s["advice"]))
    return story


def _time(review: WeeklyReview, width: float) -> list[Flowable]:
    time = review.time
    half = (width - 6 * mm) / 2
    by_category = [
        [cell(category, half * 0.5), side, hours_figure(hours)]
        for side, category, hours in time.by_category
    ]
    by_person = [
        [cell(name, half * 0.33), *map(hours_figure, (m, sv)), percent(marketing_share(m, sv))]
        for name, m, sv in time.by_person
    ]
    return [
        *_heading("Time: the balance", 0),
        Paragraph(markup(time.words), styles()["base"]),
        Spacer(1, 2 * mm),
        charts.balance(time, width),
        Spacer(1, 3 * mm),
        *side_by_side(
            table(
                ["Category", "Side", "Hours"],
                by_category or [["no hours logged", "", ""]],
                [half * 0.5, half * 0.3, half * 0.2],
                right=(2,),
            ),
            table(
                ["Person", "Marketing", "Sales", "Mkt. share"],
                by_person or [["—", "", "", ""]],
                [half * 0.33, half * 0.2, half * 0.2, half * 0.27],
                right=(1, 2, 3),
            ),
            half,
        ),
    ]


def _leads(review: WeeklyReview, width: float) -> list[Flowable]:
    leads = review.leads
    half = (width - 6 * mm) / 2
    numbers = [
        leads.new,
        leads.count("cold"),
        leads.count("warm"),
        leads.count("hot"),
        leads.warmed,
        leads.heated,
        leads.cooled,
        leads.won,
        leads.lost,
    ]
    col = width * 0.092  # room for "Warmed" beside "Hot"; the revenue takes the rest
    names = ["New", "Cold", "Warm", "Hot", "Warmed", "To hot", "Cooled", "Won", "Lost"]
    story = [
        *_heading("Leads", 50 * mm),
        *table(
            [*names, f"Revenue ({review.currency})"],
            [[*(str(n) for n in numbers), money(leads.revenue)]],
            [col] * 9 + [width - col * 9],
            right=tuple(range(10)),
        ),
        Paragraph(
            "Cold, warm and hot: open leads at the week's end. Warmed, to hot, cooled: moves "
            "in the week. Won, lost and revenue: in the week.",
            styles()["small"],
        ),
        Spacer(1, 3 * mm),
    ]
    sources = [[cell(name, half * 0.75), str(count)] for name, count in leads.new_by_source]
    reasons = [[cell(reason, half * 0.75), str(count)] for reason, count in leads.lost_reasons]
    story += side_by_side(
        table(
            ["New leads by source", "Leads"],
            sources or [["none this week", ""]],
            [half * 0.75, half * 0.25],
            right=(1,),
        ),
        table(
            ["Lost: why", "Leads"],
            reasons or [["none this week", ""]],
            [half * 0.75, half * 0.25],
            right=(1,),
        ),
        half,
    )
    if leads.deals:
        story += _heading("Won in the week", 35 * mm)
        story += table(
            ["Customer", "Date", f"Value ({review.currency})"],
            [
                [cell(d.name, width * 0.6), short_day(d.at.astimezone().date()), money(d.value)]
                for d in leads.deals
            ],
            [width * 0.6, width * 0.2, width * 0.2],
            right=(2,),
        )
    return story


def _lists(review: WeeklyReview, width: float) -> list[Flowable]:
    """The leads to act on: hot (stale ones marked), stale warm, follow-ups due next week."""
    leads = review.leads
    widths = [width * 0.34, width * 0.24, width * 0.08, width * 0.16, width * 0.18]
    contact = ["Lead", "Company", "Temp.", "Last contact", ""]
    stale_warm = tuple(line for line in leads.stale if line.temperature != "hot")
    stale_hot = {line.id for line in leads.stale if line.temperature == "hot"}
    story: list[Flowable] = []
    for heading, lines, header, note, due in (
        ("Hot leads to act on", leads.hot, contact, "", False),
        (
            "Stale warm leads",
            stale_warm,
            contact,
            f"No contact for {review.stale_days} days or more. Stale hot leads are marked in "
            "the list above.",
            False,
        ),
        (
            "Follow-ups due next week",
            leads.follow_ups,
            ["Lead", "Company", "Temp.", "Due", "Next action"],
            "",
            True,
        ),
    ):
        story += _heading(f"{heading}: {len(lines)}")
        if note:
            story.append(Paragraph(note, styles()["small"]))
        if lines:
            rows = [_lead_row(line, width, due=due, stale_hot=stale_hot) for line in lines]
            story += table(header, rows, widths)
        else:
            story.append(Paragraph("None.", styles()["small"]))
    return story


def _lead_row(line: LeadLine, width: float, *, due: bool, stale_hot: set[int]) -> list[Any]:
    row = [cell(line.name, width * 0.34), cell(line.company, width * 0.24), line.temperature]
    if due:
        when = short_day(line.due) if line.due else ""
        return [*row, when, cell(line.next_action, width * 0.18)]
    return [*row, _date(line.last_contact), "stale" if line.id in stale_hot else ""]


def _date(moment: datetime | None) -> str:
    return "never" if moment is None else f"{moment.astimezone():%d %b %Y}"


def _campaigns(review: WeeklyReview, width: float) -> list[Flowable]:
    small = styles()["small"]
    story = _heading("Campaigns", 40 * mm)
    if not review.campaigns:
        return [*story, Paragraph("No campaign ran or brought leads this week.", small)]
    widths = [width * 0.2] + [width * 0.1] * 8
    rows = [
        [
            cell(c.name, widths[0]),
            money(c.cost),
            str(c.leads),
            str(c.won),
            money(c.revenue),
            money(c.cost_per_lead),
            money(c.cac),
            hours_figure(c.hours),
            money(c.true_cac),
        ]
        for c in review.campaigns
    ]
    header = ["Campaign", "Cost", "Leads", "Won", "Revenue", "Cost/lead", "CAC", "Hours"]
    return [
        *story,
        *table([*header, "True CAC"], rows, widths, right=tuple(range(1, 9))),
        Paragraph(
            "Campaigns running in the week or that brought leads in it; leads, wins and "
            "revenue up to the week's end. True CAC counts your hours at your hourly rate.",
            small,
        ),
    ]


def _trend(review: WeeklyReview, width: float) -> list[Flowable]:
    small = charts.trend(review.trend, width)
    row = row_of(small, [d.width + 4 * mm for d in small[:-1]] + [small[-1].width])
    return [*_heading("The last 8 weeks", 45 * mm), KeepTogether([row])]
