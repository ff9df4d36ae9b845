"""What each scheduled kind sends: the daily session, follow-up, snooze, morning check, check-in.

Each one first re-plans the patient (so the next occurrence exists before anything is
sent), then looks at the patient *now*: a pause, a hold, withdrawal or quiet hours mean
nothing is sent, and a session already done means no nudge. Work that runs late (after
downtime, inside the grace window) says so gently.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.content.check import CAPTION_LIMIT, TEXT_LIMIT, visible_length
from bot.content.dates import time_words
from bot.db.models import (
    CheckinStep,
    ExerciseSession,
    MorningCheck,
    Patient,
    SessionStep,
    WeeklyCheckin,
)
from bot.rules import schedule
from bot.services import readiness
from bot.services.enrolment import consent
from bot.services.feedback import checkins
from bot.services.outgoing import Button, Message, Reply
from bot.services.scheduling import planning, schedule_words
from bot.services.sessions import today as sessions
from scheduler import store
from scheduler.store import Planned

LATE_AFTER = timedelta(minutes=15)  # later than this, the message apologises for it
EVENING = time(19, 0)
SNOOZES = {"30": timedelta(minutes=30), "60": timedelta(hours=1)}


def scheduled_reply(
    db: Session, clock: Clock, content: Content, kind: str, patient_id: int, due_at: datetime
) -> Reply:
    """The messages one due row sends now; an empty reply when nothing should go."""
    patient = db.get(Patient, patient_id)
    if patient is None:
        return Reply()
    planning.replan(db, clock, patient)
    now = clock.now()
    if planning.blocked(patient, now) is not None or planning.in_quiet_hours(patient, now):
        return Reply()
    waiting = consent.routine_waits(db, clock, content, patient)  # a new consent notice first
    if waiting is not None:
        return waiting
    late = now - due_at > LATE_AFTER
    if kind == schedule.SESSION:
        return _session(db, clock, content, patient, late)
    if kind in (schedule.FOLLOW_UP, schedule.SNOOZE):
        return _nudge(db, clock, content, patient, kind)
    if kind == schedule.MORNING_CHECK:
        return _morning_check(db, clock, content, patient, late)
    if kind == schedule.WEEKLY_CHECKIN:
        return _weekly_checkin(db, clock, content, patient)
    return Reply()


def snooze(db: Session, clock: Clock, content: Content, patient: Patient, choice: str) -> Reply:
    """A snooze button: plan one more reminder in 30 minutes, 1 hour, or this evening. Only
    the snooze row leaves the pressed message: under a session, its buttons stay."""
    lang = patient.language
    zone = ZoneInfo(patient.timezone)
    now = clock.now()
    if patient.hold_at is not None:  # a warning-sign hold: no reminder is promised
        return Reply(clear_buttons=True).send(
            patient.chat_id, content.render(lang, "on_warning_hold")
        )
    if choice in SNOOZES:
        at = now + SNOOZES[choice]
    elif choice == "evening" and _evening_ahead(patient, now):
        at = schedule.at_local(now.astimezone(zone).date(), EVENING, zone)
    else:
        return Reply(toast=content.render(lang, "stale_button"), clear_only=callbacks.SNOOZE)
    local = at.astimezone(zone)
    if local.date() != now.astimezone(zone).date() or planning.in_quiet_hours(patient, at):
        today = now.astimezone(zone).date()  # nothing more today: say when the next one is
        after = schedule_words.next_session(db, clock, content, patient, after=today)
        text = content.render(lang, "snooze_late", **after.variables())
        return Reply(clear_only=callbacks.SNOOZE).send(patient.chat_id, text)
    assert patient.id is not None
    key = f"{schedule.SNOOZE}:{patient.id}:{at:%Y%m%dT%H%M}"
    store.add(db, [Planned(schedule.SNOOZE, patient.id, key, at)], now)
    db.flush()
    shown = time_words(local.time(), lang)
    # The snoozes leave the message; the session's own buttons above them stay.
    return Reply(toast=content.render(lang, "snooze_set", time=shown), clear_only=callbacks.SNOOZE)


def _session(db: Session, clock: Clock, content: Content, patient: Patient, late: bool) -> Reply:
    if readiness.expired(db, clock, patient):
        return sessions.today(db, clock, content, patient)  # asks the yearly questions again
    if not readiness.may_exercise(db, clock, patient):
        return Reply()
    if sessions.current_step(db, clock, patient) in (SessionStep.COMPLETE, SessionStep.STOPPED):
        return Reply()
    lang = patient.language
    key = "reminder_session_late" if late else "reminder_session"
    words = content.render(lang, key)
    snoozes = _snooze_rows(content, patient, clock)
    today = sessions.today(db, clock, content, patient)
    if not today.messages:
        return Reply(messages=[Message(patient.chat_id, words, snoozes)])
    first, *rest = today.messages
    return Reply(messages=[*_opened_with(first, words, snoozes), *rest])


def _opened_with(
    first: Message, words: str, snoozes: tuple[tuple[Button, ...], ...]
) -> list[Message]:
    """The session's first message (its overview, or the question it waits on) opened by
    the reminder's words, with the snooze buttons as its last row: one message where there
    were two, so a batch of sessions (a restart's, at Telegram's 30 a second) takes half
    the time. Only when the whole still fits Telegram's limit (a picture's caption has
    less room); otherwise the reminder goes first, on its own, as before."""
    text = f"{words}\n\n{first.text}"
    room = CAPTION_LIMIT if first.has_picture else TEXT_LIMIT
    if visible_length(text) > room or first.document is not None:
        return [Message(first.chat_id, words, snoozes), first]
    return [replace(first, text=text, buttons=(*first.buttons, *snoozes))]


def _nudge(db: Session, clock: Clock, content: Content, patient: Patient, kind: str) -> Reply:
    """One gentle reminder, only after today's session was sent and while it is not done."""
    session = _session_on(db, patient, sessions.local_today(clock, patient))
    if session is None or session.completed_at is not None:
        return Reply()
    if not readiness.may_exercise(db, clock, patient):
        return Reply()
    lang = patient.language
    start = (Button(content.label(lang, "start_session"), callbacks.START_SESSION),)
    key = "reminder_follow_up" if kind == schedule.FOLLOW_UP else "reminder_snooze"
    rows = (start, *_snooze_rows(content, patient, clock))
    return Reply(messages=[Message(patient.chat_id, content.render(lang, key), rows)])


def _morning_check(
    db: Session, clock: Clock, content: Content, patient: Patient, late: bool
) -> Reply:
    """Ask whether yesterday's exercise pain has settled, if yesterday's exercises were done."""
    yesterday = sessions.local_today(clock, patient) - timedelta(days=1)
    session = _session_on(db, patient, yesterday)
    if session is None or session.completed_at is None or session.id is None:
        return Reply()
    check = db.exec(select(MorningCheck).where(MorningCheck.session_id == session.id)).first()
    if check is None:
        assert patient.id is not None
        check = MorningCheck(patient_id=patient.id, session_id=session.id, asked_at=clock.now())
        db.add(check)
        db.flush()
    elif check.settled is not None:
        return Reply()
    return Reply(messages=[checkins.morning_question(content, patient, check, late=late)])


def _weekly_checkin(db: Session, clock: Clock, content: Content, patient: Patient) -> Reply:
    """Open this week's check-in (pain, then the PSFS activities) or ask where it stopped."""
    assert patient.id is not None
    local_date = sessions.local_today(clock, patient)
    checkin = db.exec(
        select(WeeklyCheckin).where(
            WeeklyCheckin.patient_id == patient.id, WeeklyCheckin.local_date == local_date
        )
    ).first()
    if checkin is None:
        checkin = WeeklyCheckin(patient_id=patient.id, local_date=local_date, asked_at=clock.now())
        db.add(checkin)
        db.flush()
    if checkin.step != CheckinStep.PAIN:
        return Reply()
    return Reply(messages=[checkins.pain_question(content, patient, checkin)])


def _session_on(db: Session, patient: Patient, local_date: date) -> ExerciseSession | None:
    return db.exec(
        select(ExerciseSession).where(
            ExerciseSession.patient_id == patient.id, ExerciseSession.local_date == local_date
        )
    ).first()


def _snooze_rows(content: Content, patient: Patient, clock: Clock) -> tuple[tuple[Button, ...]]:
    lang = patient.language
    choices = [*SNOOZES, *(["evening"] if _evening_ahead(patient, clock.now()) else [])]
    return (
        tuple(
            Button(content.label(lang, f"snooze_{c}"), callbacks.data(callbacks.SNOOZE, c))
            for c in choices
        ),
    )


def _evening_ahead(patient: Patient, now: datetime) -> bool:
    """Whether "this evening" is still at least half an hour away, outside quiet hours."""
    zone = ZoneInfo(patient.timezone)
    local = now.astimezone(zone)
    evening = datetime.combine(local.date(), EVENING, tzinfo=zone)
    quiet = schedule.in_quiet_hours(EVENING, patient.quiet_start, patient.quiet_end)
    return not quiet and evening - local >= timedelta(minutes=30)
