"""Versioned consent: every answer is kept with the version of the notice it answered.

When the clinic publishes a new version of the notice (``content/consent.yaml``), each
enrolled patient is asked again at their next contact: the next message they type, or the
next routine message due to them, which waits (with every routine message after it) until
they answer. Agreeing carries on as before; declining withdraws them at once.
"""

from __future__ import annotations

from sqlmodel import Session, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import ConsentRecord, OnboardingStep, Patient
from bot.services import audit
from bot.services.enrolment import patient_settings
from bot.services.outgoing import Button, Message, Reply
from bot.services.patients import Visitor, language_of, patient_by_telegram
from bot.services.scheduling import planning

ASKED = "asked"


def record_decision(
    db: Session, clock: Clock, patient: Patient, version: str, decision: str
) -> None:
    """Add one consent answer (or ``asked``, ``withdrawn``) to the patient's history."""
    assert patient.id is not None
    db.add(ConsentRecord(patient_id=patient.id, version=version, decision=decision, at=clock.now()))


def outdated(content: Content, patient: Patient) -> bool:
    """An enrolled patient whose last consent was to an older notice than the current one."""
    return (
        patient.onboarding_step == OnboardingStep.ENROLLED
        and patient.consent_version != content.consent_version
    )


def asked_already(db: Session, content: Content, patient: Patient) -> bool:
    """Whether the current notice was already put to the patient (and awaits an answer)."""
    return (
        db.exec(
            select(ConsentRecord).where(
                ConsentRecord.patient_id == patient.id,
                ConsentRecord.version == content.consent_version,
                ConsentRecord.decision == ASKED,
            )
        ).first()
        is not None
    )


def ask_again(db: Session, clock: Clock, content: Content, patient: Patient) -> Message:
    """The new notice with its two answers; the asking is recorded. The caller commits."""
    if not asked_already(db, content, patient):
        record_decision(db, clock, patient, content.consent_version, ASKED)
        audit.record(db, clock, AuditAction.CONSENT_ASKED, patient_id=patient.id)
    lang = patient.language
    row = (
        Button(content.label(lang, "consent_accept"), callbacks.data(callbacks.RECONSENT, "yes")),
        Button(content.label(lang, "consent_decline"), callbacks.data(callbacks.RECONSENT, "no")),
    )
    text = content.render(lang, "consent_renewal")
    return Message(patient.chat_id, text, (row,))


def routine_waits(db: Session, clock: Clock, content: Content, patient: Patient) -> Reply | None:
    """For a routine message due now: ``None`` when it may go; otherwise what goes instead
    (the new notice the first time, nothing after that until the patient answers)."""
    if not outdated(content, patient):
        return None
    if asked_already(db, content, patient):
        return Reply()
    reply = Reply()
    reply.messages.append(ask_again(db, clock, content, patient))
    db.flush()
    return reply


def withdraw(db: Session, clock: Clock, patient: Patient, *, by_admin: bool = False) -> None:
    """Withdraw the patient at once: no message of any kind goes to them after this
    (every future row is dropped, and nothing waits). The record is kept. The caller commits."""
    if patient.onboarding_step == OnboardingStep.WITHDRAWN:
        return
    patient.onboarding_step = OnboardingStep.WITHDRAWN
    patient.withdrawn_at = clock.now()
    patient.awaiting_text = None
    db.add(patient)
    record_decision(db, clock, patient, patient.consent_version or "", "withdrawn")
    outcome = "by_admin" if by_admin else "ok"
    audit.record(db, clock, AuditAction.CONSENT_WITHDRAWN, patient_id=patient.id, outcome=outcome)
    planning.replan(db, clock, patient)  # flushes


def answer(db: Session, clock: Clock, content: Content, who: Visitor, accepted: bool) -> Reply:
    """The patient's answer to a new version of the notice."""
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None or not outdated(content, patient):
        lang = patient.language if patient else language_of(db, content, who)
        return Reply(toast=content.render(lang, "already_answered"), clear_buttons=True)
    if not accepted:
        record_decision(db, clock, patient, content.consent_version, "declined")
        return patient_settings.confirm_stop(db, clock, content, who, True)  # flushes
    patient.consent_version, patient.consent_at = content.consent_version, clock.now()
    db.add(patient)
    record_decision(db, clock, patient, content.consent_version, "accepted")
    audit.record(db, clock, AuditAction.CONSENT_ACCEPTED, patient_id=patient.id)
    db.flush()
    lang = patient.language
    reply = Reply(clear_buttons=True, toast=content.render(lang, "choice_saved"))
    return reply.send(patient.chat_id, content.render(lang, "consent_renewed"))
