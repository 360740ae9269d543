"""Render every page of the window, with demo data, to PNG files in docs/screenshots/.

    make screenshots          (or: QT_QPA_PLATFORM=offscreen python -m tools.screenshots)

Runs offscreen on a throw-away database and user folder, so it never touches your own data.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.ui.settings.access import SettingsAccess

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
# A fixed moment, so the pictures do not change every time they are made.
DEMO_NOW = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A fixed folder, so the path in the status bar is the same in every picture.
    home = Path(tempfile.gettempdir()) / "hearth-screenshots"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    os.environ["HEARTH_HOME"] = str(home)

    from PySide6.QtWidgets import QApplication

    from app.model.demo import business as demo
    from app.model.store import db
    from app.ui.campaigns.page import CampaignsPage
    from app.ui.dashboard.page import DashboardPage
    from app.ui.database.first_run_dialog import FirstRunDialog
    from app.ui.leads.page import LeadsPage
    from app.ui.review.page import ReviewPage
    from app.ui.settings.dialog import SettingsDialog
    from app.ui.shell import theme
    from app.ui.shell.main_window import MainWindow
    from app.ui.time.page import TimePage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    theme.apply(app)
    database = home / "demo.db"
    store = db.open_store(db.sqlite_location(database))
    with store.writer() as session:
        demo.fill(session, leads=800, weeks=26, now=DEMO_NOW)

    OUT.mkdir(parents=True, exist_ok=True)
    window = MainWindow(db_path=str(database))
    window.resize(1180, 760)
    window.show()
    window.open_database()
    app.processEvents()
    dashboard = window.pages[0]
    assert isinstance(dashboard, DashboardPage)
    dashboard.now = DEMO_NOW  # the demo's Friday afternoon
    window.timer_bar.now = DEMO_NOW  # its week's balance, the same week as the Dashboard's
    window.timer_bar.refresh()
    dashboard.refresh()
    for index, page in enumerate(window.pages):
        window.show_page(index)
        app.processEvents()
        _save(window.grab(), f"page-{page.title.lower()}.png")
        if page is dashboard:
            _save(dashboard.goal_tile.grab(), "dashboard-goal-tile.png")

    leads_page = window.pages[1]
    window.show_page(1)
    assert isinstance(leads_page, LeadsPage)
    leads_page.filters.status.setCurrentIndex(4)  # all
    leads_page.table.selectRow(2)
    app.processEvents()
    _save(window.grab(), "leads-detail.png")
    leads_page.show_view(1)
    leads_page.filters.status.setCurrentIndex(0)
    app.processEvents()
    _save(window.grab(), "leads-board.png")
    leads_page.show_view(2)
    app.processEvents()
    _save(window.grab(), "leads-follow-ups.png")
    leads_page.show_view(0)
    campaigns_page = window.pages[3]
    assert isinstance(campaigns_page, CampaignsPage)
    window.show_page(3)
    campaigns_page.tabs.setCurrentIndex(1)
    app.processEvents()
    _save(window.grab(), "campaigns-compared.png")
    campaigns_page.table.selectRow(7)
    campaigns_page.tabs.setCurrentIndex(2)
    app.processEvents()
    _save(window.grab(), "campaigns-detail.png")
    campaigns_page.tabs.setCurrentWidget(campaigns_page.business)
    app.processEvents()
    _save(window.grab(), "campaigns-funnel.png")
    campaigns_page.tabs.setCurrentIndex(0)

    review_page = window.pages[4]
    assert isinstance(review_page, ReviewPage)
    review_page.now = DEMO_NOW  # as the Dashboard's: the same week's numbers agree
    window.show_page(4)
    demo_day = DEMO_NOW.astimezone().date()
    review_page.show_week(demo_day - timedelta(days=demo_day.weekday()))  # the demo's week
    review_page.finish_pdf()  # the whole PDF in place of its first page shown first
    _settle(app, 1.5)  # QPdfView renders its pages in the background
    _save(window.grab(), "page-review.png")
    _save_pdf_page(review_page.pdf_bytes, "review-pdf-page-1.png")
    _save_pdf_page(review_page.pdf_bytes, "review-pdf-goal.png", top=0.5)

    time_page = window.pages[2]
    assert isinstance(time_page, TimePage)
    local_day = DEMO_NOW.astimezone().date()
    time_page.week_start = local_day - timedelta(days=local_day.weekday())  # the demo's week
    window.show_page(2)
    time_page.refresh()
    app.processEvents()
    _save(window.grab(), "page-time.png")

    assert window.settings is not None
    settings = SettingsDialog(SettingsAccess(store), window.settings, window)
    settings.show()
    app.processEvents()
    _save(settings.grab(), "dialog-settings.png")
    settings.close()

    # A 1024×700 window: the Leads table beside the detail panel, and the board.
    window.resize(1024, 700)
    window.show_page(1)
    leads_page.show_view(0)
    leads_page.table.selectRow(1)
    app.processEvents()
    _save(window.grab(), "leads-1024.png")
    leads_page.show_view(1)
    app.processEvents()
    _save(window.grab(), "leads-board-1024.png")
    leads_page.show_view(0)
    window.resize(1180, 760)

    # The copy of a server's data, as the window shows it when the server cannot be reached
    # (made here from the demo file: what matters is how the read-only window looks).
    from app.model.safety.backup import backup_sqlite
    from app.model.safety.server_copy import LocalCopy

    copy = backup_sqlite(database, home / "server-copy.db")
    window.offline().open_copy(LocalCopy(copy, DEMO_NOW + timedelta(days=3, hours=-2)))
    window.show_page(1)
    app.processEvents()
    _save(window.grab(), "offline-copy.png")

    fresh = db.open_store(db.sqlite_location(home / "fresh.db"))
    first_run = FirstRunDialog(SettingsAccess(fresh))
    first_run.business_edit.setText("Riverside Bakery")
    first_run.person_edit.setText("Maya Lindqvist")
    first_run.show()
    app.processEvents()
    _save(first_run.grab(), "dialog-first-run.png")
    first_run.close()
    window.close()
    from app.ui.shell.launch import tear_down

    tear_down(window)  # as the app does: in order, while Qt and Python are whole
    fresh.close()
    return 0


def _settle(app: object, seconds: float) -> None:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.05)


def _save_pdf_page(data: bytes, name: str, top: float = 1.0) -> None:
    """The first page of a PDF rendered by QtPdf, as a reader would see it printed (`top`:
    only that fraction of it, from the top)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    points = document.pagePointSize(0)
    size = QSize(int(points.width() * 1.5), int(points.height() * 1.5))
    page = document.render(0, size)
    sheet = QImage(size, QImage.Format.Format_RGB32)
    sheet.fill(QColor("white"))
    painter = QPainter(sheet)
    painter.drawImage(0, 0, page)
    painter.end()
    _save(sheet.copy(0, 0, size.width(), int(size.height() * top)), name)


def _save(pixmap: object, name: str) -> None:
    path = OUT / name
    if not pixmap.save(str(path)):  # type: ignore[attr-defined]
        raise SystemExit(f"could not write {path}")
    print(path)


if __name__ == "__main__":
    sys.exit(main())
