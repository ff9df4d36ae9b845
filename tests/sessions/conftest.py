"""Two clinicians and their patients, for the daily session and programme changes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from session_people import clinic_with_two_clinicians, enrolled_patient
from sqlmodel import Session

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import Patient, Staff


@dataclass
class Clinic:
    lee: Staff
    roy: Staff
    patient: Patient  # dr-lee's, in English, on the starter programme
    other: Patient  # dr-roy's, in French, on the starter programme


@pytest.fixture
def clinic(db: Session, clock: ManualClock, content: Content) -> Clinic:
    lee, roy = clinic_with_two_clinicians(db, clock)
    patient = enrolled_patient(db, clock, content, lee, 2001)
    other = enrolled_patient(db, clock, content, roy, 2002, language="fr")
    return Clinic(lee, roy, patient, other)
