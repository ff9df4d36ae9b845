"""Alerts: raised durably, sent to the clinician, acknowledged by the right person only."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.models import Alert, AlertEvent, AlertState, Clinic, Patient, Staff
from bot.rules.levels import AlertLevel
from bot.services import audit
from bot.services.outgoing import Button, Message, Reply
from bot.services.patients import Visitor, clinician_to_tell, may_handle, staff_by_telegram

log = logging.getLogger(__name__)


def raise_alert(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    *,
    level: AlertLevel,
    reason: str,
    session_id: int | None = None,
    **details: object,
) -> list[Message]:
    """Commit an alert, then return the message that tells the assigned clinician.

    The alert is in the database before anything is sent, so a failed send can be
    retried from it and nothing is lost (``notified_at`` stays empty until it is sent).
    """
    assert patient.id is not None
    alert = Alert(
        clinic_id=patient.clinic_id,
        patient_id=patient.id,
        clinician_id=patient.clinician_id,
        session_id=session_id,
        level=level,
        reason=reason,
        created_at=clock.now(),
    )
    db.add(alert)
    db.flush()
    assert alert.id is not None
    db.add(AlertEvent(alert_id=alert.id, state=AlertState.OPEN, at=clock.now()))
    db.commit()
    log.info("alert %s raised at level %s", alert.id, level)
    clinician = clinician_to_tell(db, patient)
    if clinician is None or clinician.telegram_user_id is None:
        log.warning("alert %s: no active clinician or backup has linked Telegram", alert.id)
        return []
    clinic = db.get(Clinic, patient.clinic_id)
    assert clinic is not None
    raised_at = alert.created_at.astimezone(ZoneInfo(clinic.timezone)).strftime("%Y-%m-%d %H:%M %Z")
    return [_alert_message(content, alert, clinician, raised_at, details)]


def mark_notified(db: Session, clock: Clock, alert_id: int) -> None:
    """Record that the clinician's alert message went out."""
    alert = db.get(Alert, alert_id)
    if alert is not None and alert.notified_at is None:
        alert.notified_at = clock.now()
        db.add(alert)
        db.commit()


def acknowledge(db: Session, clock: Clock, content: Content, who: Visitor, alert_id: int) -> Reply:
    """A clinician acknowledges an alert; the patient is told someone has seen it.

    Only the patient's clinician, their backup, or an admin of the same clinic may.
    """
    staff = staff_by_telegram(db, who.telegram_user_id)
    alert = db.get(Alert, alert_id)
    patient = db.get(Patient, alert.patient_id) if alert else None
    if staff is None or alert is None or patient is None or not may_handle(staff, patient):
        audit.record(
            db, clock, "alert.acknowledge", outcome="denied", telegram_user_id=who.telegram_user_id
        )
        db.commit()
        lang = staff.language if staff else content.language_for(who.language_code)
        return Reply(toast=content.render(lang, "alert_not_yours"))
    if alert.state != AlertState.OPEN:
        toast = content.render(staff.language, "alert_already_acknowledged")
        return Reply(toast=toast, clear_buttons=True)
    now = clock.now()
    alert.state = AlertState.ACKNOWLEDGED
    alert.acknowledged_at = now
    alert.acknowledged_by_id = staff.id
    db.add(alert)
    db.add(
        AlertEvent(
            alert_id=alert_id, state=AlertState.ACKNOWLEDGED, actor_staff_id=staff.id, at=now
        )
    )
    audit.record(db, clock, "alert.acknowledge", staff_id=staff.id, patient_id=patient.id)
    db.commit()
    reply = Reply(toast=content.render(staff.language, "acknowledged_toast"), clear_buttons=True)
    return reply.send(
        patient.chat_id, content.render(patient.language, "alert_acknowledged_patient")
    )


def _alert_message(
    content: Content, alert: Alert, staff: Staff, raised_at: str, details: dict[str, object]
) -> Message:
    lang = staff.language
    assert staff.telegram_user_id is not None
    text = content.render(
        lang,
        "alert_clinician",
        level_label=content.render(lang, f"level_{alert.level}"),
        patient_id=alert.patient_id,
        reason=content.render(lang, f"alert_reason_{alert.reason}", **details),
        raised_at=raised_at,
    )
    button = Button(
        content.label(lang, "acknowledge"), callbacks.data(callbacks.ACKNOWLEDGE, alert.id)
    )
    return Message(staff.telegram_user_id, text, ((button,),), alert_id=alert.id)
