"""Today's session: the exercises, then pain and difficulty, each answer stored as it comes."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.models import (
    AwaitedAnswer,
    ExerciseSession,
    OnboardingStep,
    Patient,
    SessionStep,
)
from bot.services import readiness
from bot.services.alerts import pain_alerts, warnings
from bot.services.enrolment.onboarding import not_enrolled_yet, start_recheck
from bot.services.outgoing import Button, Message, Reply
from bot.services.programmes import day_plan as session_plan
from bot.services.programmes import progression
from bot.services.scheduling import schedule_words

AWAITING_NOTE = AwaitedAnswer.SESSION_NOTE  # Patient.awaiting_text while the optional note may come
# The /settings and /stop questions a session moves on from: a "7" typed during the session is
# a pain score, never a reminder time, and a later "yes" never stops the service.
LEFT_BY_A_SESSION = frozenset(
    {
        AwaitedAnswer.REMINDER_TIME,
        AwaitedAnswer.TIMEZONE,
        AwaitedAnswer.LANGUAGE,
        AwaitedAnswer.STOP_CONFIRM,
    }
)


def local_today(clock: Clock, patient: Patient) -> date:
    """The date it is now where the patient lives."""
    return clock.now().astimezone(ZoneInfo(patient.timezone)).date()


def today(db: Session, clock: Clock, content: Content, patient: Patient) -> Reply:
    """Show today's session, or carry on from the question it is waiting on."""
    if patient.onboarding_step != OnboardingStep.ENROLLED:
        return not_enrolled_yet(db, content, patient)
    if readiness.expired(db, clock, patient):
        return start_recheck(db, clock, content, patient)
    if not readiness.may_exercise(db, clock, patient):
        return Reply().send(
            patient.chat_id, content.render(patient.language, "on_hold_until_cleared")
        )
    if patient.awaiting_text in LEFT_BY_A_SESSION:
        patient.awaiting_text = None
        db.add(patient)
    if patient.hold_at is not None and not _answering(db, clock, patient):
        # A warning-sign hold: no exercises until a clinician releases it (the session the
        # sign stopped says so in its own words).
        stopped = current_step(db, clock, patient) == SessionStep.STOPPED
        key = "session_stopped" if stopped else "on_warning_hold"
        return Reply().send(patient.chat_id, content.render(patient.language, key))
    session = _todays_session(db, clock, patient)
    return Reply(messages=[_next_question(db, clock, content, patient, session)])


def _answering(db: Session, clock: Clock, patient: Patient) -> bool:
    """Whether today's exercises are over and their pain or difficulty is still asked."""
    return current_step(db, clock, patient) in (SessionStep.PAIN, SessionStep.DIFFICULTY)


def mark_done(
    db: Session, clock: Clock, content: Content, patient: Patient, session_id: int
) -> Reply:
    """The patient finished today's exercises: ask about pain."""
    session = _own_session(db, patient, session_id)
    if session is None or session.step != SessionStep.EXERCISES:
        return _already_answered(content, patient)
    session_plan.close_remaining(db, clock, session_plan.plan_rows(db, content, patient, session))
    return Reply(
        clear_buttons=True, messages=[finish_exercises(db, clock, content, patient, session)]
    )


def finish_exercises(
    db: Session, clock: Clock, content: Content, patient: Patient, session: ExerciseSession
) -> Message:
    """The exercises are over (done, skipped or compact Done): ask about pain."""
    session.completed_at = clock.now()
    session.step = SessionStep.PAIN
    db.add(session)
    db.flush()
    return pain_question(content, patient, session)


def record_pain(
    db: Session, clock: Clock, content: Content, patient: Patient, session_id: int, pain: int
) -> Reply:
    """Store the pain score; pain at the alert threshold alerts the clinician first.

    The session, the baseline, the clinic and the patient's thresholds are read in one
    query (``pain_alerts.for_pain_press``), before the answer is stored."""
    known = pain_alerts.for_pain_press(db, content, patient, session_id)
    session = known.session if known is not None else None
    if session is None or session.step != SessionStep.PAIN or not 0 <= pain <= 10:
        return _already_answered(content, patient)
    corrected = session.pain_at is not None  # answered before, then changed (/correct)
    session.pain = pain
    session.pain_at = clock.now()
    session.step = SessionStep.DIFFICULTY
    db.add(session)
    db.flush()
    reply = Reply(clear_buttons=True, toast=content.render(patient.language, "choice_saved"))
    # URGENT at pain 8 or more, or 3 or more over the baseline: the alert is committed with
    # the answer (one transaction), and a corrected answer updates or resolves it.
    raised = pain_alerts.pain_alert(
        db, clock, content, patient, session, pain, corrected, known=known
    )
    reply.messages += raised.messages
    reply.edits += raised.edits
    reply.messages.append(_difficulty_question(content, patient, session))
    return reply


def record_difficulty(
    db: Session, clock: Clock, content: Content, patient: Patient, session_id: int, difficulty: str
) -> Reply:
    """Store how hard the session felt; the session is then complete.

    The pain model then decides each exercise (level changes are told in plain words), and
    the patient may add a note or change their answers within the hour.
    """
    session = _own_session(db, patient, session_id)
    if session is None or session.step != SessionStep.DIFFICULTY:
        return _already_answered(content, patient)
    if difficulty not in callbacks.DIFFICULTIES:
        return Reply(toast=content.render(patient.language, "stale_button"))
    session.difficulty = difficulty
    session.difficulty_at = clock.now()
    session.step = SessionStep.COMPLETE
    if patient.awaiting_text is None:  # never over another typed answer (a PSFS activity)
        patient.awaiting_text = AWAITING_NOTE  # the next typed text is the session's note
    db.add_all([session, patient])
    db.flush()
    reply = Reply(clear_buttons=True, toast=content.render(patient.language, "choice_saved"))
    decided = progression.after_session(db, clock, content, patient, session)
    reply.messages.append(note_question(db, clock, content, patient, session))
    reply.messages += decided
    return reply


def note_question(
    db: Session, clock: Clock, content: Content, patient: Patient, session: ExerciseSession
) -> Message:
    """The session is saved, with when the next one really is (or nothing, on a hold or a
    pause); an optional note, and the button to change the answers."""
    lang = patient.language
    after = schedule_words.next_session(db, clock, content, patient, after=session.local_date)
    text = content.render(lang, "session_complete", **after.variables())
    text += "\n\n" + content.render(lang, "note_question")
    row = (
        Button(content.label(lang, "no_note"), callbacks.data(callbacks.NOTE, session.id, "skip")),
        Button(
            content.label(lang, "correct_answers"), callbacks.data(callbacks.CORRECT, session.id)
        ),
    )
    return Message(patient.chat_id, text, (row,))


def report_warning_sign(
    db: Session, clock: Clock, content: Content, patient: Patient, session_id: int | None
) -> Reply:
    """The warning-sign button: the checklist of warning signs (bot/services/alerts/warnings.py)."""
    session = _own_session(db, patient, session_id) if session_id else None
    return warnings.checklist(db, clock, content, patient, session.id if session else None)


def current_step(db: Session, clock: Clock, patient: Patient) -> SessionStep | None:
    """The question today's session waits on, or ``None`` before it has started."""
    session = current_session(db, clock, patient)
    return SessionStep(session.step) if session else None


def current_session(db: Session, clock: Clock, patient: Patient) -> ExerciseSession | None:
    """Today's session, or ``None`` before it has started."""
    return db.exec(
        select(ExerciseSession).where(
            ExerciseSession.patient_id == patient.id,
            ExerciseSession.local_date == local_today(clock, patient),
        )
    ).first()


def _todays_session(db: Session, clock: Clock, patient: Patient) -> ExerciseSession:
    local_date = local_today(clock, patient)
    session = db.exec(
        select(ExerciseSession).where(
            ExerciseSession.patient_id == patient.id, ExerciseSession.local_date == local_date
        )
    ).first()
    if session is None:
        assert patient.id is not None
        session = ExerciseSession(
            patient_id=patient.id, local_date=local_date, started_at=clock.now()
        )
        db.add(session)
        db.flush()
    return session


def _next_question(
    db: Session, clock: Clock, content: Content, patient: Patient, session: ExerciseSession
) -> Message:
    if session.step == SessionStep.PAIN:
        return pain_question(content, patient, session)
    if session.step == SessionStep.DIFFICULTY:
        return _difficulty_question(content, patient, session)
    if session.step == SessionStep.STOPPED:
        return Message(patient.chat_id, content.render(patient.language, "session_stopped"))
    if session.step == SessionStep.COMPLETE:
        after = schedule_words.next_session(db, clock, content, patient, after=session.local_date)
        return Message(
            patient.chat_id,
            content.render(patient.language, "no_session_yet", **after.variables()),
        )
    return _exercises_message(db, content, patient, session)


def _exercises_message(
    db: Session, content: Content, patient: Patient, session: ExerciseSession
) -> Message:
    """The overview first; once an exercise is answered, the one the patient is on."""
    rows = session_plan.plan_rows(db, content, patient, session)
    if patient.session_format == session_plan.COMPACT:
        return session_plan.compact_message(content, patient, session, rows)
    current = session_plan.first_pending(rows)
    if current is None or current is rows[0]:
        return session_plan.overview_message(content, patient, session, rows)
    return session_plan.step_message(content, patient, session, current, len(rows), resumed=True)


def pain_question(content: Content, patient: Patient, session: ExerciseSession) -> Message:
    """How much pain during the exercises, 0 to 10."""
    scores = [Button(str(n), callbacks.data(callbacks.PAIN, session.id, n)) for n in range(11)]
    rows = (tuple(scores[:6]), tuple(scores[6:]))
    return Message(patient.chat_id, content.render(patient.language, "pain_question"), rows)


def _difficulty_question(content: Content, patient: Patient, session: ExerciseSession) -> Message:
    lang = patient.language
    row = tuple(
        Button(
            content.label(lang, f"difficulty_{d}"),
            callbacks.data(callbacks.DIFFICULTY, session.id, d),
        )
        for d in callbacks.DIFFICULTIES
    )
    return Message(patient.chat_id, content.render(lang, "difficulty_question"), (row,))


def _own_session(db: Session, patient: Patient, session_id: int) -> ExerciseSession | None:
    session = db.get(ExerciseSession, session_id)
    return session if session is not None and session.patient_id == patient.id else None


def _already_answered(content: Content, patient: Patient) -> Reply:
    return Reply(toast=content.render(patient.language, "already_answered"), clear_buttons=True)
