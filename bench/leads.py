"""Leads rows: the page's first rows, a search keystroke, and a 10,000-row CSV import."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import Row, Size, csv_sample, for_pages, time_in_process

SEARCH = "berg"


def rows(size: Size, runs: int) -> list[Row]:
    from app.model.leads.queries import LeadFilter
    from app.ui.leads.page import LeadsPage

    app, store, settings = for_pages(size)

    def open_page() -> None:
        open_leads_page(app, store, settings)

    page = LeadsPage()
    page.set_access(page.access_type(store), settings)
    page.show()
    base = page.filters.current()
    keystrokes = [SEARCH[: n + 1] for n in range(len(SEARCH))]
    search_times: list[float] = []
    for _ in range(runs):
        for text in keystrokes:
            started = time.perf_counter()
            page.apply_filter(LeadFilter(text=text, statuses=base.statuses))
            app.processEvents()
            search_times.append(time.perf_counter() - started)
        page.apply_filter(base)
    board_times = time_in_process(lambda: (page.show_view(1), app.processEvents()), runs)
    page.close()
    result = [
        Row(
            f"Leads page shows its first rows, {size.leads:,} leads",
            time_in_process(open_page, runs),
            target="≤ 300 ms",
            note="new page: count + first 200 rows (open leads, newest first)",
        ),
        Row(
            f"search keystroke updates the table, {size.leads:,} leads",
            search_times,
            target="≤ 100 ms",
            note=f"typing {SEARCH!r}, one letter at a time",
        ),
        Row(f"board view (5 columns, 100 cards each), {size.leads:,} leads", board_times),
        _import_row(store, runs),
    ]
    store.close()
    return result


def open_leads_page(app: Any, store: Any, settings: Any) -> None:
    """A new Leads page on `store`, until its first rows are in the table."""
    from app.ui.leads.page import LeadsPage

    page = LeadsPage()
    page.resize(1200, 700)
    page.set_access(page.access_type(store), settings)
    page.show()
    app.processEvents()
    assert page.model is not None and page.model.rows
    page.close()
    page.deleteLater()


def _import_row(store: object, runs: int) -> Row:
    from app.model.io.leads import export_leads, import_leads
    from app.model.store import db

    folder = Path(tempfile.mkdtemp(prefix="hearth-bench-import-"))
    source = folder / "all.csv"
    with store.session() as session:  # type: ignore[attr-defined]
        export_leads(session, source, include_archived=True)
    sample, rows = csv_sample(source, 10_000)
    timings = []
    for number in range(runs):
        target = db.open_store(db.sqlite_location(folder / f"empty-{number}.db"))
        with target.writer() as session:
            started = time.perf_counter()
            report = import_leads(session, sample)
            timings.append(time.perf_counter() - started)
        assert report.created == rows, report.summary()
        target.close()
    return Row(
        f"import a {rows:,}-row leads CSV into an empty database",
        timings,
        target="< 3 s",
        note="all-or-nothing, one transaction, with history rows",
    )
