"""What a patient is told about time, worked out with the planner's own rules.

Every sentence that says when a reminder or a session comes is built from the facts
``planning.replan`` plans with, never from the reminder time alone: the session's time
after quiet hours (``schedule.session_time``), the training days (``Patient.training_days``,
from ``schedule.training_weekdays``), a timed pause, a hold (``planning.blocked``) and the
readiness check. The words come from ``bot.content.dates`` and the locale messages
``training_days`` and ``next_session``. docs/scheduling.md, "What the patient is told
about time".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlmodel import Session, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.content.dates import date_words, time_words, weekday_words
from bot.db.models import ExerciseSession, Patient, SessionStep
from bot.rules import schedule
from bot.rules.reminder_time import format_time
from bot.services import readiness
from bot.services.outgoing import Button, Message
from bot.services.scheduling import planning

_NO_SESSION_PLANNED = ("not_enrolled", "withdrawn", "hold", "paused")


@dataclass(frozen=True)
class NextSession:
    """The template variables that say when the next session is, or why there is none.

    ``next_session`` is ``today at 6:00 PM``, ``tomorrow at 6:00 PM`` or ``on Monday,
    December 7, at 6:00 PM``; it is ``None`` when nothing is planned: ``held`` (a
    warning-sign hold, or a readiness check waiting for the clinician) or ``paused``.
    ``warning_hold`` is the warning-sign hold alone: exercises and reminders stop until a
    clinician releases it, whatever the patient does (``/resume`` does not end it).
    """

    next_session: str | None
    held: bool
    paused: bool
    warning_hold: bool = False

    def variables(self) -> dict[str, object]:
        """As keyword arguments for ``Content.render``."""
        return asdict(self)


def reminder_words(content: Content, patient: Patient) -> dict[str, str]:
    """``reminder_time`` and ``days``: when the daily session is really planned, in words.

    Both are empty before a reminder time is chosen.
    """
    routine = planning.routine_of(patient)
    if routine is None:
        return {"reminder_time": "", "days": ""}
    lang = patient.language
    return {
        "reminder_time": time_words(schedule.session_time(routine), lang),
        "days": days_words(content, lang, routine.training_weekdays),
    }


def days_words(content: Content, lang: str, weekdays: Iterable[int]) -> str:
    """``every day``, ``Monday to Friday``, ``every Tuesday and Friday``, in ``lang``."""
    words = content.render(lang, "training_days", **asdict(weekday_words(weekdays, lang)))
    return Markup(words)  # already escaped: safe inside another message


def next_session(
    db: Session, clock: Clock, content: Content, patient: Patient, *, after: date | None = None
) -> NextSession:
    """When the next session reminder comes, skipping days up to ``after`` (a local date).

    ``after`` defaults to today when today's session is done, else yesterday: a session
    still ahead today counts. Nothing is promised while routine messages wait.
    """
    now = clock.now()
    reason = planning.blocked(patient, now)
    held = reason == "hold" or not readiness.may_exercise(db, clock, patient)
    routine = planning.routine_of(patient)
    if held or reason in _NO_SESSION_PLANNED or routine is None:
        warning_hold = patient.hold_at is not None
        return NextSession(None, held=held, paused=reason == "paused", warning_hold=warning_hold)
    zone = routine.zone
    today = now.astimezone(zone).date()
    if after is None:
        after = today if _done_today(db, patient, today) else today - timedelta(days=1)
    found = schedule.first_session_after(routine, now, after)
    if found is None:
        return NextSession(None, held=False, paused=False)
    local = found.due_at.astimezone(zone)
    day = local.date()
    when = "today" if day == today else "tomorrow" if day == today + timedelta(days=1) else "on"
    words = content.render(
        patient.language,
        "next_session",
        when=when,
        date=date_words(day, patient.language, today=today),
        time=time_words(local.time(), patient.language),
    )
    return NextSession(Markup(words), held=False, paused=False)  # escaped once, not twice


def quiet_hours_refusal(content: Content, patient: Patient, chosen: time) -> Message | None:
    """For a reminder time in the patient's quiet hours: the nearest allowed times, as buttons.

    ``None`` when the time is allowed. Nothing is saved: the patient picks one or types again.
    """
    start, end = patient.quiet_start, patient.quiet_end
    if not schedule.in_quiet_hours(chosen, start, end):
        return None
    choices = schedule.nearest_allowed(chosen, start, end)
    lang = patient.language
    shown = [time_words(t, lang) for t in choices]
    text = content.render(
        lang,
        "reminder_time_quiet",
        chosen=time_words(chosen, lang),
        quiet_start=time_words(start, lang),
        quiet_end=time_words(end, lang),
        choices=shown,
    )
    row = tuple(
        Button(label, callbacks.data(callbacks.TIME, format_time(t)))
        for label, t in zip(shown, choices, strict=True)
    )
    other = (Button(content.label(lang, "time_other"), callbacks.data(callbacks.TIME, "other")),)
    return Message(patient.chat_id, text, (row, other) if row else (other,))


def allowed_presets(patient: Patient, presets: Iterable[time]) -> list[time]:
    """The preset reminder times outside the patient's quiet hours."""
    return [
        t for t in presets if not schedule.in_quiet_hours(t, patient.quiet_start, patient.quiet_end)
    ]


def _done_today(db: Session, patient: Patient, today: date) -> bool:
    session = db.exec(
        select(ExerciseSession).where(
            ExerciseSession.patient_id == patient.id, ExerciseSession.local_date == today
        )
    ).first()
    return session is not None and session.step == SessionStep.COMPLETE


def reminders_wait(db: Session, clock: Clock, content: Content, patient: Patient) -> str | None:
    """Why the reminders do not come for now, and when they start again: a warning-sign
    hold (once the care team lifts it), the patient's pause (its end, or /resume), or a
    readiness check waiting for the clinician; ``None`` when they come as planned. A
    settings answer says this instead of promising a reminder that will not come."""
    now = clock.now()
    why = planning.blocked(patient, now)
    if why not in ("hold", "paused", "paused_until"):
        why = None if readiness.may_exercise(db, clock, patient) else "readiness"
    if why is None:
        return None
    until = ""
    if why == "paused_until" and patient.paused_until is not None:
        zone = ZoneInfo(patient.timezone)
        today = now.astimezone(zone).date()
        last = patient.paused_until.astimezone(zone).date()
        until = date_words(last, patient.language, today=today)
    return content.render(patient.language, "reminders_wait", why=why, until=until)
