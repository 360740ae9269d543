""" "Use this split next week" on the Review page: the plan's split becomes next week's target
override, and the undo puts back the target the week had (its own, or none). The road to the
data runs on SQLite and PostgreSQL; the page's button and Undo card on a window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.model.goals import service as goals
from app.model.review.build import weekly_review
from app.model.store.db import Store
from app.model.time import targets
from app.model.time.targets import Target
from app.model.weeks import current_week, parse_week, week_name
from app.ui.common.undo import UndoStack
from app.ui.review.access import ReviewAccess
from app.ui.review.page import ReviewPage, SplitCommand
from app.ui.shell.main_window import MainWindow

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)  # in 2026-W47


def _overrides(store: Store, week: str) -> dict[int | None, Target]:
    with store.session() as session:
        return targets.week_overrides(session, week)


def test_the_split_and_its_undo_through_the_access(qtbot: QtBot, set_up_store: Store) -> None:
    store = set_up_store
    with store.writer() as session:
        goals.set_default(session, Decimal("30000"))
        targets.set_week_target(session, "2026-W48", 0.3, 35)  # the week's own, before
        session.commit()
    access = ReviewAccess(store)
    plan = access.read(lambda s: weekly_review(s, "2026-W47", now=NOW)).plan
    assert plan is not None and plan.week == "2026-W48"
    # No pipeline at all: thin, 15 points more marketing than the Settings split (40 %),
    # with the hours of the week's own target.
    assert (plan.suggested_marketing_share, plan.suggested_hours) == (0.55, 35)
    assert plan.reason.endswith("(target 40%); next week is set to 30% marketing.")
    before = access.use_split(plan.week, None, 0.55, 35)
    assert before == Target(0.3, 35, overridden=True)
    assert _overrides(store, "2026-W48") == {None: Target(0.55, 35, overridden=True)}
    # The next plan is the same split (no ratchet), and would change nothing.
    again = access.read(lambda s: weekly_review(s, "2026-W47", now=NOW)).plan
    assert again is not None and again.suggested_marketing_share == 0.55
    assert not again.changes_target
    assert again.reason.endswith("(target 40%) — already set for next week.")
    page = QWidget()
    qtbot.addWidget(page)
    stack = UndoStack(page)
    stack.push(SplitCommand(access, "2026-W48", None, 0.55, 35, before, lambda: None))
    stack.undo()
    assert _overrides(store, "2026-W48") == {None: Target(0.3, 35, overridden=True)}
    stack.redo()
    assert _overrides(store, "2026-W48") == {None: Target(0.55, 35, overridden=True)}
    # A week with no target of its own has none again after the undo.
    none_before = access.use_split("2026-W49", None, 0.6, 40)
    assert none_before is None
    access.put_back_target("2026-W49", None, none_before)
    assert _overrides(store, "2026-W49") == {}


def review_page_with_a_goal(window: MainWindow) -> ReviewPage:
    """The Review page shown, with a default goal of 30,000 set first."""
    assert window.store is not None
    with window.store.writer() as session:
        goals.set_default(session, Decimal("30000"))
        session.commit()
    page = window.page(4)
    assert isinstance(page, ReviewPage)
    window.show_page(4)
    return page


def test_the_review_page_uses_the_split_and_undoes_it(qtbot: QtBot, window: MainWindow) -> None:
    page = review_page_with_a_goal(window)
    assert page.review is not None and page.review.plan is not None
    following = week_name(parse_week(current_week()) + timedelta(days=7))
    assert page.review.plan.week == following
    assert page.pacing_words.text().startswith("Sales pacing: 0 EUR of 30,000 EUR")
    assert page.plan_words.text().startswith(f"Next week ({following}): Pipeline covers 0 weeks")
    assert page.rates_words.text().startswith("Win rates: cold → won 5% (of 0 closed)")
    assert page.use_split_button.isVisibleTo(page)
    page.use_split_button.click()
    assert _overrides(window.store, following) == {None: Target(0.55, 40.0, overridden=True)}
    # The plan now keeps the target it made and says so: no button; an Undo card instead.
    assert not page.use_split_button.isVisibleTo(page)
    assert page.plan_words.text().endswith("(target 40%) — already set for next week.")
    (undo,) = [b for b in page.findChildren(QPushButton) if b.text() == "Undo" and not b.isHidden()]
    undo.click()
    assert _overrides(window.store, following) == {}
    assert page.use_split_button.isVisibleTo(page)
    assert page.plan_words.text().endswith("marketing next week (target 40%).")


def test_ctrl_z_right_after_using_the_split_undoes_it(qtbot: QtBot, window: MainWindow) -> None:
    """The button hides once used: the focus must not leave the page with it, or Ctrl+Z (a
    shortcut of the page and its children) does nothing (a new owner's walk of #18)."""
    page = review_page_with_a_goal(window)
    window.activateWindow()
    assert page.review is not None and page.review.plan is not None
    following = page.review.plan.week
    page.use_split_button.setFocus()
    qtbot.keyClick(page.use_split_button, Qt.Key.Key_Space)
    assert _overrides(window.store, following) == {None: Target(0.55, 40.0, overridden=True)}
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _overrides(window.store, following) == {}


def test_ctrl_z_still_undoes_the_split_after_the_window_catches_up(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Clicked, then the window catches up with the change (its next turn): the page is not
    built a second time, and the focus stays on the Undo card's button. Built again, the card
    holding the focus was replaced, the focus went nowhere and Ctrl+Z did nothing (a new
    owner's walk: the split stayed used)."""
    page = review_page_with_a_goal(window)
    window.activateWindow()
    assert page.review is not None and page.review.plan is not None
    following = page.review.plan.week
    builds: list[int] = []
    built = page.build
    page.build = lambda: (builds.append(1), built())[1]  # type: ignore[method-assign]
    qtbot.mouseClick(page.use_split_button, Qt.MouseButton.LeftButton)
    assert _overrides(window.store, following) == {None: Target(0.55, 40.0, overridden=True)}
    qtbot.wait(300)  # the window's catching up has run
    assert len(builds) == 1  # the one after the split, not another
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _overrides(window.store, following) == {}
