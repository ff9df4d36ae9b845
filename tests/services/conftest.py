"""A seeded clinic for service tests: one clinician, one patient invite, no Telegram."""

from __future__ import annotations

import pytest
from service_people import CLINICIAN, PATIENT, Seeded, answer_readiness
from sqlmodel import Session

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import StaffRole
from bot.services import clinics
from bot.services.enrolment import onboarding as enrolment


@pytest.fixture
def seeded(db: Session, clock: ManualClock, content: Content) -> Seeded:
    clinics.create_clinic(
        db, clock, slug="ottawa", name="Ottawa Physio", timezone="America/Toronto"
    )
    staff = clinics.invite_staff(
        db, clock, clinic_slug=None, role=StaffRole.CLINICIAN, handle="dr-lee", valid_days=14
    )
    patient = clinics.create_patient_invite(
        db,
        clock,
        clinic_slug=None,
        clinician_handle="dr-lee",
        programme_id="starter",
        known_programmes=content.programmes.keys(),
        valid_days=14,
    )
    return Seeded(staff.code, patient.code)


@pytest.fixture
def enrolled(db: Session, clock: ManualClock, content: Content, seeded: Seeded) -> Seeded:
    """The clinician has linked Telegram; the patient consented and chose 18:00."""
    enrolment.start(db, clock, content, CLINICIAN, seeded.staff_code)
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    enrolment.choose_language(db, clock, content, PATIENT, "en")
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    answer_readiness(db, clock, content, "nnnnnnn")
    enrolment.choose_reminder_time(db, clock, content, PATIENT, "18:00")
    return seeded
