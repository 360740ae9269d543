"""The two big buttons, always in the toolbar: ▶ Marketing and ▶ Sales, and the week's balance.

One click starts a timer (the running one stops at the same instant); the running button
shows its elapsed time and a category picker; clicking it again stops it. The timer lives in
the database from the moment it starts, so quitting the app does not stop it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.colors import SIDE_COLORS
from app.model.durations import elapsed
from app.model.enums import Side
from app.model.errors import HearthError
from app.ui.common.forms import run_modal, start_at_first_field

if TYPE_CHECKING:
    from app.model.people import PersonInfo
    from app.model.time.entries import EntryInfo
    from app.ui.time.access import TimeAccess


class TimerBar(QWidget):
    person_chosen = Signal(int)  # who this computer's Hearth is for (who_am_i)
    timer_started = Signal(object)  # EntryInfo
    timer_stopped = Signal(object)  # EntryInfo
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.access: TimeAccess | None = None
        self.person_id: int | None = None
        self.running: EntryInfo | None = None
        self.person = QComboBox()
        self.person.setToolTip("Whose timer")
        self.person.hide()
        self.buttons = {side: QToolButton() for side in Side}
        self.menus = {side: QMenu(self) for side in Side}
        for side, button in self.buttons.items():
            button.setCheckable(True)
            button.setMinimumWidth(130)
            button.setToolTip(
                f"Start a {side.value} timer (click again to stop); the arrow: for a campaign "
                "or a lead"
            )
            button.setMenu(self.menus[side])
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            button.setStyleSheet(
                f"QToolButton {{ font-weight: 600; padding: 4px 10px; border-radius: 5px; "
                f"border: 1px solid {SIDE_COLORS[side]}; color: {SIDE_COLORS[side]}; }}"
                f"QToolButton:checked {{ background: {SIDE_COLORS[side]}; color: white; }}"
            )
        self.category = QComboBox()
        self.category.setToolTip("What the running timer is for")
        self.category.hide()
        self.balance = QLabel()
        self.balance.setObjectName("balanceLabel")
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)

        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.person)
        row.addWidget(self.buttons[Side.MARKETING])
        row.addWidget(self.buttons[Side.SALES])
        row.addWidget(self.category)
        row.addSpacing(16)
        row.addWidget(self.balance)
        self._show()
        self.setEnabled(False)
        self._connect()

    def _connect(self) -> None:
        for side, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, s=side: self.toggle(s))
        self.ticker.timeout.connect(self._tick)
        self.category.activated.connect(self._category_chosen)
        self.person.activated.connect(self._person_chosen)
        for side, menu in self.menus.items():
            menu.aboutToShow.connect(lambda s=side: self._fill_menu(s))

    # ---- data ----------------------------------------------------------------------------

    def set_access(self, access: TimeAccess) -> None:
        from PySide6.QtCore import Qt  # (after the first paint: the Qt namespace is slow)

        for button in self.buttons.values():
            # Tab reaches it; a click does not leave the focus on it (a Space typed later,
            # after a dialog closed, would start a timer).
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.access = access
        self.show_people(access.attempt(access.people) or [], self.person_id)
        self.setEnabled(self.person_id is not None)
        self.refresh()

    def show_people(self, everyone: list[PersonInfo], me: int | None) -> None:
        """The person picker (shown for two people or more) with `me` chosen, else the
        first; also before the database opens (the window's first look), so the timer
        buttons beside it do not move when it does."""
        self.person.clear()
        for person in everyone:
            self.person.addItem(person.name, person.id)
        self.person.setVisible(len(everyone) > 1)
        found = me is not None and self.person.findData(me) >= 0
        self.person_id = me if found else (everyone[0].id if everyone else None)
        self.person.setCurrentIndex(max(0, self.person.findData(self.person_id)))

    def refresh(self) -> None:
        """Re-read the running timer and the week's balance."""
        access, person_id = self.access, self.person_id
        if access is None or person_id is None:
            return
        from app.model.weeks import week_name

        now = self.now or datetime.now(UTC)
        week = week_name(now.astimezone().date())
        timers = access.attempt(lambda: access.timers(person_id, week, self.now))
        if timers is None:
            return
        everyone, self._week = timers.running, timers.balance
        mine = [entry for entry in everyone if entry.person_id == self.person_id]
        self.running = mine[0] if mine else None
        # The partner's timer, visible beside one's own (a shared database).
        self.others = [entry for entry in everyone if entry.person_id != self.person_id]
        self._show()

    others: list[EntryInfo] = []
    now: datetime | None = None  # a fixed "now" (the README's pictures); else the clock

    # ---- actions -------------------------------------------------------------------------

    @Slot(object)
    def toggle(self, side: Side) -> None:
        """Start `side`, or stop it if it is the running one."""
        if self.access is None or self.person_id is None:
            return
        from app.model.durations import format_hours

        said = ""
        try:
            started, stopped = self.access.toggle(self.person_id, side, self.running)
            self.running = started
            if started is not None:
                said = f"{side.value.capitalize()} timer started."
            if stopped is not None:
                assert stopped.end is not None
                took = format_hours(stopped.hours(stopped.end))
                said = f"Stopped {stopped.side.value} after {took}. {said}".strip()
                self.timer_stopped.emit(stopped)
            if self.running is not None:
                self.timer_started.emit(self.running)
        except HearthError as exc:
            said = str(exc)
        self.message.emit(said)  # acknowledged where the eye is: the status bar
        self.refresh()

    def stop(self) -> None:
        if self.running is not None:
            self.toggle(self.running.side)

    @Slot(int)
    def _category_chosen(self, _index: int) -> None:
        access, running = self.access, self.running
        if access is None or running is None:
            return
        category_id = self.category.currentData()
        changed = access.attempt(lambda: access.relink(running, ("category_id", category_id)))
        if changed is not None:
            self.running = changed

    # ---- what the time is for: a campaign or a lead --------------------------------------

    def _fill_menu(self, side: Side) -> None:
        """The button's menu: the campaigns and the leads most recently in touch; choosing one
        links the running timer of this side to it, or starts one for it."""
        menu = self.menus[side]
        menu.clear()
        if self.access is None:
            return
        found = self.access.attempt(self.access.link_choices)
        if found is None:
            return
        active, leads = found
        running = self.running if self.running and self.running.side is side else None
        verb = "" if running else f"Start {side.value} for "
        for_campaign = menu.addMenu(f"{verb}a campaign" if verb else "For a campaign")
        for_lead = menu.addMenu(f"{verb}a lead" if verb else "For a lead")
        for title, owner, items, key in (
            ("no campaign", for_campaign, [(c.id, c.name) for c in active], "campaign_id"),
            ("no lead", for_lead, [(lead.id, lead.label) for lead in leads], "lead_id"),
        ):
            current = getattr(running, key) if running else None
            for item_id, name in ([(None, title)] if running else []) + items:
                action = owner.addAction(name)
                action.setCheckable(True)
                action.setChecked(running is not None and item_id == current)
                action.triggered.connect(
                    lambda _c=False, k=key, i=item_id: self.spend_on(side, k, i)
                )
            if not items:
                owner.addAction("none yet").setEnabled(False)
        other = for_lead.addAction("Another lead…")
        other.triggered.connect(lambda: self._choose_lead(side))

    def spend_on(self, side: Side, key: str, value: int | None) -> None:
        """Link the running timer of `side` to a campaign or a lead (`key` "campaign_id" or
        "lead_id"; None unlinks it), or start a timer of that side for it."""
        access, person_id, running = self.access, self.person_id, self.running
        if access is None or person_id is None:
            return
        if running is not None and running.side is side:
            changed = access.attempt(lambda: access.relink(running, (key, value)))
            if changed is not None:
                self.running = changed
        else:
            campaign_id = value if key == "campaign_id" else None
            lead_id = value if key == "lead_id" else None
            done = access.attempt(
                lambda: access.start_for(person_id, side, campaign_id=campaign_id, lead_id=lead_id)
            )
            if done is not None:
                started, stopped = done
                if stopped is not None:
                    self.timer_stopped.emit(stopped)
                self.running = started
                self.timer_started.emit(started)
        self.refresh()

    def _choose_lead(self, side: Side) -> None:
        if self.access is None:
            return
        from app.ui.common.lead_chooser import LeadChooser

        leads = self.access.attempt(self.access.lead_choices)
        if leads is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"{side.value.capitalize()} time for a lead")
        chooser = LeadChooser()
        current = self.running.lead_id if self.running and self.running.side is side else None
        chooser.set_choices(leads, current)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(chooser)
        layout.addWidget(buttons)
        start_at_first_field(buttons, chooser)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            if not chooser.is_valid():
                self.message.emit(f"No lead is called {chooser.currentText().strip()!r}.")
                return
            self.spend_on(side, "lead_id", chooser.lead_id())

    @Slot(int)
    def _person_chosen(self, _index: int) -> None:
        self.person_id = self.person.currentData()
        self.refresh()
        if self.person_id is not None:
            self.person_chosen.emit(self.person_id)

    # ---- showing -------------------------------------------------------------------------

    def _show(self) -> None:
        running = self.running
        now = datetime.now(UTC)
        for side, button in self.buttons.items():
            on = running is not None and running.side is side
            button.setChecked(on)
            label = side.value.capitalize()
            button.setText(
                f"■ {label} {elapsed(running.hours(now), seconds=True)}"
                if on and running
                else f"▶ {label}"
            )
        self.category.setVisible(running is not None)
        if running is not None:
            self._fill_categories(running)
            self.ticker.start()
        else:
            self.ticker.stop()
        week = getattr(self, "_week", None)
        words = week.words() if week is not None else ""
        others = "; ".join(
            f"{entry.person}: {entry.side.value} for {elapsed(entry.hours(now))}"
            for entry in self.others
        )
        self.balance.setText(f"{words}   ({others})" if others else words)

    def _fill_categories(self, running: EntryInfo) -> None:
        access = self.access
        if access is None:
            return
        if self.category.property("side") != running.side.value:
            choices = access.attempt(lambda: access.categories(running.side)) or []
            self.category.clear()
            self.category.addItem("no category", None)
            for choice in choices:
                self.category.addItem(choice.name, choice.id)
            self.category.setProperty("side", running.side.value)
        self.category.setCurrentIndex(max(0, self.category.findData(running.category_id)))

    @Slot()
    def _tick(self) -> None:
        running = self.running
        if running is not None:
            button = self.buttons[running.side]
            button.setText(
                f"■ {running.side.value.capitalize()} "
                f"{elapsed(running.hours(datetime.now(UTC)), seconds=True)}"
            )
