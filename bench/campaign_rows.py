"""Campaign rows: every campaign's figures over three years of demo data."""

from __future__ import annotations

from decimal import Decimal

from bench.harness import DEMO_NOW, Row, Size, demo_database, time_in_process


def rows(size: Size, runs: int) -> list[Row]:
    from app.model.campaigns.figures import figures
    from app.model.store import db

    store = db.open_store(db.sqlite_location(demo_database(size)))

    def every_campaign() -> None:
        with store.session() as session:
            assert figures(session, end=DEMO_NOW, hourly_rate=Decimal(60))

    with store.engine.connect() as conn:
        touchpoints = conn.exec_driver_sql("SELECT count(*) FROM touchpoint").scalar()
    result = [
        Row(
            f"all campaign figures, {size.leads:,} leads / {touchpoints:,} touchpoints",
            time_in_process(every_campaign, runs),
            target="≤ 300 ms",
            note="leads, reached warm/hot, won, lost, revenue, cycle, hours, true CAC",
        )
    ]
    store.close()
    return result
