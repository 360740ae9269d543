"""The weekly review: one computation, `weekly_review(db, week, person=None)`.

Every figure follows PRODUCT.md ("Rules the numbers follow") and comes from the one function
that computes it elsewhere in the model: hours from `hours`, targets and the balance from
`targets`, campaign figures from `campaign_figures`; the leads part is in `review_leads`,
the advice rules in `advice`. The goal part ("Goals, pacing and the pipeline") is the
business's, whoever the review is for: the pacing from `goals.pacing`, the win rates and the
weighted pipeline from `pipeline`, the 13 weeks' rates from `rates`, next week's split from
`plan`. The result is a plain immutable `WeeklyReview`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from app.model import people as people_service
from app.model.campaigns.figures import CampaignFigures, figures
from app.model.enums import Side
from app.model.errors import ValidationError
from app.model.goals import service as goals_service
from app.model.goals.pacing import Goals, Pacing
from app.model.review import pipeline as pipelines
from app.model.review.leads import leads_section, open_at
from app.model.review.plan import Plan, make_plan
from app.model.review.rates import RATE_WEEKS, WeekFigures, sales_cycle_days, summed
from app.model.review.types import TimeSection, TrendWeek, WeeklyReview
from app.model.store import settings as settings_service
from app.model.store.reading import Reader, reading
from app.model.time.hours import hours_in, marketing_share, summed_hours_per_period
from app.model.time.targets import Balance, combined_target, target_for, whose
from app.model.weeks import FIRST_YEAR, LAST_YEAR, parse_week, week_bounds, week_name

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TREND_WEEKS = 8


def weekly_review(
    db: Session | Reader,
    week: str,
    person: str | None = None,
    *,
    now: datetime | None = None,
) -> WeeklyReview:
    """Everything the review shows for `week` ("2026-W47"); `person` (a name) narrows hours,
    targets and leads to that person (the leads they own); None means everyone. `db` is the
    session, or a Reader over sqlite3 alone (the window's first numbers, `summary --json`)."""
    from app.model.review.advice import advise

    reader = reading(db)
    moment = now or datetime.now(UTC)
    settings = settings_service.load(reader)
    who = people_service.resolve(reader, person) if person else None
    person_id = who.id if who else None
    monday = parse_week(week)
    _check_reviewable(week, monday)
    start, end = week_bounds(week)
    hours = hours_in(reader, start, end, person_id=person_id, now=moment)
    target = (
        target_for(reader, week, person_id)
        if person_id is not None
        else combined_target(reader, week)
    )
    balance = Balance(week, hours, target, whose(reader, person_id))
    by_person = tuple(
        (name, sides.get(Side.MARKETING, 0.0), sides.get(Side.SALES, 0.0))
        for name, sides in sorted(hours.by_person.items())
    )
    time = TimeSection(
        marketing=hours.marketing,
        sales=hours.sales,
        by_category=tuple(
            (side.value, category, value)
            for (side, category), value in sorted(
                hours.by_category.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1])
            )
        ),
        by_person=by_person,
        by_day=tuple(
            (day, sides.get(Side.MARKETING, 0.0), sides.get(Side.SALES, 0.0))
            for day, sides in sorted(hours.by_day.items())
        ),
        target_share=target.marketing_share,
        target_hours=target.hours,
        gap_to_split=balance.gap_to_split,
        words=balance.words(),
    )
    as_of = min(moment, end)  # T: the week's end, or now while the week runs
    everyone_open = open_at(reader, as_of)
    leads = leads_section(
        reader,
        start=start,
        end=end,
        now=moment,
        next_week=(monday + timedelta(days=7), monday + timedelta(days=13)),
        stale_days=settings.stale_days,
        owner_id=person_id,
        open_leads=everyone_open if person_id is None else None,
    )
    goals = goals_service.goals(reader)
    goal = goals_service.pacing(reader, goals, week, as_of)
    rates = pipelines.win_rates(reader, as_of, pipelines.starting_rates(settings))
    pipeline = pipelines.weigh(
        everyone_open.temperatures,
        everyone_open.values,
        rates,
        pipelines.average_deal(reader, as_of),
    )
    weeks = _weeks(reader, monday, RATE_WEEKS, moment, None)
    own = weeks if person_id is None else _weeks(reader, monday, TREND_WEEKS, moment, person_id)
    trend = [_trend_week(reader, goals, w, moment) for w in own[-TREND_WEEKS:]]
    review = WeeklyReview(
        week=week,
        start=monday,
        end=monday + timedelta(days=6),
        starts_at=start,
        ends_at=end,
        made_at=moment,
        business_name=settings.business_name,
        currency=settings.currency,
        person=who.name if who else None,
        stale_days=settings.stale_days,
        time=time,
        leads=leads,
        campaigns=tuple(
            _campaigns(reader, monday, start, end, settings.hourly_rate, moment, person_id)
        ),
        trend=tuple(trend),
        page_size=settings.page_size,
        goal=goal,
        pipeline=pipeline,
        plan=_plan(
            reader,
            monday,
            as_of,
            weeks,
            goal,
            pipeline,
            person_id,
            settings.currency,
            settings.marketing_share,
        ),
    )
    return replace(review, advice=tuple(advise(review)))


def _plan(
    reader: Reader,
    monday: date,
    as_of: datetime,
    weeks: list[WeekFigures],
    goal: Pacing | None,
    pipeline: pipelines.Pipeline,
    person_id: int | None,
    currency: str,
    default_share: float,
) -> Plan:
    """Next week's split for whom the review is about: from the split chosen in Settings,
    with their target hours next week."""
    following = week_name(monday + timedelta(days=7))
    target = (
        target_for(reader, following, person_id)
        if person_id is not None
        else combined_target(reader, following)
    )
    first = week_bounds(weeks[0].week)[0]
    return make_plan(
        week=following,
        pacing=goal,
        pipeline=pipeline,
        rates=summed(weeks, sales_cycle_days(reader, first, as_of)),
        target_share=default_share,
        target_hours=target.hours,
        currency=currency,
        next_week_share=target.marketing_share,
        next_week_set=target.overridden,
    )


def _campaigns(
    reader: Reader,
    monday: date,
    start: datetime,
    end: datetime,
    hourly_rate: Decimal,
    now: datetime,
    owner_id: int | None,
) -> list[CampaignFigures]:
    """PRODUCT.md's per-campaign figures at the week's end, for the campaigns running in the
    week (by their dates) or that brought leads in it."""
    sunday = monday + timedelta(days=6)
    running = reader.rows(
        "SELECT campaign.id FROM campaign WHERE (campaign.start_date IS NOT NULL "
        "OR campaign.end_date IS NOT NULL) "
        "AND (campaign.start_date IS NULL OR campaign.start_date <= :sunday) "
        "AND (campaign.end_date IS NULL OR campaign.end_date >= :monday)",
        {"sunday": reader.on(sunday), "monday": reader.on(monday)},
    )
    brought = (
        "SELECT DISTINCT lead.source_id FROM lead WHERE lead.source_id IS NOT NULL "
        "AND lead.created_at >= :start AND lead.created_at < :end"
    )
    if owner_id is not None:
        brought += " AND lead.owner_id = :owner"
    found: set[int] = {i for (i,) in running}
    found.update(
        i
        for (i,) in reader.rows(
            brought, {"start": reader.at(start), "end": reader.at(end), "owner": owner_id}
        )
        if i is not None
    )
    if not found:
        return []
    rows = figures(reader, end=min(end, now), hourly_rate=hourly_rate, campaign_ids=found)
    return sorted(rows, key=lambda r: (-r.leads, r.name))


def _trend_week(reader: Reader, goals: Goals, week: WeekFigures, now: datetime) -> TrendWeek:
    """A week of the trend, with the pace of its month at its end (None without a goal)."""
    paced = goals_service.pacing(reader, goals, week.week, min(now, week_bounds(week.week)[1]))
    return TrendWeek(
        week=week.week,
        marketing_share=marketing_share(week.marketing_hours, week.sales_hours),
        hours=week.marketing_hours + week.sales_hours,
        new_leads=week.new_leads,
        won=week.wins,
        revenue=week.revenue,
        pace=paced.pace if paced is not None else None,
    )


def _check_reviewable(week: str, monday: date) -> None:
    """A review looks back RATE_WEEKS weeks (its rates; the trend's 8 are among them) and plans
    the week after: all of them must be weeks Hearth keeps."""
    looked_back = max(RATE_WEEKS, TREND_WEEKS)
    earliest = parse_week(f"{FIRST_YEAR}-W01") + timedelta(weeks=looked_back - 1)
    in_the_last_week = date(LAST_YEAR, 12, 28)  # 28 December is always in a year's last week
    latest = in_the_last_week - timedelta(days=in_the_last_week.weekday(), weeks=1)
    if monday < earliest:
        raise ValidationError(
            f"{week.strip()!r} is too early for a review: it looks back {looked_back} weeks, "
            f"to before {FIRST_YEAR}; the first week Hearth reviews is {week_name(earliest)}."
        )
    if monday > latest:
        raise ValidationError(
            f"{week.strip()!r} is too late for a review: it plans the week after, which is "
            f"past {LAST_YEAR}; the last week Hearth reviews is {week_name(latest)}."
        )


def _weeks(
    reader: Reader, monday: date, count: int, now: datetime, owner_id: int | None
) -> list[WeekFigures]:
    """Hours by side, new leads, wins and revenue of the `count` weeks ending this one,
    oldest first (the trend's 8, the plan's 13)."""
    names = [week_name(monday - timedelta(weeks=back)) for back in range(count - 1, -1, -1)]
    bounds = [week_bounds(name) for name in names]
    params: dict[str, object] = {"owner": owner_id}
    for number, (begin, end) in enumerate(bounds):
        params[f"b{number}"], params[f"e{number}"] = reader.at(begin), reader.at(end)

    def each_week(
        select_from: str, column: str, *, where: str = "", joined: str | None = None
    ) -> list[str]:
        """The query for each week (a range of `column`'s index) as a scalar subquery: the
        weeks' figures all come in one statement. For one owner, `joined` is the lead id
        column to join the lead on; the owner is compared through a function, so that no
        database reads the owner's index for it: a week's range of the time index is the
        shorter road."""
        conditions = [where] if where else []
        if owner_id is not None:
            if joined is not None:
                select_from += f" JOIN lead ON lead.id = {joined}"
            conditions.append("coalesce(lead.owner_id, 0) = :owner")
        return [
            f"({select_from} WHERE "
            + " AND ".join([*conditions, f"{column} >= :b{n}", f"{column} < :e{n}"])
            + ")"
            for n in range(count)
        ]

    counted = reader.one(
        "SELECT "
        + ", ".join(
            [
                *each_week("SELECT count(*) FROM lead", "lead.created_at"),
                *each_week(
                    "SELECT count(*) FROM status_change",
                    "status_change.at",
                    where="status_change.to_status = 'won'",
                    joined="status_change.lead_id",
                ),
                *each_week(
                    "SELECT sum(deal.value) FROM deal", "deal.won_at", joined="deal.lead_id"
                ),
            ]
        ),
        params,
    )
    new, won, revenue = counted[:count], counted[count : 2 * count], counted[2 * count :]
    per_week_hours = summed_hours_per_period(reader, bounds, by="side", person_id=owner_id, now=now)
    return [
        WeekFigures(
            week=name,
            marketing_hours=sides.get(Side.MARKETING.value, 0.0),
            sales_hours=sides.get(Side.SALES.value, 0.0),
            new_leads=int(new[number] or 0),
            wins=int(won[number] or 0),
            revenue=reader.money(revenue[number]) or Decimal(0),
        )
        for number, (name, sides) in enumerate(zip(names, per_week_hours, strict=True))
    ]
