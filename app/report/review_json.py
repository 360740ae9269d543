"""The weekly review as JSON (`hearth-cli summary --json`): the documented keys first, then
the rest of the review. Money is a decimal string, hours are numbers of hours."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from app.model.goals.pacing import Pacing
from app.model.review.pipeline import Pipeline
from app.model.review.plan import Plan
from app.model.review.types import LeadLine, WeeklyReview

_CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    """Cents always shown; more places only when the amount has them (exact, never rounded)."""
    cents = value.quantize(_CENT)
    return f"{cents:f}" if cents == value else f"{value.normalize():f}"


def cents(value: Decimal) -> str:
    """Money with exactly two decimals (halves to even): the goal and pipeline figures."""
    return f"{value.quantize(_CENT, ROUND_HALF_EVEN):f}"


def _share(value: float | None) -> float | None:
    """A share to 4 decimals (0.4827): what any screen can show, and the same from every
    database (SQLite and PostgreSQL sum seconds in different floating-point steps)."""
    return None if value is None else round(value, 4)


def _hours(value: float) -> float:
    return round(value, 2)


def _lead(line: LeadLine) -> dict[str, Any]:
    return {
        "id": line.id,
        "name": line.name,
        "company": line.company,
        "temperature": line.temperature,
        "last_contact": line.last_contact.isoformat() if line.last_contact else None,
        "next_action": line.next_action,
        "due": line.due.isoformat() if line.due else None,
    }


def _goal(goal: Pacing | None) -> dict[str, Any] | None:
    if goal is None:
        return None
    return {
        "month": goal.month,
        "amount": cents(goal.goal),
        "won": cents(goal.won),
        "expected": cents(goal.expected),
        "business_days": goal.business_days,
        "business_days_gone": goal.business_days_gone,
        "pace": _share(goal.pace),
    }


def _pipeline(pipeline: Pipeline | None) -> dict[str, Any] | None:
    if pipeline is None:
        return None
    return {
        "weighted": cents(pipeline.weighted),
        "low": cents(pipeline.low),
        "high": cents(pipeline.high),
        "without_value": pipeline.without_value,
        "by_temperature": {
            part.temperature: {
                "open": part.open,
                "value": cents(part.value),
                "win_rate": _share(part.win_rate.rate),
                "closed": part.win_rate.closed,
            }
            for part in pipeline.by_temperature
        },
    }


def _plan(plan: Plan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    rates = plan.rates
    return {
        "coverage_weeks": _share(plan.coverage_weeks),
        "hours_needed": _share(plan.hours_needed),  # to 4 decimals, as the rates
        "suggested_marketing_share": _share(plan.suggested_marketing_share),
        "reason": plan.reason,
        "rates": {
            "revenue": cents(rates.revenue),
            "wins": rates.wins,
            "new_leads": rates.new_leads,
            "marketing_hours": _hours(rates.marketing_hours),
            "sales_hours": _hours(rates.sales_hours),
        },
        "week": plan.week,
        "suggested_hours": _hours(plan.suggested_hours),
        "target_marketing_share": _share(plan.target_marketing_share),
        "sales_cycle_days": None
        if rates.sales_cycle_days is None
        else _hours(rates.sales_cycle_days),
    }


def to_json(review: WeeklyReview) -> dict[str, Any]:
    time, leads = review.time, review.leads
    return {
        "week": review.week,
        "period": {"start": review.start.isoformat(), "end": review.end.isoformat()},
        "hours": {"marketing": _hours(time.marketing), "sales": _hours(time.sales)},
        "target": {"marketing_share": time.target_share, "hours": time.target_hours},
        "leads": {
            "new": leads.new,
            "by_temperature": dict(leads.by_temperature),
            "won": leads.won,
            "lost": leads.lost,
            "revenue": money(leads.revenue),
            "new_by_source": dict(leads.new_by_source),
            "moves": {"warmed": leads.warmed, "heated": leads.heated, "cooled": leads.cooled},
            "lost_reasons": dict(leads.lost_reasons),
            "deals": [
                {"lead": d.name, "value": money(d.value), "at": d.at.isoformat()}
                for d in leads.deals
            ],
            "hot": [_lead(line) for line in leads.hot],
            "stale": [_lead(line) for line in leads.stale],
            "follow_ups_next_week": [_lead(line) for line in leads.follow_ups],
            "follow_ups_due": [_lead(line) for line in leads.due_now],
        },
        "campaigns": [
            {
                "name": c.name,
                "cost": money(c.cost),
                "leads": c.leads,
                "won": c.won,
                "revenue": money(c.revenue),
                "channel": c.channel,
                "lost": c.lost,
                "cac": money(c.cac) if c.cac is not None else None,
                "hours": _hours(c.hours),
                "true_cac": money(c.true_cac) if c.true_cac is not None else None,
            }
            for c in review.campaigns
        ],
        "goal": _goal(review.goal),
        "pipeline": _pipeline(review.pipeline),
        "plan": _plan(review.plan),
        "advice": [a.text for a in review.advice],
        "business": review.business_name,
        "currency": review.currency,
        "person": review.person,
        "time": {
            "by_category": [
                {"side": side, "category": category, "hours": _hours(hours)}
                for side, category, hours in time.by_category
            ],
            "by_person": [
                {"person": name, "marketing": _hours(m), "sales": _hours(s)}
                for name, m, s in time.by_person
            ],
            "by_day": [
                {"day": day.isoformat(), "marketing": _hours(m), "sales": _hours(s)}
                for day, m, s in time.by_day
            ],
            "gap_to_split": _hours(time.gap_to_split),
            "balance": time.words,
        },
        "trend": [
            {
                "week": t.week,
                "marketing_share": _share(t.marketing_share),
                "hours": _hours(t.hours),
                "new_leads": t.new_leads,
                "won": t.won,
                "revenue": money(t.revenue),
                "pace": _share(t.pace),
            }
            for t in review.trend
        ],
        "made_at": review.made_at.isoformat(),
    }
