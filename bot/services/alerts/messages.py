"""What staff see of an alert, and who each step of its ladder tells."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlmodel import Session, select

from bot import callbacks
from bot.content import Content
from bot.content.dates import moment_words
from bot.db.models import Alert, AlertNotice, AlertState, Clinic, Patient, Staff, StaffRole
from bot.rules import escalation as ladder
from bot.services.outgoing import Button, Edit, Message


class Recipients:
    """The people a ladder step names: those we can try, and those we know we cannot reach."""

    def __init__(self) -> None:
        self.reachable: list[Staff] = []
        self.unreachable: list[Staff] = []


def recipients(db: Session, alert: Alert, step: int, content: Content) -> Recipients:
    """Who step ``step`` of the alert's ladder tells, split by whether they can be reached."""
    patient = db.get(Patient, alert.patient_id)
    assert patient is not None
    found = Recipients()
    seen: set[int] = set()
    for person in _people(db, patient, ladder.roles_at(content.escalation, alert.level, step)):
        if person.id in seen:
            continue
        seen.add(person.id or 0)
        reachable = person.active and person.telegram_user_id is not None
        (found.reachable if reachable else found.unreachable).append(person)
    return found


def staff_message(
    db: Session,
    content: Content,
    alert: Alert,
    staff: Staff,
    *,
    escalated: bool = False,
    reminder: bool = False,
) -> Message:
    """The alert as one staff member sees it now: its number, tier and state (who
    acknowledged, contacted, resolved it, and the note), with the buttons that state allows.
    ``reminder``: they were told of it before (the ladder repeats its last step), so it says
    so, not that it now comes to them."""
    assert staff.telegram_user_id is not None and alert.id is not None
    text, rows = _rendered(db, content, alert, staff, escalated=escalated, reminder=reminder)
    return Message(staff.telegram_user_id, text, rows, alert_id=alert.id)


def alert_edits(db: Session, content: Content, alert: Alert) -> list[Edit]:
    """Every message already sent about the alert, brought up to its current state, each in
    its reader's language. A message to someone no longer active is left as it was."""
    notices = db.exec(select(AlertNotice).where(AlertNotice.alert_id == alert.id)).all()
    edits: list[Edit] = []
    for notice in notices:
        staff = db.get(Staff, notice.staff_id)
        if staff is None or not staff.active:
            continue
        escalated = staff.id != alert.clinician_id
        text, rows = _rendered(db, content, alert, staff, escalated=escalated)
        edits.append(Edit(notice.chat_id, notice.message_id, text, rows))
    return edits


def _rendered(
    db: Session,
    content: Content,
    alert: Alert,
    staff: Staff,
    *,
    escalated: bool,
    reminder: bool = False,
) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    lang = staff.language
    assert alert.id is not None
    patient = db.get(Patient, alert.patient_id)
    clinic = db.get(Clinic, alert.clinic_id)
    assert patient is not None and clinic is not None

    def who(staff_id: int | None) -> str:
        person = db.get(Staff, staff_id) if staff_id else None
        return person.handle if person else ""

    def when(moment: datetime | None) -> str:
        return local_time(moment, clinic, lang) if moment else ""

    text = content.render(
        lang,
        "alert_clinician",
        alert_id=alert.id,
        level_label=content.render(lang, f"level_{alert.level}"),
        patient_id=alert.patient_id,
        reason=reason_text(content, lang, alert),
        raised_at=local_time(alert.created_at, clinic, lang),
        escalated=escalated,
        reminder=reminder,
        on_hold=patient.hold_at is not None,
        state=alert.state,
        acknowledged_by=who(alert.acknowledged_by_id),
        acknowledged_at=when(alert.acknowledged_at),
        contacted_by=who(alert.contacted_by_id) if alert.contacted_at else "",
        contacted_at=when(alert.contacted_at),
        resolved_by=who(alert.resolved_by_id),
        resolved_at=when(alert.resolved_at),
        note=alert.note or "",
        words=words_markup(alert.words),
    )
    return text, _buttons(content, lang, alert, on_hold=patient.hold_at is not None)


def _buttons(
    content: Content, lang: str, alert: Alert, *, on_hold: bool
) -> tuple[tuple[Button, ...], ...]:
    """Only what can still be done: nothing to acknowledge once acknowledged, nothing to
    contact or resolve once resolved; a resolved alert keeps Message patient."""
    label: Callable[[str], str] = lambda key: content.label(lang, key)  # noqa: E731
    rows: list[tuple[Button, ...]] = []
    if alert.state == AlertState.OPEN:
        rows.append(
            (Button(label("acknowledge"), callbacks.data(callbacks.ACKNOWLEDGE, alert.id)),)
        )
    if alert.state != AlertState.RESOLVED:
        row = [Button(label("alert_resolve"), callbacks.data(callbacks.RESOLVE, alert.id))]
        if alert.contacted_at is None:
            row.insert(
                0, Button(label("alert_contacted"), callbacks.data(callbacks.CONTACTED, alert.id))
            )
        rows.append(tuple(row))
        rows.append(
            (
                Button(label("alert_call_me"), callbacks.data(callbacks.CALL_ME, alert.id)),
                Button(
                    label("alert_message_patient"),
                    callbacks.data(callbacks.MESSAGE_PATIENT, alert.id),
                ),
            )
        )
    else:
        rows.append(
            (
                Button(
                    label("alert_message_patient"),
                    callbacks.data(callbacks.MESSAGE_PATIENT, alert.id),
                ),
            )
        )
    if on_hold:
        rows.append(
            (Button(label("alert_release_hold"), callbacks.data(callbacks.RELEASE_HOLD, alert.id)),)
        )
    return tuple(rows)


def reason_text(content: Content, lang: str, alert: Alert) -> Markup:
    """Why the alert was raised, in the staff member's language (sign ids become labels).

    The text is rendered HTML already: it is ``Markup``, so a template that shows it does
    not escape it a second time (a label's quotes stay quotes, not ``&#34;``).
    """
    details = json.loads(alert.details or "{}")
    if alert.reason in ("signs", "signs_denied"):
        rules = content.warning_signs
        details["signs"] = [rules.sign(s).label[lang] for s in details.get("signs", [])]
    reason = content.render(lang, f"alert_reason_{alert.reason}", **details)
    if "corrected_from" in details:  # the patient changed the pain answer (/correct)
        before, now = details["corrected_from"], details["pain"]
        reason += " " + content.render(lang, "alert_reason_pain_corrected", before=before, pain=now)
    return Markup(reason)


def words_markup(words: str | None) -> Markup:
    """The patient's own words for the card, escaped once for Telegram's HTML: ``&``, ``<``
    and ``>`` only, so a quote stays a quote (never ``&#34;``)."""
    return Markup(html.escape(words or "", quote=False))


def local_time(moment: datetime, clinic: Clinic, lang: str) -> str:
    """An instant as the clinic reads it, in ``lang``: ``Nov 30, 2:00 PM EST``."""
    zone = ZoneInfo(clinic.timezone)
    return moment_words(moment, zone, lang, today=moment.astimezone(zone).date())


def _people(db: Session, patient: Patient, roles: tuple[ladder.Role, ...]) -> list[Staff]:
    people: list[Staff] = []
    for role in roles:
        if role == ladder.Role.ADMINS:
            people += db.exec(
                select(Staff).where(
                    Staff.clinic_id == patient.clinic_id,
                    Staff.role == StaffRole.ADMIN,
                    Staff.active,
                )
            ).all()
            continue
        staff_id = (
            patient.clinician_id if role == ladder.Role.CLINICIAN else patient.backup_clinician_id
        )
        person = db.get(Staff, staff_id) if staff_id else None
        if person is not None:
            people.append(person)
    return people
