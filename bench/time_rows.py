"""Time rows: the week view, this week's balance, importing 100,000 entries, and the same
week's side totals from the command line (compared with Watson and Timewarrior in
bench/time_compare.py)."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench.harness import (
    DEMO_NOW,
    Row,
    Size,
    csv_sample,
    demo_database,
    for_pages,
    time_in_process,
    time_process,
)


def demo_week() -> str:
    from app.model.weeks import week_name

    return week_name(DEMO_NOW.astimezone().date())


def rows(size: Size, runs: int) -> list[Row]:
    from app.model.time import targets
    from app.ui.time.page import TimePage

    app, store, settings = for_pages(size)
    path = demo_database(size)
    monday = DEMO_NOW.astimezone().date()
    monday -= timedelta(days=monday.weekday())

    def open_week() -> None:
        page = TimePage()
        page.week_start = monday
        page.resize(1100, 700)
        page.set_access(page.access_type(store), settings)
        page.show()
        app.processEvents()
        assert page.tree.topLevelItemCount() == 7
        page.deleteLater()

    def week_balance() -> None:
        with store.session() as session:
            targets.balance(session, demo_week(), now=DEMO_NOW)

    week = demo_week()
    cli = [sys.executable, "-m", "app.cli.main", "--db", str(path), "status", "--week", week]
    result = [
        Row(
            f"Time page shows a week, {size.time_entries:,} entries",
            time_in_process(open_week, runs),
            target="≤ 200 ms",
            note=f"{week}, entries grouped by day",
        ),
        Row(
            f"a week's balance, {size.time_entries:,} entries",
            time_in_process(week_balance, runs),
            target="≤ 50 ms",
        ),
        Row(
            f"hearth-cli status --week (whole process), {size.time_entries:,} entries",
            time_process(cli, "", runs),
            note="side totals and the balance in words",
        ),
        _import_row(store, runs),
    ]
    store.close()
    return result


def _import_row(store: object, runs: int) -> Row:
    from app.model.io.time import export_time, import_time
    from app.model.store import db

    folder = Path(tempfile.mkdtemp(prefix="hearth-bench-time-"))
    everything = folder / "all.csv"
    with store.session() as session:  # type: ignore[attr-defined]
        export_time(session, everything)
    sample, rows = csv_sample(everything, 100_000)
    timings = []
    for number in range(max(1, runs // 2)):
        target = db.open_store(db.sqlite_location(folder / f"empty-{number}.db"))
        with target.writer() as session:
            started = time.perf_counter()
            report = import_time(session, sample, now=DEMO_NOW + timedelta(days=1))
            timings.append(time.perf_counter() - started)
        assert report.created == rows, report.summary("time entry")
        target.close()
    return Row(
        f"import {rows:,} time entries from CSV into an empty database",
        timings,
        target="< 10 s",
        note="overlap check against each other, one transaction",
    )
