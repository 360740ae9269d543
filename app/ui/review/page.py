"""Review: the weekly review as the PDF it prints as, with the month's goal, next week's
planned split ("Use this split next week", with undo) and what to change beside it.

The page renders one `WeeklyReview` through the PDF builder and shows the PDF with QtPdf; it
computes nothing of its own. It is built only when the page is on screen (over years of data
the review and its PDF take about a second), and again when the week or the data change.
The PDF's first page is shown first; the whole PDF is made in a thread meanwhile and takes its
place (#19). Saving, printing or opening it waits for the whole one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QDesktopServices,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.model.errors import HearthError
from app.model.formatting import count
from app.model.review.advice import beside_the_plan
from app.model.review.types import Advice, WeeklyReview
from app.report.review_text import pipeline_words
from app.ui.common import file_dialogs
from app.ui.common.busy import busy
from app.ui.common.forms import run_modal
from app.ui.common.pacing_bar import PacingBar
from app.ui.common.page import Page
from app.ui.common.preferences import last_folder, remember_folder
from app.ui.common.undo import DoneCommand, UndoStack
from app.ui.common.week_label import label_week
from app.ui.review.access import ReviewAccess
from app.ui.review.whole_pdf import WholePdf

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.model.time.targets import Target


class ReviewPage(Page):
    lead_requested = Signal(int)  # open this lead on the Leads page
    whole_pdf_made = Signal()  # the whole PDF took the first page's place
    access_type = ReviewAccess
    access: ReviewAccess | None

    fills_page = True
    title = "Review"
    purpose = (
        "The weekly review: what happened and what to change next week — print it or save the PDF."
    )
    empty_text = ""

    def __init__(self) -> None:
        super().__init__()
        self.empty_state.hide()
        self.week_start = _monday(date.today())
        self.review: WeeklyReview | None = None
        self.pdf_bytes = b""  # the whole PDF ("" while only its first page is shown)
        self.now: datetime | None = None  # a fixed "now" (the README's pictures); else the clock
        self.whole = WholePdf(self)  # `review`'s whole PDF, made in a thread
        self.whole.done.connect(self.finish_pdf)
        # The coolings of this week's page, undone by Ctrl+Z or the Undo card.
        self.undo_stack = UndoStack(self)
        self.undo_button: QPushButton | None = None  # the Undo card's, while it is shown

        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip("The week before (Alt+Left)")
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip("The week after (Alt+Right)")
        self.this_week_button = QPushButton("This week")
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        self.week_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        # Whose review: everyone's, or one person's hours, targets and leads (two people).
        self.person = QComboBox()
        self.person.setToolTip("Whose week the review is about")
        self.person.hide()
        self.save_button = QPushButton("Save PDF…")
        self.save_button.setToolTip("Save the review as a PDF file (Ctrl+S)")
        self.print_button = QPushButton("Print…")
        self.print_button.setToolTip("Print the review (Ctrl+P)")
        self.open_button = QPushButton("Open…")
        self.open_button.setToolTip("Open the PDF in your PDF viewer")
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(36)
        bar = QHBoxLayout()
        for widget in (self.previous_button, self.week_label, self.next_button):
            bar.addWidget(widget)
        bar.addWidget(self.this_week_button)
        bar.addSpacing(12)
        bar.addWidget(self.person)
        bar.addStretch(1)
        for widget in (self.save_button, self.print_button, self.open_button):
            bar.addWidget(widget)

        self.document = QPdfDocument(self)
        self.view = _pdf_view(self.document)

        # The month's goal and next week's split, above the advice.
        self.pacing_words = _wrapped("")
        self.pacing_bar = PacingBar()
        self.pipeline_words = _wrapped("")
        self.rates_words = _wrapped("")
        self.rates_words.setObjectName("pagePurpose")
        self.plan_words = _wrapped("")
        self.plan_numbers = _wrapped("")
        self.plan_numbers.setObjectName("pagePurpose")
        self.use_split_button = QPushButton("Use this split next week")
        self.use_split_button.setToolTip(
            "Make it next week's target (its hours stay the target's); you can undo this."
        )
        self.use_split_button.clicked.connect(self.use_split)

        self.advice_box = QVBoxLayout()
        self.advice_box.setSpacing(8)
        advice_panel = QWidget()
        advice_layout = QVBoxLayout(advice_panel)
        goal_heading = QLabel("Goal and pipeline")
        goal_heading.setObjectName("weekLabel")
        advice_layout.addWidget(goal_heading)
        parts: tuple[QWidget, ...] = (
            self.pacing_words,
            self.pacing_bar,
            self.pipeline_words,
            self.rates_words,
            self.plan_words,
            self.plan_numbers,
        )
        for part in parts:
            advice_layout.addWidget(part)
        advice_layout.addWidget(self.use_split_button, 0, Qt.AlignmentFlag.AlignLeft)
        heading = QLabel("What to change next week")
        heading.setObjectName("weekLabel")
        advice_layout.addWidget(heading)
        advice_layout.addLayout(self.advice_box)
        advice_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(advice_panel)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(260)
        scroll.setMaximumWidth(340)

        self.preview = QVBoxLayout()  # holds the view, replaced with each new PDF
        self.preview.setContentsMargins(0, 0, 0, 0)
        self.preview.addWidget(self.view)
        row = QHBoxLayout()
        row.addLayout(self.preview, 1)
        row.addWidget(scroll)
        self.body.addLayout(bar)
        self.body.addLayout(row, 1)

        self.previous_button.clicked.connect(
            lambda: self.show_week(self.week_start - timedelta(days=7))
        )
        self.next_button.clicked.connect(
            lambda: self.show_week(self.week_start + timedelta(days=7))
        )
        self.this_week_button.clicked.connect(lambda: self.show_week(_monday(date.today())))
        self.person.activated.connect(lambda _index: self.build())
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_pdf)
        self.open_button.clicked.connect(self.open_in_viewer)
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save_pdf),
            (QKeySequence.StandardKey.Print, self.print_pdf),
            ("Alt+Left", self.previous_button.click),
            ("Alt+Right", self.next_button.click),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.undo_action = self.undo_stack.undo_action()
        self._set_enabled(False)

    # ---- building -------------------------------------------------------------------------
    def reload(self) -> None:
        """The data changed: rebuild now if the page is on screen, else when it is shown."""
        self._list_people()
        self.built_generation = -1
        if self.isVisible():
            self.build()

    built_generation = -1  # the store's change counter when the review was last built

    def _list_people(self) -> None:
        """Everyone, then each person: shown only when there is more than one person."""
        if self.access is None:
            return
        chosen = self.person.currentData()
        everyone = self.access.people()
        self.person.clear()
        self.person.addItem("Everyone", None)
        for someone in everyone:
            self.person.addItem(someone.name, someone.name)
        self.person.setCurrentIndex(max(self.person.findData(chosen), 0))
        self.person.setVisible(len(everyone) > 1)

    def chosen_person(self) -> str | None:
        """The person the review is for (a name), or None for everyone."""
        data = self.person.currentData()
        return data if isinstance(data, str) else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        built = self.access is not None and self.built_generation == self.access.generation
        if not event.spontaneous() and not built:  # shown as a page, and not built yet
            self.build()

    def show_week(self, monday: date) -> None:
        self.week_start = monday
        self.undo_stack.clear()
        self.build()

    def build(self) -> None:
        if self.access is None:
            return
        from app.model.weeks import week_name

        access = self.access
        week = week_name(self.week_start)
        label_week(self.week_label, self.week_start)
        person = self.chosen_person()
        generation = access.generation
        self.whole.stop()  # one PDF at a time (reportlab's fonts are shared); that one is old
        with busy():
            printed = access.attempt(
                lambda: access.printed(
                    week, person, self.now or datetime.now(UTC), first_page_only=True
                )
            )
        if printed is None:
            return
        review = printed.review
        self.review, self.pdf_bytes = review, b""
        # Built from the data as they are: the window's catching up after a change made here
        # (a split used, a cooling) finds the page current. It rebuilt it a second time, and
        # the Undo card's button that held the focus went with the old card: Ctrl+Z, a
        # shortcut of the page and its children, then reached nothing.
        self.built_generation = self.seen_generation = generation
        self._load(printed.pdf)
        self._show_goal(review)
        self._show_advice(review)
        self._set_enabled(True)
        self.whole.start(review)  # finish_pdf shows it when it is made

    @Slot()
    def finish_pdf(self) -> None:
        """Put the whole PDF in place of its first page (waiting for it if it is still being
        made): at once when it is made, or when saving, printing or opening needs it."""
        made = self.whole.take()
        if made is None or made[0] is not self.review:
            return  # already shown, or the PDF of a review since replaced
        if isinstance(made[1], BaseException):
            raise made[1]
        self.pdf_bytes = made[1]
        self._load(made[1])
        self.whole_pdf_made.emit()

    def _load(self, data: bytes) -> None:
        """Show the PDF in a new document and a new view: QPdfView (Qt 6.12) goes on drawing
        the pages it rendered for an earlier document when the new one's are the same size."""
        document = QPdfDocument(self)
        buffer = QBuffer(document)  # the document reads from it for as long as it lives
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        view = _pdf_view(document)
        self.preview.removeWidget(self.view)
        self.view.hide()
        self.view.deleteLater()
        self.document.deleteLater()
        self.preview.addWidget(view)
        self.view, self.document = view, document

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.save_button, self.print_button, self.open_button):
            button.setEnabled(enabled)

    # ---- the goal, the pipeline and next week's split --------------------------------------
    def _show_goal(self, review: WeeklyReview) -> None:
        goal, plan = review.goal, review.plan
        if goal is None:
            self.pacing_words.setText("No revenue goal for this month (Settings sets one).")
        else:
            self.pacing_words.setText(goal.words(review.currency))
            self.pacing_bar.show_pacing(goal.won, goal.expected, goal.goal)
        self.pacing_bar.setVisible(goal is not None)
        if review.pipeline is not None:
            self.pipeline_words.setText(pipeline_words(review.pipeline, review.currency))
            self.rates_words.setText(
                "Win rates: "
                + ", ".join(p.win_rate.words() for p in review.pipeline.by_temperature)
            )
        if plan is None:
            self.plan_words.clear()
            self.plan_numbers.clear()
            self.use_split_button.hide()
            return
        self.plan_words.setText(f"Next week ({plan.week}): {plan.reason}")
        self.plan_numbers.setText(" · ".join(f"{k}: {v}" for k, v in plan.numbers))
        self.use_split_button.setVisible(plan.changes_target)

    @Slot()
    def use_split(self) -> None:
        """Next week's target made the plan's split (undone with Ctrl+Z or the Undo card)."""
        access, plan = self.access, self.review.plan if self.review else None
        if access is None or plan is None:
            return
        person = self.chosen_person()
        share, hours = plan.suggested_marketing_share, plan.suggested_hours
        done = access.attempt(lambda: (access.use_split(plan.week, person, share, hours),))
        if done is None:
            return
        (before,) = done
        self.undo_stack.push(
            SplitCommand(access, plan.week, person, share, hours, before, self.build)
        )
        self.message.emit(f"{plan.week}'s target is now {share:.0%} marketing, {hours:g} h.")
        self.build()
        self._focus_undo()

    # ---- the advice and its one-click actions --------------------------------------------
    def _show_advice(self, review: WeeklyReview) -> None:
        undo_had_focus = self.undo_button is not None and self.undo_button.hasFocus()
        while self.advice_box.count():
            item = self.advice_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.undo_button = None
        if self.undo_stack.canUndo():
            self.advice_box.addWidget(self._undo_card())
            if undo_had_focus:  # the new card's button takes it: Ctrl+Z still undoes
                self._focus_undo()
        shown, instead = beside_the_plan(review)
        if instead is not None:
            self.advice_box.addWidget(_wrapped(instead))
        for advice in shown:
            self.advice_box.addWidget(self._advice_card(advice))

    def _advice_card(self, advice: Advice) -> QFrame:
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(card)
        layout.addWidget(_wrapped(advice.text))
        numbers = " · ".join(f"{label}: {value}" for label, value in advice.numbers)
        detail = _wrapped(numbers)
        detail.setObjectName("pagePurpose")
        layout.addWidget(detail)
        if advice.action == "cool" and advice.lead_ids:
            button = QPushButton(f"Cool {len(advice.lead_ids)} to warm")
            button.setToolTip("They stay on your list as warm leads; you can undo this.")
            button.clicked.connect(lambda: self.cool(advice.lead_ids))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        if advice.action == "open" and advice.lead_ids:
            button = QPushButton("Open the longest waiting")
            button.clicked.connect(lambda: self.lead_requested.emit(advice.lead_ids[0]))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return card

    def _undo_card(self) -> QFrame:
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(card)
        last = self.undo_stack.command(self.undo_stack.index() - 1)
        to_warm = " to warm" if isinstance(last, CoolCommand) else ""
        layout.addWidget(_wrapped(f"{self.undo_stack.undoText()}{to_warm}."))
        button = QPushButton("Undo")
        button.setToolTip("Ctrl+Z")
        self.undo_button = button
        button.clicked.connect(self.undo_cooling)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return card

    def cool(self, lead_ids: tuple[int, ...]) -> None:
        """Cool the stale hot leads to warm in one step (undone with `undo_cooling`)."""
        access = self.access
        assert access is not None
        change_ids = access.attempt(lambda: access.cool(lead_ids))
        if change_ids is None:
            return
        self.undo_stack.push(CoolCommand(access, lead_ids, change_ids, self.build))
        self.message.emit(f"Cooled {count(len(change_ids), 'stale hot lead')} to warm.")
        self.build()
        self._focus_undo()

    def _focus_undo(self) -> None:
        """The button just used is gone (a split used hides it): the focus goes to the Undo
        card's button, so it stays on the page and Ctrl+Z undoes what was just done here."""
        if self.undo_button is not None:
            self.undo_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def undo_cooling(self) -> None:
        """The last step undone (a cooling: all its leads hot again; a split used: next
        week's target as it was), in one transaction."""
        if self.undo_stack.canUndo():
            self.undo_stack.undo()

    # ---- save, print, open ------------------------------------------------------------------
    def default_name(self) -> str:
        week = self.review.week if self.review else "week"
        person = self.review.person if self.review else None
        if person:  # "hearth-review-2026-W47-Maya Berg.pdf": the name as it is, minus slashes
            return f"hearth-review-{week}-{_file_safe(person)}.pdf"
        return f"hearth-review-{week}.pdf"

    def ask_save_path(self) -> str:
        """The file to save to; '' when cancelled (tests replace this)."""
        path, _filter = file_dialogs.save_file_name(
            self,
            "Save the review as PDF",
            str(last_folder("pdf") / self.default_name()),
            "PDF (*.pdf)",
        )
        if path:
            remember_folder("pdf", path)
        return path

    @Slot()
    def save_pdf(self) -> None:
        self.finish_pdf()
        if not self.pdf_bytes:
            return
        path = self.ask_save_path()
        if not path:
            return
        from app.model.safety.atomic_file import write_bytes

        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        try:
            write_bytes(target, self.pdf_bytes)
        except HearthError as exc:
            self.message.emit(str(exc))
            return
        self.message.emit(f"Saved the review to {target}.")

    @Slot()
    def print_pdf(self) -> None:
        self.finish_pdf()
        if not self.pdf_bytes:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if run_modal(dialog) != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: object) -> int:
        """Paint each PDF page onto the printer (any QPagedPaintDevice); the pages printed."""
        from PySide6.QtGui import QPagedPaintDevice

        from app.ui.review.pdf_printing import paint_pages

        assert isinstance(printer, QPagedPaintDevice)
        self.finish_pdf()  # every page, not the first one shown first
        pages = paint_pages(self.document, printer)
        if pages is None:
            self.message.emit("The printer could not be started.")
            return 0
        self.message.emit(f"Sent {pages} page{'s' * (pages != 1)} to the printer.")
        return pages

    @Slot()
    def open_in_viewer(self) -> None:
        self.finish_pdf()
        if not self.pdf_bytes:
            return
        from app.model import paths
        from app.model.safety.atomic_file import write_bytes

        folder = paths.cache_dir() / "reviews"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = write_bytes(folder / self.default_name(), self.pdf_bytes)
        except (OSError, HearthError) as exc:
            self.message.emit(f"Could not write the PDF for the viewer: {exc}")
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self.message.emit(f"No PDF viewer opened it; the file is at {target}.")


class CoolCommand(DoneCommand):
    """A cooling of stale hot leads; its undo makes them all hot again in one transaction."""

    def __init__(
        self,
        access: ReviewAccess,
        lead_ids: tuple[int, ...],
        change_ids: list[int],
        after: Callable[[], None],
    ) -> None:
        super().__init__(f"Cooled {count(len(change_ids), 'stale hot lead')}", access, after)
        self.access: ReviewAccess = access
        self.lead_ids, self.change_ids = lead_ids, change_ids

    def do(self) -> None:
        self.change_ids = self.access.cool(self.lead_ids)

    def back(self) -> None:
        self.access.undo_cooling(self.change_ids)


class SplitCommand(DoneCommand):
    """Next week's target set to the plan's split; its undo puts back the target it had."""

    def __init__(
        self,
        access: ReviewAccess,
        week: str,
        person: str | None,
        share: float,
        hours: float,
        before: Target | None,
        after: Callable[[], None],
    ) -> None:
        super().__init__(f"Used the split {share:.0%} marketing for {week}", access, after)
        self.access: ReviewAccess = access
        self.week, self.person, self.share, self.hours = week, person, share, hours
        self.before = before

    def do(self) -> None:
        self.before = self.access.use_split(self.week, self.person, self.share, self.hours)

    def back(self) -> None:
        self.access.put_back_target(self.week, self.person, self.before)


def _pdf_view(document: QPdfDocument) -> QPdfView:
    view = QPdfView()
    view.setDocument(document)
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    view.setMinimumWidth(420)
    return view


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _file_safe(name: str) -> str:
    kept = "".join(c if c.isalnum() or c in " -_." else "-" for c in name).strip(" .")
    return kept[:60] or "person"


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
