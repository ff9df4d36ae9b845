"""Feedback after a session (note, corrections), the baseline pain, and pain alerts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from progression_people import (
    People,
    clinic_with_two_clinicians,
    enrolled_patient,
    levels,
    next_morning,
    play_session,
    texts_to,
)
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import (
    Alert,
    AlertEvent,
    ExerciseSession,
    PainBaseline,
    Patient,
    SessionStep,
    WeeklyCheckin,
)
from bot.services import conversation
from bot.services.alerts.messages import reason_text
from bot.services.feedback import answers as feedback
from bot.services.feedback import checkins
from bot.services.patients import Visitor
from bot.services.sessions import today as sessions


@pytest.fixture
def people(db: Session, clock: ManualClock) -> People:
    return clinic_with_two_clinicians(db, clock)


def _baseline(
    db: Session, clock: ManualClock, content: Content, patient: Patient, pain: int
) -> None:
    feedback.answer_baseline(db, clock, content, patient, pain)


def test_the_answers_are_stored_with_their_times_then_a_note_is_offered(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    session, sent = play_session(db, clock, content, patient, pain=2, difficulty="right")
    saved = next(m for m in sent if "Type a short note" in m.text)
    assert [b.label for row in saved.buttons for b in row] == ["No note", "Change my answers"]
    assert (session.pain, session.difficulty) == (2, "right")
    assert session.pain_at == session.difficulty_at == clock.now()


def test_a_typed_note_is_stored_with_the_session_through_the_conversation(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    session, _ = play_session(db, clock, content, patient, pain=2, difficulty="right")
    clock.advance(timedelta(minutes=2))
    who = Visitor(patient.telegram_user_id, patient.chat_id)
    reply = conversation.text_received(db, clock, content, who, "My knee clicked a bit")
    assert any("Your note is saved" in m.text for m in reply.messages)
    db.refresh(session)
    assert session.note == "My knee clicked a bit" and session.note_at == clock.now()
    later = conversation.text_received(db, clock, content, who, "hello")
    assert not any("note is saved" in m.text for m in later.messages)


def test_no_note_means_the_next_text_is_read_as_usual(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    session, _ = play_session(db, clock, content, patient, pain=2, difficulty="right")
    assert session.id is not None
    skipped = feedback.skip_note(db, clock, content, patient, session.id)
    assert skipped.toast == "OK, no note today."
    who = Visitor(patient.telegram_user_id, patient.chat_id)
    conversation.text_received(db, clock, content, who, "thanks")
    db.refresh(session)
    assert session.note is None


def test_answers_can_be_changed_within_an_hour_and_the_step_down_is_undone(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, level=2)
    session, _ = play_session(db, clock, content, patient, pain=7, difficulty="right")
    assert levels(db, patient) == [1, 1, 1]
    assert session.id is not None
    clock.advance(timedelta(minutes=59))
    again = feedback.correct(db, clock, content, patient, session.id)
    assert again.messages[0].text == "No problem. Let's answer again."
    assert "How much pain" in again.messages[1].text
    assert levels(db, patient) == [2, 2, 2]  # the step down is undone
    sessions.record_pain(db, clock, content, patient, session.id, 2)
    sessions.record_difficulty(db, clock, content, patient, session.id, "easy")
    db.refresh(session)
    assert (session.pain, session.difficulty, session.step) == (2, "easy", SessionStep.COMPLETE)
    assert levels(db, patient) == [2, 2, 2]
    assert len(db.exec(select(Alert)).all()) == 0


def test_after_an_hour_a_correction_is_refused_politely(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    session, _ = play_session(db, clock, content, patient, pain=3, difficulty="right")
    clock.advance(timedelta(hours=1, minutes=1))
    refused = feedback.correct(db, clock, content, patient)  # /correct
    (message,) = refused.messages
    assert message.text.startswith("Sorry, answers can be changed for one hour only.")
    assert "You answered at 2:00 PM" in message.text
    db.refresh(session)
    assert (session.pain, session.step) == (3, SessionStep.COMPLETE)


def test_a_corrected_pain_of_8_raises_one_alert_only(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    session, _ = play_session(db, clock, content, patient, pain=8, difficulty="right")
    assert session.id is not None
    feedback.correct(db, clock, content, patient, session.id)
    sessions.record_pain(db, clock, content, patient, session.id, 9)
    (alert,) = db.exec(select(Alert)).all()
    assert (alert.level, alert.reason) == ("urgent", "pain_high")


def test_a_pain_9_corrected_to_2_resolves_its_alert_and_tells_the_clinician(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    session, _ = play_session(db, clock, content, patient, pain=9, difficulty="right")
    assert session.id is not None
    clock.advance(timedelta(minutes=10))
    feedback.correct(db, clock, content, patient, session.id)
    reply = sessions.record_pain(db, clock, content, patient, session.id, 2)
    (alert,) = db.exec(select(Alert)).all()
    assert (alert.state, alert.resolved_at) == ("resolved", clock.now())
    states = [e.state for e in db.exec(select(AlertEvent).where(AlertEvent.alert_id == alert.id))]
    assert states[-2:] == ["resolved", "pain_corrected"]
    (told,) = texts_to(reply.messages, 1001)
    assert f"Alert #{alert.id}" in told and "from 9/10 to 2/10" in told and "closed" in told
    assert "That is a lot of pain" not in " ".join(texts_to(reply.messages, patient.chat_id))


def test_a_pain_9_corrected_to_8_updates_its_open_alert_in_the_clinicians_language(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    people.lee.language = "fr"
    db.add(people.lee)
    patient = enrolled_patient(db, clock, content, people.lee)
    session, _ = play_session(db, clock, content, patient, pain=9, difficulty="right")
    assert session.id is not None
    feedback.correct(db, clock, content, patient, session.id)
    reply = sessions.record_pain(db, clock, content, patient, session.id, 8)
    (alert,) = db.exec(select(Alert)).all()
    assert alert.state == "open" and '"pain": 8' in alert.details
    (told,) = texts_to(reply.messages, 1001)
    assert "corrigée de 9/10 à 8/10" in told and "reste ouverte" in told
    assert reason_text(content, "en", alert).endswith(
        "Answer corrected by the patient: 8/10 instead of 9/10."
    )


def test_the_baseline_is_asked_once_at_the_end_of_onboarding(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    reply = feedback.answer_baseline(db, clock, content, patient, 2)
    (saved,) = reply.messages
    assert [b.label for row in saved.buttons for b in row] == ["Start today's session"]
    again = feedback.answer_baseline(db, clock, content, patient, 5)
    assert again.toast is not None and "already answered" in again.toast
    (row,) = db.exec(select(PainBaseline)).all()
    assert (row.pain, row.source, row.at) == (2, "onboarding", clock.now())


def test_pain_3_points_over_the_baseline_is_an_urgent_alert(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    _baseline(db, clock, content, patient, 2)
    _, sent = play_session(db, clock, content, patient, pain=5, difficulty="right")
    alert = db.exec(select(Alert)).one()
    assert (alert.level, alert.reason) == ("urgent", "pain_above_baseline")
    to_lee = texts_to(sent, 1001)
    assert any("Reported pain 5/10" in t and "usual 2/10" in t for t in to_lee)
    assert any("That is a lot of pain" in t for t in texts_to(sent, patient.chat_id))


def test_pain_2_points_over_the_baseline_raises_nothing(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    _baseline(db, clock, content, patient, 2)
    play_session(db, clock, content, patient, pain=4, difficulty="right")
    assert db.exec(select(Alert)).first() is None


def test_two_step_downs_in_a_row_raise_one_routine_notice(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, level=3)
    play_session(db, clock, content, patient, pain=6, difficulty="right")
    assert db.exec(select(Alert)).first() is None
    clock.advance(timedelta(days=1))
    _, sent = play_session(db, clock, content, patient, pain=6, difficulty="right")
    assert levels(db, patient) == [1, 1, 1]
    (alert,) = db.exec(select(Alert)).all()  # one notice, not one per exercise
    assert (alert.level, alert.reason) == ("routine", "step_downs_in_a_row")
    assert not any(m.alert_id == alert.id for m in sent)  # ROUTINE waits for the digest


def test_the_weekly_pain_updates_the_baseline_and_a_week_up_by_2_is_routine(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    _baseline(db, clock, content, patient, 2)  # Monday 30 November
    for day, pain in ((date(2026, 12, 7), 4), (date(2026, 12, 14), 5)):
        assert patient.id is not None
        checkin = WeeklyCheckin(patient_id=patient.id, local_date=day, asked_at=clock.now())
        db.add(checkin)
        db.commit()
        assert checkin.id is not None
        reply = checkins.answer_pain(db, clock, content, patient, checkin.id, pain)
    assert [b.pain for b in db.exec(select(PainBaseline)).all()] == [2, 4, 5]
    (alert,) = db.exec(select(Alert)).all()
    assert (alert.level, alert.reason) == ("routine", "baseline_rising")
    assert not any(m.alert_id == alert.id for m in reply.messages)  # for the digest


def test_a_morning_answer_for_a_session_without_answers_changes_nothing(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, level=2)
    sessions.today(db, clock, content, patient)
    session = db.exec(select(ExerciseSession)).one()
    next_morning(db, clock, content, patient, session, "no")
    assert levels(db, patient) == [2, 2, 2]


def test_a_session_never_takes_over_a_typed_answer_the_check_in_waits_for(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    patient.awaiting_text = checkins.AWAITING_ACTIVITY
    db.add(patient)
    db.commit()
    play_session(db, clock, content, patient, pain=2, difficulty="right")
    db.refresh(patient)
    assert patient.awaiting_text == checkins.AWAITING_ACTIVITY


def test_a_note_typed_the_next_day_is_not_taken_as_the_sessions_note(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    session, _ = play_session(db, clock, content, patient, pain=2, difficulty="right")
    clock.advance(timedelta(hours=13))
    who = Visitor(patient.telegram_user_id, patient.chat_id)
    reply = conversation.text_received(db, clock, content, who, "hello")
    assert not any("note is saved" in m.text for m in reply.messages)
    db.refresh(session)
    assert session.note is None
