"""Settings' road to the data (see app.ui.common.access): the Settings dialog, the first-run
questions and who this computer's Hearth is for read and write through it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from app.ui.common.access import Access

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.first_run import FirstRunAnswers
    from app.model.people import PersonInfo
    from app.model.store.settings import Settings
    from app.ui.settings.month_goals import MonthGoalChanges


class SettingsAccess(Access):
    @property
    def database(self) -> str:
        """The database as the owner knows it (a path, or a server)."""
        return self.store.location.describe()

    def people(self) -> list[PersonInfo]:
        from app.model import people

        return self.read(people.list_people)

    def month_goals(self) -> dict[str, Decimal]:
        """The months with a goal of their own."""
        from app.model.goals import service

        return self.read(lambda s: service.goals(s).months)

    def save(
        self,
        renamed: dict[int, str],
        partner: str,
        edited: Callable[[Settings], Settings],
        month_goals: MonthGoalChanges | None = None,
    ) -> Settings:
        """People renamed, a partner added (when given), months' own goals set or removed
        and the settings saved, in one transaction; `edited` makes the settings to save from
        those stored now (what the owner changed, and only that)."""
        from app.model import people
        from app.model.goals import service as goals
        from app.model.store import settings as settings_service

        def work(session: Session) -> Settings:
            for person_id, name in renamed.items():
                people.stage_rename(session, person_id, name)
            if partner.strip():
                people.stage_person(session, partner)
            if month_goals:
                own = goals.goals(session).months
                for month in month_goals.removed:
                    if month in own:  # gone already (another computer): nothing to remove
                        goals.unset_goal(session, month)
                for month, value in month_goals.goals.items():
                    goals.set_goal(session, month, value)
            return settings_service.save(session, edited(settings_service.load(session)))

        return self.write(work)

    def complete_first_run(self, answers: FirstRunAnswers) -> Settings:
        from app.model import first_run

        return self.write(lambda s: first_run.complete(s, answers))
