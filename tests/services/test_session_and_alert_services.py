"""Today's session, the answers after it, and alerts that only the right people handle."""

from __future__ import annotations

from datetime import timedelta

from service_people import CLINICIAN, OTHER_CLINICIAN, PATIENT, Seeded
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import (
    Alert,
    AlertEvent,
    AlertState,
    ExerciseSession,
    Patient,
    SessionStep,
    StaffRole,
)
from bot.services import clinics
from bot.services.alerts import raising as alerts
from bot.services.enrolment import onboarding as enrolment
from bot.services.sessions import today as sessions


def _patient(db: Session) -> Patient:
    return db.exec(select(Patient)).one()


def _session_id(db: Session) -> int:
    row = db.exec(select(ExerciseSession)).one()
    assert row.id is not None
    return row.id


def _finish_exercises(db: Session, clock: ManualClock, content: Content) -> int:
    sessions.today(db, clock, content, _patient(db))
    session_id = _session_id(db)
    sessions.mark_done(db, clock, content, _patient(db), session_id)
    return session_id


def test_today_lists_the_programme_with_dosage_and_buttons(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    reply = sessions.today(db, clock, content, _patient(db))
    (message,) = reply.messages
    assert "Sit to stand" in message.text and "2 sets of 8 reps" in message.text
    labels = [b.label for row in message.buttons for b in row]
    assert labels == ["Start ▶️", "All in one message", "Warning sign ⚠️"]


def test_today_is_the_patients_local_date(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    clock.advance(timedelta(hours=9))  # 04:00 UTC on Tuesday is 23:00 on Monday in Ottawa
    sessions.today(db, clock, content, _patient(db))
    assert db.exec(select(ExerciseSession)).one().local_date.isoformat() == "2026-11-30"


def test_done_then_pain_then_difficulty_are_stored_in_order(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    session_id = _finish_exercises(db, clock, content)
    sessions.record_pain(db, clock, content, _patient(db), session_id, 3)
    sessions.record_difficulty(db, clock, content, _patient(db), session_id, "right")
    row = db.get(ExerciseSession, session_id)
    assert row is not None
    assert (row.pain, row.difficulty, row.step) == (3, "right", SessionStep.COMPLETE)
    assert row.pain_at == clock.now()
    assert db.exec(select(Alert)).first() is None


def test_a_pain_answer_pressed_twice_keeps_the_first(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    session_id = _finish_exercises(db, clock, content)
    sessions.record_pain(db, clock, content, _patient(db), session_id, 2)
    again = sessions.record_pain(db, clock, content, _patient(db), session_id, 9)
    assert again.toast is not None and "already answered" in again.toast
    row = db.get(ExerciseSession, session_id)
    assert row is not None and row.pain == 2
    assert db.exec(select(Alert)).first() is None


def test_pain_of_8_commits_an_urgent_alert_before_the_clinician_message(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    session_id = _finish_exercises(db, clock, content)
    reply = sessions.record_pain(db, clock, content, _patient(db), session_id, 8)
    alert = db.exec(select(Alert)).one()
    assert (alert.level, alert.reason, alert.state) == ("urgent", "pain_high", AlertState.OPEN)
    assert alert.notified_at is None  # set only once the message has really gone out
    to_clinician = [m for m in reply.messages if m.chat_id == CLINICIAN.chat_id]
    assert len(to_clinician) == 1 and to_clinician[0].alert_id == alert.id
    assert "8/10" in to_clinician[0].text


def test_the_warning_sign_button_opens_the_checklist_with_911_first(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    sessions.today(db, clock, content, _patient(db))
    session_id = _session_id(db)
    reply = sessions.report_warning_sign(db, clock, content, _patient(db), session_id)
    (checklist,) = reply.messages
    assert "911" in checklist.text and len(checklist.buttons) == 14  # 13 signs and "none"
    assert db.exec(select(Alert)).first() is None  # nothing is raised until a sign is chosen


def test_the_assigned_clinician_acknowledges_and_the_patient_is_told(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    session_id = _finish_exercises(db, clock, content)
    sessions.record_pain(db, clock, content, _patient(db), session_id, 9)
    alert = db.exec(select(Alert)).one()
    assert alert.id is not None
    clock.advance(timedelta(minutes=3))
    reply = alerts.acknowledge(db, clock, content, CLINICIAN, alert.id)
    db.refresh(alert)
    assert alert.state == AlertState.ACKNOWLEDGED and alert.acknowledged_at == clock.now()
    assert [m.chat_id for m in reply.messages] == [PATIENT.chat_id]
    history = db.exec(select(AlertEvent).where(AlertEvent.alert_id == alert.id)).all()
    assert [(e.state, e.actor_staff_id is not None) for e in history] == [
        (AlertState.OPEN, False),
        (AlertState.ACKNOWLEDGED, True),
    ]
    twice = alerts.acknowledge(db, clock, content, CLINICIAN, alert.id)
    assert twice.messages == [] and twice.toast is not None and "already" in twice.toast


def test_a_clinician_who_is_not_assigned_cannot_acknowledge(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    other = clinics.invite_staff(
        db, clock, clinic_slug=None, role=StaffRole.CLINICIAN, handle="dr-roy", valid_days=14
    )
    enrolment.start(db, clock, content, OTHER_CLINICIAN, other.code)
    session_id = _finish_exercises(db, clock, content)
    sessions.record_pain(db, clock, content, _patient(db), session_id, 10)
    alert = db.exec(select(Alert)).one()
    assert alert.id is not None
    reply = alerts.acknowledge(db, clock, content, OTHER_CLINICIAN, alert.id)
    db.refresh(alert)
    assert reply.toast is not None and "not for you" in reply.toast
    assert reply.messages == [] and alert.state == AlertState.OPEN
