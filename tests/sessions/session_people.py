"""Enrolled patients for session tests, written straight to the database.

Enrolment has its own tests; here a patient is simply enrolled, ready to exercise (a
completed all-"no" readiness check) and given a programme, in English or French.
"""

from __future__ import annotations

from dataclasses import dataclass

from ready_patients import enrolled_patient as enrolled_patient  # shared by this folder's tests
from ready_patients import two_linked_clinicians
from sqlmodel import Session

from bot.clock import ManualClock
from bot.db.models import (
    Patient,
    Staff,
)


def clinic_with_two_clinicians(db: Session, clock: ManualClock) -> tuple[Staff, Staff]:
    """A clinic with dr-lee and dr-roy, both linked to Telegram (1001 and 1002)."""
    return two_linked_clinicians(db, clock)


@dataclass
class Clinic:
    """Two clinicians of one clinic, each with a patient."""

    lee: Staff
    roy: Staff
    patient: Patient  # dr-lee's, in English, on the starter programme
    other: Patient  # dr-roy's, in French, on the starter programme
