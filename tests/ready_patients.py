"""Clinicians and an enrolled patient, ready to exercise, written straight to the database.

Enrolment has its own tests; other tests start from a patient who has consented, passed an
all-"no" readiness check (valid for a year) and has a programme phase at given levels.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import OnboardingStep, Patient, ReadinessCheck, Staff, StaffRole
from bot.services import clinics
from bot.services.programmes.changes import give_exercises


def two_linked_clinicians(db: Session, clock: ManualClock) -> tuple[Staff, Staff]:
    """A clinic "ottawa" with dr-lee and dr-roy, linked to Telegram as 1001 and 1002."""
    clinics.create_clinic(
        db, clock, slug="ottawa", name="Ottawa Physio", timezone="America/Toronto"
    )
    people = []
    for handle, telegram_id in (("dr-lee", 1001), ("dr-roy", 1002)):
        clinics.invite_staff(
            db, clock, clinic_slug=None, role=StaffRole.CLINICIAN, handle=handle, valid_days=14
        )
        staff = db.exec(select(Staff).where(Staff.handle == handle)).one()
        staff.telegram_user_id = telegram_id
        db.add(staff)
        people.append(staff)
    db.commit()
    return people[0], people[1]


def ready_patient(
    db: Session,
    clock: ManualClock,
    content: Content,
    *,
    clinic_id: int,
    clinician_id: int,
    telegram_id: int,
    language: str = "en",
    programme_id: str = "starter",
    level: int | None = None,
    **fields: Any,
) -> Patient:
    """Commit the patient; ``level`` sets every exercise's level (else the programme's own)."""
    now = clock.now()
    values: dict[str, Any] = {
        "timezone": "America/Toronto",
        "consent_version": content.consent_version,
        "consent_at": now,
        **fields,
    }
    patient = Patient(
        clinic_id=clinic_id,
        clinician_id=clinician_id,
        telegram_user_id=telegram_id,
        chat_id=telegram_id,
        language=language,
        onboarding_step=OnboardingStep.ENROLLED,
        programme_id=programme_id,
        created_at=now,
        **values,
    )
    db.add(patient)
    db.flush()
    assert patient.id is not None
    items = content.programmes[programme_id].exercises
    if level is not None:
        items = [item.model_copy(update={"level": level}) for item in items]
    give_exercises(db, patient.id, items)
    db.add(
        ReadinessCheck(
            patient_id=patient.id,
            answers="nnnnnnn",
            started_at=now,
            completed_at=now,
            valid_until=now + timedelta(days=365),
        )
    )
    db.commit()
    return patient


def enrolled_patient(
    db: Session,
    clock: ManualClock,
    content: Content,
    clinician: Staff,
    telegram_id: int = 2001,
    *,
    language: str = "en",
    programme_id: str = "starter",
    level: int | None = None,
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
        level=level,
    )
