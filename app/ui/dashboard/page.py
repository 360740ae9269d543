"""Dashboard: this week at a glance, rendered from the week's `WeeklyReview` — the balance,
the sales pacing against the month's goal (a tile with a small bar), leads by temperature,
follow-ups due today, the running timer and the advice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from app.ui.common.pacing_bar import PacingBar
from app.ui.common.page import Page
from app.ui.dashboard.access import DashboardAccess

if TYPE_CHECKING:
    from app.model.review.glance import FirstLook, Glance
    from app.model.review.types import WeeklyReview

LEAD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DashboardPage(Page):
    lead_requested = Signal(int)  # open this lead on the Leads page
    access_type = DashboardAccess
    access: DashboardAccess | None

    fills_page = True  # the follow-ups list takes the height a big window has
    title = "Dashboard"
    purpose = (
        "This week at a glance: your hours against the split you meant to keep, your "
        "leads by temperature, today's follow-ups and what to change."
    )
    empty_text = ""

    def __init__(self) -> None:
        super().__init__()
        self.empty_state.hide()
        self.review: WeeklyReview | None = None
        self.now: datetime | None = None  # a fixed "now" (the README's pictures); else the clock
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        self.timer_label = QLabel()
        self.balance_words = QLabel()
        self.balance_words.setWordWrap(True)
        from app.ui.common.balance_chart import BalanceChart

        self.balance = BalanceChart()
        self.balance.setMaximumHeight(130)
        self.tiles: dict[str, QLabel] = {}
        tiles = QHBoxLayout()
        from app.colors import STATE_COLORS

        for temperature in ("cold", "warm", "hot"):
            tile = QLabel()
            tile.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tile.setMinimumHeight(64)
            tile.setStyleSheet(
                f"QLabel {{ border: 2px solid {STATE_COLORS[temperature]}; border-radius: 8px; "
                f"color: {STATE_COLORS[temperature]}; font-size: 15px; }}"
            )
            self.tiles[temperature] = tile
            tiles.addWidget(tile)
        self.week_numbers = QLabel()
        self.week_numbers.setWordWrap(True)
        # The goal tile: the pacing in words, its bar (won, expected by now, the goal) and
        # the pipeline weighted by the business's own win rates.
        self.goal_tile = QFrame()
        self.goal_tile.setObjectName("goalTile")
        self.goal_tile.setStyleSheet(
            "QFrame#goalTile { border: 1px solid #c9c4cf; border-radius: 8px; }"
        )
        self.pacing_words = QLabel()
        self.pacing_words.setWordWrap(True)
        self.pacing_bar = PacingBar()
        self.pipeline_words = QLabel()
        self.pipeline_words.setWordWrap(True)
        tile_layout = QVBoxLayout(self.goal_tile)
        tile_layout.setContentsMargins(10, 6, 10, 6)
        tile_layout.addWidget(self.pacing_words)
        tile_layout.addWidget(self.pacing_bar)
        tile_layout.addWidget(self.pipeline_words)
        self.follow_ups = QListWidget()
        self.follow_ups.setToolTip("Double-click or Enter to open the lead")
        self.follow_ups.setMinimumHeight(120)  # it grows with the window (a big one, a long list)
        self.follow_ups.setWordWrap(True)
        self.follow_ups_heading = _heading("Follow-ups due today")
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.PlainText)

        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(_heading("Time this week"))
        left.addWidget(self.balance_words)
        left.addWidget(self.balance)
        left.addWidget(self.timer_label)
        left.addWidget(_heading("Sales this month"))
        left.addWidget(self.goal_tile)
        left.addWidget(_heading("Open leads now"))
        left.addLayout(tiles)
        left.addWidget(self.week_numbers)
        left.addStretch(1)
        right.addWidget(self.follow_ups_heading)
        right.addWidget(self.follow_ups, 1)
        right.addWidget(_heading("What to change"))
        right.addWidget(self.advice)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.body.addWidget(self.week_label)
        self.body.addLayout(grid, 1)
        self.follow_ups.itemActivated.connect(self._activated)

    def reload(self) -> None:
        now = self.now or datetime.now(UTC)
        week = self._show_week(now, self.settings.business_name if self.settings else "")
        if self.access is not None:
            self.show_glance(self.access.glance(week, now), now)

    def first_look(self, db: str | None) -> FirstLook | None:
        """Before the window opens the database: this week's numbers read from the SQLite
        file alone (DashboardAccess.first_look), shown while the rest of Hearth (SQLAlchemy,
        the pages' roads) is imported; None where the ordinary road must open it first."""
        now = self.now or datetime.now(UTC)
        looked = DashboardAccess.first_look(db, self._show_week(now, ""), now)
        if looked is not None:
            self._show_week(now, looked.settings.business_name)
            self.show_glance(looked.glance, now)
        return looked

    def _show_week(self, now: datetime, business_name: str) -> str:
        """The week's line over the page ("Bakery · Week 2026-W47 · Mon 16 Nov – …"); the
        week's name."""
        from app.model.weeks import week_name

        today = now.astimezone().date()
        monday = today - timedelta(days=today.weekday())
        year, week, _ = today.isocalendar()
        sunday = monday + timedelta(days=6)
        self.week_label.setText(
            f"{business_name + ' · ' if business_name else ''}Week {year}-W{week:02d} · "
            f"{monday:%a %d %b} – {sunday:%a %d %b %Y}"
        )
        return week_name(monday)

    def show_glance(self, glance: Glance, now: datetime) -> None:
        from app.model.durations import elapsed
        from app.model.formatting import money, short_day
        from app.ui.common.balance_chart import BalanceRow

        today = now.astimezone().date()
        review, running = glance.review, glance.running
        self.review = review
        time, leads = review.time, review.leads
        self.balance_words.setText(time.words)
        self.balance.show_rows(
            [BalanceRow("This week", time.marketing, time.sales, time.target_share)]
        )
        self.timer_label.setText(
            "\n".join(
                f"▶ {e.person}: {e.side.value}{f' ({e.category})' if e.category else ''} "
                f"running for {elapsed(e.hours(now))}"
                for e in running
            )
            or "No timer running — start one with ▶ Marketing or ▶ Sales above."
        )
        self._show_goal(review)
        for temperature, count in leads.by_temperature:
            self.tiles[temperature].setText(
                f"<b style='font-size:22px'>{count}</b><br>{temperature}"
            )
        self.week_numbers.setText(
            f"This week: {leads.new} new, {leads.warmed} warmed up, {leads.heated} turned hot, "
            + (f"{leads.cooled} cooled down, " if leads.cooled else "")
            + f"{leads.won} won ({money(leads.revenue, review.currency)}), {leads.lost} lost; "
            f"{len(leads.stale)} stale."
        )
        self.follow_ups_heading.setText(
            f"<b>Follow-ups due today</b> ({len(leads.due_now)})"
            if leads.due_now
            else "<b>Follow-ups due today</b>"
        )
        self.follow_ups.clear()
        for line in leads.due_now:
            late = (
                f"overdue since {short_day(line.due)}" if line.due and line.due < today else "today"
            )
            item = QListWidgetItem(f"{line.name} — {line.next_action or 'follow up'} ({late})")
            item.setData(LEAD_ID_ROLE, line.id)
            self.follow_ups.addItem(item)
        if not leads.due_now:
            self.follow_ups.addItem(
                "Nothing due today. Set a next action on a lead to see it here."
            )
        self.advice.setText(
            "\n\n".join(f"• {a.text}" for a in review.advice)
            or "Nothing stands out this week: keep the plan. (Review has the full week.)"
        )

    def _show_goal(self, review: WeeklyReview) -> None:
        """The pacing tile: the words, the bar, the weighted pipeline; without a goal, how to
        set one (the pipeline is shown still)."""
        from app.model.formatting import whole_money

        goal, pipeline, currency = review.goal, review.pipeline, review.currency
        self.pacing_bar.setVisible(goal is not None)
        if goal is None:
            self.pacing_words.setText(
                "No revenue goal for this month: set one in Settings to see how sales are "
                "pacing and get next week's split planned from it."
            )
        else:
            self.pacing_words.setText(goal.words(currency))
            self.pacing_bar.show_pacing(goal.won, goal.expected, goal.goal)
        if pipeline is None:
            self.pipeline_words.clear()
            return
        self.pipeline_words.setText(
            f"Pipeline: {whole_money(pipeline.weighted, currency)} likely by your win rates "
            f"(80% range {whole_money(pipeline.low)} – {whole_money(pipeline.high)})."
        )

    @Slot(QListWidgetItem)
    def _activated(self, item: QListWidgetItem) -> None:
        lead_id = item.data(LEAD_ID_ROLE)
        if lead_id is not None:
            self.lead_requested.emit(int(lead_id))


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setContentsMargins(0, 6, 0, 0)
    return label
