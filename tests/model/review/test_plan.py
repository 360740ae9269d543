"""Next week's split (app/model/review/plan.py): the rule at each of its thresholds, its
sentences with their numbers, and its monotonicity — more coverage never suggests more
marketing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.model.goals.pacing import Pacing
from app.model.review import plan as plans
from app.model.review.pipeline import Pipeline, TemperaturePipeline, WinRate
from app.model.review.rates import Rates

GOAL = Decimal("52000")  # 12,000 a week: coverage_weeks = weighted / 12,000
WEEKLY = Decimal("12000")
CYCLE_DAYS = 14.0  # 2 weeks


def pacing(won: str = "10000", expected: str = "10000") -> Pacing:
    return Pacing("2026-11", GOAL, Decimal(won), Decimal(expected), 21, 10)


def pipeline(weighted: Decimal, hot: int = 0, hot_value: str = "0") -> Pipeline:
    parts = tuple(
        TemperaturePipeline(
            t,
            hot if t == "hot" else 0,
            Decimal(hot_value) if t == "hot" else Decimal(0),
            WinRate(t, 0, 0, 0.5),
        )
        for t in ("cold", "warm", "hot")
    )
    return Pipeline(weighted, weighted, weighted, 0, parts, None)


def rates(revenue: str = "0", hours: float = 0.0, cycle: float | None = CYCLE_DAYS) -> Rates:
    return Rates(Decimal(revenue), 3, 10, hours / 2, hours / 2, cycle)


def plan_for(
    coverage_weeks: float,
    *,
    pace: Pacing | None = None,
    target: float = 0.4,
    target_hours: float = 40,
    cycle: float | None = CYCLE_DAYS,
    revenue: str = "0",
    hours: float = 0.0,
    hot: int = 0,
    next_week: float | None = None,
) -> plans.Plan:
    weighted = (WEEKLY * Decimal(repr(coverage_weeks))).quantize(Decimal("0.01"))
    return plans.make_plan(
        week="2026-W47",
        pacing=pace if pace is not None else pacing(),
        pipeline=pipeline(weighted, hot, "18000"),
        rates=rates(revenue, hours, cycle),
        target_share=target,
        target_hours=target_hours,
        currency="EUR",
        next_week_share=next_week,
        next_week_set=next_week is not None,
    )


@pytest.mark.parametrize(
    ("coverage", "band", "share"),
    [
        (0.0, "thin", 0.55),
        (0.99, "thin", 0.55),  # 0.495 cycles
        (1.0, "short", 0.45),  # 0.5 cycles: the first threshold
        (1.99, "short", 0.45),
        (2.0, "enough", 0.4),  # 1 cycle
        (3.99, "enough", 0.4),
        (4.0, "full", 0.3),  # 2 cycles
        (40.0, "full", 0.3),
    ],
)
def test_each_coverage_threshold_on_pace(coverage: float, band: str, share: float) -> None:
    made = plan_for(coverage)
    assert (made.band, made.behind, made.suggested_marketing_share) == (band, False, share)
    assert made.coverage_weeks == pytest.approx(coverage)


@pytest.mark.parametrize(("coverage", "share"), [(0.5, 0.55), (1.5, 0.45), (2.0, 0.3), (4.0, 0.2)])
def test_each_coverage_threshold_behind(coverage: float, share: float) -> None:
    made = plan_for(coverage, pace=pacing(won="8999.99"))  # just under 90 % of 10,000
    assert made.behind and made.suggested_marketing_share == share


def test_the_pace_threshold_is_90_percent() -> None:
    assert not plan_for(2.0, pace=pacing(won="9000")).behind
    assert plan_for(2.0, pace=pacing(won="8999.99")).behind
    # Nothing expected yet (the month has not begun): no pace, not behind.
    assert not plan_for(2.0, pace=pacing(won="0", expected="0")).behind


def test_the_share_stays_between_20_and_80_percent_unless_the_target_is_past_them() -> None:
    assert plan_for(0.0, target=0.75).suggested_marketing_share == 0.8
    assert plan_for(0.0, target=0.9).suggested_marketing_share == 0.9
    assert plan_for(40.0, pace=pacing(won="0"), target=0.3).suggested_marketing_share == 0.2
    assert plan_for(40.0, pace=pacing(won="0"), target=0.1).suggested_marketing_share == 0.1


def test_the_sales_cycle_is_at_least_a_week_and_4_weeks_without_wins() -> None:
    assert plans.cycle_weeks(None) == 4.0
    assert plans.cycle_weeks(3.5) == 1.0
    assert plans.cycle_weeks(35) == 5.0
    made = plan_for(1.0, cycle=None)  # 0.25 of an assumed 4-week cycle: thin
    assert made.band == "thin" and "taken as 4 weeks (no wins in the last 13 weeks)" in made.reason


def test_the_sentences_say_the_numbers() -> None:
    assert plan_for(1.4, cycle=35).reason == (
        "Pipeline covers 1.4 weeks of your goal and your sales cycle is 5 weeks: feed "
        "marketing — 55% marketing next week (target 40%)."
    )
    behind = plan_for(4.0, pace=pacing(won="5900"), hot=21)
    assert behind.reason == (
        "21 hot leads worth 18,000 EUR are waiting and you are 4,100 EUR behind: "
        "80% sales next week (target 60%)."
    )
    assert dict(behind.numbers)["won of the expected by now"] == "59%"  # the pace


def test_without_a_goal_the_target_stays() -> None:
    made = plans.make_plan(
        week="2026-W47",
        pacing=None,
        pipeline=pipeline(Decimal("5000")),
        rates=rates("1000", 10),
        target_share=0.4,
        target_hours=40,
        currency="EUR",
    )
    assert (made.coverage_weeks, made.hours_needed, made.band) == (None, None, "no goal")
    assert made.suggested_marketing_share == 0.4 and "No revenue goal is set" in made.reason


def test_the_hours_the_goal_needs() -> None:
    """12,000 a week at 10,400 / 45 h = 231.11 an hour: ~52 h, more than the 40 planned."""
    made = plan_for(2.0, revenue="10400", hours=45)
    assert made.hours_needed == pytest.approx(12000 / (10400 / 45))
    assert made.reason.endswith("; your goal needs ~52 h a week at your numbers; you planned 40.")
    assert plan_for(2.0, revenue="10400", hours=45, target_hours=60).reason.endswith(
        "keep your split — 40% marketing next week (target 40%)."
    )
    assert plan_for(2.0).hours_needed is None  # no revenue, no hours


@given(
    low=st.floats(min_value=0, max_value=50, allow_nan=False),
    more=st.floats(min_value=0, max_value=50, allow_nan=False),
    cycle=st.floats(min_value=1, max_value=26, allow_nan=False),
    behind=st.booleans(),
    target=st.floats(min_value=0, max_value=1, allow_nan=False),
)
def test_more_coverage_never_suggests_more_marketing(
    low: float, more: float, cycle: float, behind: bool, target: float
) -> None:
    fewer = plans.suggest(low, cycle, behind, target)
    assert plans.suggest(low + more, cycle, behind, target) <= fewer
    assert 0 <= fewer <= 1


def test_the_sentence_says_when_next_week_already_has_the_split() -> None:
    """A used plan's override of next week: the plan says so rather than read as if nothing
    were set, and says it before the hours the goal needs."""
    made = plan_for(1.4, cycle=35, next_week=0.55, revenue="10400", hours=45)
    assert not made.changes_target
    assert made.reason == (
        "Pipeline covers 1.4 weeks of your goal and your sales cycle is 5 weeks: feed "
        "marketing — 55% marketing next week (target 40%) — already set for next week; your "
        "goal needs ~52 h a week at your numbers; you planned 40."
    )
    # A share stored unrounded still counts as the split suggested (as changes_target does).
    assert plan_for(1.4, cycle=35, next_week=0.550001).reason.endswith(
        "— already set for next week."
    )


def test_the_sentence_says_another_split_set_for_next_week() -> None:
    made = plan_for(1.4, cycle=35, next_week=0.45)
    assert made.changes_target
    assert made.reason == (
        "Pipeline covers 1.4 weeks of your goal and your sales cycle is 5 weeks: feed "
        "marketing — 55% marketing next week (target 40%); next week is set to 45% marketing."
    )
    # A sentence in sales says next week's split in sales too.
    full = plan_for(4.0, next_week=0.5)
    assert full.reason.endswith(
        "feed sales — 70% sales next week (target 60%); next week is set to 50% sales."
    )
    # An override equal to the Settings split is still said when the plan moves from it.
    assert plan_for(0.0, next_week=0.4).reason.endswith("; next week is set to 40% marketing.")


def test_without_an_override_the_sentence_says_nothing_of_next_weeks_target() -> None:
    """No target of its own next week: the split kept is the Settings one, not 'already set'."""
    kept = plan_for(2.0)
    assert not kept.changes_target and kept.reason.endswith(
        "keep your split — 40% marketing next week (target 40%)."
    )
    assert "set for next week" not in kept.reason and "next week is set" not in kept.reason


def test_without_a_goal_an_override_of_next_week_is_said() -> None:
    made = plans.make_plan(
        week="2026-W47",
        pacing=None,
        pipeline=pipeline(Decimal("5000")),
        rates=rates(),
        target_share=0.4,
        target_hours=40,
        currency="EUR",
        next_week_share=0.3,
        next_week_set=True,
    )
    assert made.reason.endswith(
        "(set a goal in Settings to get a plan from your pipeline); next week is set to 30% "
        "marketing."
    )
