"""The alert ladder's rules: who is told at each step, and when the next step comes.

The numbers and the steps are data in ``content/rules/escalation.yaml``; this module only
reads them. It is pure: plain data in, decisions out
(``bot/services/alerts/escalation.py`` runs it).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from enum import StrEnum

from pydantic import Field, field_validator

from bot.rules.levels import AlertLevel
from bot.strict import Strict


class Role(StrEnum):
    """Who a ladder step tells."""

    CLINICIAN = "clinician"
    BACKUP = "backup"
    ADMINS = "admins"


class Ladder(Strict):
    """One level's ladder: its steps in order, and how long each waits for an acknowledgement."""

    acknowledge_within_minutes: int = Field(ge=1, le=24 * 60)
    steps: list[list[Role]] = Field(min_length=1)

    @field_validator("steps")
    @classmethod
    def _no_empty_step(cls, steps: list[list[Role]]) -> list[list[Role]]:
        if any(not step for step in steps):
            raise ValueError("every step names at least one of clinician, backup, admins")
        return steps


class EscalationRules(Strict):
    """The whole of ``escalation.yaml``."""

    source: str = Field(min_length=1)
    levels: dict[AlertLevel, Ladder]
    repeat_last_step_minutes: int = Field(ge=1, le=24 * 60)
    remind_unresolved_after_hours: float = Field(gt=0, le=24 * 7)
    digest_at: time
    first_send_check_seconds: int = Field(ge=5, le=3600)

    @field_validator("levels")
    @classmethod
    def _alerting_levels(cls, levels: dict[AlertLevel, Ladder]) -> dict[AlertLevel, Ladder]:
        missing = {AlertLevel.EMERGENCY, AlertLevel.URGENT} - set(levels)
        if missing:
            raise ValueError(f"needs a ladder for {', '.join(sorted(missing))}")
        if AlertLevel.ROUTINE in levels:
            raise ValueError("ROUTINE alerts go to the digest; they have no ladder")
        return levels


def escalates(level: str) -> bool:
    """Whether alerts of this level climb a ladder (ROUTINE ones go to the digest instead)."""
    return level != AlertLevel.ROUTINE


def roles_at(rules: EscalationRules, level: str, step: int) -> tuple[Role, ...]:
    """Who step ``step`` tells; past the last step, the last step is told again."""
    steps = rules.levels[AlertLevel(level)].steps
    return tuple(steps[min(step, len(steps) - 1)])


def next_step_at(rules: EscalationRules, level: str, step: int, now: datetime) -> datetime:
    """When the step after ``step`` is due if nobody acknowledges before then."""
    ladder = rules.levels[AlertLevel(level)]
    if step + 1 >= len(ladder.steps):
        return now + timedelta(minutes=rules.repeat_last_step_minutes)
    return now + timedelta(minutes=ladder.acknowledge_within_minutes)


def first_wait(rules: EscalationRules, level: str) -> timedelta:
    """How long the first step has before the second is told."""
    return timedelta(minutes=rules.levels[AlertLevel(level)].acknowledge_within_minutes)


def reminder_wait(rules: EscalationRules) -> timedelta:
    """How long an acknowledged alert may stay unresolved before a reminder."""
    return timedelta(hours=rules.remind_unresolved_after_hours)
