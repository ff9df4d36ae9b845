"""Stepping through today's exercises one at a time: done, part of it, skip, and the timer.

Every answer is written to the exercise's ``ExerciseLog`` row before the next exercise is
shown, so ``/today`` carries on from the first unanswered exercise after any restart.
Buttons name their row; a press on an answered row or on another day's session changes
nothing.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.clock import Clock
from bot.content import Content
from bot.db.models import ExerciseLog, ExerciseOutcome, ExerciseSession, Patient, SessionStep
from bot.services.outgoing import Countdown, Message, Reply
from bot.services.programmes import day_plan as session_plan
from bot.services.sessions import today as sessions

TIMER_EDIT_SECONDS = 5  # one edit every few seconds keeps well inside Telegram's limits
ANSWERS = {"done": ExerciseOutcome.DONE, "part": ExerciseOutcome.MODIFIED}


def begin(db: Session, clock: Clock, content: Content, patient: Patient, session_id: int) -> Reply:
    """Start (or carry on) stepping through today's exercises from the overview."""
    session = _todays(db, clock, patient, db.get(ExerciseSession, session_id))
    if session is None:
        return _stale(content, patient)
    return Reply(clear_buttons=True, messages=[_next(db, clock, content, patient, session)])


def answer_step(
    db: Session, clock: Clock, content: Content, patient: Patient, log_id: int, answer: str
) -> Reply:
    """Done or "did part of it" moves on; Skip first asks why."""
    found = _open_row(db, clock, patient, log_id)
    if found is None:
        return _stale(content, patient)
    row, session = found
    if answer == "skip":
        return Reply(
            clear_buttons=True, messages=[session_plan.skip_question(content, patient, row)]
        )
    if answer not in ANSWERS:
        return _stale(content, patient)
    _log(db, clock, row, ANSWERS[answer])
    return _moved_on(db, clock, content, patient, session)


def skip_for(
    db: Session, clock: Clock, content: Content, patient: Patient, log_id: int, reason: str
) -> Reply:
    """The exercise is skipped, and why (pain, no time, too hard, other) is kept."""
    found = _open_row(db, clock, patient, log_id)
    if found is None or reason not in session_plan.SKIP_REASONS:
        return _stale(content, patient)
    row, session = found
    _log(db, clock, row, ExerciseOutcome.SKIPPED, reason)
    return _moved_on(db, clock, content, patient, session)


def choose_format(
    db: Session, clock: Clock, content: Content, patient: Patient, session_id: int, chosen: str
) -> Reply:
    """Switch between one exercise at a time and the whole session in one message.

    The choice is kept as the patient's preference for the following days too.
    """
    session = _todays(db, clock, patient, db.get(ExerciseSession, session_id))
    if session is None or chosen not in (session_plan.STEPS, session_plan.COMPACT):
        return _stale(content, patient)
    patient.session_format = chosen
    db.add(patient)
    db.flush()
    rows = session_plan.plan_rows(db, content, patient, session)
    if chosen == session_plan.COMPACT:
        message = session_plan.compact_message(content, patient, session, rows)
    else:
        message = _next(db, clock, content, patient, session)
    return Reply(
        clear_buttons=True,
        toast=content.render(patient.language, "choice_saved"),
        messages=[message],
    )


def countdown(
    db: Session, clock: Clock, content: Content, patient: Patient, log_id: int
) -> Countdown | Reply:
    """The frames of a countdown for one timed set, or why there is none."""
    found = _open_row(db, clock, patient, log_id)
    dosage = session_plan.dosage_of(found[0]) if found else None
    if found is None or dosage is None or dosage.timed_seconds is None:
        return _stale(content, patient)
    lang, seconds = patient.language, dosage.timed_seconds
    name = content.exercises[found[0].exercise_id].at_level(found[0].level).name[lang]
    frames = [(0, content.render(lang, "timer_running", name=name, seconds=seconds))]
    left = seconds
    while left > TIMER_EDIT_SECONDS:
        wait = TIMER_EDIT_SECONDS if left - TIMER_EDIT_SECONDS > 0 else left
        left -= wait
        frames.append((wait, content.render(lang, "timer_running", name=name, seconds=left)))
    done = content.render(
        lang, "timer_done", name=name, rest_seconds=dosage.rest_seconds, sets=dosage.sets
    )
    frames.append((left, done))
    return Countdown(patient.chat_id, tuple(frames))


def _next(
    db: Session, clock: Clock, content: Content, patient: Patient, session: ExerciseSession
) -> Message:
    rows = session_plan.plan_rows(db, content, patient, session)
    current = session_plan.first_pending(rows)
    if current is None:
        return sessions.finish_exercises(db, clock, content, patient, session)
    return session_plan.step_message(content, patient, session, current, len(rows))


def _moved_on(
    db: Session, clock: Clock, content: Content, patient: Patient, session: ExerciseSession
) -> Reply:
    toast = content.render(patient.language, "choice_saved")
    return Reply(
        clear_buttons=True, toast=toast, messages=[_next(db, clock, content, patient, session)]
    )


def _log(
    db: Session, clock: Clock, row: ExerciseLog, outcome: str, reason: str | None = None
) -> None:
    row.outcome, row.skip_reason, row.answered_at = outcome, reason, clock.now()
    db.add(row)
    db.flush()


def _open_row(
    db: Session, clock: Clock, patient: Patient, log_id: int
) -> tuple[ExerciseLog, ExerciseSession] | None:
    """The patient's unanswered exercise in today's session, or ``None`` for a stale press."""
    row = db.get(ExerciseLog, log_id)
    if row is None or row.patient_id != patient.id or row.outcome != ExerciseOutcome.PENDING:
        return None
    session = _todays(db, clock, patient, db.get(ExerciseSession, row.session_id))
    return (row, session) if session is not None else None


def _todays(
    db: Session, clock: Clock, patient: Patient, session: ExerciseSession | None
) -> ExerciseSession | None:
    """``session`` if it is the patient's session of today and its exercises are not over."""
    if session is None or session.patient_id != patient.id:
        return None
    if session.local_date != sessions.local_today(clock, patient):
        return None
    return session if session.step == SessionStep.EXERCISES else None


def _stale(content: Content, patient: Patient) -> Reply:
    return Reply(toast=content.render(patient.language, "already_answered"), clear_buttons=True)
