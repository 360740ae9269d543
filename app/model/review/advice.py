"""What to change next week: explicit rules over a `WeeklyReview`, each on its own.

Every rule reads only the review object and returns its recommendations (usually none or one),
each with the numbers that triggered it. `advise` runs them in order of urgency.
"""

from __future__ import annotations

from collections.abc import Callable

from app.model.formatting import count, hours, money, percent
from app.model.review.types import Advice, WeeklyReview

MIN_HOURS_TO_MOVE = 1.0  # a smaller gap to the split is not worth a sentence
FEW_WARM_OR_HOT = 5  # fewer open warm and hot leads than this: the pipeline runs dry
OVER_TARGET = 1.1  # hours above 110 % of the target ...
OVER_TARGET_HOURS = 2.0  # ... and at least this many hours over: protect the week


def _names(names: list[str], shown: int = 3) -> str:
    if len(names) <= shown:
        return ", ".join(names)
    return ", ".join(names[:shown]) + f" and {len(names) - shown} more"


def hot_leads_need_sales(review: WeeklyReview) -> list[Advice]:
    """Hot leads are waiting while sales got less than its share of the hours."""
    time, hot = review.time, review.leads.hot
    move = -time.gap_to_split
    if not hot or move < MIN_HOURS_TO_MOVE:
        return []
    sales_share = None if time.marketing_share is None else 1 - time.marketing_share
    return [
        Advice(
            "hot_leads_need_sales",
            f"Move {hours(move)} from marketing to sales next week: {len(hot)} hot "
            f"lead{'s' * (len(hot) != 1)} {'are' if len(hot) != 1 else 'is'} waiting and sales "
            f"got {percent(sales_share)} of your hours (target {percent(1 - time.target_share)}).",
            (
                ("hot leads", str(len(hot))),
                ("sales share", percent(sales_share)),
                ("sales target", percent(1 - time.target_share)),
                ("hours to move", hours(move)),
            ),
            action="open",
            lead_ids=tuple(line.id for line in hot),
        )
    ]


def _thin_pipeline(review: WeeklyReview) -> tuple[str, list[tuple[str, str]]] | None:
    """Why the pipeline runs dry, with its numbers; None when it does not. With a goal, the
    business's own numbers say it (the weighted pipeline holds less than a sales cycle's
    worth of the goal: the plan's "thin" or "short"); without one, fewer than
    FEW_WARM_OR_HOT warm and hot leads are open."""
    plan = review.plan
    if plan is not None and plan.coverage_weeks is not None:
        if plan.band not in ("thin", "short"):
            return None
        cycle = f"{plan.cycle_weeks:.1f} weeks"
        return (
            f"your pipeline covers {plan.coverage_weeks:.1f} weeks of your goal, less than "
            f"your sales cycle ({cycle})",
            [("pipeline covers", f"{plan.coverage_weeks:.1f} weeks"), ("sales cycle", cycle)],
        )
    warm_or_hot = review.leads.count("warm") + review.leads.count("hot")
    if warm_or_hot >= FEW_WARM_OR_HOT:
        return None
    return (
        f"only {warm_or_hot} warm or hot lead{'s' * (warm_or_hot != 1)} "
        f"{'are' if warm_or_hot != 1 else 'is'} open",
        [("warm and hot leads", str(warm_or_hot))],
    )


def more_marketing(review: WeeklyReview) -> list[Advice]:
    """The pipeline runs dry and marketing is under its target: fill it, through the
    campaign that brought customers cheapest."""
    time = review.time
    thin = _thin_pipeline(review)
    if thin is None or time.gap_to_split < MIN_HOURS_TO_MOVE:
        return []
    why, numbers = thin
    numbers += [
        ("marketing share", percent(time.marketing_share)),
        ("marketing target", percent(time.target_share)),
        ("hours to move", hours(time.gap_to_split)),
    ]
    text = (
        f"Spend {hours(time.gap_to_split)} more on marketing next week: {why} and "
        f"marketing got {percent(time.marketing_share)} of your hours "
        f"(target {percent(time.target_share)})."
    )
    priced = [c for c in review.campaigns if c.true_cac is not None]
    if priced:
        best = min(priced, key=lambda c: (c.true_cac, c.name))
        assert best.true_cac is not None
        text += (
            f" {best.name} brought customers cheapest "
            f"(true CAC {money(best.true_cac, review.currency)})."
        )
        numbers.append((f"true CAC of {best.name}", money(best.true_cac)))
    return [Advice("more_marketing", text, tuple(numbers))]


def stale_hot_leads(review: WeeklyReview) -> list[Advice]:
    """Hot leads nobody contacted for the stale days: call them, or admit they cooled."""
    stale_hot = [line for line in review.leads.stale if line.temperature == "hot"]
    if not stale_hot:
        return []
    count = len(stale_hot)
    return [
        Advice(
            "stale_hot_leads",
            f"Call or cool {count} hot lead{'s' * (count != 1)} untouched for "
            f"{review.stale_days} days or more: {_names([ln.name for ln in stale_hot])}.",
            (("stale hot leads", str(count)), ("stale after", f"{review.stale_days} days")),
            action="cool",
            lead_ids=tuple(line.id for line in stale_hot),
        )
    ]


def poor_fit_campaigns(review: WeeklyReview) -> list[Advice]:
    """A campaign whose leads are mostly lost as no budget / not a fit / no interest."""
    advice = []
    for campaign in review.campaigns:
        warning = campaign.poor_fit_warning()
        if warning is None:
            continue
        poor = campaign.poor_fit_lost
        advice.append(
            Advice(
                "poor_fit_campaign",
                f"Re-target {campaign.name}: {poor} of its {count(campaign.lost, 'lost lead')} "
                "had no budget, were not a fit or had no interest.",
                (
                    ("campaign", campaign.name),
                    ("lost as a poor fit", str(poor)),
                    ("lost", str(campaign.lost)),
                ),
            )
        )
    return advice


def next_weeks_split(review: WeeklyReview) -> list[Advice]:
    """With a goal, the plan suggests a split other than next week's target: say it, with
    its numbers (and the hours the goal needs when they are more than planned); the Review
    page's "Use this split next week" adopts it."""
    plan = review.plan
    if plan is None or plan.coverage_weeks is None or not plan.changes_target:
        return []
    return [Advice("next_weeks_split", plan.reason, plan.numbers, action="use_split")]


def protect_the_week(review: WeeklyReview) -> list[Advice]:
    """Hours far over the target: the next week needs protecting, not more work."""
    time = review.time
    over = time.total - time.target_hours
    if time.total <= time.target_hours * OVER_TARGET or over < OVER_TARGET_HOURS:
        return []
    return [
        Advice(
            "protect_the_week",
            f"Protect next week: you worked {hours(time.total)} against a target of "
            f"{hours(time.target_hours)} ({hours(over)} over). Block time off before it fills up.",
            (("hours", hours(time.total)), ("target hours", hours(time.target_hours))),
        )
    ]


# The advice that says the plan, for the places that show the plan itself beside the advice
# (the PDF's and the Review page's "Goal and pipeline"): they leave it out.
SHOWN_WITH_THE_PLAN = ("next_weeks_split",)


def beside_the_plan(review: WeeklyReview) -> tuple[list[Advice], str | None]:
    """The advice to list where the plan is shown itself, and the sentence to say instead
    when there is none (None when there is some)."""
    shown = [advice for advice in review.advice if advice.rule not in SHOWN_WITH_THE_PLAN]
    if shown:
        return shown, None
    if len(shown) < len(review.advice):
        return shown, "Nothing else stands out: next week's split above is the change to make."
    return shown, "Nothing stands out this week: keep the plan."


RULES: tuple[Callable[[WeeklyReview], list[Advice]], ...] = (
    hot_leads_need_sales,
    stale_hot_leads,
    more_marketing,
    next_weeks_split,
    poor_fit_campaigns,
    protect_the_week,
)


# The rules that steer next week's hours toward the split chosen in Settings. When the plan,
# from the business's own numbers, suggests another split for next week, they would say the
# opposite of it ("move 2.5 h to sales" beside "45 % marketing next week"): they give way.
GIVE_WAY_TO_THE_PLAN = ("hot_leads_need_sales", "more_marketing")


def advise(review: WeeklyReview) -> list[Advice]:
    found = [advice for rule in RULES for advice in rule(review)]
    if any(advice.rule == "next_weeks_split" for advice in found):
        found = [advice for advice in found if advice.rule not in GIVE_WAY_TO_THE_PLAN]
    return found
