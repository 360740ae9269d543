"""Each advice rule on its own, on review objects made here: it fires on the numbers it is
about, with those numbers, and stays quiet just below its threshold."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from app.model.campaigns.figures import CampaignFigures
from app.model.goals.pacing import Pacing
from app.model.review import advice
from app.model.review.pipeline import Pipeline, TemperaturePipeline, WinRate
from app.model.review.plan import Plan, make_plan
from app.model.review.rates import Rates
from app.model.review.types import LeadLine, LeadsSection, TimeSection, WeeklyReview

MONDAY = date(2026, 11, 16)
NOW = datetime(2026, 11, 20, 16, tzinfo=UTC)


def _time(marketing: float, sales: float, share: float = 0.4, hours: float = 40) -> TimeSection:
    return TimeSection(
        marketing=marketing,
        sales=sales,
        by_category=(),
        by_person=(),
        by_day=(),
        target_share=share,
        target_hours=hours,
        gap_to_split=share * (marketing + sales) - marketing,
        words="",
    )


def _line(n: int, temperature: str = "hot", last: datetime | None = None) -> LeadLine:
    return LeadLine(n, f"Lead {n}", "", temperature, last)


def _leads(
    *,
    cold: int = 0,
    warm: int = 0,
    hot: tuple[LeadLine, ...] = (),
    stale: tuple[LeadLine, ...] = (),
) -> LeadsSection:
    return LeadsSection(
        new=0,
        new_by_source=(),
        by_temperature=(("cold", cold), ("warm", warm), ("hot", len(hot))),
        warmed=0,
        heated=0,
        cooled=0,
        won=0,
        revenue=Decimal(0),
        deals=(),
        lost=0,
        lost_reasons=(),
        hot=hot,
        stale=stale,
        follow_ups=(),
    )


def _review(
    time: TimeSection, leads: LeadsSection, campaigns: tuple[CampaignFigures, ...] = ()
) -> WeeklyReview:
    return WeeklyReview(
        week="2026-W47",
        start=MONDAY,
        end=date(2026, 11, 22),
        starts_at=NOW,
        ends_at=NOW,
        made_at=NOW,
        business_name="Test Bakery",
        currency="EUR",
        person=None,
        stale_days=14,
        time=time,
        leads=leads,
        campaigns=campaigns,
        trend=(),
    )


def _campaign(name: str, won: int, cost: str, **kw: object) -> CampaignFigures:
    return CampaignFigures(1, name, "events", Decimal(cost), leads=10, won=won, **kw)  # type: ignore[arg-type]


def test_hot_leads_waiting_with_sales_under_target_moves_hours_to_sales() -> None:
    hot = (_line(1), _line(2), _line(3))
    # 30 h: sales 12 h = 40 % against 60 %: 6 h to move
    (found,) = advice.hot_leads_need_sales(_review(_time(18, 12), _leads(hot=hot)))
    assert found.text.startswith("Move 6 h from marketing to sales next week: 3 hot leads")
    assert ("hours to move", "6 h") in found.numbers and ("sales share", "40%") in found.numbers
    assert found.action == "open" and found.lead_ids == (1, 2, 3)
    # on target, or no hot leads: quiet
    assert advice.hot_leads_need_sales(_review(_time(12, 18), _leads(hot=hot))) == []
    assert advice.hot_leads_need_sales(_review(_time(18, 12), _leads())) == []
    # under an hour to move is not worth a sentence
    assert advice.hot_leads_need_sales(_review(_time(12.9, 17.1), _leads(hot=hot))) == []


def test_few_warm_leads_and_marketing_under_target_asks_for_marketing() -> None:
    campaigns = (
        _campaign("Fair", 2, "400"),  # CAC 200
        _campaign("Ads", 4, "400"),  # CAC 100: the cheapest
        _campaign("Blog", 0, "50"),  # no customers: no CAC
    )
    # 30 h, marketing 6 h = 20 % against 40 %: 6 h more on marketing
    (found,) = advice.more_marketing(_review(_time(6, 24), _leads(warm=2), campaigns))
    assert found.text.startswith("Spend 6 h more on marketing next week: only 2 warm or hot")
    assert "Ads brought customers cheapest (true CAC 100.00 EUR)" in found.text
    assert ("true CAC of Ads", "100.00") in found.numbers
    # enough warm and hot leads, or marketing on target: quiet
    assert advice.more_marketing(_review(_time(6, 24), _leads(warm=5), campaigns)) == []
    assert advice.more_marketing(_review(_time(12, 18), _leads(warm=2), campaigns)) == []
    # without a campaign that won anything, the advice names none
    (plain,) = advice.more_marketing(_review(_time(6, 24), _leads(warm=2)))
    assert "cheapest" not in plain.text


def _plan(coverage_weeks: float, target: float = 0.4) -> Plan:
    """A plan with a goal of 52,000 a month (12,000 a week) and a 2-week sales cycle."""
    weighted = Decimal(12000 * coverage_weeks).quantize(Decimal("0.01"))
    rate = WinRate("hot", 0, 0, 0.5)
    return make_plan(
        week="2026-W48",
        pacing=Pacing("2026-11", Decimal("52000"), Decimal(100), Decimal(100), 21, 15),
        pipeline=Pipeline(
            weighted,
            weighted,
            weighted,
            0,
            tuple(TemperaturePipeline(t, 0, Decimal(0), rate) for t in ("cold", "warm", "hot")),
            None,
        ),
        rates=Rates(Decimal(0), 2, 10, 20, 20, 14.0),
        target_share=target,
        target_hours=40,
        currency="EUR",
    )


def test_with_a_goal_the_pipeline_coverage_decides_more_marketing() -> None:
    """With a goal the rule asks the business's own numbers, not the count of leads: a
    pipeline under a sales cycle's worth of the goal is thin however many leads it holds."""
    thin = replace(_review(_time(6, 24), _leads(warm=9)), plan=_plan(1.5))
    (found,) = advice.more_marketing(thin)
    assert found.text.startswith(
        "Spend 6 h more on marketing next week: your pipeline covers 1.5 weeks of your goal, "
        "less than your sales cycle (2.0 weeks) and marketing got 20%"
    )
    assert ("pipeline covers", "1.5 weeks") in found.numbers
    # a cycle's worth or more: quiet, even with only 2 warm leads open
    full = replace(_review(_time(6, 24), _leads(warm=2)), plan=_plan(2.0))
    assert advice.more_marketing(full) == []


def test_the_plan_is_advice_when_it_changes_the_target() -> None:
    (found,) = advice.next_weeks_split(replace(_review(_time(0, 0), _leads()), plan=_plan(0.5)))
    assert found.rule == "next_weeks_split" and found.action == "use_split"
    assert found.text.startswith("Pipeline covers 0.5 weeks of your goal") and "55%" in found.text
    assert ("sales cycle", "2 weeks") in found.numbers
    # the plan keeps the target (a cycle's worth, on pace), or no plan: quiet
    kept = replace(_review(_time(0, 0), _leads()), plan=_plan(3.0))
    assert kept.plan is not None and kept.plan.band == "enough"
    assert advice.next_weeks_split(kept) == []
    assert advice.next_weeks_split(_review(_time(0, 0), _leads())) == []


def test_stale_hot_leads_are_to_call_or_cool() -> None:
    stale = (_line(7, "hot"), _line(8, "warm"), _line(9, "hot"))
    (found,) = advice.stale_hot_leads(_review(_time(0, 0), _leads(stale=stale)))
    assert found.text == "Call or cool 2 hot leads untouched for 14 days or more: Lead 7, Lead 9."
    assert found.action == "cool" and found.lead_ids == (7, 9)
    only_warm = _leads(stale=(_line(8, "warm"),))
    assert advice.stale_hot_leads(_review(_time(0, 0), only_warm)) == []


def test_a_campaign_mostly_lost_as_a_poor_fit_is_to_re_target() -> None:
    poor = _campaign(
        "Fair", 0, "100", lost=4, lost_reasons={"no budget": 2, "not a fit": 1, "no response": 1}
    )
    fine = _campaign("Ads", 0, "100", lost=4, lost_reasons={"no budget": 2, "no response": 2})
    found = advice.poor_fit_campaigns(_review(_time(0, 0), _leads(), (poor, fine)))
    assert [a.text for a in found] == [
        "Re-target Fair: 3 of its 4 lost leads had no budget, were not a fit or had no interest."
    ]


def test_hours_far_over_target_protect_the_week() -> None:
    (found,) = advice.protect_the_week(_review(_time(20, 30), _leads()))
    assert found.text.startswith("Protect next week: you worked 50 h against a target of 40 h")
    assert advice.protect_the_week(_review(_time(20, 24), _leads())) == []  # 44 h: 110 %


def test_advise_runs_every_rule_in_order() -> None:
    review = _review(
        _time(18, 32),  # 50 h; sales 64 % against 60 %: no sales advice
        _leads(hot=(_line(1),), stale=(_line(1),)),
    )
    assert [a.rule for a in advice.advise(review)] == [
        "stale_hot_leads",
        "more_marketing",
        "protect_the_week",
    ]
    quiet = replace(review, time=_time(16, 24), leads=_leads(warm=9))
    assert advice.advise(quiet) == []


def test_the_plans_split_and_the_settings_split_never_both_speak() -> None:
    """The plan suggests 55 % marketing next week (a thin pipeline); sales is under its
    Settings target with hot leads waiting, which alone says "move hours to sales": the two
    would contradict each other (a new owner's walk of #18), so the plan's alone is said."""
    hot = (_line(1), _line(2))
    contrary = replace(_review(_time(18, 12), _leads(hot=hot)), plan=_plan(0.5))
    assert advice.hot_leads_need_sales(contrary) != []  # alone, the rule would speak
    assert [a.rule for a in advice.advise(contrary)] == ["next_weeks_split"]
    # without a plan that changes the target, the Settings split's rules speak as before
    kept = replace(contrary, plan=_plan(3.0))
    assert [a.rule for a in advice.advise(kept)] == ["hot_leads_need_sales"]


def test_beside_the_plan_the_advice_says_what_is_left() -> None:
    """Where the plan is shown itself (the Review page, the PDF) its advice is not listed
    again, and "keep the plan" is never said under a plan that changes next week's split."""
    changing = replace(_review(_time(0, 0), _leads()), plan=_plan(0.5))
    changing = replace(changing, advice=tuple(advice.advise(changing)))
    assert advice.beside_the_plan(changing) == (
        [],
        "Nothing else stands out: next week's split above is the change to make.",
    )
    quiet = _review(_time(16, 24), _leads(warm=9))
    assert advice.beside_the_plan(quiet) == ([], "Nothing stands out this week: keep the plan.")
    hot = (_line(1),)
    busy = replace(quiet, time=_time(18, 12), leads=_leads(hot=hot))
    busy = replace(busy, advice=tuple(advice.advise(busy)))
    shown, instead = advice.beside_the_plan(busy)
    assert [a.rule for a in shown] == ["hot_leads_need_sales"] and instead is None
