"""Alerts: raised durably, sent to the right people, handled by the right people only.

An alert is committed, with the scheduler's rows for its ladder, before any message about it
is sent (docs/alerts.md). Its first message goes out with the reply to the patient; the rows
make sure it is sent even after a crash, and climb the ladder when nobody acknowledges.
Staff act on it with buttons: Acknowledge, Contacted patient, Resolve (with an optional
note), Message patient and Resume routine messages. Every change is an ``AlertEvent``
(who and when) and an audit row. Only staff who ``may_handle`` the patient may act.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    Alert,
    AlertEvent,
    AlertEventKind,
    AlertNotice,
    AlertState,
    AwaitedAnswer,
    Clinic,
    OnboardingStep,
    Patient,
    Staff,
)
from bot.rules import escalation as ladder
from bot.rules.levels import AlertLevel
from bot.services import audit
from bot.services.alerts.messages import alert_edits, recipients, staff_message
from bot.services.inbox import threads as inbox
from bot.services.outgoing import MAX_TEXT, Button, Message, Reply
from bot.services.patients import Visitor, language_of, may_handle, staff_by_telegram
from bot.services.safety import safety_line
from bot.services.scheduling import planning, schedule_words
from scheduler import store
from scheduler.models import URGENT
from scheduler.store import Planned

log = logging.getLogger(__name__)

STEP_KIND = "alert_step"  # subject: alert id; one row per ladder step
REMIND_KIND = "alert_remind"  # subject: alert id; acknowledged but not resolved
DIGEST_KIND = "alert_digest"  # subject: staff id; the day's ROUTINE alerts
_LEFT = (OnboardingStep.WITHDRAWN, OnboardingStep.DECLINED, "erased")
AWAITING_NOTE = AwaitedAnswer.ALERT_NOTE
AWAITING_RELAY = AwaitedAnswer.ALERT_RELAY
WORDS_KEPT = 1000  # the patient's words on the card (``Alert.words``)


def raise_alert(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    *,
    level: AlertLevel,
    reason: str,
    session_id: int | None = None,
    words: str | None = None,
    **details: object,
) -> list[Message]:
    """Add an alert and its ladder, and return the first messages to staff.

    EMERGENCY and URGENT alerts go to the first step of their ladder now; the rows added here
    (committed by the caller, before any send) resend them if the send is not confirmed, and
    move up the ladder when nobody acknowledges. ROUTINE alerts wait for the clinician's daily
    digest (nothing is returned).
    ``words``: the patient's own words that raised it, shown on its card; never logged.
    """
    assert patient.id is not None
    now = clock.now()
    alert = Alert(
        clinic_id=patient.clinic_id,
        patient_id=patient.id,
        clinician_id=patient.clinician_id,
        session_id=session_id,
        level=level,
        reason=reason,
        created_at=now,
        details=json.dumps(details, default=str)[:400],
        words=words.strip()[:WORDS_KEPT] if words and words.strip() else None,
    )
    db.add(alert)
    db.flush()
    assert alert.id is not None
    db.add(AlertEvent(alert_id=alert.id, state=AlertEventKind.OPEN, at=now))
    rules = content.escalation
    if not ladder.escalates(level):
        store.add(db, [digest_row(db, rules, patient.clinician_id, now)], now)
        db.flush()
        log.info("alert %s raised at level %s for the digest", alert.id, level)
        return []
    first = recipients(db, alert, 0, content)
    check = timedelta(seconds=rules.first_send_check_seconds) if first.reachable else timedelta()
    rows = [
        step_row(alert.id, 0, now + check),
        step_row(alert.id, 1, now + ladder.first_wait(rules, level)),
    ]
    store.add(db, rows, now)
    db.flush()
    log.info("alert %s raised at level %s", alert.id, level)
    return [staff_message(db, content, alert, person) for person in first.reachable]


def sign_repeated(
    db: Session, clock: Clock, content: Content, alert: Alert, sign_ids: list[str]
) -> list[Message]:
    """The patient reported again a sign already on this unresolved alert: no new alert.
    It is added to the alert's record (``repeated``), and whoever holds the alert is told:
    the person who acknowledged it, or, while nobody has, everyone its ladder has told so
    far. A ROUTINE alert nobody has acknowledged waits for the digest, as it did."""
    event(db, clock, alert, AlertEventKind.REPEATED)
    db.flush()
    holders: list[Staff] = []
    if alert.acknowledged_by_id is not None:
        holder = db.get(Staff, alert.acknowledged_by_id)
        if holder is not None and holder.active and holder.telegram_user_id is not None:
            holders.append(holder)
    elif ladder.escalates(AlertLevel(alert.level)):
        seen: set[int] = set()
        for step in range(max(alert.step, 0) + 1):
            for person in recipients(db, alert, step, content).reachable:
                if person.id is not None and person.id not in seen:
                    seen.add(person.id)
                    holders.append(person)
    messages = []
    for person in holders:
        names = dict(content.warning_signs.checklist(person.language))
        labels = [names.get(s, s) for s in sign_ids]
        text = content.render(
            person.language,
            "alert_sign_repeated",
            alert_id=alert.id,
            patient_id=alert.patient_id,
            signs=", ".join(labels),
        )
        messages.append(Message(person.telegram_user_id or 0, text))
    return messages


def mark_notified(
    db: Session,
    clock: Clock,
    alert_id: int,
    chat_id: int | None = None,
    message_id: int | None = None,
) -> None:
    """Record that the first step's message went out (the reply's own send), to whom, and
    which message it was when known: the same record as a step sent by the ladder's job."""
    alert = db.get(Alert, alert_id)
    reader: Staff | None = None  # read once, for the event and the notice
    if alert is not None and alert.notified_at is None:
        alert.notified_at = clock.now()
        alert.step = max(alert.step, 0)
        db.add(alert)
        reader = staff_by_telegram(db, chat_id) if chat_id is not None else None
        db.add(
            AlertEvent(
                alert_id=alert_id,
                state=AlertEventKind.NOTIFIED,
                step=0,
                at=clock.now(),
                target_staff_id=reader.id if reader is not None else None,
            )
        )
    if chat_id is not None and message_id is not None:
        record_notice(db, clock, alert_id, chat_id, message_id, staff=reader)
    db.flush()


def record_notice(
    db: Session,
    clock: Clock,
    alert_id: int,
    chat_id: int,
    message_id: int,
    *,
    staff: Staff | None = None,
) -> None:
    """Remember an alert message sent to a staff chat, to edit it when the alert changes.
    ``staff``: the person of ``chat_id``, when the caller has just read them."""
    if staff is None:
        staff = staff_by_telegram(db, chat_id)  # staff chats are private: chat id = user id
    if staff is not None and staff.id is not None and db.get(Alert, alert_id) is not None:
        db.add(
            AlertNotice(
                alert_id=alert_id,
                staff_id=staff.id,
                chat_id=chat_id,
                message_id=message_id,
                sent_at=clock.now(),
            )
        )
    db.flush()


def first_send_blocked(db: Session, clock: Clock, alert_id: int) -> None:
    """The first recipient has blocked the bot: run the first step's check now, not in a
    minute, so the ladder moves on to the next person at the next tick."""
    store.run_now(db, step_row(alert_id, 0, clock.now()).key, clock.now())


def acknowledge(db: Session, clock: Clock, content: Content, who: Visitor, alert_id: int) -> Reply:
    """Someone has seen the alert: the ladder stops, and the patient is told."""
    found = _handler(db, clock, content, who, alert_id, AuditAction.ALERT_ACKNOWLEDGE)
    if isinstance(found, Reply):
        return found
    staff, alert, patient = found
    if alert.state != AlertState.OPEN:
        return Reply(toast=content.render(staff.language, "alert_already_acknowledged"))
    _acknowledge(db, clock, content, staff, alert)
    db.flush()
    # Every copy of the alert now says who acknowledged it; Contacted, Resolve and Message
    # patient are still to come. The patient hears who saw it, by role.
    reply = Reply(toast=content.render(staff.language, "acknowledged_toast"))
    reply.edits = alert_edits(db, content, alert)
    seen = content.render(
        patient.language, "alert_acknowledged_patient", by=inbox.sender_role(staff, patient)
    )
    line = safety_line(db, content, patient)  # now "if it is happening now, call 911"
    if line:
        seen = f"{seen}\n\n{line}"
    if reachable(patient):
        reply.send(patient.chat_id, seen)
    reply.messages += _tell_the_others(db, content, alert, staff)
    return reply


def contacted(db: Session, clock: Clock, content: Content, who: Visitor, alert_id: int) -> Reply:
    """The clinician has been in touch with the patient (this also acknowledges the alert)."""
    found = _handler(db, clock, content, who, alert_id, AuditAction.ALERT_CONTACTED)
    if isinstance(found, Reply):
        return found
    staff, alert, _ = found
    if alert.state == AlertState.RESOLVED or alert.contacted_at is not None:
        return Reply(toast=content.render(staff.language, "alert_no_change"))
    if alert.state == AlertState.OPEN:
        _acknowledge(db, clock, content, staff, alert)
    alert.contacted_at, alert.contacted_by_id = clock.now(), staff.id
    _event(db, clock, alert, AlertEventKind.CONTACTED, staff, AuditAction.ALERT_CONTACTED)
    db.flush()
    reply = Reply(toast=content.render(staff.language, "alert_contacted_toast"))
    reply.edits = alert_edits(db, content, alert)
    return reply


def resolve(db: Session, clock: Clock, content: Content, who: Visitor, alert_id: int) -> Reply:
    """Close the alert; the next text the staff member types is kept as its note."""
    found = _handler(db, clock, content, who, alert_id, AuditAction.ALERT_RESOLVE)
    if isinstance(found, Reply):
        return found
    staff, alert, _ = found
    if alert.state == AlertState.RESOLVED:
        return Reply(toast=content.render(staff.language, "alert_no_change"), clear_buttons=True)
    if alert.state == AlertState.OPEN:
        _acknowledge(db, clock, content, staff, alert)
    alert.state = AlertState.RESOLVED
    alert.resolved_at, alert.resolved_by_id = clock.now(), staff.id
    _event(db, clock, alert, AlertEventKind.RESOLVED, staff, AuditAction.ALERT_RESOLVE)
    staff.awaiting_text, staff.awaiting_alert_id = AWAITING_NOTE, alert.id
    db.add(staff)
    db.flush()
    button = Button(
        content.label(staff.language, "alert_no_note"), callbacks.data(callbacks.NO_NOTE, alert.id)
    )
    reply = Reply(toast=content.render(staff.language, "alert_resolved_toast"), clear_buttons=True)
    reply.edits = alert_edits(db, content, alert)
    text = content.render(staff.language, "alert_note_question", alert_id=alert.id)
    return reply.send(staff.telegram_user_id or who.chat_id, text, (button,))


def no_note(db: Session, clock: Clock, content: Content, who: Visitor, alert_id: int) -> Reply:
    """Resolved without a note: stop waiting for one."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is not None and staff.awaiting_alert_id == alert_id:
        staff.awaiting_text = staff.awaiting_alert_id = None
        db.add(staff)
        db.flush()
    lang = staff.language if staff else language_of(db, content, who)
    return Reply(toast=content.render(lang, "choice_saved"), clear_buttons=True)


def message_patient(
    db: Session, clock: Clock, content: Content, who: Visitor, alert_id: int
) -> Reply:
    """The next text this clinician types goes to the alert's patient, labelled as theirs."""
    found = _handler(db, clock, content, who, alert_id, AuditAction.ALERT_MESSAGE_PATIENT)
    if isinstance(found, Reply):
        return found
    staff, alert, patient = found
    staff.awaiting_text, staff.awaiting_alert_id = AWAITING_RELAY, alert.id
    db.add(staff)
    db.flush()
    text = content.render(staff.language, "relay_question", patient_id=patient.id)
    return Reply(toast=content.render(staff.language, "choice_saved")).send(who.chat_id, text)


def ask_to_call(db: Session, clock: Clock, content: Content, who: Visitor, alert_id: int) -> Reply:
    """ "Call me": the patient is asked to phone the clinic today; the request is recorded."""
    found = _handler(db, clock, content, who, alert_id, AuditAction.ALERT_CALL_REQUESTED)
    if isinstance(found, Reply):
        return found
    staff, alert, patient = found
    _event(db, clock, alert, AlertEventKind.CALL_REQUESTED, staff, AuditAction.ALERT_CALL_REQUESTED)
    db.flush()
    clinic = db.get(Clinic, patient.clinic_id)
    text = content.render(
        patient.language,
        "call_the_clinic",
        clinic_name=clinic.name if clinic else "",
        phone=clinic.phone if clinic and clinic.phone else "",
        by=inbox.sender_role(staff, patient),
    )
    reply = Reply(toast=content.render(staff.language, "call_requested_toast"))
    return reply.send(patient.chat_id, text) if reachable(patient) else reply


def release_hold(db: Session, clock: Clock, content: Content, who: Visitor, alert_id: int) -> Reply:
    """Resume the patient's routine messages after a warning-sign hold."""
    found = _handler(db, clock, content, who, alert_id, AuditAction.ALERT_RELEASE_HOLD)
    if isinstance(found, Reply):
        return found
    staff, alert, patient = found
    if patient.hold_at is None:
        return Reply(toast=content.render(staff.language, "alert_no_change"), clear_buttons=True)
    _event(db, clock, alert, AlertEventKind.ROUTINE_RESUMED, staff, AuditAction.ALERT_RELEASE_HOLD)
    planning.release_hold(db, clock, patient)  # flushed, committed with the rest
    reply = Reply(toast=content.render(staff.language, "routine_resumed_toast"), clear_buttons=True)
    for held in db.exec(select(Alert).where(Alert.patient_id == patient.id)).all():
        reply.edits += alert_edits(db, content, held)  # none of them says "paused" any more
    if not reachable(patient):
        return reply
    after = schedule_words.next_session(db, clock, content, patient)
    text = content.render(patient.language, "routine_resumed_patient", **after.variables())
    return reply.send(patient.chat_id, text)


def staff_typed(
    db: Session, clock: Clock, content: Content, staff: Staff, text: str
) -> Reply | None:
    """A staff member's typed text, when a note or a relayed message is awaited."""
    if (
        staff.awaiting_text not in (AWAITING_NOTE, AWAITING_RELAY)
        or staff.awaiting_alert_id is None
    ):
        return None
    awaited, alert = staff.awaiting_text, db.get(Alert, staff.awaiting_alert_id)
    staff.awaiting_text = staff.awaiting_alert_id = None
    db.add(staff)
    patient = db.get(Patient, alert.patient_id) if alert else None
    assert staff.telegram_user_id is not None
    if alert is None or patient is None or not may_handle(staff, patient):
        db.flush()
        return Reply().send(
            staff.telegram_user_id, content.render(staff.language, "alert_not_yours")
        )
    if awaited == AWAITING_NOTE:
        alert.note = text.strip()[:500]
        _event(db, clock, alert, AlertEventKind.NOTED, staff, AuditAction.ALERT_NOTE)
        db.flush()
        reply = Reply(edits=alert_edits(db, content, alert))
        return reply.send(
            staff.telegram_user_id, content.render(staff.language, "alert_note_saved")
        )
    if reachable(patient) and len(text.strip()) <= MAX_TEXT:  # else refused, with the reason
        # the text is in the thread
        _event(db, clock, alert, AlertEventKind.RELAYED, staff, AuditAction.ALERT_RELAY)
    return inbox.relay(db, clock, content, staff, patient, text)  # the caller commits


def patient_read(
    db: Session, clock: Clock, content: Content, patient: Patient, alert_id: int
) -> Reply:
    """The patient confirms they read the emergency advice."""
    alert = db.get(Alert, alert_id)
    if alert is None or alert.patient_id != patient.id or alert.patient_confirmed_at is not None:
        return Reply(toast=content.render(patient.language, "already_answered"), clear_buttons=True)
    alert.patient_confirmed_at = clock.now()
    db.add(alert)
    db.add(AlertEvent(alert_id=alert_id, state=AlertEventKind.PATIENT_CONFIRMED, at=clock.now()))
    db.flush()
    reply = Reply(toast=content.render(patient.language, "choice_saved"), clear_buttons=True)
    return reply.send(patient.chat_id, content.render(patient.language, "emergency_read"))


def step_row(alert_id: int, step: int, due_at: datetime) -> Planned:
    """The scheduler's row for one ladder step: one key per alert and step."""
    return Planned(STEP_KIND, alert_id, f"{STEP_KIND}:{alert_id}:{step}", due_at, URGENT)


def digest_row(db: Session, rules: ladder.EscalationRules, staff_id: int, now: datetime) -> Planned:
    """The staff member's next digest: one row per person and clinic-local day."""
    staff = db.get(Staff, staff_id)
    clinic = db.get(Clinic, staff.clinic_id) if staff else None
    zone = ZoneInfo(clinic.timezone if clinic else "UTC")
    local = now.astimezone(zone)
    at = datetime.combine(local.date(), rules.digest_at, tzinfo=zone)
    if at <= local:
        at = datetime.combine(local.date() + timedelta(days=1), rules.digest_at, tzinfo=zone)
    key = f"{DIGEST_KIND}:{staff_id}:{at.date().isoformat()}"
    return Planned(DIGEST_KIND, staff_id, key, at)


def event(
    db: Session, clock: Clock, alert: Alert, kind: AlertEventKind, **fields: int | None
) -> None:
    """Add one history row to the current transaction."""
    assert alert.id is not None
    db.add(AlertEvent(alert_id=alert.id, state=kind, at=clock.now(), **fields))


def _acknowledge(db: Session, clock: Clock, content: Content, staff: Staff, alert: Alert) -> None:
    """Mark the alert acknowledged by ``staff`` and plan the reminder to resolve it."""
    assert alert.id is not None
    now = clock.now()
    alert.state = AlertState.ACKNOWLEDGED
    alert.acknowledged_at, alert.acknowledged_by_id = now, staff.id
    _event(db, clock, alert, AlertEventKind.ACKNOWLEDGED, staff, AuditAction.ALERT_ACKNOWLEDGE)
    due = now + ladder.reminder_wait(content.escalation)
    row = Planned(REMIND_KIND, alert.id, f"{REMIND_KIND}:{alert.id}:1", due, URGENT)
    store.add(db, [row], now)


def _tell_the_others(db: Session, content: Content, alert: Alert, staff: Staff) -> list[Message]:
    """Everyone else the ladder has told so far hears who took the alert."""
    told: dict[int, Staff] = {}
    for step in range(alert.step + 1):
        for person in recipients(db, alert, step, content).reachable:
            if person.id is not None and person.id != staff.id:
                told[person.id] = person
    return [
        Message(
            person.telegram_user_id or 0,
            content.render(
                person.language,
                "alert_acknowledged_by",
                alert_id=alert.id,
                patient_id=alert.patient_id,
                handle=staff.handle,
            ),
        )
        for person in told.values()
    ]


def reachable(patient: Patient) -> bool:
    """Whether the patient may still get messages: withdrawal stops every one of them."""
    return patient.withdrawn_at is None and patient.onboarding_step not in _LEFT


def _event(
    db: Session, clock: Clock, alert: Alert, kind: AlertEventKind, staff: Staff, action: AuditAction
) -> None:
    db.add(alert)
    event(db, clock, alert, kind, actor_staff_id=staff.id)
    audit.record(db, clock, action, staff_id=staff.id, patient_id=alert.patient_id)


def _handler(
    db: Session, clock: Clock, content: Content, who: Visitor, alert_id: int, action: AuditAction
) -> tuple[Staff, Alert, Patient] | Reply:
    """The staff member, the alert and its patient, or the refusal (audited) when not theirs."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    alert = db.get(Alert, alert_id)
    patient = db.get(Patient, alert.patient_id) if alert else None
    if staff is None or alert is None or patient is None or not may_handle(staff, patient):
        audit.record(db, clock, action, outcome="denied", telegram_user_id=who.telegram_user_id)
        db.flush()
        lang = staff.language if staff else language_of(db, content, who)
        return Reply(toast=content.render(lang, "alert_not_yours"))
    return staff, alert, patient
