"""The ladder's rules as data: the shipped numbers, their checks, and what each step tells."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.content import Content
from bot.rules.escalation import EscalationRules, Role, first_wait, next_step_at, roles_at

NOW = datetime(2026, 11, 30, 19, 0, tzinfo=UTC)


def _rules(**changes: Any) -> EscalationRules:
    data: dict[str, Any] = {
        "source": "test",
        "levels": {
            "emergency": {
                "acknowledge_within_minutes": 5,
                "steps": [["clinician", "backup"], ["admins"]],
            },
            "urgent": {
                "acknowledge_within_minutes": 15,
                "steps": [["clinician"], ["backup"], ["admins"]],
            },
        },
        "repeat_last_step_minutes": 30,
        "remind_unresolved_after_hours": 4,
        "digest_at": "08:30",
        "first_send_check_seconds": 60,
    }
    data.update(changes)
    return EscalationRules.model_validate(data)


def test_the_shipped_ladder_waits_5_minutes_for_emergency_and_15_for_urgent(
    content: Content,
) -> None:
    rules = content.escalation
    assert first_wait(rules, "emergency") == timedelta(minutes=5)
    assert first_wait(rules, "urgent") == timedelta(minutes=15)
    assert roles_at(rules, "emergency", 0) == (Role.CLINICIAN, Role.BACKUP)
    assert [roles_at(rules, "urgent", n) for n in range(3)] == [
        (Role.CLINICIAN,),
        (Role.BACKUP,),
        (Role.ADMINS,),
    ]


def test_a_clinic_can_change_the_wait() -> None:
    rules = _rules(
        levels={
            "emergency": {"acknowledge_within_minutes": 2, "steps": [["clinician"], ["admins"]]},
            "urgent": {"acknowledge_within_minutes": 30, "steps": [["clinician"], ["admins"]]},
        }
    )
    assert next_step_at(rules, "urgent", 0, NOW) == NOW + timedelta(minutes=30)


def test_routine_alerts_cannot_have_a_ladder_they_go_to_the_digest() -> None:
    levels = _rules().model_dump(mode="json")["levels"]
    levels["routine"] = {"acknowledge_within_minutes": 60, "steps": [["clinician"]]}
    with pytest.raises(ValidationError, match="digest"):
        _rules(levels=levels)


def test_every_alerting_level_needs_a_ladder() -> None:
    with pytest.raises(ValidationError, match="urgent"):
        _rules(levels={"emergency": {"acknowledge_within_minutes": 5, "steps": [["clinician"]]}})


def test_an_unknown_role_is_refused() -> None:
    with pytest.raises(ValidationError):
        _rules(
            levels={
                "emergency": {"acknowledge_within_minutes": 5, "steps": [["nurse"]]},
                "urgent": {"acknowledge_within_minutes": 15, "steps": [["clinician"]]},
            }
        )


@given(level=st.sampled_from(["emergency", "urgent"]), step=st.integers(0, 500))
def test_every_step_tells_someone_and_the_next_one_is_always_later(level: str, step: int) -> None:
    rules = _rules()
    assert roles_at(rules, level, step)
    assert next_step_at(rules, level, step, NOW) > NOW
    if step >= len(rules.levels[level].steps):  # type: ignore[index]
        assert roles_at(rules, level, step) == (Role.ADMINS,)  # the last step, again
