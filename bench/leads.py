"""Leads rows: the page's first rows, a search keystroke, and a 10,000-row CSV import."""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

from bench.harness import Row, Size, demo_database, time_in_process

SEARCH = "berg"


def rows(size: Size, runs: int) -> list[Row]:
    from PySide6.QtWidgets import QApplication

    from app.model import db
    from app.model import settings as settings_service
    from app.model.lead_queries import LeadFilter
    from app.ui.pages.leads import LeadsPage

    app = QApplication.instance() or QApplication([])
    path = demo_database(size)
    store = db.open_store(db.sqlite_location(path))
    with store.session() as session:
        settings = settings_service.load(session)

    def open_page() -> None:
        page = LeadsPage()
        page.resize(1200, 700)
        page.set_store(store, settings)
        page.show()
        app.processEvents()
        assert page.model is not None and page.model.rows
        page.deleteLater()

    page = LeadsPage()
    page.set_store(store, settings)
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


def _import_row(store: object, runs: int) -> Row:
    from app.model import db, lead_export
    from app.model.lead_import import import_leads

    folder = Path(tempfile.mkdtemp(prefix="hearth-bench-import-"))
    source = folder / "all.csv"
    with store.session() as session:  # type: ignore[attr-defined]
        lead_export.export_leads(session, source, include_archived=True)
    with source.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    sample = folder / "10000.csv"
    with sample.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(lines[:10_001])
    timings = []
    for number in range(runs):
        target = db.open_store(db.sqlite_location(folder / f"empty-{number}.db"))
        with target.writer() as session:
            started = time.perf_counter()
            report = import_leads(session, sample)
            timings.append(time.perf_counter() - started)
        assert report.created == 10_000, report.summary()
        target.close()
    return Row(
        "import a 10,000-row leads CSV into an empty database",
        timings,
        target="< 3 s",
        note="all-or-nothing, one transaction, with history rows",
    )
