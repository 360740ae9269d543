"""The dialog for an unexpected error: one sentence, the details, and "Copy details"."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ErrorDialog(QDialog):
    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hearth ran into a problem")
        self.details = details
        self.summary_label = QLabel(summary)
        self.summary_label.setWordWrap(True)
        self.hint_label = QLabel(
            "Hearth carries on; what you had saved is safe. If this keeps happening, copy the "
            "details and send them to whoever looks after your Hearth."
        )
        self.hint_label.setWordWrap(True)
        self.details_view = QPlainTextEdit(details)
        self.details_view.setReadOnly(True)
        self.details_view.setMinimumSize(560, 200)
        self.copy_button = QPushButton("Copy details")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.details_view)
        layout.addWidget(self.buttons)
        self._connect()

    def _connect(self) -> None:
        self.copy_button.clicked.connect(self.copy_details)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")
