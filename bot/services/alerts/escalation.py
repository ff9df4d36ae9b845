"""The alert ladder's timed work: each step, the reminder to resolve, and the daily digest.

The scheduler runs these (``bot/services/alerts/jobs.py``); every one reads the alert again
first, so an alert acknowledged or resolved meanwhile stops its ladder. Steps:

1. ``run_step`` decides step N in the step row's own transaction: who it tells (nothing
   once acknowledged, or when N was passed), step N+1 planned after the level's wait, the
   people known unreachable (no Telegram) recorded and the admins told. Its messages are
   returned for the outbox, so they are committed with that decision and sent after it.
   When nobody at all can be told, step N+1 is decided at once, in the same transaction.
2. Each message's delivery is recorded as it goes out: ``step_delivered`` (who was told);
   a person who cannot be reached for good (403) ``step_unreachable``: recorded, the admins
   told, and, when nobody of the step is left to reach, the next step decided at once. An
   unreachable person never costs minutes, at any tier.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from markupsafe import Markup
from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    Alert,
    AlertEvent,
    AlertEventKind,
    AlertState,
    Clinic,
    Patient,
    Staff,
    StaffRole,
)
from bot.rules import escalation as ladder
from bot.rules.levels import AlertLevel
from bot.services import audit, outbox
from bot.services.alerts import messages as alert_messages
from bot.services.alerts import raising as alerts
from bot.services.outgoing import Button, Message
from bot.services.patients import staff_by_telegram
from scheduler import store
from scheduler.models import URGENT
from scheduler.store import Planned

log = logging.getLogger(__name__)

MAX_STEPS = 1000  # a guard: a ladder repeats its last step, but not forever


@dataclass
class StepPlan:
    """One step to run: the messages to try, and the people already known unreachable."""

    alert_id: int
    step: int
    sends: list[tuple[int, Message]] = field(default_factory=list)  # (staff id, message)
    unreachable: list[int] = field(default_factory=list)


@dataclass
class StepOutcome:
    """After a step: notices for the admins, and the next step when it must run now."""

    notices: list[Message] = field(default_factory=list)
    next_plan: StepPlan | None = None


def plan_step(db: Session, content: Content, alert_id: int, step: int) -> StepPlan | None:
    """Who step ``step`` tells now, or ``None`` when the alert no longer needs it."""
    alert = db.get(Alert, alert_id)
    if (
        alert is None
        or alert.state != AlertState.OPEN
        or not ladder.escalates(alert.level)
        or alert.step >= step
        or step > MAX_STEPS
    ):
        return None
    people = alert_messages.recipients(db, alert, step, content)
    plan = StepPlan(alert_id, step, unreachable=[p.id for p in people.unreachable if p.id])
    known, told = _known_unreachable(db, alert_id, step), _told_before(db, alert_id)
    # The first step's check finds a first message still unsent (a slow or rate-limited
    # send): the outbox owns it, and sending it again would tell the person twice.
    chats = [p.telegram_user_id for p in people.reachable if p.telegram_user_id is not None]
    sending = outbox.still_sending(db, alert_id, chats) if step == 0 else set()
    for person in people.reachable:
        assert person.id is not None
        if person.id in known:  # recorded (and the admins told) when the first send failed
            continue
        if person.telegram_user_id in sending:
            continue
        message = alert_messages.staff_message(
            db, content, alert, person, escalated=step > 0, reminder=person.id in told
        )
        plan.sends.append((person.id, replace(message, alert_step=step)))
    if sending and not plan.sends:
        # Nobody to tell again: the outbox still delivers the first message (a slow send, or
        # one a restart resumes). That step is not "nobody could be told": the ladder waits
        # for the next step's time, as when the message went out before this check, and the
        # people with no Telegram are reported there (the crash tests, boundaries 2 and 3).
        return None
    return plan


def run_step(
    db: Session, clock: Clock, content: Content, alert_id: int, step: int
) -> list[Message]:
    """Decide step ``step`` of the alert (and the steps after it while nobody at all can be
    told), and return its messages: the alert's own first, then the admins' notices. The
    caller adds them to the outbox in the same transaction; their delivery is recorded by
    ``step_delivered`` and ``step_unreachable``."""
    sends, notices = _decide(db, clock, content, plan_step(db, content, alert_id, step))
    return sends + notices


def _decide(
    db: Session, clock: Clock, content: Content, plan: StepPlan | None
) -> tuple[list[Message], list[Message]]:
    """Record ``plan`` and the steps after it while nobody can be told: (sends, notices)."""
    sends: list[Message] = []
    notices: list[Message] = []
    while plan is not None:
        outcome = record_step(db, clock, content, plan)
        sends += [message for _, message in plan.sends]
        notices += outcome.notices
        plan = outcome.next_plan
    return sends, notices


def record_step(db: Session, clock: Clock, content: Content, plan: StepPlan) -> StepOutcome:
    """Write what step ``plan`` decides, before any of its messages is sent: the step
    reached, the people known unreachable, and the next step after the level's wait (or, when
    nobody can be told at all, the next step to decide now). The caller commits."""
    alert = db.get(Alert, plan.alert_id)
    assert alert is not None and alert.id is not None
    now = clock.now()
    for staff_id in plan.unreachable:
        _unreachable(db, clock, alert, plan.step, staff_id)
    alert.step = max(alert.step, plan.step)
    outcome = StepOutcome()
    if plan.sends:
        due = ladder.next_step_at(content.escalation, alert.level, plan.step, now)
        store.add(db, [alerts.step_row(alert.id, plan.step + 1, due)], now)
    db.add(alert)
    db.flush()
    if plan.unreachable:
        told = {staff_id for staff_id, _ in plan.sends}
        outcome.notices = _tell_admins(db, content, alert, plan.unreachable, exclude=told)
    if not plan.sends:
        outcome.next_plan = _move_on(db, clock, content, alert, plan.step)
    return outcome


def reached(db: Session, clock: Clock, message: Message, message_id: int | None) -> None:
    """An alert's message went out (the delivery calls this for any message with an
    ``alert_id`` or ``digest_of``): its first message, a ladder step's, or a digest. The
    caller commits."""
    if message.digest_of:
        reader = staff_by_telegram(db, message.chat_id)
        read = Digest(alert_ids=list(message.digest_of))
        digest_read(db, clock, read, None if reader is None else reader.id, [])
        return
    assert message.alert_id is not None
    if message.alert_step is None:
        alerts.mark_notified(db, clock, message.alert_id, message.chat_id, message_id)
    else:
        step_delivered(db, clock, message.alert_id, message.alert_step, message.chat_id, message_id)


def could_not_reach(db: Session, clock: Clock, content: Content, message: Message) -> list[Message]:
    """An alert's message cannot reach its chat for good: what to send now (the admins'
    notices, and the next step's messages when the ladder moves on; a digest's next
    reader). The caller commits."""
    if message.digest_of:
        return digest_unreachable(db, clock, content, message)
    assert message.alert_id is not None
    if message.alert_step is None:
        return first_step_unreachable(db, clock, content, message.alert_id, message.chat_id)
    return step_unreachable(
        db, clock, content, message.alert_id, message.alert_step, message.chat_id
    )


def step_delivered(
    db: Session, clock: Clock, alert_id: int, step: int, chat_id: int, message_id: int | None
) -> None:
    """A step's message went out: who was told, at which step (and which message it is, to
    edit it when the alert changes). The caller commits."""
    alert = db.get(Alert, alert_id)
    staff = staff_by_telegram(db, chat_id)
    if alert is None or alert.id is None:
        return
    alert.notified_at = alert.notified_at or clock.now()
    alert.step = max(alert.step, step)
    db.add(alert)
    alerts.event(
        db,
        clock,
        alert,
        AlertEventKind.NOTIFIED,
        step=step,
        target_staff_id=None if staff is None else staff.id,
    )
    if message_id is not None:
        alerts.record_notice(db, clock, alert_id, chat_id, message_id)
    db.flush()


def step_unreachable(
    db: Session, clock: Clock, content: Content, alert_id: int, step: int, chat_id: int
) -> list[Message]:
    """A step's message cannot reach this staff chat for good (403, chat not found,
    deactivated): an ``unreachable`` event and audit row, a notice to the admins, and, when
    nobody of the step was reached and nobody else of it is left to try, the next step
    decided now (its messages returned with the notices). The caller commits, then sends."""
    alert = db.get(Alert, alert_id)
    staff = staff_by_telegram(db, chat_id)
    if alert is None or alert.id is None or staff is None or staff.id is None:
        return []
    if staff.id in _known_unreachable(db, alert.id, step):
        return []
    _unreachable(db, clock, alert, step, staff.id)
    db.flush()
    notices = _tell_admins(db, content, alert, [staff.id], exclude=set())
    if alert.state != AlertState.OPEN or alert.step > step or _reached(db, alert.id, step):
        return notices
    known = _known_unreachable(db, alert.id, step)
    people = alert_messages.recipients(db, alert, step, content).reachable
    if any(person.id not in known for person in people):  # their message may still go out
        return notices
    sends, more = _decide(db, clock, content, _move_on(db, clock, content, alert, step))
    return sends + notices + more


def _move_on(
    db: Session, clock: Clock, content: Content, alert: Alert, step: int
) -> StepPlan | None:
    """Nobody of ``step`` can be told: the next step now, or, after the last one, the last
    one again after its wait."""
    assert alert.id is not None
    now = clock.now()
    alerts.event(db, clock, alert, AlertEventKind.STEP_SKIPPED, step=step)
    last = len(content.escalation.levels[AlertLevel(alert.level)].steps) - 1
    if step < last:
        db.flush()
        return plan_step(db, content, alert.id, step + 1)
    log.warning("alert %s: nobody on its ladder could be reached", alert.id)
    due = ladder.next_step_at(content.escalation, alert.level, step, now)
    store.add(db, [alerts.step_row(alert.id, step + 1, due)], now)
    db.flush()
    return None


def _unreachable(db: Session, clock: Clock, alert: Alert, step: int, staff_id: int) -> None:
    alerts.event(db, clock, alert, AlertEventKind.UNREACHABLE, step=step, target_staff_id=staff_id)
    audit.record(
        db, clock, AuditAction.ALERT_UNREACHABLE, staff_id=staff_id, patient_id=alert.patient_id
    )


def _reached(db: Session, alert_id: int, step: int) -> bool:
    return (
        db.exec(
            select(AlertEvent.id).where(
                AlertEvent.alert_id == alert_id,
                AlertEvent.step == step,
                AlertEvent.state == AlertEventKind.NOTIFIED,
            )
        ).first()
        is not None
    )


def first_step_unreachable(
    db: Session, clock: Clock, content: Content, alert_id: int, chat_id: int
) -> list[Message]:
    """The first message of an alert (sent with the patient's reply) cannot reach this staff
    chat for good: blocked (403), chat not found, deactivated. For every tier: an
    ``unreachable`` event and audit row now, the admins told now (the returned notices), and,
    when nobody of the first step has been reached yet, the step's check runs at once, so
    the ladder moves on to the next person at the next tick without waiting."""
    alert = db.get(Alert, alert_id)
    staff = staff_by_telegram(db, chat_id)
    if alert is None or alert.id is None or staff is None or staff.id is None:
        return []
    if staff.id in _known_unreachable(db, alert.id, 0):
        return []
    alerts.event(db, clock, alert, AlertEventKind.UNREACHABLE, step=0, target_staff_id=staff.id)
    audit.record(
        db, clock, AuditAction.ALERT_UNREACHABLE, staff_id=staff.id, patient_id=alert.patient_id
    )
    if alert.notified_at is None:
        alerts.first_send_blocked(db, clock, alert.id)
    db.flush()
    return _tell_admins(db, content, alert, [staff.id], exclude=set())


def _told_before(db: Session, alert_id: int) -> set[int]:
    """Who an earlier step of the alert already reached: a repeat is a reminder to them."""
    found = db.exec(
        select(AlertEvent.target_staff_id).where(
            AlertEvent.alert_id == alert_id, AlertEvent.state == AlertEventKind.NOTIFIED
        )
    )
    return {staff_id for staff_id in found if staff_id is not None}


def _known_unreachable(db: Session, alert_id: int, step: int) -> set[int]:
    return {
        staff_id
        for staff_id in db.exec(
            select(AlertEvent.target_staff_id).where(
                AlertEvent.alert_id == alert_id,
                AlertEvent.step == step,
                AlertEvent.state == AlertEventKind.UNREACHABLE,
            )
        )
        if staff_id is not None
    }


def reminder(
    db: Session, clock: Clock, content: Content, alert_id: int, number: int
) -> list[Message]:
    """Remind whoever acknowledged an alert that it is still not resolved; plan the next one."""
    alert = db.get(Alert, alert_id)
    if alert is None or alert.state != AlertState.ACKNOWLEDGED or alert.acknowledged_by_id is None:
        return []
    staff = db.get(Staff, alert.acknowledged_by_id)
    now = clock.now()
    due = now + ladder.reminder_wait(content.escalation)
    key = f"{alerts.REMIND_KIND}:{alert_id}:{number + 1}"
    store.add(db, [Planned(alerts.REMIND_KIND, alert_id, key, due, URGENT)], now)
    if staff is None or not staff.active or staff.telegram_user_id is None:
        db.flush()
        return []
    alerts.event(db, clock, alert, AlertEventKind.REMINDED, target_staff_id=staff.id)
    db.flush()
    message = alert_messages.staff_message(db, content, alert, staff)
    reminder_text = content.render(staff.language, "alert_unresolved_reminder", alert_id=alert_id)
    return [Message(message.chat_id, f"{reminder_text}\n\n{message.text}", message.buttons)]


def digest(db: Session, content: Content, staff_id: int) -> Digest | None:
    """The day's ROUTINE alerts for one clinician, in one message. It is offered to them,
    then their backup, then each admin: the first who can be reached reads it."""
    waiting = db.exec(
        select(Alert)
        .where(
            Alert.clinician_id == staff_id,
            Alert.level == AlertLevel.ROUTINE,
            Alert.state == AlertState.OPEN,
            col(Alert.notified_at).is_(None),
        )
        .order_by(col(Alert.created_at))
    ).all()
    if not waiting:
        return None
    clinic = db.get(Clinic, waiting[0].clinic_id)
    assert clinic is not None
    found = Digest(alert_ids=[a.id for a in waiting if a.id is not None])
    for reader in _digest_readers(db, staff_id, waiting[0]):
        assert reader.telegram_user_id is not None and reader.id is not None
        lang = reader.language
        rows = [  # Markup: the reason is rendered HTML already, never escaped twice
            Markup("#{} P-{} · {} · {}").format(
                a.id,
                a.patient_id,
                alert_messages.reason_text(content, lang, a),
                alert_messages.local_time(a.created_at, clinic, lang),
            )
            for a in waiting
        ]
        buttons = tuple(
            (
                Button(
                    f"{content.label(lang, 'acknowledge')} #{a.id}",
                    callbacks.data(callbacks.ACKNOWLEDGE, a.id),
                ),
            )
            for a in waiting[:20]
        )
        text = content.render(lang, "alert_digest", rows=rows)
        found.offers.append((reader.id, Message(reader.telegram_user_id, text, buttons)))
    return found


def digest_offer(db: Session, content: Content, staff_id: int) -> list[Message]:
    """The day's digest for one clinician, for its first reader not known to be unreachable
    (the clinician, their backup, each admin), or nothing when no alert waits."""
    found = digest(db, content, staff_id)
    if found is None:
        return []
    known = _known_unreachable(db, found.alert_ids[0], 0)
    for reader_id, message in found.offers:
        if reader_id not in known:
            return [replace(message, digest_of=tuple(found.alert_ids))]
    log.warning("a digest of %d alerts could not reach anyone", len(found.alert_ids))
    return []


def digest_unreachable(
    db: Session, clock: Clock, content: Content, message: Message
) -> list[Message]:
    """A digest's reader cannot be reached for good: recorded on each of its alerts, and
    the digest offered to the next reader (returned). The caller commits, then sends."""
    reader = staff_by_telegram(db, message.chat_id)
    first = db.get(Alert, message.digest_of[0])
    if reader is None or reader.id is None or first is None:
        return []
    if reader.id in _known_unreachable(db, message.digest_of[0], 0):
        return []
    digest_read(db, clock, Digest(alert_ids=list(message.digest_of)), None, [reader.id])
    return digest_offer(db, content, first.clinician_id)


@dataclass
class Digest:
    """A digest to offer, reader by reader, and the alerts it carries."""

    alert_ids: list[int]
    offers: list[tuple[int, Message]] = field(default_factory=list)  # (staff id, message)


def digest_read(
    db: Session, clock: Clock, found: Digest, reader_id: int | None, failed: list[int]
) -> None:
    """Record who received the digest (and who could not be reached). The caller commits."""
    for alert_id in found.alert_ids:
        alert = db.get(Alert, alert_id)
        if alert is None:
            continue
        for staff_id in failed:
            alerts.event(
                db, clock, alert, AlertEventKind.UNREACHABLE, step=0, target_staff_id=staff_id
            )
        if reader_id is not None:
            alert.notified_at = alert.notified_at or clock.now()
            alert.step = max(alert.step, 0)
            alerts.event(
                db, clock, alert, AlertEventKind.NOTIFIED, step=0, target_staff_id=reader_id
            )
        db.add(alert)
    db.flush()


def _digest_readers(db: Session, staff_id: int, alert: Alert) -> list[Staff]:
    patient = db.get(Patient, alert.patient_id)
    candidates = [db.get(Staff, staff_id)]
    if patient is not None and patient.backup_clinician_id:
        candidates.append(db.get(Staff, patient.backup_clinician_id))
    candidates += db.exec(
        select(Staff).where(
            Staff.clinic_id == alert.clinic_id, Staff.role == StaffRole.ADMIN, Staff.active
        )
    ).all()
    return [
        person
        for person in candidates
        if person is not None and person.active and person.telegram_user_id is not None
    ]


def _tell_admins(
    db: Session, content: Content, alert: Alert, skipped: list[int], exclude: set[int]
) -> list[Message]:
    """A note to each reachable admin: who could not be reached about which alert."""
    handles = [person.handle for s in skipped if (person := db.get(Staff, s)) is not None]
    admins = db.exec(
        select(Staff).where(
            Staff.clinic_id == alert.clinic_id,
            Staff.role == StaffRole.ADMIN,
            Staff.active,
            col(Staff.telegram_user_id).is_not(None),
        )
    ).all()
    notices: list[Message] = []
    for admin in admins:
        if admin.id in skipped or admin.id in exclude:
            continue
        assert admin.telegram_user_id is not None
        text = content.render(
            admin.language,
            "alert_unreachable_admin",
            alert_id=alert.id,
            patient_id=alert.patient_id,
            handles=handles,
        )
        notices.append(Message(admin.telegram_user_id, text))
    return notices


def step_of(key: str) -> int:
    """The step number in a step row's key (``alert_step:<alert id>:<step>``)."""
    return int(key.rsplit(":", 1)[1])
