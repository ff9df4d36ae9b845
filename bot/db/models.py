"""The tables behind the journey: clinics, staff, invites, patients, sessions and alerts.

Every piece of conversation state (the onboarding step, the question awaited) is a column
here, so a restart or a second instance carries any conversation on.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class StaffRole(StrEnum):
    CLINICIAN = "clinician"
    ADMIN = "admin"


class InvitePurpose(StrEnum):
    PATIENT = "patient"
    STAFF = "staff"


class OnboardingStep(StrEnum):
    """Where a patient is in enrolment; ``ENROLLED`` once it is complete."""

    CONSENT = "consent"
    REMINDER_TIME = "reminder_time"
    ENROLLED = "enrolled"
    DECLINED = "declined"


class SessionStep(StrEnum):
    """The question a day's session is waiting on."""

    EXERCISES = "exercises"
    PAIN = "pain"
    DIFFICULTY = "difficulty"
    COMPLETE = "complete"


class AlertState(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class Clinic(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=64)
    name: str = Field(max_length=200)
    timezone: str = Field(max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)


class Staff(SQLModel, table=True):
    """A clinician or admin. ``handle`` is the clinic's short label, e.g. ``dr-lee``."""

    __table_args__ = (UniqueConstraint("clinic_id", "handle"),)

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinic.id", index=True)
    role: str = Field(max_length=20)
    handle: str = Field(max_length=64)
    telegram_user_id: int | None = Field(default=None, unique=True, sa_type=BigInteger)
    active: bool = True
    created_at: datetime = Field(sa_type=UTCDateTime)
    linked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class InviteCode(SQLModel, table=True):
    """A single-use, expiring code. Only its hash is stored."""

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinic.id", index=True)
    purpose: str = Field(max_length=20)
    code_hash: str = Field(unique=True, max_length=64)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    clinician_id: int | None = Field(default=None, foreign_key="staff.id")
    programme_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by_telegram_id: int | None = Field(default=None, sa_type=BigInteger)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Patient(SQLModel, table=True):
    """A patient, known to the bot only by Telegram id: no name or diagnosis is stored."""

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinic.id", index=True)
    clinician_id: int = Field(foreign_key="staff.id", index=True)
    backup_clinician_id: int | None = Field(default=None, foreign_key="staff.id")
    invite_id: int | None = Field(default=None, foreign_key="invitecode.id")
    telegram_user_id: int = Field(unique=True, sa_type=BigInteger)
    chat_id: int = Field(sa_type=BigInteger)
    language: str = Field(default="en", max_length=8)
    timezone: str = Field(max_length=64)
    onboarding_step: str = Field(default=OnboardingStep.CONSENT, max_length=20)
    awaiting_text: str | None = Field(default=None, max_length=40)
    consent_version: str | None = Field(default=None, max_length=20)
    consent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reminder_time: time | None = None
    programme_id: str = Field(max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)


class PatientExercise(SQLModel, table=True):
    """One exercise in a patient's own programme, at the level they are working on."""

    __table_args__ = (UniqueConstraint("patient_id", "exercise_id"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    exercise_id: str = Field(max_length=64)
    level: int = 1
    position: int = 0


class ExerciseSession(SQLModel, table=True):
    """One day's session and the feedback given after it (the session log)."""

    __table_args__ = (UniqueConstraint("patient_id", "local_date"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    local_date: date
    step: str = Field(default=SessionStep.EXERCISES, max_length=20)
    started_at: datetime = Field(sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    pain: int | None = None
    pain_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    difficulty: str | None = Field(default=None, max_length=20)
    difficulty_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Alert(SQLModel, table=True):
    """A warning for a clinician, committed before any message about it is sent."""

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinic.id", index=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    clinician_id: int = Field(foreign_key="staff.id", index=True)
    session_id: int | None = Field(default=None, foreign_key="exercisesession.id")
    level: str = Field(max_length=20)
    reason: str = Field(max_length=40)
    state: str = Field(default=AlertState.OPEN, max_length=20)
    created_at: datetime = Field(sa_type=UTCDateTime)
    notified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    acknowledged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    acknowledged_by_id: int | None = Field(default=None, foreign_key="staff.id")


class AlertEvent(SQLModel, table=True):
    """Append-only history of an alert: every state change, who made it and when."""

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="alert.id", index=True)
    state: str = Field(max_length=20)
    actor_staff_id: int | None = Field(default=None, foreign_key="staff.id")
    at: datetime = Field(sa_type=UTCDateTime)


class AuditEvent(SQLModel, table=True):
    """Append-only record of who did what to which patient's data, and of invite attempts."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    action: str = Field(max_length=40)
    telegram_user_id: int | None = Field(default=None, sa_type=BigInteger)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    patient_id: int | None = Field(default=None, foreign_key="patient.id")
    outcome: str = Field(default="ok", max_length=40)
