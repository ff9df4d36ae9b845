"""Today's session, one exercise at a time: overview, steps, skips, resume and compact form."""

from __future__ import annotations

from datetime import timedelta

from session_people import Clinic
from sqlmodel import Session, col, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import ExerciseLog, ExerciseSession, Patient, SessionStep
from bot.services.outgoing import Drawn, Message
from bot.services.sessions import steps as session_steps
from bot.services.sessions import today as sessions


def _logs(db: Session, patient: Patient) -> list[ExerciseLog]:
    return list(
        db.exec(
            select(ExerciseLog)
            .where(ExerciseLog.patient_id == patient.id)
            .order_by(col(ExerciseLog.position))
        ).all()
    )


def _press(message: Message, label: str) -> list[str]:
    """The callback data's arguments of the button labelled ``label``."""
    data = next(b.data for row in message.buttons for b in row if b.label == label)
    return data.split(":")[1:]


def _open(db: Session, clock: ManualClock, content: Content, patient: Patient) -> Message:
    (overview,) = sessions.today(db, clock, content, patient).messages
    (session_id,) = overview.buttons[0][0].data.split(":")[1:]  # Start, in any language
    (step,) = session_steps.begin(db, clock, content, patient, int(session_id)).messages
    return step


def test_the_overview_lists_todays_exercises_and_the_time_they_take(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    (overview,) = sessions.today(db, clock, content, clinic.patient).messages
    assert "3 exercises, about 5 minutes" in overview.text
    assert "Sit to stand with hands on the chair: 2 sets of 8 reps" in overview.text
    assert overview.photo is None


def test_each_step_shows_dosage_cues_and_its_picture(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    step = _open(db, clock, content, clinic.patient)
    assert step.text.startswith("<b>1 of 3. Sit to stand with hands on the chair</b>")
    assert "2 sets of 8 reps" in step.text and "• Feet flat, hip-width apart." in step.text
    assert step.photo is None and step.animation == Drawn("sit-to-stand", 1, "animation")
    assert step.text.endswith(
        "<i>Picture: A person sitting on a chair, then standing up in front of it</i>"
    )
    labels = [b.label for row in step.buttons for b in row]
    assert labels == ["Done ✅", "Did part of it", "Skip", "Warning sign ⚠️"]


def test_every_step_is_logged_done_part_or_skipped_with_its_reason(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    patient = clinic.patient
    first = _open(db, clock, content, patient)
    log_id, _ = _press(first, "Done ✅")
    (second,) = session_steps.answer_step(db, clock, content, patient, int(log_id), "done").messages
    log_id, _ = _press(second, "Skip")
    (why,) = session_steps.answer_step(db, clock, content, patient, int(log_id), "skip").messages
    assert "Why are you skipping" in why.text
    reason_id, reason = _press(why, "Too hard")
    (third,) = session_steps.skip_for(db, clock, content, patient, int(reason_id), reason).messages
    assert "Start timer ⏱" in [b.label for row in third.buttons for b in row]  # a hold
    log_id, answer = _press(third, "Did part of it")
    reply = session_steps.answer_step(db, clock, content, patient, int(log_id), answer)
    assert "How much pain" in reply.messages[0].text
    outcomes = [(log.exercise_id, log.outcome, log.skip_reason) for log in _logs(db, patient)]
    assert outcomes == [
        ("sit-to-stand", "done", None),
        ("heel-raise", "skipped", "hard"),
        ("single-leg-stand", "modified", None),
    ]
    assert db.exec(select(ExerciseSession)).first().step == SessionStep.PAIN  # type: ignore[union-attr]


def test_a_step_pressed_twice_is_logged_once(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    first = _open(db, clock, content, clinic.patient)
    log_id, _ = _press(first, "Done ✅")
    session_steps.answer_step(db, clock, content, clinic.patient, int(log_id), "done")
    again = session_steps.answer_step(db, clock, content, clinic.patient, int(log_id), "part")
    assert again.messages == [] and again.toast is not None and "already answered" in again.toast
    assert _logs(db, clinic.patient)[0].outcome == "done"


def test_today_resumes_at_the_first_unanswered_exercise(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    first = _open(db, clock, content, clinic.patient)
    log_id, _ = _press(first, "Done ✅")
    session_steps.answer_step(db, clock, content, clinic.patient, int(log_id), "done")
    clock.advance(timedelta(hours=3))  # 17:00 in Ottawa, same day
    (again,) = sessions.today(db, clock, content, clinic.patient).messages
    assert again.text.startswith("Welcome back!") and "2 of 3. Heel raises" in again.text


def test_yesterdays_buttons_do_nothing_after_the_local_day_ends(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    first = _open(db, clock, content, clinic.patient)
    log_id, _ = _press(first, "Done ✅")
    clock.advance(timedelta(hours=10))  # 00:00 in Ottawa: a new day
    stale = session_steps.answer_step(db, clock, content, clinic.patient, int(log_id), "done")
    assert stale.messages == []
    (fresh,) = sessions.today(db, clock, content, clinic.patient).messages
    assert "3 exercises" in fresh.text  # a new session with its own plan


def test_the_compact_form_is_one_message_and_is_remembered(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    (overview,) = sessions.today(db, clock, content, clinic.patient).messages
    session_id, chosen = _press(overview, "All in one message")
    reply = session_steps.choose_format(db, clock, content, clinic.patient, int(session_id), chosen)
    (compact,) = reply.messages
    assert "Sit to stand" in compact.text and "Heel raises" in compact.text
    (session_id,) = _press(compact, "Done ✅")
    sessions.mark_done(db, clock, content, clinic.patient, int(session_id))
    assert [log.outcome for log in _logs(db, clinic.patient)] == ["done"] * 3
    clock.advance(timedelta(days=1))
    (tomorrow,) = sessions.today(db, clock, content, clinic.patient).messages
    assert "Done ✅" in [b.label for row in tomorrow.buttons for b in row]


def test_a_french_patient_gets_french_steps(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    step = _open(db, clock, content, clinic.other)
    assert step.text.startswith("<b>1 sur 3. Assis-debout, mains sur la chaise</b>")
    assert "Arrêtez si" in step.text
    assert [b.label for b in step.buttons[0]] == ["Terminé ✅", "J'en ai fait une partie"]


def test_the_timer_counts_a_hold_down_in_a_few_edits_then_says_it_is_over(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    patient = clinic.patient
    first = _open(db, clock, content, patient)
    for _ in range(2):
        log_id, _ = _press(first, "Done ✅")
        (first,) = session_steps.answer_step(
            db, clock, content, patient, int(log_id), "done"
        ).messages
    (log_id,) = _press(first, "Start timer ⏱")
    countdown = session_steps.countdown(db, clock, content, patient, int(log_id))
    assert isinstance(countdown, session_steps.Countdown)
    waits = [wait for wait, _ in countdown.frames]
    assert sum(waits) == 10 and max(waits) <= session_steps.TIMER_EDIT_SECONDS
    assert "10 s" in countdown.frames[0][1] and "Time's up" in countdown.frames[-1][1]
