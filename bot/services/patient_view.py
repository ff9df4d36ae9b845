"""What a clinician sees of one patient: adherence, pain, weekly trend and current levels.

Only numbers and exercise names go to the chat: no free text the patient typed (their PSFS
activities are shown as "activity 1, 2, 3").
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.content import Content
from bot.content.dates import short_date_words
from bot.db.models import ExerciseSession, PatientExercise
from bot.rules.adherence import adherence
from bot.services import audit, checkins, readiness
from bot.services.outgoing import Reply
from bot.services.patients import Visitor, may_handle, patient_by_reference, staff_by_telegram
from bot.services.sessions import local_today

WEEKS_SHOWN = 8
PAINS_SHOWN = 10


def patient_view(
    db: Session, clock: Clock, content: Content, who: Visitor, args: list[str]
) -> Reply:
    """``/patient P-12``: the patient's adherence and pain trends, for their clinicians."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    lang = staff.language if staff else content.language_for(who.language_code)
    patient = patient_by_reference(db, args[0]) if args else None
    if staff is None or patient is None or not may_handle(staff, patient):
        audit.record(
            db, clock, "patient.view", outcome="denied", telegram_user_id=who.telegram_user_id
        )
        db.commit()
        return Reply().send(who.chat_id, content.render(lang, "not_allowed"))
    audit.record(db, clock, "patient.view", staff_id=staff.id, patient_id=patient.id)
    db.commit()
    assert patient.id is not None
    today = local_today(clock, patient)
    enrolled = patient.created_at.date()
    done = {
        s.local_date
        for s in db.exec(
            select(ExerciseSession).where(
                ExerciseSession.patient_id == patient.id,
                col(ExerciseSession.completed_at).is_not(None),
            )
        )
    }
    week = adherence(done, patient.training_days, max(enrolled, today - timedelta(days=6)), today)
    month = adherence(done, patient.training_days, max(enrolled, today - timedelta(days=27)), today)
    pains = [
        s.pain
        for s in db.exec(
            select(ExerciseSession)
            .where(ExerciseSession.patient_id == patient.id, col(ExerciseSession.pain).is_not(None))
            .order_by(col(ExerciseSession.local_date).desc())
            .limit(PAINS_SHOWN)
        )
    ][::-1]
    weeks = [
        {
            "date": short_date_words(w.local_date, lang, today=today),
            "pain": w.pain,
            "psfs": w.psfs_average,
            "scores": list(w.activities.values()),
        }
        for w in checkins.trend(db, patient.id)[-WEEKS_SHOWN:]
    ]
    rows = db.exec(
        select(PatientExercise)
        .where(PatientExercise.patient_id == patient.id)
        .order_by(col(PatientExercise.position))
    ).all()
    exercises = [
        {"name": content.exercises[r.exercise_id].name.get(lang, r.exercise_id), "level": r.level}
        for r in rows
        if r.exercise_id in content.exercises
    ]
    text = content.render(
        lang,
        "patient_view",
        patient_id=patient.id,
        step=patient.onboarding_step,
        readiness=readiness.describe(readiness.latest(db, patient), clock.now()),
        paused=patient.paused_at is not None,
        held=patient.hold_at is not None,
        week=week,
        month=month,
        pains=pains,
        weeks=weeks,
        exercises=exercises,
    )
    return Reply().send(who.chat_id, text)
