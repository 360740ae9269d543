"""The weekly review as plain text for a terminal (`hearth-cli summary`). It renders a
`WeeklyReview` and computes nothing of its own."""

from __future__ import annotations

from collections.abc import Callable

from app.model.durations import format_hours
from app.model.formatting import count, hours, money, percent, short_day
from app.model.review.pipeline import Pipeline
from app.model.review.types import LeadLine, WeeklyReview

SHOWN = 10  # lead lists longer than this end with "… and N more"


def title(review: WeeklyReview) -> str:
    who = f" — {review.person}" if review.person else ""
    return (
        f"{review.business_name or 'Hearth'}: weekly review {review.week}{who} "
        f"({review.start:%a %d %b} – {review.end:%a %d %b %Y})"
    )


def _leads(
    heading: str, lines: tuple[LeadLine, ...], describe: Callable[[LeadLine], str]
) -> list[str]:
    if not lines:
        return []
    out = [f"{heading} ({len(lines)}):"]
    for line in lines[:SHOWN]:
        out.append(
            f"  {line.name}{f' ({line.company})' if line.company else ''} — {describe(line)}"
        )
    if len(lines) > SHOWN:
        out.append(f"  … and {len(lines) - SHOWN} more")
    return out


def _last(line: LeadLine) -> str:
    if line.last_contact is None:
        return "never contacted"
    return f"last contact {line.last_contact.astimezone():%d %b %Y}"


def _due(line: LeadLine) -> str:
    day = short_day(line.due) if line.due else ""
    return f"{line.next_action or 'follow up'} on {day}"


def pipeline_words(pipeline: Pipeline, currency: str) -> str:
    """'Pipeline: 7,964.29 EUR likely (80% range …) from 1 cold lead worth … × 18%, …'."""
    return (
        f"Pipeline: {money(pipeline.weighted, currency)} likely (80% range "
        f"{money(pipeline.low)} – {money(pipeline.high)}) from "
        + ", ".join(
            f"{count(p.open, p.temperature + ' lead')} worth {money(p.value)} × "
            f"{percent(p.win_rate.rate)}"
            for p in pipeline.by_temperature
        )
        + (
            f"; {count(pipeline.without_value, 'lead')} without a value"
            if pipeline.without_value
            else ""
        )
    )


def goal_lines(review: WeeklyReview) -> list[str]:
    """The pacing in words, and the pipeline weighted by the business's own win rates."""
    cur = review.currency
    out = [review.goal.words(cur) if review.goal else "No revenue goal for this month."]
    pipeline = review.pipeline
    if pipeline is not None:
        out.append(pipeline_words(pipeline, cur))
        out.append("Win rates: " + ", ".join(p.win_rate.words() for p in pipeline.by_temperature))
    return out


def plan_lines(review: WeeklyReview) -> list[str]:
    """Next week's split: the sentence and the numbers it used."""
    plan = review.plan
    if plan is None:
        return []
    rates = plan.rates
    return [
        f"Next week ({plan.week}): {plan.reason}",
        "  " + " · ".join(f"{label}: {value}" for label, value in plan.numbers),
        f"  13 weeks: revenue {money(rates.revenue, review.currency)}, {count(rates.wins, 'win')}, "
        f"{count(rates.new_leads, 'new lead')}, {hours(rates.marketing_hours)} marketing, "
        f"{hours(rates.sales_hours)} sales",
    ]


def review_text(review: WeeklyReview) -> str:
    time, leads, cur = review.time, review.leads, review.currency
    out = [title(review), "", *goal_lines(review), *plan_lines(review), ""]
    out.append(
        f"Time: marketing {format_hours(time.marketing)}, sales {format_hours(time.sales)} "
        f"(target {time.target_share:.0%} marketing, {time.target_hours:g} h). {time.words}"
    )
    if time.by_category:
        out.append(
            "  by category: "
            + ", ".join(f"{c} ({s}) {format_hours(h)}" for s, c, h in time.by_category)
        )
    if len(time.by_person) > 1:
        out.append(
            "  by person: "
            + ", ".join(
                f"{p} {format_hours(m)} marketing / {format_hours(s)} sales"
                for p, m, s in time.by_person
            )
        )
    out.append("")
    by_source = ", ".join(f"{name} {count}" for name, count in leads.new_by_source)
    out.append(f"New leads: {leads.new}" + (f" ({by_source})" if by_source else ""))
    out.append(
        "Open leads at the week's end: "
        + ", ".join(f"{count} {t}" for t, count in leads.by_temperature)
    )
    out.append(
        f"Moves in the week: {leads.warmed} warmed up, {leads.heated} turned hot, "
        f"{leads.cooled} cooled down"
    )
    out.append(f"Won: {leads.won}, revenue {money(leads.revenue, cur)}")
    reasons = ", ".join(f"{reason} {count}" for reason, count in leads.lost_reasons)
    out.append(f"Lost: {leads.lost}" + (f" ({reasons})" if reasons else ""))
    for part in (
        _leads("Hot leads", leads.hot, _last),
        _leads(f"Stale leads, no contact for {review.stale_days} days or more", leads.stale, _last),
        _leads("Follow-ups due next week", leads.follow_ups, _due),
    ):
        if part:
            out += [""] + part
    if review.campaigns:
        out += ["", "Campaigns (leads and wins up to the week's end):"]
        for c in review.campaigns:
            out.append(
                f"  {c.name}: cost {money(c.cost)}, {count(c.leads, 'lead')}, {c.won} won, revenue "
                f"{money(c.revenue)}, CAC {money(c.cac)}, true CAC {money(c.true_cac)}"
            )
    out += ["", "Last 8 weeks (week, marketing share, hours, new leads, won, revenue, pace):"]
    for week in review.trend:
        out.append(
            f"  {week.week}  {percent(week.marketing_share):>4}  {hours(week.hours):>8}  "
            f"{week.new_leads:4}  {week.won:4}  {money(week.revenue):>12}  "
            f"{percent(week.pace):>5}"
        )
    out += ["", "What to change next week:"]
    out += [f"  • {a.text}" for a in review.advice] or ["  Nothing stands out: keep the plan."]
    return "\n".join(out)
