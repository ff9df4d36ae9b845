"""Retention and erasure: a patient's personal data is kept only as long as the clinic says.

A clinic sets ``retention_days`` (``companion clinic set-retention``). ``companion retention
run`` erases the personal data of every patient who has left (withdrawn, declined, or never
finished joining) and whose last activity is older than that. Patients still in the
programme are never erased. Erasure deletes what they said and did (sessions, answers,
check-ins, messages, alerts with the words of theirs that raised them, their programme, and
every message still waiting in the outbox to them or about their alerts, dead letters too)
and unlinks their Telegram account; it keeps
the patient number as a tombstone, the consent history (proof of what was agreed, and
when), and the audit trail, to which it adds the erasure itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    Alert,
    AlertEvent,
    AlertNotice,
    Clinic,
    ExerciseLog,
    ExerciseSession,
    InviteCode,
    LevelDecision,
    MorningCheck,
    OnboardingStep,
    PainBaseline,
    Patient,
    PatientExercise,
    PatientThreshold,
    PsfsActivity,
    PsfsScore,
    ReadinessCheck,
    ShownKeyboard,
    ThreadMessage,
    WeeklyCheckin,
)
from bot.rules import schedule
from bot.services import audit, outbox
from bot.services.alerts import raising as alerts_service
from bot.services.clinics import AdminError, find_clinic
from scheduler import DueWork

ERASED = OnboardingStep.ERASED  # Patient.onboarding_step once their personal data is gone
MAX_DAYS = 365 * 30
_LEFT = (OnboardingStep.WITHDRAWN, OnboardingStep.DECLINED)
_JOINING = (
    OnboardingStep.LANGUAGE,
    OnboardingStep.CONSENT,
    OnboardingStep.READINESS,
    OnboardingStep.REMINDER_TIME,
)


def set_retention(db: Session, clock: Clock, clinic_slug: str | None, days: int | None) -> Clinic:
    """Set (or with ``None`` remove) how many days a departed patient's data is kept."""
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise AdminError("bad_retention", days=days)
    clinic = find_clinic(db, clinic_slug)
    clinic.retention_days = days
    db.add(clinic)
    audit.record(db, clock, AuditAction.CLINIC_RETENTION)
    db.flush()
    return clinic


def last_activity(db: Session, patient: Patient) -> datetime:
    """The latest moment anything happened with the patient."""
    moments = [patient.created_at, patient.withdrawn_at, patient.consent_at]
    moments.append(
        db.exec(
            select(func.max(ExerciseSession.started_at)).where(
                ExerciseSession.patient_id == patient.id
            )
        ).one()
    )
    moments.append(
        db.exec(
            select(func.max(ThreadMessage.at)).where(ThreadMessage.patient_id == patient.id)
        ).one()
    )
    return max(m for m in moments if m is not None)


@dataclass(frozen=True)
class Due:
    """A patient whose data the clinic's retention period says to erase."""

    patient_id: int
    clinic: str
    last_activity: datetime


def due_for_erasure(db: Session, clock: Clock) -> list[Due]:
    """Every departed patient past their clinic's retention period, oldest first."""
    found: list[Due] = []
    for clinic in db.exec(select(Clinic).where(col(Clinic.retention_days).is_not(None))):
        assert clinic.retention_days is not None
        cutoff = clock.now() - timedelta(days=clinic.retention_days)
        patients = db.exec(
            select(Patient).where(
                Patient.clinic_id == clinic.id,
                col(Patient.onboarding_step).in_([*_LEFT, *_JOINING]),
            )
        ).all()
        for patient in patients:
            assert patient.id is not None
            last = last_activity(db, patient)
            if last <= cutoff:
                found.append(Due(patient.id, clinic.slug, last))
    return sorted(found, key=lambda d: d.last_activity)


def run(db: Session, clock: Clock, *, dry_run: bool = False) -> list[Due]:
    """Erase every patient ``due_for_erasure`` (or only list them). The caller commits."""
    due = due_for_erasure(db, clock)
    if not dry_run:
        for item in due:
            erase(db, clock, item.patient_id)
    return due


def erase(db: Session, clock: Clock, patient_id: int) -> None:
    """Delete the patient's personal data, keep the tombstone and the trail. The caller commits."""
    patient = db.get(Patient, patient_id)
    if patient is None or patient.onboarding_step == ERASED:
        return
    pid = patient_id
    sessions = select(ExerciseSession.id).where(ExerciseSession.patient_id == pid)
    checkins = select(WeeklyCheckin.id).where(WeeklyCheckin.patient_id == pid)
    alerts = select(Alert.id).where(Alert.patient_id == pid)
    alert_kinds = [alerts_service.STEP_KIND, alerts_service.REMIND_KIND]
    # Copies of their words and messages waiting to be sent (or dead-lettered): an alert's
    # card carries what they typed (``Alert.words``), a reply to them what they were told.
    unsent = outbox.rows_holding(db, patient.chat_id, [a for a in db.exec(alerts).all() if a])
    for statement in (
        delete(DueWork).where(col(DueWork.id).in_(unsent)),
        delete(DueWork).where(
            col(DueWork.subject_id).in_(alerts), col(DueWork.kind).in_(alert_kinds)
        ),
        delete(AlertEvent).where(col(AlertEvent.alert_id).in_(alerts)),
        delete(AlertNotice).where(col(AlertNotice.alert_id).in_(alerts)),
        delete(Alert).where(col(Alert.patient_id) == pid),
        delete(LevelDecision).where(col(LevelDecision.patient_id) == pid),
        delete(MorningCheck).where(col(MorningCheck.session_id).in_(sessions)),
        delete(ExerciseLog).where(col(ExerciseLog.patient_id) == pid),
        delete(ExerciseSession).where(col(ExerciseSession.patient_id) == pid),
        delete(PsfsScore).where(col(PsfsScore.checkin_id).in_(checkins)),
        delete(WeeklyCheckin).where(col(WeeklyCheckin.patient_id) == pid),
        delete(PsfsActivity).where(col(PsfsActivity.patient_id) == pid),
        delete(PainBaseline).where(col(PainBaseline.patient_id) == pid),
        delete(ReadinessCheck).where(col(ReadinessCheck.patient_id) == pid),
        delete(PatientExercise).where(col(PatientExercise.patient_id) == pid),
        delete(PatientThreshold).where(col(PatientThreshold.patient_id) == pid),
        delete(ThreadMessage).where(col(ThreadMessage.patient_id) == pid),
        delete(ShownKeyboard).where(col(ShownKeyboard.chat_id) == patient.chat_id),
        delete(DueWork).where(
            col(DueWork.subject_id) == pid, col(DueWork.kind).in_(schedule.ROUTINE_KINDS)
        ),
    ):
        db.execute(statement)
    if patient.invite_id is not None:
        invite = db.get(InviteCode, patient.invite_id)
        if invite is not None:
            invite.used_by_telegram_id = None
            db.add(invite)
    # The row stays so the audit trail and consent history still name P-n; nothing in it
    # leads back to the person: the Telegram link is replaced by the (negative) number.
    patient.telegram_user_id = patient.chat_id = -pid
    patient.onboarding_step = ERASED
    patient.awaiting_text = None
    patient.reminder_time = None
    patient.paused_at = patient.paused_until = patient.hold_at = None
    patient.hold_reason = None
    db.add(patient)
    audit.record(db, clock, AuditAction.PATIENT_ERASED, patient_id=pid, outcome="retention")
    db.flush()
