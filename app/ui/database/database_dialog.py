"""Settings → Database…: use this computer's file, or a server two computers share."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.errors import HearthError
from app.model.store import location as locate
from app.ui.common.forms import error_label, show_error


class DatabaseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Database")
        self.intro = QLabel(
            "Leave this empty to keep Hearth's data in a file on this computer. To share it "
            "with a second computer, enter the address of a PostgreSQL server (see “Sharing "
            "Hearth between two computers” in Help); move your data there first with "
            "<i>hearth-cli move-to</i>."
        )
        self.intro.setWordWrap(True)
        self.url_edit = QLineEdit(locate.saved_url() or "")
        self.url_edit.setPlaceholderText("postgresql+psycopg://you@server/hearth")
        self.test_button = QPushButton("Test connection")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.url_edit)
        layout.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.outcome)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._connect()

    def _connect(self) -> None:
        self.test_button.clicked.connect(self.test)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def test(self) -> bool:
        """Try the address (a few seconds at most); say what is there."""
        from app.model.safety.connection_check import check_connection

        url = self.url_edit.text().strip()
        show_error(self.error, "")
        self.outcome.setText("")
        if not url:
            self.outcome.setText("Hearth will use the file on this computer.")
            return True
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.outcome.setText(check_connection(url))
            return True
        except HearthError as exc:
            show_error(self.error, str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()

    @Slot()
    def save(self) -> None:
        if not self.test():
            return
        locate.save_url(self.url_edit.text().strip() or None)
        self.accept()
