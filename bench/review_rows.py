"""Weekly review rows: the review object, the pipeline's win rates, its PDF file, and the
Review page's preview, on three years of demo data."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.harness import DEMO_NOW, Row, Size, for_pages, time_in_process

WEEK = "2026-W47"  # the demo's last week, reviewed on its Friday afternoon


def rows(size: Size, runs: int) -> list[Row]:
    from PySide6.QtPdf import QPdfDocument

    from app.model.review.build import weekly_review
    from app.model.weeks import parse_week
    from app.report.review_pdf import write_pdf
    from app.ui.review.page import ReviewPage

    app, store, settings = for_pages(size)
    folder = Path(tempfile.mkdtemp(prefix="hearth-bench-review-"))

    def review() -> object:
        with store.session() as session:
            return weekly_review(session, WEEK, now=DEMO_NOW)

    def win_rates() -> object:
        from app.model.review import pipeline

        with store.session() as session:
            start = pipeline.starting_rates(settings)
            return pipeline.win_rates(session, DEMO_NOW, start)

    def pdf_file() -> None:
        write_pdf(review(), folder / "review.pdf")  # type: ignore[arg-type]

    def preview() -> None:
        page = ReviewPage()
        page.week_start = parse_week(WEEK)
        page.resize(1100, 700)
        page.set_access(page.access_type(store), settings)
        page.show()
        while page.document.status() != QPdfDocument.Status.Ready:
            app.processEvents()
        app.processEvents()
        page.close()
        page.deleteLater()

    pdf_times = time_in_process(pdf_file, runs)
    pages = _pages(folder / "review.pdf")
    preview_times = time_in_process(preview, runs)
    result = [
        Row(
            f"weekly review object {WEEK}, {size.label}",
            time_in_process(review, runs),
            target="≤ 300 ms",
            note="hours, leads at the week's end from history, campaigns, 8-week trend, "
            "goal, pacing, win rates, weighted pipeline, 13 weeks' rates, plan, advice",
        ),
        Row(
            f"win rates of cold, warm and hot over the last 365 days, {size.label}",
            time_in_process(win_rates, runs),
            target="≤ 150 ms",
            note="the leads closed in the year and every temperature they had before",
        ),
        Row(
            f"weekly review PDF file {WEEK} (review + PDF + atomic write), {size.label}",
            pdf_times,
            target="< 1.5 s",
            note=f"{pages} pages: the demo keeps years of hot and stale leads open, all listed",
        ),
        Row(
            f"Review page shows the preview of {WEEK} (new page: review, PDF, QtPdf loads it)",
            preview_times,
            target="< 2 s",
            note="the same week as above",
        ),
    ]
    store.close()
    return result


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)
