"""Campaigns from and to CSV."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main as cli
from app.model.io.campaigns import export_campaigns, import_campaigns
from app.model.io.csv_reader import ImportRejectedError
from app.model.store.db import Store, open_store, sqlite_location
from app.model.store.entities import Campaign


def test_bad_rows_are_reported_and_nothing_is_imported(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "campaigns.csv"
    path.write_text(
        "name;channel;start;end;cost\n"
        'Spring fair;events;2026-03-01;2026-03-03;"1.200,50"\n'
        "Backwards;ads;2026-05-02;2026-05-01;10\n"
        ";ads;;;\n"
        "spring FAIR;events;;;5\n"
        "Refund;ads;;;-3\n",
        encoding="utf-8",
    )
    with store.writer() as session, pytest.raises(ImportRejectedError) as refused:
        import_campaigns(session, path)
    assert [p.format(path) for p in refused.value.problems] == [
        f"{path}:3: A campaign cannot end before it starts.",
        f"{path}:4: A campaign needs a name.",
        f"{path}:5: the campaign 'spring FAIR' is also on line 2",
        f"{path}:6: A campaign's cost cannot be negative.",
    ]
    with store.writer() as session:
        report = import_campaigns(session, path, skip_invalid=True)
        cost = session.scalar(select(Campaign.cost).where(Campaign.name == "Spring fair"))
    assert report.created == 1 and cost == Decimal("1200.50")


def test_export_import_round_trip_and_update_by_name(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "name,channel,start,end,cost,notes\n"
        "Newsletter,email,2026-01-05,2026-01-30,0,monthly\n"
        'Search ads,ads,,,450.25,"=cheap, they said"\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "c.db")
    assert cli.main(["--db", db, "import", "campaigns", str(path)]) == 0
    assert "imported 2 new campaigns" in capsys.readouterr().out
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert cli.main(["--db", db, "export", "campaigns", str(first)]) == 0
    other = open_store(sqlite_location(tmp_path / "other.db"))
    with other.writer() as session:
        import_campaigns(session, first)
        again = import_campaigns(session, first)
    with other.session() as session:
        export_campaigns(session, second)
    other.close()
    assert (again.created, again.updated) == (0, 2)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    assert "'=cheap, they said" in first.read_text(encoding="utf-8")


def test_a_channel_keeps_its_capitals(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "name,channel\nBlog,website/SEO\nMailing,Email\nShow,Podcast  LIVE\n", encoding="utf-8"
    )
    with store.writer() as session:
        import_campaigns(session, path)
    out = tmp_path / "out.csv"
    with store.session() as session:
        export_campaigns(session, out)
    # a default channel in any case is that channel; the user's own is kept as typed
    assert out.read_text(encoding="utf-8").splitlines()[1:] == [
        "Blog,website/SEO,,,0,",
        "Mailing,email,,,0,",
        "Show,Podcast LIVE,,,0,",
    ]
