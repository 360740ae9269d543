"""What every page has: a title, a one-line purpose, and an empty state that says what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from typing import ClassVar

    from app.model.store.settings import Settings
    from app.ui.common.access import Access


class Page(QWidget):
    """A page of the main window. Once the database is open it gets its feature's Access
    (`access_type`, made by the window): every read and write of the page, its dialogs and
    table models goes through it (app.ui.common.access)."""

    message = Signal(str)  # a sentence for the status bar

    title = "Page"
    new_label = ""  # "New lead…": what Ctrl+N makes on this page (nothing when empty)
    fills_page = False  # True: the body takes all the height (a table), no stretch below
    purpose = ""
    empty_text = ""

    # The page's road to the data; each real page names its feature's (the window makes it).
    access_type: ClassVar[type[Access]]
    # Who this computer's Hearth is for (who_am_i); the window sets it before set_access.
    me: int | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.access: Access | None = None
        self.settings: Settings | None = None
        self.title_label = QLabel(self.title)
        self.title_label.setObjectName("pageTitle")
        self.purpose_label = QLabel(self.purpose)
        self.purpose_label.setObjectName("pagePurpose")
        self.purpose_label.setWordWrap(True)
        self.body = QVBoxLayout()
        self.empty_state = QLabel(self.empty_text)
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setWordWrap(True)
        self.empty_state.setFrameShape(QFrame.Shape.StyledPanel)
        # Beside a table that fills the page the sentence takes little room; alone, a box.
        self.empty_state.setMinimumHeight(64 if self.fills_page else 160)
        self.empty_state.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        for label in (self.title_label, self.purpose_label):  # the title stays at the top
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        layout = QVBoxLayout(self)
        self.outer = layout
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.purpose_label)
        layout.addSpacing(8)
        layout.addLayout(self.body, 1 if self.fills_page else 0)
        layout.addWidget(self.empty_state)
        if not self.fills_page:
            layout.addStretch(1)

    def set_compact(self, compact: bool) -> None:
        """A narrow window (1024 px): smaller margins, so the content keeps its room."""
        side = 14 if compact else 28
        self.outer.setContentsMargins(side, 16 if compact else 22, side, 16 if compact else 22)

    def set_access(self, access: Access, settings: Settings) -> None:
        """Called when the database is open (and again after Settings change, or another
        person chosen): the page's Access, which says a refusal in the page's message."""
        self.access = access
        self.settings = settings
        access.say = self.message.emit
        for widget in self.change_widgets():  # a read-only copy offers no way to change it
            widget.setVisible(not access.read_only)
        self.refresh()

    def new_item(self) -> None:
        """Make the page's new thing (File → New, Ctrl+N); pages with one override this."""

    def change_widgets(self) -> list[QWidget]:
        """The buttons that change data (hidden on a read-only copy); pages list theirs."""
        return []

    # The store's change counter when the page last read its data (app.model.store.changes).
    seen_generation = -1

    def refresh(self) -> None:
        """Read again what the page shows."""
        if self.access is not None:
            self.seen_generation = self.access.generation
        self.reload()

    def stale(self) -> bool:
        """The data changed since the page last read it."""
        return self.access is not None and self.seen_generation < self.access.generation

    def refresh_if_stale(self) -> None:
        if self.stale():
            self.refresh()

    def reload(self) -> None:
        """Re-read what the page shows; pages override this."""
