"""Next week's split: the rule that turns the goal, the pipeline and the business's own rates
into a suggested marketing share, with the one sentence that says why.

The rule. The weighted pipeline is measured in weeks of the goal (`coverage_weeks` = weighted
pipeline / (goal × 12 / 52)) and compared with the sales cycle (days from creation to win,
averaged over the last 13 weeks' wins; 4 weeks when there were none, at least 1 week): a
pipeline that holds less than a cycle's worth of the goal will not carry the months after
this one, and marketing is what fills it.

| pipeline coverage, in sales cycles | sales on pace (pace ≥ 90 %) | behind (pace < 90 %) |
|---|---|---|
| under 0.5 (thin)                   | target + 15 points          | target + 15 points   |
| 0.5 to under 1 (short)             | target + 5 points           | target + 5 points    |
| 1 to under 2 (enough)              | the target                  | target − 10 points   |
| 2 or more (full)                   | target − 10 points          | target − 20 points   |

A move up never goes past 80 % marketing, a move down never below 20 % (unless the target
itself is past them: then the target). Every column falls as coverage grows, so more coverage
never suggests more marketing (a property test holds it to that). Without a goal there is no
coverage: the plan keeps the target. "The target" is the split the owner chose in Settings
(a used plan's override of next week does not move the next plan); the hours stay next week's
target hours; when the goal
needs more hours a week than that at the business's revenue per hour over the 13 weeks
(`hours_needed` = weekly revenue needed / revenue per hour), the sentence says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.model.formatting import percent, whole_money
from app.model.goals.pacing import Pacing
from app.model.review.pipeline import Pipeline
from app.model.review.rates import Rates

WEEKS_A_YEAR = 52
MONTHS_A_YEAR = 12
THIN, SHORT, FULL = 0.5, 1.0, 2.0  # pipeline coverage, in sales cycles
BEHIND_PACE = 0.9  # sales are behind when won is under 90 % of expected by now
MOVE = {"thin": 0.15, "short": 0.05, "enough": 0.0, "full": -0.10}
MOVE_BEHIND = {"thin": 0.15, "short": 0.05, "enough": -0.10, "full": -0.20}
HIGHEST, LOWEST = 0.8, 0.2  # how far a suggestion moves the share
ASSUMED_CYCLE_WEEKS = 4.0  # the sales cycle when no lead was won in the 13 weeks
SHORTEST_CYCLE_WEEKS = 1.0


def weekly_needed(goal: Decimal) -> Decimal:
    """The revenue a week needs for the goal: goal × 12 / 52."""
    return goal * MONTHS_A_YEAR / WEEKS_A_YEAR


def coverage_weeks(weighted: Decimal, goal: Decimal | None) -> float | None:
    """How many weeks of the goal the weighted pipeline holds (None without a goal)."""
    return float(weighted / weekly_needed(goal)) if goal else None


def hours_needed(goal: Decimal | None, rates: Rates) -> float | None:
    """The hours a week the goal needs at the 13 weeks' revenue per hour worked."""
    per_hour = rates.revenue_per_hour
    if not goal or per_hour is None:
        return None
    return float(weekly_needed(goal) / per_hour)


def cycle_weeks(cycle_days: float | None) -> float:
    if cycle_days is None:
        return ASSUMED_CYCLE_WEEKS
    return max(cycle_days / 7, SHORTEST_CYCLE_WEEKS)


def band(coverage: float, cycle: float) -> str:
    """'thin', 'short', 'enough' or 'full': the coverage measured in sales cycles."""
    cycles = coverage / cycle
    if cycles < THIN:
        return "thin"
    if cycles < SHORT:
        return "short"
    if cycles < FULL:
        return "enough"
    return "full"


def is_behind(pacing: Pacing | None) -> bool:
    pace = pacing.pace if pacing is not None else None
    return pace is not None and pace < BEHIND_PACE


def suggest(coverage: float | None, cycle: float, behind: bool, target: float) -> float:
    """The suggested marketing share (see the table above)."""
    if coverage is None:
        return round(target, 4)
    move = (MOVE_BEHIND if behind else MOVE)[band(coverage, cycle)]
    if move > 0:
        return round(min(target + move, max(target, HIGHEST)), 4)
    if move < 0:
        return round(max(target + move, min(target, LOWEST)), 4)
    return round(target, 4)  # rounded as the others: a move down never ends above it


@dataclass(frozen=True)
class Plan:
    week: str  # the week it is for: the one after the reviewed week
    coverage_weeks: float | None
    hours_needed: float | None
    suggested_marketing_share: float
    suggested_hours: float
    target_marketing_share: float  # the split the owner meant to keep (Settings)
    target_hours: float
    cycle_weeks: float
    cycle_known: bool
    band: str  # "no goal", "thin", "short", "enough", "full"
    behind: bool
    rates: Rates
    reason: str
    numbers: tuple[tuple[str, str], ...]
    next_week_share: float  # next week's target share as it is now (its override, if any)
    next_week_set: bool  # whether next week has a target of its own (an override)

    @property
    def changes_target(self) -> bool:
        """Whether using the split would change next week's target."""
        return self.suggested_marketing_share != round(self.next_week_share, 4)


def _weeks(value: float) -> str:
    shown = f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"
    return f"{shown} week{'' if shown == '1' else 's'}"


def _already(share: float, next_week: float | None, is_set: bool, in_sales: bool) -> str:
    """What the sentence adds when next week has a target of its own: that it is the split
    suggested, or which split it is (said as marketing or sales, as the sentence says it)."""
    if not is_set or next_week is None:
        return ""
    if round(next_week, 4) == share:
        return " — already set for next week"
    if in_sales:
        return f"; next week is set to {percent(1 - next_week)} sales"
    return f"; next week is set to {percent(next_week)} marketing"


def make_plan(
    *,
    week: str,
    pacing: Pacing | None,
    pipeline: Pipeline,
    rates: Rates,
    target_share: float,
    target_hours: float,
    currency: str,
    next_week_share: float | None = None,
    next_week_set: bool = False,
) -> Plan:
    """Next week's (`week`) split from the month's pacing, the pipeline and the 13 weeks.
    The share moves from `target_share`, the split the owner chose in Settings — not from
    next week's target, which a used plan has set already (`next_week_share`, the target by
    default): using the split twice gives the same split, never a ratchet. When next week
    has a target of its own (`next_week_set`), the sentence says whether it is the split
    suggested ("already set for next week") or which it is ("next week is set to 45%
    marketing")."""
    goal = pacing.goal if pacing is not None else None
    coverage = coverage_weeks(pipeline.weighted, goal)
    needed = hours_needed(goal, rates)
    cycle = cycle_weeks(rates.sales_cycle_days)
    behind = is_behind(pacing)
    share = suggest(coverage, cycle, behind, target_share)
    which = "no goal" if coverage is None else band(coverage, cycle)
    cycle_words = (
        f"your sales cycle is {_weeks(cycle)}"
        if rates.sales_cycle_days is not None
        else f"your sales cycle is taken as {_weeks(cycle)} (no wins in the last 13 weeks)"
    )
    marketing = f"{percent(share)} marketing next week (target {percent(target_share)})"
    sales = f"{percent(1 - share)} sales next week (target {percent(1 - target_share)})"
    hot = pipeline.of("hot")
    in_sales = which == "full" or (behind and which == "enough")  # the sentence says sales
    if coverage is None:
        reason = (
            f"No revenue goal is set, so the split stays yours: {percent(share)} marketing "
            "next week (set a goal in Settings to get a plan from your pipeline)"
        )
    elif behind and which in ("enough", "full") and hot.open:
        assert pacing is not None
        reason = (
            f"{hot.open:,} hot lead{'s' * (hot.open != 1)} worth "
            f"{whole_money(hot.value, currency)} {'are' if hot.open != 1 else 'is'} waiting "
            f"and you are {whole_money(pacing.behind, currency)} behind: {sales}"
        )
    elif behind and which in ("enough", "full"):
        assert pacing is not None
        reason = (
            f"Pipeline covers {_weeks(coverage)} of your goal and you are "
            f"{whole_money(pacing.behind, currency)} behind: close what is there — {sales}"
        )
    elif which == "thin":
        reason = (
            f"Pipeline covers {_weeks(coverage)} of your goal and {cycle_words}: "
            f"feed marketing — {marketing}"
        )
    elif which == "short":
        reason = (
            f"Pipeline covers {_weeks(coverage)} of your goal, less than a sales cycle "
            f"({cycle_words}): a little more marketing — {marketing}"
        )
    elif which == "enough":
        reason = (
            f"Pipeline covers {_weeks(coverage)} of your goal, a sales cycle or more "
            f"({cycle_words}), and sales are on pace: keep your split — {marketing}"
        )
    else:
        reason = (
            f"Pipeline covers {_weeks(coverage)} of your goal, twice a sales cycle or more "
            f"({cycle_words}): feed sales — {sales}"
        )
    reason += _already(share, next_week_share, next_week_set, in_sales)
    if needed is not None and needed > target_hours:
        reason += (
            f"; your goal needs ~{needed:.0f} h a week at your numbers; you planned "
            f"{target_hours:g}"
        )
    numbers: list[tuple[str, str]] = []
    if coverage is not None:
        numbers.append(("pipeline covers", _weeks(coverage)))
    assumed = "" if rates.sales_cycle_days is not None else " (assumed)"
    numbers.append(("sales cycle", _weeks(cycle) + assumed))
    if pacing is not None:
        numbers.append(("won of the expected by now", percent(pacing.pace)))
    if needed is not None:
        numbers.append(("hours the goal needs", f"~{needed:.0f} h"))
    numbers.append(("suggested", f"{percent(share)} marketing, {target_hours:g} h"))
    return Plan(
        week=week,
        coverage_weeks=coverage,
        hours_needed=needed,
        suggested_marketing_share=share,
        suggested_hours=target_hours,
        target_marketing_share=target_share,
        target_hours=target_hours,
        cycle_weeks=cycle,
        cycle_known=rates.sales_cycle_days is not None,
        band=which,
        behind=behind,
        rates=rates,
        reason=reason + ".",
        numbers=tuple(numbers),
        next_week_share=target_share if next_week_share is None else next_week_share,
        next_week_set=next_week_set,
    )
