"""The patient's feedback beyond pain and difficulty: baseline pain, a note, and corrections.

- The baseline (usual pain, 0-10) is asked at the end of onboarding and updated from every
  weekly check-in; each reading is a ``PainBaseline`` row with its date.
- After the session's answers the patient may type a note for their clinician, or skip it.
  The typed note reaches us through ``conversation.text_received`` like every other text, so
  the warning-sign detection reads it too.
- The patient can change their last session's answers within an hour (``/correct`` or the
  "Change my answers" button); after that the bot says politely that it is too late.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.content.dates import time_words
from bot.db.models import (
    ExerciseSession,
    PainBaseline,
    Patient,
    SessionStep,
    WeeklyCheckin,
)
from bot.services import readiness
from bot.services.alerts import pain_alerts
from bot.services.outgoing import Button, Message, Reply
from bot.services.programmes import progression
from bot.services.sessions import today as sessions

AWAITING_NOTE = sessions.AWAITING_NOTE
NOTE_MAX = 1000
CORRECTION_WINDOW = timedelta(hours=1)
_CORRECTABLE = (SessionStep.PAIN, SessionStep.DIFFICULTY, SessionStep.COMPLETE)  # PAIN: correcting
NOTE_WAITS = timedelta(hours=12)  # a note typed the next day is not taken as this session's


def awaits_baseline(db: Session, patient: Patient) -> bool:
    """Whether the usual pain asked at the end of onboarding is still unanswered."""
    given = db.exec(
        select(PainBaseline.id).where(
            PainBaseline.patient_id == patient.id, PainBaseline.source == "onboarding"
        )
    ).first()
    return given is None


def answer_baseline(
    db: Session, clock: Clock, content: Content, patient: Patient, pain: int
) -> Reply:
    """The usual pain from onboarding (a button, or a typed number): stored once, then the
    reply offers today's session, the only place "Start today's session" follows it."""
    lang = patient.language
    if not awaits_baseline(db, patient) or not 0 <= pain <= 10:
        return Reply(toast=content.render(lang, "already_answered"), clear_buttons=True)
    _add_baseline(db, clock, patient, pain, "onboarding")
    db.flush()
    reply = Reply(clear_buttons=True, toast=content.render(lang, "choice_saved"))
    if not readiness.may_exercise(db, clock, patient):
        return reply.send(patient.chat_id, content.render(lang, "baseline_saved", ready=False))
    start = Button(content.label(lang, "start_session"), callbacks.START_SESSION)
    saved = content.render(lang, "baseline_saved", ready=True)  # "ready" comes last
    return reply.send(patient.chat_id, saved, (start,))


def baseline_from_checkin(
    db: Session, clock: Clock, content: Content, patient: Patient, checkin: WeeklyCheckin
) -> list[Message]:
    """The weekly pain becomes the new baseline; a baseline up for a week is ROUTINE."""
    if checkin.pain is None:
        return []
    assert patient.id is not None
    db.add(
        PainBaseline(
            patient_id=patient.id,
            local_date=checkin.local_date,
            pain=checkin.pain,
            source="checkin",
            at=clock.now(),
        )
    )
    db.flush()
    return pain_alerts.routine_notices(
        db, clock, content, patient, actions=[], today=checkin.local_date
    )


def typed_note(
    db: Session, clock: Clock, content: Content, patient: Patient, text: str
) -> Reply | None:
    """Store the typed note with today's answers; ``None`` when no session waits for one."""
    patient.awaiting_text = None
    db.add(patient)
    session = _latest_answered(db, patient)
    answered_at = session.difficulty_at if session else None
    if session is None or session.note is not None or answered_at is None:
        db.flush()
        return None
    if clock.now() - answered_at > NOTE_WAITS:
        db.flush()
        return None
    session.note = text.strip()[:NOTE_MAX]
    session.note_at = clock.now()
    db.add(session)
    db.flush()
    return Reply().send(patient.chat_id, content.render(patient.language, "note_saved"))


def skip_note(
    db: Session, clock: Clock, content: Content, patient: Patient, session_id: int
) -> Reply:
    """No note today: the next text is read as usual."""
    lang = patient.language
    if patient.awaiting_text != AWAITING_NOTE:
        return Reply(toast=content.render(lang, "already_answered"))
    patient.awaiting_text = None
    db.add(patient)
    db.flush()
    return Reply(toast=content.render(lang, "note_skipped"))


def correct(
    db: Session, clock: Clock, content: Content, patient: Patient, session_id: int | None = None
) -> Reply:
    """Ask the session's pain and difficulty again, within an hour of the last answer.

    Level changes those answers made (and not yet approved by the clinician) are undone,
    and the new answers are decided afresh. A pain alert the first answer raised is updated,
    or resolved when the new answer is below the threshold (``pain_alerts.corrected_alert``).
    """
    lang = patient.language
    if session_id is not None:
        session = db.get(ExerciseSession, session_id)
        if session is None or session.patient_id != patient.id:
            session = None
    else:
        session = _latest_answered(db, patient)
    last = _last_answer_at(session) if session is not None else None
    if session is None or last is None or session.step not in _CORRECTABLE:
        return Reply(clear_buttons=True).send(
            patient.chat_id, content.render(lang, "correct_nothing")
        )
    if clock.now() - last > CORRECTION_WINDOW:
        shown = time_words(last.astimezone(ZoneInfo(patient.timezone)).time(), lang)
        return Reply(clear_buttons=True).send(
            patient.chat_id, content.render(lang, "correct_too_late", answered_at=shown)
        )
    progression.undo_session(db, clock, patient, session)
    session.step = SessionStep.PAIN
    if patient.awaiting_text == AWAITING_NOTE:
        patient.awaiting_text = None
        db.add(patient)
    db.add(session)
    db.flush()
    reply = Reply(clear_buttons=True).send(patient.chat_id, content.render(lang, "correct_again"))
    reply.messages.append(sessions.pain_question(content, patient, session))
    return reply


def _last_answer_at(session: ExerciseSession) -> datetime | None:
    times = [t for t in (session.pain_at, session.difficulty_at) if t is not None]
    return max(times, default=None)


def _latest_answered(db: Session, patient: Patient) -> ExerciseSession | None:
    return db.exec(
        select(ExerciseSession)
        .where(ExerciseSession.patient_id == patient.id, col(ExerciseSession.pain).is_not(None))
        .order_by(col(ExerciseSession.local_date).desc())
    ).first()


def _add_baseline(db: Session, clock: Clock, patient: Patient, pain: int, source: str) -> None:
    assert patient.id is not None
    db.add(
        PainBaseline(
            patient_id=patient.id,
            local_date=sessions.local_today(clock, patient),
            pain=pain,
            source=source,
            at=clock.now(),
        )
    )
