"""Reading threads: the clinician's ``/inbox`` and one patient's thread.

Only the patient's care team (``inbox.in_care_team``) reads a thread; every read is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.content.dates import moment_words
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    Alert,
    AlertState,
    Clinic,
    Patient,
    Staff,
    ThreadMessage,
    ThreadSender,
)
from bot.rules.levels import AlertLevel
from bot.services import audit
from bot.services.inbox.threads import in_care_team, latest, refuse, thread_buttons
from bot.services.outgoing import MAX_TEXT, Button, Reply, visible_length
from bot.services.patients import Visitor, language_of, staff_by_telegram

INBOX_ROWS = 30
_URGENCY = {AlertLevel.EMERGENCY: 0, AlertLevel.URGENT: 1, AlertLevel.ROUTINE: 2}


def open_thread(
    db: Session, clock: Clock, content: Content, who: Visitor, patient_id: int
) -> Reply:
    """The thread's latest messages, for the patient's care team only (audited)."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    patient = db.get(Patient, patient_id)
    if staff is None or patient is None or not in_care_team(staff, patient):
        return refuse(db, clock, content, who, staff, AuditAction.THREAD_READ)
    audit.record(db, clock, AuditAction.THREAD_READ, staff_id=staff.id, patient_id=patient.id)
    db.flush()
    return Reply(toast=content.render(staff.language, "choice_saved")).send(
        who.chat_id, *_thread_view(db, content, staff, patient)
    )


def inbox(db: Session, clock: Clock, content: Content, who: Visitor) -> Reply:
    """``/inbox``: the sender's patients with unread messages, by triage level (an open
    EMERGENCY alert first, then URGENT, then ROUTINE, then none), then newest first. A
    message older than the clinic's reply time is flagged (⏰).
    """
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is None:  # the same answer as any unknown command
        refuse(db, clock, content, who, None, AuditAction.THREAD_INBOX)
        lang = language_of(db, content, who)
        return Reply().send(who.chat_id, content.render(lang, "unknown_command"))
    audit.record(db, clock, AuditAction.THREAD_INBOX, staff_id=staff.id)
    db.flush()
    rows = unread_threads(db, clock, content, staff)
    lang = staff.language
    clinic = db.get(Clinic, staff.clinic_id)
    zone = ZoneInfo(clinic.timezone if clinic else "UTC")
    lines = [
        {
            "patient_id": row.patient_id,
            "unread": row.unread,
            "since": moment_words(
                row.oldest, zone, lang, today=clock.now().astimezone(zone).date()
            ),
            "overdue": row.overdue,
            "alert": content.render(lang, f"level_{row.alert_level}") if row.alert_level else "",
        }
        for row in rows[:INBOX_ROWS]
    ]
    buttons = [
        (
            Button(
                content.label(lang, "thread_open").format(patient=f"P-{row.patient_id}"),
                callbacks.data(callbacks.THREAD, row.patient_id),
            ),
        )
        for row in rows[:INBOX_ROWS]
    ]
    text = content.render(lang, "inbox", rows=lines, more=max(0, len(rows) - INBOX_ROWS))
    return Reply().send(who.chat_id, text, *buttons)


@dataclass(frozen=True)
class UnreadThread:
    """One patient's unread messages, as the inbox orders them."""

    patient_id: int
    unread: int
    oldest: datetime
    overdue: bool
    alert_level: str | None
    newest: datetime  # the last unread message: within a triage level, the newest first


def unread_threads(db: Session, clock: Clock, content: Content, staff: Staff) -> list[UnreadThread]:
    """The unread threads of the staff member's care-team patients: by triage level, then
    the newest unread message first."""
    patients = db.exec(
        select(Patient).where(
            Patient.clinic_id == staff.clinic_id,
            or_(
                col(Patient.clinician_id) == staff.id,
                col(Patient.backup_clinician_id) == staff.id,
            ),
        )
    ).all()
    ids = [p.id for p in patients if p.id is not None and in_care_team(staff, p)]
    if not ids:
        return []
    counts = db.exec(
        select(
            ThreadMessage.patient_id,
            func.count(col(ThreadMessage.id)),
            func.min(ThreadMessage.at),
            func.max(ThreadMessage.at),
        )
        .where(
            col(ThreadMessage.patient_id).in_(ids),
            ThreadMessage.sender == ThreadSender.PATIENT,
            col(ThreadMessage.read_at).is_(None),
        )
        .group_by(col(ThreadMessage.patient_id))
    ).all()
    levels: dict[int, str] = {}
    for alert in db.exec(
        select(Alert).where(col(Alert.patient_id).in_(ids), Alert.state != AlertState.RESOLVED)
    ):
        known = levels.get(alert.patient_id)
        if known is None or _URGENCY.get(AlertLevel(alert.level), 9) < _URGENCY.get(
            AlertLevel(known), 9
        ):
            levels[alert.patient_id] = alert.level
    late = clock.now() - timedelta(hours=content.inbox.reply_within_hours)
    rows = [
        UnreadThread(pid, int(count), oldest, oldest <= late, levels.get(pid), newest)
        for pid, count, oldest, newest in counts
    ]
    return sorted(
        rows,
        key=lambda r: (
            _URGENCY.get(AlertLevel(r.alert_level), 9) if r.alert_level else 9,
            -r.newest.timestamp(),
            -r.patient_id,
        ),
    )


def _thread_view(
    db: Session, content: Content, staff: Staff, patient: Patient
) -> tuple[str, tuple[Button, ...]]:
    """The thread as text (shortened to fit one message) and its two buttons."""
    assert patient.id is not None
    clinic = db.get(Clinic, patient.clinic_id)
    zone = ZoneInfo(clinic.timezone if clinic else "UTC")
    handles = {
        s.id: s.handle for s in db.exec(select(Staff).where(Staff.clinic_id == staff.clinic_id))
    }
    messages = latest(db, patient.id, content.inbox.thread_shown)
    lang = staff.language

    def render(limit: int) -> str:
        rows = [
            {
                "at": moment_words(m.at, zone, lang, today=m.at.astimezone(zone).date()),
                "from_patient": m.sender == ThreadSender.PATIENT,
                "handle": handles.get(m.staff_id, "") if m.staff_id else "",
                "kind": m.kind,
                "text": m.text if len(m.text) <= limit else m.text[:limit] + "…",
                "unread": m.sender == ThreadSender.PATIENT and m.read_at is None,
                "undelivered": m.sender == ThreadSender.STAFF and m.delivered_at is None,
            }
            for m in messages
        ]
        return content.render(lang, "thread", patient_id=patient.id, rows=rows)

    text, limit = render(MAX_TEXT), MAX_TEXT
    while visible_length(text) > MAX_TEXT and limit > 40:
        limit //= 2
        text = render(limit)
    last_from_patient = next(
        (m.id for m in reversed(messages) if m.sender == ThreadSender.PATIENT), None
    )
    return text, thread_buttons(content, lang, last_from_patient)
