"""hearth-cli goal: the monthly revenue goal (a month's own, or the default for every month),
and next week's split planned from it (`goal plan`, `--apply` to make it next week's target)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.store.db import Store


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    open_store: Callable[[argparse.Namespace], Store],
) -> None:
    goal = commands.add_parser(
        "goal",
        help="the monthly revenue goal, and next week's split planned from it",
        description="A revenue goal per calendar month: a month's own goal, else the default "
        "goal, else none. Reviews use the goals as they are set now, so changing a past "
        "month's goal re-computes its reviews.",
    )
    actions = goal.add_subparsers(dest="goal_action", metavar="ACTION", required=True)
    set_goal = actions.add_parser("set", help="set a month's goal, or the default goal")
    set_goal.add_argument("month", nargs="?", metavar="MONTH", help="e.g. 2026-11")
    set_goal.add_argument("amount", metavar="AMOUNT", help="e.g. 30000 or 30000.50")
    set_goal.add_argument(
        "--default", action="store_true", help="the goal of every month without its own"
    )
    unset = actions.add_parser("unset", help="remove a month's goal (or the default)")
    unset.add_argument("month", nargs="?", metavar="MONTH", help="e.g. 2026-11")
    unset.add_argument("--default", action="store_true", help="remove the default goal")
    actions.add_parser("list", help="the default goal and every month's own")
    plan = actions.add_parser(
        "plan",
        help="next week's split, planned from the goal and the pipeline",
        description="The suggested marketing share for the week after WEEK (default: this "
        "week), with the sentence that says why and the numbers it used; --apply makes it "
        "that week's target (its hours stay the target's).",
    )
    plan.add_argument("--week", metavar="WEEK", help="the week reviewed, e.g. 2026-W47")
    plan.add_argument("--person", metavar="NAME", help="one person's target (default: everyone)")
    plan.add_argument("--apply", action="store_true", help="make it next week's target")
    goal.set_defaults(handler=lambda a: cmd_goal(a, open_store))


def cmd_goal(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Store]) -> int:
    from app.model.errors import ValidationError

    action = args.goal_action
    if action in ("set", "unset"):
        month = args.month
        if action == "set" and args.default and month is not None:
            raise ValidationError("Give either a month or --default, not both.")
        if not args.default and month is None:
            raise ValidationError("Name the month (like 2026-11), or say --default.")
    if action == "plan":
        return _plan(args, open_store)
    store = open_store(args)
    try:
        with store.writer() as session:
            said = _goal_work(session, args)
            session.commit()
    finally:
        store.close()
    print(said)
    return 0


def _goal_work(session: Session, args: argparse.Namespace) -> str:
    """What `goal set`, `unset` or `list` did or found, in words."""
    from app.model.formatting import money
    from app.model.goals import service
    from app.model.store import settings as settings_service

    currency = settings_service.load(session).currency
    if args.goal_action == "set":
        if args.default:
            service.set_default(session, service.amount(args.amount))
            return f"The default goal is {money(service.amount(args.amount), currency)} a month."
        month = service.month_name(args.month)
        service.set_goal(session, month, service.amount(args.amount))
        return f"The goal of {month} is {money(service.amount(args.amount), currency)}."
    if args.goal_action == "unset":
        if args.default:
            service.set_default(session, None)
            return "No default goal now: a month without its own has no goal."
        before = service.unset_goal(session, args.month)
        now = service.goals(session).for_month(service.month_name(args.month))
        then = f"the default ({money(now, currency)})" if now is not None else "no goal"
        return (
            f"Removed the goal of {args.month.strip()} ({money(before, currency)}); it has {then}."
        )
    goals = service.goals(session)
    lines = [
        "Default goal: "
        + (f"{money(goals.default, currency)} a month" if goals.default else "none")
    ]
    lines += [f"{month}  {money(value, currency)}" for month, value in sorted(goals.months.items())]
    return "\n".join(lines)


def _plan(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Store]) -> int:
    from app.model import people
    from app.model.review.build import weekly_review
    from app.model.time import targets
    from app.model.weeks import current_week, parse_week

    week = args.week or current_week()
    parse_week(week)
    store = open_store(args)
    try:
        with store.writer() as session:
            review = weekly_review(session, week, args.person, now=datetime.now(UTC))
            plan = review.plan
            assert plan is not None
            if args.apply:
                person = people.resolve(session, args.person) if args.person else None
                targets.set_week_target(
                    session,
                    plan.week,
                    plan.suggested_marketing_share,
                    plan.suggested_hours,
                    person_id=person.id if person else None,
                )
                session.commit()
    finally:
        store.close()
    from app.report.review_text import plan_lines

    print("\n".join(plan_lines(review)))
    if args.apply:
        print(
            f"{plan.week}'s target is now {plan.suggested_marketing_share:.0%} marketing, "
            f"{plan.suggested_hours:g} h."
        )
    return 0
