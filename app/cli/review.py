"""hearth-cli summary / report: the weekly review in the terminal, as JSON, or as a PDF."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.model.review.types import WeeklyReview
    from app.model.store.db import Store


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    open_store: Callable[[argparse.Namespace], Store],
) -> None:
    def review_options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--week", metavar="WEEK", help="e.g. 2026-W47 (default: this week)")
        parser.add_argument(
            "--person", metavar="NAME", help="one person's hours and leads (default: everyone)"
        )

    summary = commands.add_parser(
        "summary",
        help="the weekly review in the terminal, or as JSON",
        description="The weekly review: hours against the target, leads and their moves, "
        "wins and losses, campaigns, the 8-week trend, and what to change next week.",
    )
    review_options(summary)
    summary.add_argument("--json", action="store_true", help="print it as JSON")
    summary.set_defaults(handler=lambda a: cmd_summary(a, open_store))

    report = commands.add_parser(
        "report",
        help="the weekly review as a PDF",
        description="Write the weekly review as a PDF (one or two pages for a normal week). "
        "It is written to a temporary file and renamed into place, so a failure never leaves "
        "a half-written PDF.",
    )
    review_options(report)
    report.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="where to write")
    report.set_defaults(handler=lambda a: cmd_report(a, open_store))


def _review(
    args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Store]
) -> WeeklyReview:
    from app.model.review.build import weekly_review
    from app.model.weeks import current_week, parse_week

    week = args.week or current_week()
    parse_week(week)  # a clear sentence for a badly written week, before opening anything
    quick = _review_quickly(args.db, week, args.person)
    if quick is not None:
        return quick
    store = open_store(args)
    try:
        with store.session() as session:
            return weekly_review(session, week, args.person)
    finally:
        store.close()


def _review_quickly(db: str | None, week: str, person: str | None) -> WeeklyReview | None:
    """The same review read with sqlite3 alone (no SQLAlchemy import: about half a second
    less) from a current SQLite file; None for any other database, which the ordinary road
    opens (creating, migrating or saying what is wrong)."""
    from app.cli.place import read_quickly
    from app.model.review.build import weekly_review

    return read_quickly(db, lambda reader: weekly_review(reader, week, person))


def cmd_summary(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Store]) -> int:
    review = _review(args, open_store)
    if args.json:
        import json

        from app.report.review_json import to_json

        # One write: json.dump's ~85,000 small writes each went through the terminal's
        # escaping of control characters (app.cli.visible), a third of the command's time.
        print(json.dumps(to_json(review), indent=2, ensure_ascii=False))
    else:
        from app.report.review_text import review_text

        print(review_text(review))
    return 0


def cmd_report(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Store]) -> int:
    from pathlib import Path

    from app.report.review_pdf import write_pdf

    review = _review(args, open_store)
    target = Path(args.output).expanduser()
    write_pdf(review, target)
    from app.model.safety.atomic_file import streams

    said = sys.stderr if streams(target) else sys.stdout  # -o /dev/stdout holds the PDF alone
    print(f"Wrote the review of {review.week} to {target}.", file=said)
    return 0
