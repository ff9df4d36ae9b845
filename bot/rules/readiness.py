"""The readiness check at enrolment (clinical-rules section 1): any "yes" needs a clinician."""

from __future__ import annotations

from datetime import datetime, timedelta

CLEARANCE_VALID_FOR = timedelta(days=365)


def needs_clearance(answers: str) -> bool:
    """Whether the answers hold the programme until a clinician clears it (any "yes")."""
    return "y" in answers


def valid_until(decided_at: datetime) -> datetime:
    """A clearance, or an all-"no" check, lasts 12 months."""
    return decided_at + CLEARANCE_VALID_FOR


def may_exercise(
    *,
    completed: bool,
    needs_clinician: bool,
    decision: str | None,
    until: datetime | None,
    now: datetime,
) -> bool:
    """Whether the programme may run now, given the latest readiness check."""
    if not completed or until is None or now >= until:
        return False
    return not needs_clinician or decision == "cleared"
