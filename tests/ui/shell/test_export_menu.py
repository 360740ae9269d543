"""File → Export: the command line's CSV exports from the window, and everything into a folder
to move the data."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.model.io import exports
from app.model.leads import create as lead_create
from app.model.leads.service import LeadFields
from app.ui.shell.main_window import MainWindow


def test_each_kind_and_everything_export_from_the_file_menu(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.store is not None
    with window.store.writer() as session:
        lead_create.create(session, LeadFields(name="Anna Baker", phone="+33 6 12 34 56 78"))
    menu = window.export_menu()
    titles = [a.text() for a in menu.menu.actions() if a.text()]
    assert titles == [f"{k.title}…" for k in exports.KINDS] + ["Everything, to move your data…"]
    assert menu.menu.menuAction() in window.menu_actions.file_menu.actions()

    menu.ask_file = lambda _kind: str(tmp_path / "my leads")  # type: ignore[method-assign]
    leads_action = next(a for a in menu.menu.actions() if a.text() == "Leads…")
    with qtbot.waitSignal(menu.message) as said:
        leads_action.trigger()
    written = tmp_path / "my leads.csv"
    assert said.args == [f"Wrote 1 lead to {written}."]
    assert "Anna Baker,,,+33 6 12 34 56 78," in written.read_text(encoding="utf-8")

    folder = tmp_path / "moving"
    folder.mkdir()
    menu.ask_folder = lambda: str(folder)  # type: ignore[method-assign]
    with qtbot.waitSignal(menu.message) as said:
        menu.export_everything()
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{k.key}.csv" for k in exports.KINDS)
    assert "1 lead" in said.args[0] and "0 time entries" in said.args[0]


def test_an_export_that_cannot_be_written_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    menu = window.export_menu()
    menu.ask_file = lambda _kind: str(tmp_path / "no such folder" / "x.csv")  # type: ignore[method-assign]
    with qtbot.waitSignal(menu.message) as said:
        menu.export_one(exports.BY_KEY["time"])
    assert said.args[0].startswith("Nothing was exported: ")
