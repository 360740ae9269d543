"""File → Import: choose a file, see how it was read and what would happen, then import.

The preview is a dry run of the same importer the command line uses, so what it promises is
what the import does: the rows as read, the encoding, delimiter and decimal mark (the last two
the user can change), and every problem as a line of the file.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.errors import HearthError
from app.ui.common import file_dialogs
from app.ui.common.preferences import last_folder, remember_folder

if TYPE_CHECKING:
    from app.model.io.import_report import ImportReport
    from app.ui.leads.access import LeadAccess

KINDS = {"leads": "Leads (CSV)", "touchpoints": "Touchpoints (CSV)", "vcard": "Contacts (vCard)"}
DELIMITERS = {"Read from the file": None, "Comma": ",", "Semicolon": ";", "Tab": "\t"}
DECIMAL_MARKS = {"Read from the file": None, "Comma (1.234,56)": ",", "Point (1,234.56)": "."}
PREVIEW_ROWS = 50


class ImportDialog(QDialog):
    imported = Signal(str)  # the summary sentence

    def __init__(self, access: LeadAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.access = access
        self.path: Path | None = None
        self.ready = False
        self.setWindowTitle("Import")
        self.resize(820, 560)
        self.file_label = QLabel("No file chosen.")
        self.choose_button = QPushButton("Choose file…")
        self.kind = QComboBox()
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.delimiter = QComboBox()
        for label, value in DELIMITERS.items():
            self.delimiter.addItem(label, value)
        self.decimal = QComboBox()
        for label, value in DECIMAL_MARKS.items():
            self.decimal.addItem(label, value)
        self.skip_invalid = QCheckBox("Import the valid rows and skip the others")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.rows = QTableWidget()
        self.rows.verticalHeader().setVisible(False)  # the file's own line numbers, only
        self.problems = QTableWidget(0, 2)
        self.problems.setHorizontalHeaderLabels(["Line", "What is wrong"])
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.verticalHeader().setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        options = QHBoxLayout()
        options.addWidget(QLabel("What:"))
        options.addWidget(self.kind)
        options.addWidget(QLabel("Columns separated by:"))
        options.addWidget(self.delimiter)
        options.addWidget(QLabel("Decimal mark:"))
        options.addWidget(self.decimal)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.verdict)
        layout.addWidget(QLabel("<b>The file as read</b>"))
        layout.addWidget(self.rows, 3)
        layout.addWidget(QLabel("<b>Problems</b>"))
        layout.addWidget(self.problems, 2)
        layout.addWidget(self.skip_invalid)
        layout.addWidget(self.buttons)
        self._connect()

    def _connect(self) -> None:
        self.choose_button.clicked.connect(self.choose_file)
        self.kind.currentIndexChanged.connect(self.preview)
        self.delimiter.currentIndexChanged.connect(self.preview)
        self.decimal.currentIndexChanged.connect(self.preview)
        self.skip_invalid.toggled.connect(self.preview)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.run_import)

    @Slot()
    def choose_file(self) -> None:
        name, _filter = file_dialogs.open_file_name(
            self,
            "Import",
            str(last_folder("import")),
            "Leads and contacts (*.csv *.txt *.vcf);;All (*)",
        )
        if name:
            remember_folder("import", name)
            self.load(Path(name))

    def load(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        kind = "vcard" if path.suffix.lower() == ".vcf" else self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.kind.blockSignals(False)
        self.preview()

    def _run(self, *, dry_run: bool) -> ImportReport:
        assert self.path is not None
        return self.access.import_file(
            self.kind.currentData(),
            self.path,
            dry_run=dry_run,
            skip_invalid=self.skip_invalid.isChecked(),
            delimiter=self.delimiter.currentData(),
            decimal=self.decimal.currentData(),
        )

    @Slot()
    def preview(self) -> None:
        if self.path is None:
            return
        from app.model.io.csv_reader import ImportRejectedError, Problem

        self.delimiter.setEnabled(self.kind.currentData() != "vcard")
        self.decimal.setEnabled(self.kind.currentData() == "leads")
        self._show_rows()
        problems: list[Problem] = []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = self._run(dry_run=True)
            problems = report.skipped
            verdict = report.summary(self._noun())
            self.ready = report.created + report.updated > 0
        except ImportRejectedError as exc:
            problems = exc.problems
            verdict = (
                f"Nothing can be imported yet: {len(problems)} problem"
                f"{'s' * (len(problems) != 1)}. Fix the file, or tick the box below to "
                "import the valid rows only."
            )
            self.ready = False
        except HearthError as exc:
            verdict, self.ready = str(exc), False
        finally:
            QApplication.restoreOverrideCursor()
        self.verdict.setText(verdict)
        self.problems.setRowCount(len(problems))
        for number, problem in enumerate(problems):
            self.problems.setItem(number, 0, QTableWidgetItem(str(problem.line)))
            self.problems.setItem(number, 1, QTableWidgetItem(problem.message))
        self._mark_bad_rows({p.line: p.message for p in problems})
        self.import_button.setEnabled(self.ready)

    def _mark_bad_rows(self, bad: dict[int, str]) -> None:
        """The file's rows that are wrong, marked where they are read (with why)."""
        from PySide6.QtGui import QColor

        for row in range(self.rows.rowCount()):
            first = self.rows.item(row, 0)
            line = int(first.text()) if first is not None and first.text().isdigit() else -1
            if line not in bad:
                continue
            for column in range(self.rows.columnCount()):
                cell = self.rows.item(row, column) or QTableWidgetItem("")
                cell.setBackground(QColor("#f8d7d3"))
                cell.setToolTip(f"Line {line}: {bad[line]}")
                self.rows.setItem(row, column, cell)

    def _noun(self) -> str:
        return "touchpoint" if self.kind.currentData() == "touchpoints" else "lead"

    def _show_rows(self) -> None:
        assert self.path is not None
        self.rows.clear()
        if self.kind.currentData() == "vcard":
            self.rows.setRowCount(0)
            self.rows.setColumnCount(0)
            return
        from app.model.io.csv_reader import read_csv
        from app.model.io.leads import LEAD_COLUMNS
        from app.model.io.touchpoints import TOUCHPOINT_COLUMNS

        known = LEAD_COLUMNS if self.kind.currentData() == "leads" else TOUCHPOINT_COLUMNS
        try:
            read = read_csv(self.path, known=known, delimiter=self.delimiter.currentData())
        except HearthError:
            return
        columns = [c for c in read.columns if c in known]
        self.rows.setColumnCount(len(columns) + 1)
        self.rows.setHorizontalHeaderLabels(["line", *columns])
        shown = list(islice(read.rows(), PREVIEW_ROWS))
        self.rows.setRowCount(len(shown))
        for number, row in enumerate(shown):
            self.rows.setItem(number, 0, QTableWidgetItem(str(row.line)))
            for column, name in enumerate(columns, start=1):
                self.rows.setItem(number, column, QTableWidgetItem(row.values.get(name, "")))

    @Slot()
    def run_import(self) -> None:
        from app.model.io.csv_reader import ImportRejectedError

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = self._run(dry_run=False)
        except (ImportRejectedError, HearthError) as exc:
            self.verdict.setText(f"The import stopped and nothing was written: {exc}")
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.imported.emit(report.summary(self._noun()))
        self.accept()
