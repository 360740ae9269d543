"""File → Export: each kind of CSV the command line writes (leads, contacts, time, campaigns,
moves, deals), or all of them into a folder to move the data — the same files, the same
model functions (app.model.io.exports)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QWidget

from app.model.errors import HearthError
from app.model.io import exports
from app.ui.common import file_dialogs
from app.ui.common.preferences import last_folder, remember_folder

if TYPE_CHECKING:
    from app.ui.common.access import Access


class ExportMenu(QObject):
    message = Signal(str)  # what was written, or why not

    def __init__(self, parent: QWidget, access: Callable[[], Access | None]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.access = access  # the road to the data, once the database is open
        self.menu = QMenu("&Export", parent)
        self.menu.setToolTip("Write your data to CSV files that Hearth (or a spreadsheet) reads")
        for kind in exports.KINDS:
            action = self.menu.addAction(f"{kind.title}…")
            action.triggered.connect(lambda _c=False, k=kind: self.export_one(k))
        self.menu.addSeparator()
        everything = self.menu.addAction("Everything, to move your data…")
        everything.setToolTip(
            "Every kind, archived leads too, as one CSV each in a folder: imported in order "
            "into an empty database, they give back the same data (README: Moving your data)"
        )
        everything.triggered.connect(self.export_everything)

    # ---- questions (tests replace them) ---------------------------------------------------

    def ask_file(self, kind: exports.Kind) -> str:
        path, _filter = file_dialogs.save_file_name(
            self.parent_widget,
            f"Export {kind.title.lower()} to CSV",
            str(last_folder("export") / f"hearth-{kind.key}.csv"),
            "CSV (*.csv)",
        )
        if path:
            remember_folder("export", path)
        return path

    def ask_folder(self) -> str:
        chosen = file_dialogs.existing_directory(
            self.parent_widget, "Export everything into a folder", str(last_folder("export"))
        )
        if chosen:
            remember_folder("export", chosen)
        return chosen

    # ---- exporting -------------------------------------------------------------------------

    def export_one(self, kind: exports.Kind) -> None:
        access = self.access()
        if access is None:
            return
        chosen = self.ask_file(kind)
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".csv") else chosen + ".csv")
        from app.ui.common.busy import busy

        try:
            with busy():
                rows = access.read(lambda s: exports.export(s, kind.key, path))
        except (HearthError, OSError) as exc:
            self.message.emit(f"Nothing was exported: {exc}")
            return
        self.message.emit(exports.wrote(kind.key, rows, path))

    def export_everything(self) -> None:
        access = self.access()
        if access is None:
            return
        chosen = self.ask_folder()
        if not chosen:
            return
        from app.ui.common.busy import busy

        try:
            with busy():
                written = access.read(lambda s: exports.export_everything(s, Path(chosen)))
        except (HearthError, OSError) as exc:
            self.message.emit(f"Not everything was exported: {exc}")
            return
        counts = ", ".join(exports.wrote(k.key, n, p.name).removesuffix(".") for k, p, n in written)
        self.message.emit(f"Exported into {chosen}: {counts.replace('Wrote ', '')}.")
