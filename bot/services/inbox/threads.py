"""Conversation threads: what patients write to their care team, and the answers they get.

Every text a patient types that is not an answer the bot asked for (and the note after a
session) is a ``ThreadMessage`` in the thread with their care team: the assigned clinician
and the backup. Only they may read it; an admin, or anyone of another clinic, reads none
of it (a forged button is refused and audited like any other). The clinician who hears
about the patient now (``clinician_to_tell``) gets it with Reply / Mark read buttons; a
reply is relayed to the patient in their language, framed as coming from their clinician,
and is stored too. A relay longer than one Telegram message goes in several parts; the
sender is told it was sent only once every part has gone out. Reading threads (/inbox, one
patient's thread) is in ``inbox_view``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.content.dates import moment_words
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    AwaitedAnswer,
    Clinic,
    OnboardingStep,
    Patient,
    Staff,
    StaffRole,
    ThreadMessage,
    ThreadSender,
)
from bot.services import audit
from bot.services.outgoing import (
    MAX_TEXT,
    Button,
    Message,
    Reply,
    split_text,
    visible_length,
)
from bot.services.patients import Visitor, clinician_to_tell, language_of, staff_by_telegram
from bot.services.safety import safety_line

AWAITING_REPLY = AwaitedAnswer.THREAD_REPLY  # Staff.awaiting_text while their reply is awaited
KIND_TEXT, KIND_NOTE, KIND_REPLY = "text", "note", "reply"
ROOM_FOR_PART = 12  # " (12/12)" and a margin, kept free in every part of a long relay
_REACHABLE = (
    OnboardingStep.READINESS,
    OnboardingStep.REMINDER_TIME,
    OnboardingStep.ENROLLED,
)


def in_care_team(staff: Staff, patient: Patient) -> bool:
    """Whether this staff member may read the patient's messages: their clinician or backup."""
    return (
        staff.active
        and staff.clinic_id == patient.clinic_id
        and staff.id is not None
        and staff.id in (patient.clinician_id, patient.backup_clinician_id)
    )


def sender_role(staff: Staff, patient: Patient) -> str:
    """Who a patient is told a message or an acknowledgement comes from, by role:
    ``clinician`` (their own), ``care_team`` (the backup) or ``clinic`` (an admin)."""
    if staff.id == patient.clinician_id:
        return "clinician"
    if staff.id == patient.backup_clinician_id and staff.role == StaffRole.CLINICIAN:
        return "care_team"
    return "clinic"


def patient_wrote(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    text: str,
    *,
    kind: str = KIND_TEXT,
    receipt: bool = True,
    quietly: bool = False,
) -> Reply:
    """Store what the patient wrote in their thread and pass it to their clinician.

    The caller commits. With ``receipt`` the patient is told who will read it and roughly when;
    while an URGENT or EMERGENCY alert of theirs is open, that their care team was alerted, and
    the safety line for its level instead (``bot.services.safety``). ``quietly``
    (after a warning sign) only stores it, unread, for the care team's /inbox.
    """
    assert patient.id is not None
    message = ThreadMessage(
        patient_id=patient.id,
        sender=ThreadSender.PATIENT,
        kind=kind,
        text=text.strip()[:MAX_TEXT],
        at=clock.now(),
    )
    db.add(message)
    db.flush()
    reply = Reply()
    if quietly:
        return reply
    reader = clinician_to_tell(db, patient)
    if reader is not None:
        reply.messages += _notice(db, content, reader, patient, message)
    safety = safety_line(db, content, patient) if receipt else None
    if safety is not None:  # an URGENT or EMERGENCY alert is open: no "within 2 days"
        text = content.render(patient.language, "thread_received_alert")
        reply.send(patient.chat_id, f"{text}\n{safety}")
    elif receipt:
        clinic = db.get(Clinic, patient.clinic_id)
        reply.send(
            patient.chat_id,
            content.render(
                patient.language,
                "thread_received",
                reader=reader is not None,
                backup=patient.backup_clinician_id is not None,
                hours=content.inbox.reply_within_hours,
                phone=clinic.phone if clinic and clinic.phone else "",
            ),
        )
    return reply


def start_reply(
    db: Session, clock: Clock, content: Content, who: Visitor, message_id: int
) -> Reply:
    """The Reply button: the next text this clinician types goes to the message's patient."""
    found = _readable(db, clock, content, who, message_id, AuditAction.THREAD_REPLY)
    if isinstance(found, Reply):
        return found
    staff, patient, _ = found
    staff.awaiting_text, staff.awaiting_patient_id = AWAITING_REPLY, patient.id
    staff.awaiting_alert_id = None
    db.add(staff)
    db.flush()
    text = content.render(staff.language, "thread_reply_question", patient_id=patient.id)
    return Reply(toast=content.render(staff.language, "choice_saved")).send(who.chat_id, text)


def mark_read(db: Session, clock: Clock, content: Content, who: Visitor, message_id: int) -> Reply:
    """Mark read: this message and the patient's earlier unread ones are read by the sender."""
    found = _readable(db, clock, content, who, message_id, AuditAction.THREAD_MARK_READ)
    if isinstance(found, Reply):
        return found
    staff, patient, _ = found
    unread = db.exec(
        select(ThreadMessage).where(
            ThreadMessage.patient_id == patient.id,
            ThreadMessage.sender == ThreadSender.PATIENT,
            col(ThreadMessage.read_at).is_(None),
            col(ThreadMessage.id) <= message_id,
        )
    ).all()
    for message in unread:
        message.read_at, message.read_by_id = clock.now(), staff.id
        db.add(message)
    audit.record(db, clock, AuditAction.THREAD_MARK_READ, staff_id=staff.id, patient_id=patient.id)
    db.flush()
    key = "thread_marked_read" if unread else "thread_already_read"
    return Reply(toast=content.render(staff.language, key))


def unread_count(db: Session, patient_id: int) -> int:
    """How many of the patient's messages nobody of their care team has read yet."""
    return int(
        db.exec(
            select(func.count(col(ThreadMessage.id))).where(
                ThreadMessage.patient_id == patient_id,
                ThreadMessage.sender == ThreadSender.PATIENT,
                col(ThreadMessage.read_at).is_(None),
            )
        ).one()
    )


def oldest_unread(db: Session, patient_id: int) -> datetime | None:
    """When the patient's oldest unread message came, if any."""
    return db.exec(
        select(func.min(ThreadMessage.at)).where(
            ThreadMessage.patient_id == patient_id,
            ThreadMessage.sender == ThreadSender.PATIENT,
            col(ThreadMessage.read_at).is_(None),
        )
    ).one()


def staff_typed(
    db: Session, clock: Clock, content: Content, staff: Staff, text: str
) -> Reply | None:
    """A staff member's typed text when a reply to a thread is awaited, else ``None``."""
    if staff.awaiting_text != AWAITING_REPLY or staff.awaiting_patient_id is None:
        return None
    patient = db.get(Patient, staff.awaiting_patient_id)
    staff.awaiting_text = staff.awaiting_patient_id = None
    db.add(staff)
    assert staff.telegram_user_id is not None
    if patient is None or not in_care_team(staff, patient):
        audit.record(db, clock, AuditAction.THREAD_REPLY, outcome="denied", staff_id=staff.id)
        db.flush()
        return Reply().send(staff.telegram_user_id, content.render(staff.language, "not_allowed"))
    return relay(db, clock, content, staff, patient, text)


def relay(
    db: Session, clock: Clock, content: Content, staff: Staff, patient: Patient, text: str
) -> Reply:
    """Store a staff member's message in the thread and relay it to the patient.

    The caller has checked that ``staff`` may write to this patient, and commits. The patient
    reads it framed by role ("Message from your clinician"), in parts when it is too long for
    one Telegram message; the sender hears "Sent" only once every part was delivered.
    """
    assert patient.id is not None and staff.telegram_user_id is not None
    body = text.strip()
    if patient.withdrawn_at is not None or patient.onboarding_step not in _REACHABLE:
        audit.record(db, clock, AuditAction.THREAD_REPLY, outcome="patient_left", staff_id=staff.id)
        db.flush()  # withdrawal stops every message, a clinician's included
        return Reply().send(
            staff.telegram_user_id,
            content.render(staff.language, "thread_patient_left", patient_id=patient.id),
        )
    role = sender_role(staff, patient)
    lang = patient.language
    if len(body) > MAX_TEXT:  # the thread keeps one row per message: refuse what won't fit
        audit.record(db, clock, AuditAction.THREAD_REPLY, outcome="too_long", staff_id=staff.id)
        db.flush()
        return Reply().send(
            staff.telegram_user_id,
            content.render(staff.language, "thread_too_long", length=len(body), limit=MAX_TEXT),
        )
    frame = visible_length(
        content.render(lang, "from_clinician", text="", by=role, part=0, parts=0)
    )
    pieces = split_text(body, MAX_TEXT - frame - ROOM_FOR_PART)
    stored = ThreadMessage(
        patient_id=patient.id,
        sender=ThreadSender.STAFF,
        staff_id=staff.id,
        kind=KIND_REPLY,
        text=body[:MAX_TEXT],
        at=clock.now(),
    )
    db.add(stored)
    audit.record(db, clock, AuditAction.THREAD_REPLY, staff_id=staff.id, patient_id=patient.id)
    db.flush()
    assert stored.id is not None
    reply = Reply()
    for number, piece in enumerate(pieces, start=1):
        shown = content.render(
            lang,
            "from_clinician",
            text=piece,
            by=role,
            part=number if len(pieces) > 1 else 0,
            parts=len(pieces),
        )
        last = number == len(pieces)
        reply.messages.append(
            Message(
                patient.chat_id,
                shown,
                thread_message_id=stored.id if last else None,
                needs_previous=number > 1,
            )
        )
    failed = Message(
        staff.telegram_user_id,
        content.render(staff.language, "thread_not_delivered", patient_id=patient.id),
    )
    done = content.render(staff.language, "relay_sent", patient_id=patient.id, parts=len(pieces))
    reply.messages.append(
        Message(staff.telegram_user_id, done, needs_previous=True, if_undelivered=failed)
    )
    return reply


def mark_delivered(db: Session, clock: Clock, message_id: int) -> None:
    """Telegram accepted the staff message carrying this thread message."""
    message = db.get(ThreadMessage, message_id)
    if message is not None and message.delivered_at is None:
        message.delivered_at = clock.now()
        db.add(message)
        db.flush()


def latest(db: Session, patient_id: int, limit: int) -> Sequence[ThreadMessage]:
    """The thread's latest ``limit`` messages, oldest first (callers check who may read)."""
    found = db.exec(
        select(ThreadMessage)
        .where(ThreadMessage.patient_id == patient_id)
        .order_by(col(ThreadMessage.id).desc())
        .limit(limit)
    ).all()
    return list(reversed(found))


def thread_buttons(content: Content, lang: str, message_id: int | None) -> tuple[Button, ...]:
    if message_id is None:
        return ()
    return (
        Button(content.label(lang, "thread_reply"), callbacks.data(callbacks.REPLY, message_id)),
        Button(
            content.label(lang, "thread_mark_read"), callbacks.data(callbacks.MARK_READ, message_id)
        ),
    )


def _notice(
    db: Session, content: Content, reader: Staff, patient: Patient, message: ThreadMessage
) -> list[Message]:
    """The new message as its reader gets it: in parts if long, the buttons on the last."""
    assert reader.telegram_user_id is not None and message.id is not None
    clinic = db.get(Clinic, patient.clinic_id)
    zone = ZoneInfo(clinic.timezone if clinic else "UTC")
    lang = reader.language
    variables = {
        "patient_id": patient.id,
        "at": moment_words(message.at, zone, lang, today=message.at.astimezone(zone).date()),
        "kind": message.kind,
    }
    frame = visible_length(content.render(lang, "thread_notice", text="", part=0, **variables))
    pieces = split_text(message.text, MAX_TEXT - frame - ROOM_FOR_PART)
    buttons = thread_buttons(content, lang, message.id)
    notices = []
    for number, piece in enumerate(pieces, start=1):
        text = content.render(
            lang,
            "thread_notice",
            text=piece,
            part=number if len(pieces) > 1 else 0,
            **variables,
        )
        last = number == len(pieces)
        notices.append(Message(reader.telegram_user_id, text, (buttons,) if last else ()))
    return notices


def _readable(
    db: Session, clock: Clock, content: Content, who: Visitor, message_id: int, action: AuditAction
) -> tuple[Staff, Patient, ThreadMessage] | Reply:
    """The staff member, the patient and the message, or a refusal (audited) when the
    sender is not in that patient's care team: a forged button reads nothing."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    message = db.get(ThreadMessage, message_id)
    patient = db.get(Patient, message.patient_id) if message else None
    if staff is None or message is None or patient is None or not in_care_team(staff, patient):
        return refuse(db, clock, content, who, staff, action)
    return staff, patient, message


def refuse(
    db: Session,
    clock: Clock,
    content: Content,
    who: Visitor,
    staff: Staff | None,
    action: AuditAction,
) -> Reply:
    audit.record(db, clock, action, outcome="denied", telegram_user_id=who.telegram_user_id)
    db.flush()
    lang = language_of(db, content, who)
    return Reply(toast=content.render(lang, "not_allowed"))
