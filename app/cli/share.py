"""hearth-cli move-to: from one computer's SQLite file to a database server two can share."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    move = commands.add_parser(
        "move-to",
        help="copy this SQLite database into an empty PostgreSQL database, checked",
        description="Copy every table (ids and history included) of the SQLite database "
        "into an empty PostgreSQL database, check that every table has the same number of "
        "rows and that the weekly reviews of the last 8 weeks are identical, and print the "
        "setting that points Hearth at the server. The SQLite file is only read.",
    )
    move.add_argument("url", metavar="URL", help="e.g. postgresql+psycopg://ann@server/hearth")
    move.set_defaults(handler=cmd_move_to)


def cmd_move_to(args: argparse.Namespace) -> int:
    from app.model.errors import HearthError
    from app.model.safety import move_to
    from app.model.store.db import Location, open_store, resolve_location

    # The file to move: --db, HEARTH_DB or the default file; never the server being filled.
    environ = {k: v for k, v in os.environ.items() if k != "HEARTH_DATABASE_URL"}
    source_location = resolve_location(args.db, environ=environ)
    if source_location.path is None or not source_location.path.is_file():
        raise HearthError(f"There is no database file at {source_location.describe()} to move.")
    source = open_store(source_location)
    try:
        target = open_store(Location(url=args.url, path=None))
    except HearthError:
        source.close()
        raise
    try:
        moved = move_to.move(source, target, week_view=review_shown)
    finally:
        source.close()
        target.close()
    print(
        f"Copied {moved.total:,} rows in {len(moved.rows)} tables from "
        f"{source.location.describe()} to {target.location.describe()}; every table's rows "
        f"and the weekly reviews of {moved.weeks_checked[-1]} to {moved.weeks_checked[0]} match."
    )
    print("Point Hearth at the server on each computer with:")
    print(f"  HEARTH_DATABASE_URL={args.url}")
    return 0


def review_shown(session: Session, week: str, now: datetime) -> object:
    """A week's review as `summary --json` shows it: what move-to compares between the file
    and its copy on the server (every figure, rounded as any screen shows it)."""
    from app.model.review.build import weekly_review
    from app.report import review_json

    return review_json.to_json(weekly_review(session, week, now=now))
