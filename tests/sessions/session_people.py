"""Enrolled patients for session tests, written straight to the database.

Enrolment has its own tests; here a patient is simply enrolled, ready to exercise (a
completed all-"no" readiness check) and given a programme, in English or French.
"""

from __future__ import annotations

from dataclasses import dataclass

from ready_patients import ready_patient, two_linked_clinicians
from sqlmodel import Session

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import (
    Patient,
    Staff,
)


def clinic_with_two_clinicians(db: Session, clock: ManualClock) -> tuple[Staff, Staff]:
    """A clinic with dr-lee and dr-roy, both linked to Telegram (1001 and 1002)."""
    return two_linked_clinicians(db, clock)


def enrolled_patient(
    db: Session,
    clock: ManualClock,
    content: Content,
    clinician: Staff,
    telegram_id: int,
    *,
    language: str = "en",
    programme_id: str = "starter",
) -> Patient:
    """An enrolled patient of ``clinician`` on the first phase of ``programme_id``."""
    assert clinician.id is not None
    return ready_patient(
        db,
        clock,
        content,
        clinic_id=clinician.clinic_id,
        clinician_id=clinician.id,
        telegram_id=telegram_id,
        language=language,
        programme_id=programme_id,
    )


@dataclass
class Clinic:
    """Two clinicians of one clinic, each with a patient."""

    lee: Staff
    roy: Staff
    patient: Patient  # dr-lee's, in English, on the starter programme
    other: Patient  # dr-roy's, in French, on the starter programme
