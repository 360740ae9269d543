"""About Hearth, and the Help page (F1): what it is, where the data lives, the shortcuts."""

from __future__ import annotations

import sys
from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from app.logsetup import log_file
from app.ui.common.forms import run_modal
from app.version import version

SHORTCUTS = (
    ("Ctrl+1 … Ctrl+5", "Dashboard, Leads, Time, Campaigns, Review"),
    ("Ctrl+N", "the page's new thing: a lead, a time entry, a campaign"),
    ("Ctrl+,", "Settings"),
    ("Ctrl+I", "import leads or contacts"),
    ("Ctrl+F", "search leads"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo on the Leads and Time pages"),
    ("Ctrl+← / Ctrl+→", "move the chosen card one column (Leads board)"),
    ("Menu key, Shift+F10", "a card's menu: move it, mark it won or lost (Leads board)"),
    ("Alt+↓", "open a date field's calendar"),
    ("Del", "delete the chosen time entry (Time page); clear a date field"),
    ("Alt+← / Alt+→", "the week before / after (Review)"),
    ("Ctrl+S / Ctrl+P", "save / print the review (Review)"),
    ("F1", "this help"),
    ("Ctrl+Q", "quit"),
)


def show_about(parent: QWidget | None, database: str) -> None:
    QMessageBox.about(
        parent,
        "About Hearth",
        f"<h3>Hearth {escape(version())}</h3>"
        "<p>Your marketing and sales week in one place: where the hours went, where every "
        "lead stands, which campaigns paid off. Offline; no account.</p>"
        f"<p>Database: {escape(database)}<br>Log: {escape(str(log_file()))}</p>"
        f"<p><small>Python {escape(sys.version.split()[0])} · Qt {escape(qVersion())} · "
        f"PySide6 {escape(pyside_version)}</small></p>",
    )


def help_html(database: str) -> str:
    rows = "".join(
        f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(v)}</td></tr>"
        for k, v in SHORTCUTS
    )
    return (
        "<h3>Using Hearth</h3>"
        "<p>Log your hours on marketing or sales, keep every lead's temperature up to date, and "
        "read the weekly review on Friday.</p>"
        f"<h4>Keyboard</h4><table>{rows}</table>"
        f"<h4>Your data</h4><p>Everything is in one place: {escape(database)}. File → "
        "Database… chooses another (a file, or a server two computers share); File → Back up "
        "now… and Restore from backup… keep it safe; File → Export writes it as CSV.</p>"
        "<p>The command line: <code>hearth-cli --help</code>.</p>"
    )


def show_help(parent: QWidget | None, database: str) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("Hearth Help")
    box.setTextFormat(box.textFormat().RichText)
    box.setText(help_html(database))
    run_modal(box)
