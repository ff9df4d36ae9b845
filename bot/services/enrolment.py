"""Enrolment: redeeming an invite, the consent notice, and choosing a reminder time.

The step a person is at is stored on their row, so each answer is checked against it:
a repeated press or a restart never skips or repeats a step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.models import (
    Clinic,
    InviteCode,
    InvitePurpose,
    OnboardingStep,
    Patient,
    PatientExercise,
    Staff,
)
from bot.rules.invite_codes import code_hash, looks_like_code
from bot.rules.reminder_time import PRESET_TIMES, format_time, parse_reminder_time
from bot.services import audit
from bot.services.outgoing import Button, Message, Reply
from bot.services.patients import patient_by_telegram, staff_by_telegram

AWAITING_REMINDER_TIME = "reminder_time"


@dataclass(frozen=True)
class Visitor:
    """Who sent an update: enough to find or enrol them, and nothing more."""

    telegram_user_id: int
    chat_id: int
    language_code: str | None = None


def start(db: Session, clock: Clock, content: Content, who: Visitor, payload: str) -> Reply:
    """Handle ``/start`` with or without a code: redeem it, or resume where they are."""
    lang = content.language_for(who.language_code)
    if not payload.strip():
        return _resume(db, content, who, lang)
    if patient_by_telegram(db, who.telegram_user_id) or staff_by_telegram(db, who.telegram_user_id):
        return _resume(db, content, who, lang)
    invite = _find_invite(db, payload)
    problem = _invite_problem(invite, who, clock)
    if problem:
        audit.record(
            db, clock, "invite.redeem", outcome=problem, telegram_user_id=who.telegram_user_id
        )
        db.commit()
        return Reply().send(who.chat_id, content.render(lang, f"code_{problem}"))
    assert invite is not None
    if not _claim(db, clock, invite, who):
        db.rollback()
        return Reply().send(who.chat_id, content.render(lang, "code_used"))
    if invite.purpose == InvitePurpose.STAFF:
        return _link_staff(db, clock, content, invite, who, lang)
    return _enrol_patient(db, clock, content, invite, who, lang)


def answer_consent(
    db: Session, clock: Clock, content: Content, who: Visitor, accepted: bool
) -> Reply:
    """Record the patient's answer to the consent notice, with its version and time."""
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None:
        return Reply(toast=content.render(_lang(content, who), "not_enrolled"))
    if patient.onboarding_step != OnboardingStep.CONSENT:
        return Reply(toast=content.render(patient.language, "already_answered"), clear_buttons=True)
    reply = Reply(clear_buttons=True, toast=content.render(patient.language, "choice_saved"))
    if accepted:
        patient.consent_version = content.consent_version
        patient.consent_at = clock.now()
        patient.onboarding_step = OnboardingStep.REMINDER_TIME
        reply.messages.append(ask_reminder_time(content, patient))
    else:
        patient.onboarding_step = OnboardingStep.DECLINED
        reply.send(patient.chat_id, content.render(patient.language, "declined_stopped"))
    audit.record(
        db, clock, "consent.accepted" if accepted else "consent.declined", patient_id=patient.id
    )
    db.add(patient)
    db.commit()
    return reply


def choose_reminder_time(
    db: Session, clock: Clock, content: Content, who: Visitor, choice: str
) -> Reply:
    """A preset time button, or "another time", which asks the patient to type one."""
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None:
        return Reply(toast=content.render(_lang(content, who), "not_enrolled"))
    if patient.onboarding_step != OnboardingStep.REMINDER_TIME:
        return Reply(toast=content.render(patient.language, "already_answered"), clear_buttons=True)
    if choice == "other":
        patient.awaiting_text = AWAITING_REMINDER_TIME
        db.add(patient)
        db.commit()
        reply = Reply(clear_buttons=True)
        return reply.send(patient.chat_id, content.render(patient.language, "reminder_time_other"))
    chosen = parse_reminder_time(choice)
    if chosen is None:
        return Reply(toast=content.render(patient.language, "stale_button"), clear_buttons=True)
    reply = _set_reminder_time(db, clock, content, patient, chosen)
    reply.clear_buttons = True
    return reply


def typed_reminder_time(
    db: Session, clock: Clock, content: Content, patient: Patient, text: str
) -> Reply:
    """The patient typed a reminder time after choosing "another time"."""
    chosen = parse_reminder_time(text)
    if chosen is None:
        return Reply().send(patient.chat_id, content.render(patient.language, "time_invalid"))
    return _set_reminder_time(db, clock, content, patient, chosen)


def ask_consent(content: Content, patient: Patient) -> Message:
    """The consent notice with its two answers."""
    lang = patient.language
    return Message(
        patient.chat_id,
        content.render(lang, "consent"),
        (
            (
                Button(
                    content.label(lang, "consent_accept"), callbacks.data(callbacks.CONSENT, "yes")
                ),
                Button(
                    content.label(lang, "consent_decline"), callbacks.data(callbacks.CONSENT, "no")
                ),
            ),
        ),
    )


def ask_reminder_time(content: Content, patient: Patient) -> Message:
    """The reminder-time question: preset times and "another time"."""
    lang = patient.language
    presets = tuple(
        Button(format_time(t), callbacks.data(callbacks.TIME, format_time(t))) for t in PRESET_TIMES
    )
    other = (Button(content.label(lang, "time_other"), callbacks.data(callbacks.TIME, "other")),)
    return Message(patient.chat_id, content.render(lang, "reminder_time"), (presets, other))


def _set_reminder_time(
    db: Session, clock: Clock, content: Content, patient: Patient, chosen: time
) -> Reply:
    patient.reminder_time = chosen
    patient.awaiting_text = None
    patient.onboarding_step = OnboardingStep.ENROLLED
    audit.record(db, clock, "patient.enrolled", patient_id=patient.id)
    db.add(patient)
    db.commit()
    lang = patient.language
    text = content.render(lang, "enrolled", reminder_time=format_time(chosen))
    start_button = Button(content.label(lang, "start_session"), callbacks.START_SESSION)
    return Reply().send(patient.chat_id, text, (start_button,))


def _resume(db: Session, content: Content, who: Visitor, lang: str) -> Reply:
    """Someone we may know sent /start again: pick up where they are."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is not None:
        return Reply().send(who.chat_id, content.render(lang, "staff_already_linked"))
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None:
        return Reply().send(who.chat_id, content.render(lang, "no_code"))
    return Reply(messages=[resume_message(content, patient)])


def resume_message(content: Content, patient: Patient) -> Message:
    """The message that moves a patient on from the step they are at."""
    step = patient.onboarding_step
    if step == OnboardingStep.CONSENT:
        return ask_consent(content, patient)
    if step == OnboardingStep.REMINDER_TIME:
        if patient.awaiting_text == AWAITING_REMINDER_TIME:
            return Message(patient.chat_id, content.render(patient.language, "reminder_time_other"))
        return ask_reminder_time(content, patient)
    if step == OnboardingStep.DECLINED:
        return Message(patient.chat_id, content.render(patient.language, "declined_stopped"))
    return Message(patient.chat_id, content.render(patient.language, "already_enrolled"))


def _find_invite(db: Session, payload: str) -> InviteCode | None:
    if not looks_like_code(payload):
        return None
    return db.exec(select(InviteCode).where(InviteCode.code_hash == code_hash(payload))).first()


def _invite_problem(invite: InviteCode | None, who: Visitor, clock: Clock) -> str | None:
    """Why a code can't be used now (unknown, revoked, used, expired), or ``None``."""
    if invite is None:
        return "unknown"
    if invite.revoked_at is not None:
        return "revoked"
    if invite.used_at is not None:
        return "used"
    if invite.expires_at <= clock.now():
        return "expired"
    return None


def _claim(db: Session, clock: Clock, invite: InviteCode, who: Visitor) -> bool:
    """Mark the invite used by this account, if nobody beat us to it (compare-and-set)."""
    result = db.execute(
        update(InviteCode)
        .where(col(InviteCode.id) == invite.id, col(InviteCode.used_at).is_(None))
        .values(used_at=clock.now(), used_by_telegram_id=who.telegram_user_id)
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def _link_staff(
    db: Session, clock: Clock, content: Content, invite: InviteCode, who: Visitor, lang: str
) -> Reply:
    staff = db.get(Staff, invite.staff_id)
    clinic = db.get(Clinic, invite.clinic_id)
    assert staff is not None and clinic is not None
    staff.telegram_user_id = who.telegram_user_id
    staff.linked_at = clock.now()
    db.add(staff)
    audit.record(
        db, clock, "staff.linked", staff_id=staff.id, telegram_user_id=who.telegram_user_id
    )
    db.commit()
    text = content.render(
        lang, "staff_linked", clinic_name=clinic.name, role=staff.role, handle=staff.handle
    )
    return Reply().send(who.chat_id, text)


def _enrol_patient(
    db: Session, clock: Clock, content: Content, invite: InviteCode, who: Visitor, lang: str
) -> Reply:
    clinic = db.get(Clinic, invite.clinic_id)
    assert clinic is not None and invite.clinician_id is not None
    programme = content.programmes[invite.programme_id or "starter"]
    patient = Patient(
        clinic_id=invite.clinic_id,
        clinician_id=invite.clinician_id,
        invite_id=invite.id,
        telegram_user_id=who.telegram_user_id,
        chat_id=who.chat_id,
        language=lang,
        timezone=clinic.timezone,
        programme_id=programme.id,
        created_at=clock.now(),
    )
    db.add(patient)
    db.flush()
    assert patient.id is not None
    for position, item in enumerate(programme.exercises):
        db.add(
            PatientExercise(
                patient_id=patient.id,
                exercise_id=item.exercise,
                level=item.level,
                position=position,
            )
        )
    audit.record(
        db, clock, "invite.redeem", patient_id=patient.id, telegram_user_id=who.telegram_user_id
    )
    db.commit()
    return Reply(messages=[ask_consent(content, patient)])


def _lang(content: Content, who: Visitor) -> str:
    return content.language_for(who.language_code)
