"""A patient's schedule: which due-work rows exist for them, planned in their local time.

``replan`` is the one entry point: call it after anything that changes when or whether a
patient hears from the bot (enrolment, reminder time, timezone, programme, pause, resume,
withdrawal, a warning-sign hold). It is idempotent and keeps, for each routine kind, the
next occurrence still ahead; every scheduled handler calls it again, so the chain goes on.

A *hold* is the warning-sign pause of routine messages: ``Patient.hold_at`` is set (with
``hold_reason``) by ``hold`` and cleared by a clinician through ``release_hold``. While it
is set, nothing routine is planned or sent; alerts are not routine and are unaffected.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot.clock import Clock
from bot.content import Content
from bot.db.models import OnboardingStep, Patient, PatientExercise
from bot.rules import schedule
from bot.rules.schedule import Occurrence, Routine
from scheduler import store
from scheduler.store import Planned


def replan(db: Session, clock: Clock, patient: Patient, content: Content | None = None) -> None:
    """Bring the patient's future rows in line with their settings now, and flush.

    With ``content``, the training days are first worked out again from the patient's
    exercises (after enrolment or a programme change). Rows already due, running or done
    are never touched, so nothing is planned twice.
    """
    assert patient.id is not None
    now = clock.now()
    if content is not None:
        patient.training_days = _training_days(db, content, patient)
        db.add(patient)
    routine = routine_of(patient)
    reason = blocked(patient, now)
    if routine is None or reason in ("not_enrolled", "withdrawn", "hold", "paused"):
        wanted: list[Planned] = []
        kinds: tuple[str, ...] = schedule.ROUTINE_KINDS  # snoozes go too
    else:
        wanted = [planned(patient.id, o) for o in schedule.next_occurrences(routine, now)]
        kinds = schedule.PLANNED_KINDS
    store.replace_future(db, patient.id, kinds, wanted, now)
    db.flush()


def replan_patient(db: Session, clock: Clock, patient_id: int) -> None:
    """``replan`` by id, for the scheduler's hooks (a patient deleted since is ignored)."""
    patient = db.get(Patient, patient_id)
    if patient is not None:
        replan(db, clock, patient)


def blocked(patient: Patient, now: datetime) -> str | None:
    """Why no routine message may go to the patient now, or ``None`` when it may.

    ``paused_until`` is a timed pause still running: planning plans from its end.
    """
    if patient.onboarding_step != OnboardingStep.ENROLLED:
        return "withdrawn" if patient.withdrawn_at is not None else "not_enrolled"
    if patient.withdrawn_at is not None:
        return "withdrawn"
    if patient.hold_at is not None:
        return "hold"
    if patient.paused_at is None:
        return None
    if patient.paused_until is None:
        return "paused"
    return "paused_until" if now < patient.paused_until else None


def in_quiet_hours(patient: Patient, now: datetime) -> bool:
    """Whether it is the patient's quiet hours where they are."""
    local = now.astimezone(ZoneInfo(patient.timezone)).time()
    return schedule.in_quiet_hours(local, patient.quiet_start, patient.quiet_end)


def pause(db: Session, clock: Clock, patient: Patient, until: datetime | None = None) -> None:
    """Pause routine messages, until ``until`` or until ``resume``; re-plan and flush."""
    patient.paused_at = clock.now()
    patient.paused_until = until
    db.add(patient)
    replan(db, clock, patient)


def resume(db: Session, clock: Clock, patient: Patient) -> None:
    """End a pause; the next session is planned at once (flushed; the caller commits)."""
    patient.paused_at = None
    patient.paused_until = None
    db.add(patient)
    replan(db, clock, patient)


def hold(db: Session, clock: Clock, patient: Patient, reason: str) -> None:
    """Hold routine messages after a warning sign, until a clinician releases it. Flushes."""
    patient.hold_at = clock.now()
    patient.hold_reason = reason[:40]
    db.add(patient)
    replan(db, clock, patient)


def release_hold(db: Session, clock: Clock, patient: Patient) -> None:
    """A clinician lets routine messages start again; re-planned and flushed."""
    patient.hold_at = None
    patient.hold_reason = None
    db.add(patient)
    replan(db, clock, patient)


def routine_of(patient: Patient) -> Routine | None:
    """The facts planning needs, or ``None`` before a reminder time is chosen."""
    if patient.reminder_time is None:
        return None
    zone = ZoneInfo(patient.timezone)
    timed_pause = patient.paused_until if patient.paused_at is not None else None
    return Routine(
        zone=zone,
        reminder=patient.reminder_time,
        training_weekdays=frozenset(int(d) for d in patient.training_days),
        quiet_start=patient.quiet_start,
        quiet_end=patient.quiet_end,
        follow_up=timedelta(minutes=patient.follow_up_minutes),
        checkin_weekday=patient.created_at.astimezone(zone).weekday(),
        starts_on=patient.created_at.astimezone(zone).date(),
        not_before=timed_pause,
    )


def planned(patient_id: int, occurrence: Occurrence) -> Planned:
    """The due-work row for one occurrence: one key per patient, kind and local date."""
    key = f"{occurrence.kind}:{patient_id}:{occurrence.local_date.isoformat()}"
    return Planned(occurrence.kind, patient_id, key, occurrence.due_at)


def _training_days(db: Session, content: Content, patient: Patient) -> str:
    rows = db.exec(select(PatientExercise).where(PatientExercise.patient_id == patient.id)).all()
    per_week = [
        content.exercises[row.exercise_id].at_level(row.level).dosage.days_per_week
        for row in rows
        if row.exercise_id in content.exercises
    ]
    days = schedule.training_weekdays(max(per_week, default=7))
    return "".join(str(d) for d in sorted(days))
