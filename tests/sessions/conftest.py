"""Two clinicians and their patients, for the daily session and programme changes."""

from __future__ import annotations

import pytest
from session_people import Clinic, clinic_with_two_clinicians, enrolled_patient
from sqlmodel import Session

from bot.clock import ManualClock
from bot.content import Content


@pytest.fixture
def clinic(db: Session, clock: ManualClock, content: Content) -> Clinic:
    lee, roy = clinic_with_two_clinicians(db, clock)
    patient = enrolled_patient(db, clock, content, lee, 2001)
    other = enrolled_patient(db, clock, content, roy, 2002, language="fr")
    return Clinic(lee, roy, patient, other)
