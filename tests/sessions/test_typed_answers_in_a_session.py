"""A typed "7" where the pain buttons wait is the pain answer; a warning sign still comes first."""

from __future__ import annotations

from session_people import Clinic
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import Alert, ExerciseSession, SessionStep
from bot.services import conversation
from bot.services.patients import Visitor
from bot.services.sessions import today as sessions


def _at_the_pain_question(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> Visitor:
    patient = clinic.patient
    sessions.today(db, clock, content, patient)
    session = db.exec(select(ExerciseSession)).one()
    session.step = SessionStep.PAIN  # the exercises are done; the 0-10 buttons are shown
    db.add(session)
    db.commit()
    assert patient.telegram_user_id is not None and patient.chat_id is not None
    return Visitor(patient.telegram_user_id, patient.chat_id, "en")


def test_a_typed_pain_number_is_taken_as_the_pain_answer(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    who = _at_the_pain_question(db, clock, content, clinic)
    reply = conversation.text_received(db, clock, content, who, "3")
    session = db.exec(select(ExerciseSession)).one()
    assert session.pain == 3 and session.step == SessionStep.DIFFICULTY
    assert not any("tap one of the buttons" in m.text for m in reply.messages)


def test_a_typed_warning_sign_at_the_pain_question_reaches_triage_first(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    who = _at_the_pain_question(db, clock, content, clinic)
    conversation.text_received(db, clock, content, who, "I have chest pain")
    assert db.exec(select(Alert)).first() is not None  # the sign is raised
    session = db.exec(select(ExerciseSession)).one()
    assert session.pain is None  # nothing was swallowed as a score
