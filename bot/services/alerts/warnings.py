"""Warning signs from the patient: the checklist, and the safety net on every typed text.

Both roads end in ``report``: the advice first (911, or 988 for self-harm, before anything
else), then the alert (``alerts.raise_alert``, committed before any send), then a hold on
routine messages for EMERGENCY and URGENT until a clinician resumes them. A sign the bot is
unsure of is never dropped: the patient sees what to do if it is happening now, then is
asked; a "no" still reaches the clinician at ROUTINE level, saying the patient said no.
What the patient typed is never logged or stored here, and never sent to staff: only sign
ids and levels are.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from markupsafe import escape
from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    Alert,
    AlertState,
    Clinic,
    ExerciseSession,
    Patient,
    SessionStep,
    Staff,
)
from bot.rules.advice import merge_advice
from bot.rules.levels import AlertLevel
from bot.rules.triage import triage
from bot.rules.warning_signs import SEVERITY
from bot.services import audit
from bot.services.alerts import raising as alerts
from bot.services.outgoing import Button, Message, Reply
from bot.services.scheduling import planning

log = logging.getLogger(__name__)

NONE = "none"  # the checklist's "none of these"
SAID_NO = "no."  # "no." + sign ids joined by "+": the confirming question's "no"


def checklist(
    db: Session, clock: Clock, content: Content, patient: Patient, session_id: int | None
) -> Reply:
    """The structured checklist in the patient's language, most serious sign first."""
    lang = patient.language
    signs = content.warning_signs.checklist_buttons(lang)
    rows = tuple(
        (Button(short, callbacks.data(callbacks.SIGN, session_id or 0, sign_id)),)
        for sign_id, short, _ in signs
    )
    none = Button(content.label(lang, "no_warning_sign"), callbacks.data(callbacks.SIGN, 0, NONE))
    # The buttons are short (a phone cuts long ones): each sign in full is in the message.
    text = content.render(
        lang, "warning_checklist", signs=[(short, words) for _, short, words in signs]
    )
    return Reply().send(patient.chat_id, text, *rows, (none,))


def choose_sign(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    session_id: int | None,
    sign_id: str,
) -> Reply:
    """A sign chosen from the checklist, or "yes" to the confirming question."""
    lang = patient.language
    if sign_id.startswith(SAID_NO):
        return _said_no(db, clock, content, patient, sign_id.removeprefix(SAID_NO).split("+"))
    if sign_id == NONE:
        audit.record(db, clock, AuditAction.WARNING_NONE, patient_id=patient.id)
        db.flush()
        reply = Reply(toast=content.render(lang, "choice_saved"), clear_buttons=True)
        return reply.send(patient.chat_id, content.render(lang, "warning_none"))
    if sign_id not in {sign.id for sign in content.warning_signs.signs}:
        return Reply(toast=content.render(lang, "already_answered"), clear_buttons=True)
    reply = report(
        db, clock, content, patient, [sign_id], source="checklist", session_id=session_id
    )
    reply.clear_buttons = True
    return reply


def screen_text(
    db: Session, clock: Clock, content: Content, patient: Patient, text: str
) -> Reply | None:
    """Read one typed text for warning signs; ``None`` when it has none.

    Both layers read it (``bot.rules.triage``: the clinic's rules and the classifier). Signs
    either is sure of are reported at once. Signs it is unsure of (a negation, a doubt, or a
    classifier short of sure) get the conditional line first ("If you have chest pain now,
    call 911."), then a confirming question with yes/no buttons: it never only asks.
    """
    detection = triage(text, content.warning_signs, content.classifier)
    if detection.level is None:
        return None
    sure = [s for s in detection.signs if s not in detection.tentative]
    reply = Reply()
    if sure:  # the patient's words go on the alert card, for the care team only
        reply = report(db, clock, content, patient, sure, source="text", words=text)
    if detection.tentative:
        reply.messages.append(_confirm_question(content, patient, list(detection.tentative)))
        audit.record(db, clock, AuditAction.WARNING_ASK, patient_id=patient.id)
        db.flush()
    return reply


def _said_no(
    db: Session, clock: Clock, content: Content, patient: Patient, asked: list[str]
) -> Reply:
    """ "No" to the confirming question: the clinician still hears of it, at ROUTINE level."""
    lang = patient.language
    known = {sign.id for sign in content.warning_signs.signs}
    signs = [s for s in asked if s in known]
    audit.record(db, clock, AuditAction.WARNING_DENIED, patient_id=patient.id)
    if signs:  # raise_alert adds the audit row with the alert
        alerts.raise_alert(
            db,
            clock,
            content,
            patient,
            level=AlertLevel.ROUTINE,
            reason="signs_denied",
            signs=signs,
            source="text",
        )
    else:
        db.flush()
    reply = Reply(toast=content.render(lang, "choice_saved"), clear_buttons=True)
    return reply.send(patient.chat_id, content.render(lang, "warning_said_no"))


def report(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    sign_ids: list[str],
    *,
    source: str,
    session_id: int | None = None,
    words: str | None = None,
) -> Reply:
    """Advice first (one message: each sign's advice, a sentence said once), then the
    alert and the hold. ``words``: what the patient typed, kept on the alert for its card
    (never logged). An EMERGENCY or URGENT sign also ends the session's exercises. A sign
    already on an alert of this patient that is not resolved is not raised again: it is
    added to that alert and its holder is told, and the advice is always shown again."""
    rules, lang = content.warning_signs, patient.language
    signs = sorted((rules.sign(s) for s in sign_ids), key=lambda s: -SEVERITY[s.level])
    level = signs[0].level
    reply = Reply(toast=content.render(lang, "choice_saved"))
    # The most serious first: 911 (or 988) before anything else, in one message.
    reply.send(patient.chat_id, merge_advice(_in(sign.advice, lang) for sign in signs))
    ids = [sign.id for sign in signs]
    holds = holds_level(level) and patient.hold_at is None
    if holds:  # set now, so the hold is committed with the alert and its staff see it
        patient.hold_at, patient.hold_reason = clock.now(), f"warning:{level}"
        db.add(patient)
    stopped = (
        holds_level(level)
        and alerts.reachable(patient)
        and _stop_exercises(db, clock, patient, session_id)
    )
    existing = _open_alert_with(db, patient, ids)
    if existing is not None:  # said again: added to that alert, and its holder is told
        alert_id: int | None = existing.id
        reply.messages += alerts.sign_repeated(db, clock, content, existing, ids)  # flushes
    else:
        reply.messages += alerts.raise_alert(
            db,
            clock,
            content,
            patient,
            level=level,
            reason="signs",
            session_id=session_id,
            words=words,
            signs=ids,
            source=source,
        )
        alert_id = _latest_alert_id(db, patient)
        log.info("warning sign at level %s reported", level)
    if holds:
        planning.hold(db, clock, patient, reason=f"warning:{level}")  # re-plans; flushes
    reply.messages.append(_after_advice(db, content, patient, level, alert_id, stopped=stopped))
    return reply


def holds_level(level: AlertLevel) -> bool:
    """EMERGENCY and URGENT signs hold routine messages and end the session under way."""
    return level in (AlertLevel.EMERGENCY, AlertLevel.URGENT)


def _stop_exercises(db: Session, clock: Clock, patient: Patient, session_id: int | None) -> bool:
    """End the exercises of the session the sign came from (or today's, when it is still
    on its exercises): Done and each step's buttons no longer work, and /today says why.
    Committed with the alert. Returns whether a session was stopped."""
    session = db.get(ExerciseSession, session_id) if session_id else None
    if session is None:
        local = clock.now().astimezone(ZoneInfo(patient.timezone)).date()
        session = db.exec(
            select(ExerciseSession).where(
                ExerciseSession.patient_id == patient.id, ExerciseSession.local_date == local
            )
        ).first()
    if session is None or session.patient_id != patient.id:
        return False
    if session.step != SessionStep.EXERCISES:
        return False
    session.step = SessionStep.STOPPED
    db.add(session)
    return True


def _after_advice(
    db: Session,
    content: Content,
    patient: Patient,
    level: AlertLevel,
    alert_id: int | None,
    *,
    stopped: bool,
) -> Message:
    lang = patient.language
    key = f"warning_told_{level}"
    if level == AlertLevel.EMERGENCY and not _has_backup(db, patient):
        key = "warning_told_emergency_alone"  # no backup: "and their backup" would be untrue
    if not alerts.reachable(patient) and level != AlertLevel.ROUTINE:
        key = "warning_told_left"  # stopped the service: no reminders to speak of
    clinic = db.get(Clinic, patient.clinic_id)
    phone = clinic.phone if clinic and clinic.phone else ""  # "contact the clinic": its number
    text = content.render(lang, key, phone=phone)
    if stopped:
        text = content.render(lang, "warning_session_stopped") + "\n\n" + text
    if level == AlertLevel.EMERGENCY and alert_id is not None:
        button = Button(
            content.label(lang, "read_advice"), callbacks.data(callbacks.PATIENT_READ, alert_id)
        )
        return Message(patient.chat_id, text, ((button,),))
    return Message(patient.chat_id, text)


def _confirm_question(content: Content, patient: Patient, sign_ids: list[str]) -> Message:
    """What to do if it is happening now (911 or 9-8-8 first), then: is it? One "yes" per
    sign mentioned, and one "no" that still tells the clinician."""
    rules, lang = content.warning_signs, patient.language
    ordered = sorted(sign_ids, key=lambda s: -SEVERITY[rules.sign(s).level])
    labels = [_in(rules.sign(s).label, lang) for s in sign_ids]
    lines = [escape(_in(rules.sign(s).if_now, lang)) for s in ordered]
    question = content.render(lang, "warning_confirm", signs=labels)
    text = "\n".join(f"<b>{line}</b>" for line in lines) + "\n\n" + question
    if len(sign_ids) == 1:
        yes_rows: tuple[tuple[Button, ...], ...] = (
            (
                Button(
                    content.label(lang, "answer_yes"),
                    callbacks.data(callbacks.SIGN, 0, sign_ids[0]),
                ),
            ),
        )
    else:
        yes_rows = tuple(
            (Button(rules.button(s, lang), callbacks.data(callbacks.SIGN, 0, s)),) for s in sign_ids
        )
    said_no = SAID_NO + "+".join(sign_ids)
    while len(callbacks.data(callbacks.SIGN, 0, said_no)) > 64:  # Telegram's limit
        said_no = said_no.rsplit("+", 1)[0]
    no = Button(content.label(lang, "no_warning_sign"), callbacks.data(callbacks.SIGN, 0, said_no))
    return Message(patient.chat_id, text, (*yes_rows, (no,)))


def _has_backup(db: Session, patient: Patient) -> bool:
    """Whether the patient has a backup clinician, still active, other than their own."""
    if patient.backup_clinician_id is None or patient.backup_clinician_id == patient.clinician_id:
        return False
    backup = db.get(Staff, patient.backup_clinician_id)
    return backup is not None and backup.active


def _open_alert_with(db: Session, patient: Patient, sign_ids: list[str]) -> Alert | None:
    """An alert of this patient not resolved yet (open, or acknowledged and still being
    handled) that already covers every one of these signs."""
    for alert in db.exec(
        select(Alert).where(
            Alert.patient_id == patient.id,
            Alert.reason == "signs",
            Alert.state != AlertState.RESOLVED,
        )
    ).all():
        covered = json.loads(alert.details or "{}").get("signs", [])
        if set(sign_ids) <= set(covered):
            return alert
    return None


def _latest_alert_id(db: Session, patient: Patient) -> int | None:
    found = db.exec(
        select(Alert.id).where(Alert.patient_id == patient.id).order_by(col(Alert.id).desc())
    ).first()
    return found


def _in(texts: Mapping[str, str], lang: str) -> str:
    """A text of a sign in the patient's language (the file's first language otherwise)."""
    return texts.get(lang) or next(iter(texts.values()))
