"""The weekly digest: once a week, each clinician hears which of their patients need them.

It comes at the time the clinician set with ``/digest`` (Monday 08:00 in the clinic's
timezone unless they change it), planned as a row of the due-work table like everything
timed: one key per clinician and local date, so it is sent once even with several
instances. Each run plans the next week's. A patient needs attention when they are
inactive, their pain is rising, their PSFS is falling, they have an open alert, or
unread messages; the open ROUTINE alerts are listed too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.content.dates import date_words, moment_words, time_words
from bot.db.audit_actions import AuditAction
from bot.db.models import Alert, AlertState, Clinic, Patient, Staff, StaffRole
from bot.rules.levels import AlertLevel
from bot.rules.reminder_time import parse_reminder_time
from bot.services import audit
from bot.services.alerts import messages as alert_messages
from bot.services.inbox import threads as inbox
from bot.services.outgoing import Button, Message, Reply
from bot.services.patients import Visitor, language_of, staff_by_telegram
from bot.services.scheduling.digest_times import next_row, plan
from bot.services.staff import caseload

ROWS_SHOWN = 12  # the worst case (every reason on every line) fits one message
ROUTINE_SHOWN = 10
BUTTONS_SHOWN = 10
_DAYS = {
    **{name: n for n, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{name: n for n, name in enumerate(("lun", "mar", "mer", "jeu", "ven", "sam", "dim"))},
}


@dataclass(frozen=True)
class Attention:
    """One patient who needs the clinician, and why (codes the template words)."""

    patient_id: int
    reasons: tuple[str, ...]
    unread: int
    alert_level: str | None


def needs_attention(db: Session, clock: Clock, content: Content, staff: Staff) -> list[Attention]:
    """The clinician's own patients who need them this week, the most pressing first."""
    patients = db.exec(
        select(Patient).where(
            Patient.clinician_id == staff.id, Patient.clinic_id == staff.clinic_id
        )
    ).all()
    late = clock.now() - timedelta(hours=content.inbox.reply_within_hours)
    found: list[tuple[tuple[int, int, int], Attention]] = []
    for patient in patients:
        row = caseload.row_for(db, clock, patient)
        reasons: list[str] = []
        if row.open_alerts:
            reasons.append("alert")
        if row.unread:
            oldest = inbox.oldest_unread(db, row.patient_id)
            reasons.append("unread_late" if oldest is not None and oldest <= late else "unread")
        if row.pain_trend == "up":
            reasons.append("pain_rising")
        if row.psfs_falling:
            reasons.append("psfs_falling")
        if row.inactive:
            reasons.append("inactive")
        if reasons:
            attention = Attention(row.patient_id, tuple(reasons), row.unread, row.top_alert)
            found.append((row.urgency, attention))
    return [a for _, a in sorted(found, key=lambda pair: pair[0])]


def compose(
    db: Session, clock: Clock, content: Content, staff_id: int, due_at: datetime
) -> list[Message]:
    """The digest for one clinician, and the next week's row planned. The caller commits.

    Nothing is sent to someone who has left or is not linked; a week with nothing to say
    still gets a short "all quiet" message, so the clinician knows the digest works.
    """
    staff = db.get(Staff, staff_id)
    if staff is None:
        return []
    plan(db, clock, staff)  # the next one, whatever happens to this one
    if not staff.active or staff.telegram_user_id is None or staff.role != StaffRole.CLINICIAN:
        return []
    clinic = db.get(Clinic, staff.clinic_id)
    assert clinic is not None
    lang = staff.language
    attention = needs_attention(db, clock, content, staff)
    routine = db.exec(
        select(Alert)
        .where(
            Alert.clinician_id == staff.id,
            Alert.level == AlertLevel.ROUTINE,
            Alert.state != AlertState.RESOLVED,
        )
        .order_by(col(Alert.created_at))
    ).all()
    week_of = due_at.astimezone(ZoneInfo(clinic.timezone)).date()
    text = content.render(
        lang,
        "weekly_digest",
        week_of=date_words(week_of, lang, today=week_of),
        attention=[
            {
                "patient_id": a.patient_id,
                "reasons": a.reasons,
                "unread": a.unread,
                "alert": content.render(lang, f"level_{a.alert_level}") if a.alert_level else "",
            }
            for a in attention[:ROWS_SHOWN]
        ],
        more=max(0, len(attention) - ROWS_SHOWN),
        routine=[
            f"#{a.id} P-{a.patient_id} · {alert_messages.reason_text(content, lang, a)} · "
            f"{alert_messages.local_time(a.created_at, clinic, lang)}"
            for a in routine[:ROUTINE_SHOWN]
        ],
        routine_more=max(0, len(routine) - ROUTINE_SHOWN),
    )
    audit.record(db, clock, AuditAction.DIGEST_WEEKLY, staff_id=staff.id)
    db.flush()
    buttons = [
        Button(f"P-{a.patient_id}", callbacks.data(callbacks.OPEN_PATIENT, a.patient_id))
        for a in attention[:BUTTONS_SHOWN]
    ]
    rows = tuple(tuple(buttons[i : i + 5]) for i in range(0, len(buttons), 5))
    return [Message(staff.telegram_user_id, text, rows)]


def set_time(db: Session, clock: Clock, content: Content, who: Visitor, args: list[str]) -> Reply:
    """``/digest [day HH:MM]``: show or change when the clinician's weekly digest comes."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is None or staff.role != StaffRole.CLINICIAN:
        lang = staff.language if staff else language_of(db, content, who)
        return Reply().send(who.chat_id, content.render(lang, "unknown_command"))
    lang = staff.language
    if args:
        day = _DAYS.get(args[0].lower()[:3]) if args else None
        moment = parse_reminder_time(" ".join(args[1:])) if len(args) > 1 else time(8, 0)
        if day is None or moment is None:
            return Reply().send(who.chat_id, content.render(lang, "digest_usage"))
        staff.digest_weekday, staff.digest_time = day, moment
        db.add(staff)
        audit.record(db, clock, AuditAction.DIGEST_SET, staff_id=staff.id)
        plan(db, clock, staff)  # flushed: committed with the setting and its audit row
    row = next_row(db, staff, clock.now())
    clinic = db.get(Clinic, staff.clinic_id)
    zone = ZoneInfo(clinic.timezone if clinic else "UTC")
    nxt = row.due_at.astimezone(zone) if row else None
    text = content.render(
        lang,
        "digest_setting",
        weekday=staff.digest_weekday,
        time=time_words(staff.digest_time, lang),
        next=moment_words(nxt, zone, lang, today=clock.now().astimezone(zone).date())
        if nxt
        else "",
        changed=bool(args),
    )
    return Reply().send(who.chat_id, text)
