"""The readiness check: seven yes/no questions, and the clinician's clearance after any "yes"."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path

import yaml
from pydantic import Field
from sqlmodel import Session, col, or_, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import OnboardingStep, Patient, ReadinessCheck, Staff, StaffRole
from bot.rules import readiness as rules
from bot.services import audit
from bot.services.outgoing import Button, Message, Reply
from bot.services.patients import (
    Visitor,
    clinician_to_tell,
    language_of,
    may_handle,
    patient_by_reference,
    staff_by_telegram,
)
from bot.strict import Strict


class Question(Strict):
    id: str
    en: str
    fr: str


class ReadinessQuestions(Strict):
    source: str
    official_form_url: str
    questions: list[Question] = Field(min_length=7, max_length=7)

    def text(self, index: int, lang: str) -> str:
        return str(getattr(self.questions[index], lang))


@cache
def questions(content_root: Path) -> ReadinessQuestions:
    """The clinic's readiness questions (``content/readiness.yaml``), read once."""
    data = yaml.safe_load((content_root / "readiness.yaml").read_text(encoding="utf-8"))
    return ReadinessQuestions.model_validate(data)


def begin(db: Session, clock: Clock, content: Content, patient: Patient) -> Message:
    """Start a new check and ask its first question."""
    assert patient.id is not None
    check = ReadinessCheck(patient_id=patient.id, started_at=clock.now())
    db.add(check)
    db.flush()
    return question_message(content, patient, check)


def latest(db: Session, patient: Patient) -> ReadinessCheck | None:
    """The patient's most recent readiness check."""
    return db.exec(
        select(ReadinessCheck)
        .where(ReadinessCheck.patient_id == patient.id)
        .order_by(col(ReadinessCheck.id).desc())
    ).first()


def may_exercise(db: Session, clock: Clock, patient: Patient) -> bool:
    """Whether the latest check lets the programme run now."""
    check = latest(db, patient)
    if check is None:
        return False
    return rules.may_exercise(
        completed=check.completed_at is not None,
        needs_clinician=check.needs_clearance,
        decision=check.decision,
        until=check.valid_until,
        now=clock.now(),
    )


def expired(db: Session, clock: Clock, patient: Patient) -> bool:
    """Whether the patient's clearance (or all-"no" check) has run out: time to ask again."""
    check = latest(db, patient)
    return check is not None and check.valid_until is not None and clock.now() >= check.valid_until


def answer(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    check_id: int,
    index: int,
    said_yes: bool,
) -> tuple[Reply, bool]:
    """Record one answer. Returns the reply and whether the check is now complete."""
    check = db.get(ReadinessCheck, check_id)
    if (
        check is None
        or check.patient_id != patient.id
        or check.completed_at is not None
        or index != len(check.answers)
        or patient.onboarding_step != OnboardingStep.READINESS
    ):
        return Reply(
            toast=content.render(patient.language, "already_answered"), clear_buttons=True
        ), False
    check.answers += "y" if said_yes else "n"
    reply = Reply(clear_buttons=True, toast=content.render(patient.language, "choice_saved"))
    if len(check.answers) < len(questions(content.root).questions):
        db.add(check)
        db.flush()
        reply.messages.append(question_message(content, patient, check))
        return reply, False
    now = clock.now()
    check.completed_at = now
    check.needs_clearance = rules.needs_clearance(check.answers)
    if not check.needs_clearance:
        check.valid_until = rules.valid_until(now)
    db.add(check)
    audit.record(
        db,
        clock,
        AuditAction.READINESS_COMPLETED,
        patient_id=patient.id,
        outcome="hold" if check.needs_clearance else "clear",
    )
    if check.needs_clearance:
        reply.send(patient.chat_id, content.render(patient.language, "readiness_hold"))
        reply.messages += _ask_clinician(content, patient, check, clinician_to_tell(db, patient))
    return reply, True


def decide(
    db: Session,
    clock: Clock,
    content: Content,
    who: Visitor,
    check_id: int,
    cleared: bool,
) -> Reply:
    """The patient's clinician clears them to start, or keeps the programme on hold.

    Only a clinician assigned to the patient (lead or backup) may decide, and only on a
    completed check that needs it: an admin at the front desk can't clear a health screen.
    """
    staff = staff_by_telegram(db, who.telegram_user_id)
    check = db.get(ReadinessCheck, check_id)
    patient = db.get(Patient, check.patient_id) if check else None
    lang = language_of(db, content, who)
    allowed = (
        staff is not None
        and staff.role == StaffRole.CLINICIAN
        and check is not None
        and patient is not None
        and may_handle(staff, patient)
    )
    if not allowed or staff is None or check is None or patient is None:
        audit.denied(db, clock, AuditAction.READINESS_DECIDE, who.telegram_user_id)
        return Reply(toast=content.render(lang, "not_allowed"))
    undecidable = check.completed_at is None or not check.needs_clearance
    if undecidable or check.decision == "cleared" or check.id != _latest_id(db, patient):
        return Reply(toast=content.render(lang, "already_decided"), clear_buttons=True)
    if not cleared and check.decision == "on_hold":
        return Reply(toast=content.render(lang, "kept_on_hold"))  # the patient was told already
    now = clock.now()
    check.decision = "cleared" if cleared else "on_hold"
    check.decided_by_id, check.decided_at = staff.id, now
    check.valid_until = rules.valid_until(now) if cleared else None
    db.add(check)
    audit.record(
        db,
        clock,
        AuditAction(f"readiness.{check.decision}"),
        staff_id=staff.id,
        patient_id=patient.id,
    )
    db.flush()
    if not cleared:  # the buttons stay, so the clinician can clear later
        reply = Reply(toast=content.render(lang, "kept_on_hold"))
        return reply.send(
            patient.chat_id, content.render(patient.language, "readiness_kept_on_hold")
        )
    reply = Reply(toast=content.render(lang, "cleared_toast"), clear_buttons=True)
    start = Button(content.label(patient.language, "start_session"), callbacks.START_SESSION)
    return reply.send(
        patient.chat_id, content.render(patient.language, "readiness_cleared"), (start,)
    )


def decide_for_patient(
    db: Session, clock: Clock, content: Content, who: Visitor, patient_ref: str, cleared: bool
) -> Reply:
    """``/clear P-12`` or ``/hold P-12``: the same decision as the buttons, by patient number."""
    patient = patient_by_reference(db, patient_ref)
    check = latest(db, patient) if patient is not None else None
    if check is None or check.id is None:
        lang = language_of(db, content, who)
        return Reply().send(who.chat_id, content.render(lang, "not_allowed"))
    reply = decide(db, clock, content, who, check.id, cleared)
    # A command has no button to answer: the toast becomes a message.
    if reply.toast:
        reply.messages.insert(0, Message(who.chat_id, reply.toast))
    return reply


def pending_reviews(db: Session, content: Content, staff: Staff) -> list[Message]:
    """Every hold still waiting for this clinician: sent again when they link Telegram."""
    if staff.role != StaffRole.CLINICIAN or staff.telegram_user_id is None:
        return []
    waiting = db.exec(
        select(Patient).where(
            Patient.clinic_id == staff.clinic_id,
            or_(Patient.clinician_id == staff.id, Patient.backup_clinician_id == staff.id),
        )
    ).all()
    messages: list[Message] = []
    for patient in waiting:
        check = latest(db, patient)
        if check is not None and check.needs_clearance and check.decision is None:
            messages += _ask_clinician(content, patient, check, staff)
    return messages


def _latest_id(db: Session, patient: Patient) -> int | None:
    check = latest(db, patient)
    return check.id if check else None


def question_message(content: Content, patient: Patient, check: ReadinessCheck) -> Message:
    """The next unanswered question of ``check``, with Yes and No."""
    index = len(check.answers)
    total = len(questions(content.root).questions)
    lang = patient.language
    text = content.render(
        lang,
        "readiness_question",
        number=index + 1,
        total=total,
        question=questions(content.root).text(index, lang),
    )
    row = tuple(
        Button(
            content.label(lang, f"answer_{word}"),
            callbacks.data(callbacks.READINESS, check.id, index, word[0]),
        )
        for word in ("yes", "no")
    )
    return Message(patient.chat_id, text, (row,))


def _ask_clinician(
    content: Content, patient: Patient, check: ReadinessCheck, clinician: Staff | None
) -> list[Message]:
    if clinician is None or clinician.telegram_user_id is None:
        return []
    lang = clinician.language
    asked = questions(content.root)
    yes_answers = [asked.text(i, lang) for i, a in enumerate(check.answers) if a == "y"]
    text = content.render(lang, "readiness_review", patient_id=patient.id, yes_answers=yes_answers)
    row = (
        Button(
            content.label(lang, "clear_to_start"),
            callbacks.data(callbacks.CLEARANCE, check.id, "clear"),
        ),
        Button(
            content.label(lang, "keep_on_hold"),
            callbacks.data(callbacks.CLEARANCE, check.id, "hold"),
        ),
    )
    return [Message(clinician.telegram_user_id, text, (row,))]


def describe(check: ReadinessCheck | None, now: datetime) -> str:
    """A short status for staff views: cleared, on hold, due, or not done."""
    if check is None or check.completed_at is None:
        return "not done"
    if check.valid_until is not None and now >= check.valid_until:
        return "expired"
    if check.needs_clearance and check.decision != "cleared":
        return "on hold"
    return "cleared"
