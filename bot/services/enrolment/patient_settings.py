"""What a patient can change after enrolment (/settings), and stopping the service (/stop)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot import callbacks
from bot.clock import Clock
from bot.content import Content, dates
from bot.content.dates import date_words
from bot.db.audit_actions import AuditAction
from bot.db.models import AwaitedAnswer, ConsentRecord, OnboardingStep, Patient
from bot.rules.pause_end import parse_pause_end, pause_end_problem
from bot.rules.typed_answers import looks_like_an_attempt, typed_yes_no
from bot.services import audit
from bot.services.enrolment import onboarding as enrolment
from bot.services.outgoing import Button, Message, Reply
from bot.services.patients import Visitor, clinician_to_tell, language_of, patient_by_telegram
from bot.services.safety import safety_line
from bot.services.scheduling import planning, schedule_words

AWAITING_TIMEZONE = AwaitedAnswer.TIMEZONE
PICTURES_ON, PICTURES_OFF = "pictures_on", "pictures_off"
PICTURE_CHOICES = (PICTURES_ON, PICTURES_OFF)
# Canada's timezones, west to east, then the clinic's most common travel zone.
TIMEZONE_CHOICES = (
    "America/Vancouver",
    "America/Edmonton",
    "America/Winnipeg",
    "America/Toronto",
    "America/Halifax",
    "America/St_Johns",
)


def open_menu(db: Session, clock: Clock, content: Content, who: Visitor) -> Reply:
    """``/settings``: the current reminder time, language, timezone and pictures, and a
    button to change each."""
    patient = _enrolled(db, who)
    if patient is None:
        return _not_ready(db, content, who)
    lang = patient.language
    row = tuple(
        Button(content.label(lang, f"settings_{what}"), callbacks.data(callbacks.SETTINGS, what))
        for what in ("time", "language", "timezone", "pictures")
    )
    text = content.render(
        lang,
        "settings_menu",
        language=content.label(lang, "language_name"),
        timezone=dates.zone_city(patient.timezone, lang),
        pictures=patient.pictures,
        **schedule_words.reminder_words(content, patient),
    )
    return Reply().send(patient.chat_id, text, row[:2], row[2:])


def choose(db: Session, clock: Clock, content: Content, who: Visitor, what: str) -> Reply:
    """One of the settings buttons: ask the matching question."""
    patient = _enrolled(db, who)
    if patient is None:
        return _not_ready(db, content, who)
    reply = Reply(clear_buttons=True)
    if what in PICTURE_CHOICES:
        return _set_pictures(db, clock, content, patient, what == PICTURES_ON)
    if what == "pictures":
        return reply.send(
            patient.chat_id,
            content.render(patient.language, "pictures_question"),
            tuple(
                Button(
                    content.label(patient.language, choice),
                    callbacks.data(callbacks.SETTINGS, choice),
                )
                for choice in PICTURE_CHOICES
            ),
        )
    # Each question also takes a typed answer ("19h30", "français", "Montréal").
    if what == "time":
        patient.awaiting_text = enrolment.AWAITING_REMINDER_TIME
        reply.messages.append(enrolment.ask_reminder_time(content, patient))
    elif what == "language":
        patient.awaiting_text = AwaitedAnswer.LANGUAGE
        suggested = content.language_for(who.language_code)  # as at enrolment
        reply.messages.append(enrolment.ask_language(content, patient, suggested))
    else:
        patient.awaiting_text = AWAITING_TIMEZONE
        reply.messages.append(ask_timezone(content, patient))
    db.add(patient)
    db.flush()
    return reply


def _set_pictures(db: Session, clock: Clock, content: Content, patient: Patient, on: bool) -> Reply:
    """Pictures with each exercise, or text only (for a small data plan)."""
    patient.pictures = on
    db.add(patient)
    audit.record(db, clock, AuditAction.SETTINGS_PICTURES, patient_id=patient.id)
    db.flush()
    key = "pictures_now_on" if on else "pictures_now_off"
    return Reply(clear_buttons=True).send(patient.chat_id, content.render(patient.language, key))


def choose_timezone(db: Session, clock: Clock, content: Content, who: Visitor, zone: str) -> Reply:
    """A timezone button, or "another timezone", which asks the patient to type one."""
    patient = _enrolled(db, who)
    if patient is None:
        return _not_ready(db, content, who)
    if zone == "other":
        patient.awaiting_text = AWAITING_TIMEZONE
        db.add(patient)
        db.flush()
        return Reply(clear_buttons=True).send(
            patient.chat_id, content.render(patient.language, "timezone_other")
        )
    reply = typed_timezone(db, clock, content, patient, zone)
    if reply is None:  # not a zone the bot knows: a button from an older version
        return Reply(toast=content.render(patient.language, "stale_button"), clear_buttons=True)
    reply.clear_buttons = True
    return reply


def typed_timezone(
    db: Session, clock: Clock, content: Content, patient: Patient, text: str
) -> Reply | None:
    """Set the timezone from a city (either language) or an IANA name, case and accents forgiven."""
    zone = dates.zone_from_words(text)
    if zone is None:  # a try at a place is asked again; a longer text is a message
        if not looks_like_an_attempt(text):
            return None
        return Reply().send(patient.chat_id, content.render(patient.language, "timezone_invalid"))
    patient.timezone = zone
    patient.awaiting_text = None
    db.add(patient)
    audit.record(db, clock, AuditAction.SETTINGS_TIMEZONE, patient_id=patient.id)
    planning.replan(db, clock, patient)  # the reminder keeps its local time in the new zone
    when = schedule_words.reminder_words(content, patient)
    waiting = schedule_words.reminders_wait(db, clock, content, patient)
    if waiting is not None:  # no "your reminder stays at 6:00 PM" when none comes for now
        when = {"reminder_time": "", "days": ""}
    changed = content.render(
        patient.language,
        "timezone_changed",
        timezone=_place_named(text, zone, patient.language),
        **when,
    )
    return Reply().send(patient.chat_id, f"{changed} {waiting}" if waiting else changed)


def _place_named(typed: str, zone: str, lang: str) -> str:
    """The place to confirm: the zone's city, or the city the patient typed when it is
    another one of the same zone ("Montréal" is not confirmed as Toronto)."""
    city = dates.zone_city(zone, lang)
    if typed == zone or dates.same_place(typed, city):  # a button, or that very city
        return city
    words = typed.strip().rsplit("/", 1)[-1].replace("_", " ")
    return words[:1].upper() + words[1:]


def ask_stop(db: Session, clock: Clock, content: Content, who: Visitor) -> Reply:
    """``/stop``: ask the patient to confirm before consent is withdrawn."""
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None or patient.onboarding_step in (
        OnboardingStep.WITHDRAWN,
        OnboardingStep.DECLINED,
    ):
        return _not_ready(db, content, who)
    lang = patient.language
    row = (
        Button(content.label(lang, "stop_yes"), callbacks.data(callbacks.STOP, "yes")),
        Button(content.label(lang, "stop_no"), callbacks.data(callbacks.STOP, "no")),
    )
    patient.awaiting_text = AwaitedAnswer.STOP_CONFIRM  # a typed "yes" or "non" answers it
    db.add(patient)
    db.flush()
    text = content.render(lang, "stop_confirm")
    safety = safety_line(db, content, patient)  # an open URGENT or EMERGENCY alert
    return Reply().send(patient.chat_id, f"{text}\n\n{safety}" if safety else text, row)


def typed_stop(
    db: Session, clock: Clock, content: Content, patient: Patient, text: str
) -> Reply | None:
    """A typed answer to /stop's question: a clear yes or no is taken as the button; any
    other text ends the question (``None``), so a later "yes" never stops the service."""
    said = typed_yes_no(text)
    if said is None:
        patient.awaiting_text = None
        db.add(patient)
        db.flush()
        return None
    return _decide_stop(db, clock, content, patient, said)


def confirm_stop(db: Session, clock: Clock, content: Content, who: Visitor, stop: bool) -> Reply:
    """Withdraw consent: nothing more is sent, the clinician is told, the record is kept."""
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None or patient.onboarding_step == OnboardingStep.WITHDRAWN:
        return Reply(
            toast=content.render(_lang(content, who, patient), "already_answered"),
            clear_buttons=True,
        )
    return _decide_stop(db, clock, content, patient, stop)


def _decide_stop(
    db: Session, clock: Clock, content: Content, patient: Patient, stop: bool
) -> Reply:
    lang = patient.language
    if patient.awaiting_text == AwaitedAnswer.STOP_CONFIRM:
        patient.awaiting_text = None
        db.add(patient)
    if not stop:
        db.flush()
        return Reply(clear_buttons=True).send(patient.chat_id, content.render(lang, "stop_kept"))
    patient.onboarding_step = OnboardingStep.WITHDRAWN
    patient.withdrawn_at = clock.now()
    patient.awaiting_text = None
    db.add(patient)
    audit.record(db, clock, AuditAction.CONSENT_WITHDRAWN, patient_id=patient.id)
    assert patient.id is not None
    db.add(
        ConsentRecord(
            patient_id=patient.id,
            version=patient.consent_version or "",
            decision="withdrawn",
            at=clock.now(),
        )
    )
    planning.replan(db, clock, patient)  # drops every future message
    text = content.render(lang, "withdrawn_stopped")
    safety = safety_line(db, content, patient)  # the alert stays with the care team
    reply = Reply(clear_buttons=True).send(
        patient.chat_id, f"{text}\n\n{safety}" if safety else text
    )
    reply.messages += enrolment.tell_clinician(db, content, patient, "clinician_patient_stopped")
    return reply


def pause(db: Session, clock: Clock, content: Content, who: Visitor, typed: str) -> Reply:
    """``/pause`` or ``/pause 2026-12-24``: no routine messages until then, or until /resume."""
    patient = _enrolled(db, who)
    if patient is None:
        return _not_ready(db, content, who)
    lang, zone = patient.language, ZoneInfo(patient.timezone)
    today = clock.now().astimezone(zone).date()
    until: datetime | None = None
    end: date | None = None
    if typed.strip():
        end = parse_pause_end(typed, today)
        if end is None:
            problem = pause_end_problem(typed, today)
            key = "pause_date_invalid" if problem == "unclear" else f"pause_date_{problem}"
            return Reply().send(patient.chat_id, content.render(lang, key))
        until = datetime.combine(end, time(0, 0), zone).astimezone(UTC)
    audit.record(db, clock, AuditAction.PATIENT_PAUSED, patient_id=patient.id)
    planning.pause(db, clock, patient, until)
    shown = date_words(end, lang, today=today) if end else None
    after = schedule_words.next_session(db, clock, content, patient)  # after the pause's end
    text = content.render(lang, "paused", until=shown, **after.variables())
    reply = Reply().send(patient.chat_id, text)
    staff = clinician_to_tell(db, patient)  # the date in their language
    staff_until = date_words(end, staff.language, today=today) if end and staff else None
    reply.messages += enrolment.tell_clinician(
        db, content, patient, "clinician_patient_paused", until=staff_until
    )
    return reply


def resume(db: Session, clock: Clock, content: Content, who: Visitor) -> Reply:
    """``/resume``: the patient's own pause ends; the clinician is told. A warning-sign hold
    is not the patient's to end: it still stops exercises and reminders until a clinician
    releases it, and both messages say so (as does a readiness check still waiting)."""
    patient = _enrolled(db, who)
    if patient is None:
        return _not_ready(db, content, who)
    lang = patient.language
    if patient.paused_at is None:
        key = "on_warning_hold" if patient.hold_at is not None else "not_paused"
        return Reply().send(patient.chat_id, content.render(lang, key))
    audit.record(db, clock, AuditAction.PATIENT_RESUMED, patient_id=patient.id)
    planning.resume(db, clock, patient)
    after = schedule_words.next_session(db, clock, content, patient)
    reply = Reply().send(patient.chat_id, content.render(lang, "resumed", **after.variables()))
    still = "warning" if after.warning_hold else "readiness" if after.held else ""
    reply.messages += enrolment.tell_clinician(
        db, content, patient, "clinician_patient_resumed", held=still
    )
    return reply


def ask_timezone(content: Content, patient: Patient) -> Message:
    """The time-zone question: a few cities, and "another timezone"."""
    lang = patient.language
    zones = [
        Button(dates.zone_city(zone, lang), callbacks.data(callbacks.TIMEZONE, zone))
        for zone in TIMEZONE_CHOICES
    ]
    rows = (
        tuple(zones[:3]),
        tuple(zones[3:]),
        (
            Button(
                content.label(lang, "timezone_other"), callbacks.data(callbacks.TIMEZONE, "other")
            ),
        ),
    )
    return Message(patient.chat_id, content.render(lang, "timezone_question"), rows)


def _enrolled(db: Session, who: Visitor) -> Patient | None:
    patient = patient_by_telegram(db, who.telegram_user_id)
    return patient if patient and patient.onboarding_step == OnboardingStep.ENROLLED else None


def _not_ready(db: Session, content: Content, who: Visitor) -> Reply:
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None:
        return Reply().send(
            who.chat_id, content.render(language_of(db, content, who), "for_patients_only")
        )
    return Reply(messages=[enrolment.resume_message(db, content, patient)])


def _lang(content: Content, who: Visitor, patient: Patient | None) -> str:
    return patient.language if patient else content.language_for(who.language_code)
