"""A clinic, enrolled patients and a day's session played through the services, for the
pain-model tests. Time moves only through the ``ManualClock``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from ready_patients import enrolled_patient as enrolled_patient  # shared by this folder's tests
from ready_patients import two_linked_clinicians
from sqlmodel import Session, col, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import (
    ExerciseSession,
    MorningCheck,
    Patient,
    PatientExercise,
    Staff,
)
from bot.services.feedback import checkins
from bot.services.outgoing import Message, Reply
from bot.services.patients import Visitor
from bot.services.sessions import today as sessions

LEE = Visitor(1001, 1001)  # the patients' clinician
ROY = Visitor(1002, 1002)  # another clinician of the same clinic


@dataclass
class People:
    lee: Staff
    roy: Staff


def clinic_with_two_clinicians(db: Session, clock: ManualClock) -> People:
    return People(*two_linked_clinicians(db, clock))


def levels(db: Session, patient: Patient) -> list[int]:
    """The level of each exercise of the patient's programme, in session order."""
    rows = db.exec(
        select(PatientExercise)
        .where(PatientExercise.patient_id == patient.id)
        .order_by(col(PatientExercise.position))
    ).all()
    return [row.level for row in rows]


def play_session(
    db: Session,
    clock: ManualClock,
    content: Content,
    patient: Patient,
    *,
    pain: int,
    difficulty: str = "easy",
) -> tuple[ExerciseSession, list[Message]]:
    """Today's exercises all done, then pain and difficulty; every message sent after them."""
    sessions.today(db, clock, content, patient)
    session = db.exec(
        select(ExerciseSession).where(
            ExerciseSession.patient_id == patient.id,
            ExerciseSession.local_date == sessions.local_today(clock, patient),
        )
    ).one()
    assert session.id is not None
    sessions.mark_done(db, clock, content, patient, session.id)
    sent = sessions.record_pain(db, clock, content, patient, session.id, pain).messages
    sent += sessions.record_difficulty(db, clock, content, patient, session.id, difficulty).messages
    return session, sent


def next_morning(
    db: Session,
    clock: ManualClock,
    content: Content,
    patient: Patient,
    session: ExerciseSession,
    settled: str,
) -> Reply:
    """The next morning, the patient answers "has it settled?"."""
    clock.advance(timedelta(hours=15))
    assert patient.id is not None and session.id is not None
    check = MorningCheck(patient_id=patient.id, session_id=session.id, asked_at=clock.now())
    db.add(check)
    db.commit()
    assert check.id is not None
    return checkins.answer_settled(db, clock, content, patient, check.id, settled)


def good_day(db: Session, clock: ManualClock, content: Content, patient: Patient) -> list[Message]:
    """An easy session with little pain that settled: what it sent, evening and morning."""
    session, sent = play_session(db, clock, content, patient, pain=1, difficulty="easy")
    sent += next_morning(db, clock, content, patient, session, "yes").messages
    clock.advance(timedelta(hours=9))  # to the next evening
    return sent


def texts_to(messages: list[Message], chat_id: int) -> list[str]:
    return [m.text for m in messages if m.chat_id == chat_id]
