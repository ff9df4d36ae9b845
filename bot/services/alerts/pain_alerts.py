"""Pain that must reach the clinician (clinical-rules section 3), raised as alerts.

URGENT at once: pain of 8 or more, or 3 or more over the patient's baseline, once per
session. ROUTINE, for the clinician's digest: two step-downs in a row of one exercise, or a
baseline up 2 points or more for a week; not raised again while one is still open. Every
number comes from ``content/rules/pain.yaml`` with the clinic's overrides.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    Alert,
    AlertEventKind,
    AlertState,
    Clinic,
    ExerciseSession,
    PainBaseline,
    Patient,
    PatientThreshold,
)
from bot.rules.pain_model import (
    Action,
    BaselineReading,
    Notice,
    PainThresholds,
    routine_pain_notice,
    thresholds_for,
    urgent_pain_alert,
)
from bot.services import audit
from bot.services.alerts import raising as alerts
from bot.services.alerts.messages import alert_edits, recipients
from bot.services.outgoing import Message, Reply

PAIN_ALERT_REASONS = ("pain_high", "pain_above_baseline")


def limits_for(db: Session, content: Content, patient: Patient) -> PainThresholds:
    """The thresholds for this patient: shipped, then their clinic's, then their own."""
    clinic = db.get(Clinic, patient.clinic_id)
    own = db.exec(select(PatientThreshold).where(PatientThreshold.patient_id == patient.id))
    return cached_limits(content, clinic.slug if clinic else None, {t.name: t.value for t in own})


# Content-derived: the same rules, clinic and overrides always make the same thresholds.
_LIMITS: dict[tuple[int, str | None, frozenset[tuple[str, int]]], tuple[object, PainThresholds]]
_LIMITS = {}


def cached_limits(
    content: Content, clinic_slug: str | None, own: Mapping[str, int]
) -> PainThresholds:
    """``thresholds_for``, worked out once per content, clinic and patient overrides (a
    clinician's change makes a new key; a content reload, new rules)."""
    rules = content.pain_rules
    key = (id(rules), clinic_slug, frozenset(own.items()))
    found = _LIMITS.get(key)
    if found is not None and found[0] is rules:
        return found[1]
    limits = thresholds_for(rules, clinic_slug, own)
    if len(_LIMITS) >= 4096:  # one entry per clinic and set of overrides: few; bounded anyway
        _LIMITS.clear()
    _LIMITS[key] = (rules, limits)
    return limits


@dataclass(frozen=True)
class PainPress:
    """What a pain answer is decided on, read in one query (``for_pain_press``)."""

    session: ExerciseSession
    baseline: int | None
    limits: PainThresholds
    clinic: Clinic | None  # held while the use case runs: the alert's message reads it again


def for_pain_press(
    db: Session, content: Content, patient: Patient, session_id: int
) -> PainPress | None:
    """The patient's session ``session_id`` with their baseline now, their clinic and their
    own thresholds, in one query (each looked up by its index); ``None`` when the session
    is not theirs."""
    latest = (
        select(PainBaseline.pain)
        .where(PainBaseline.patient_id == patient.id)
        .order_by(col(PainBaseline.local_date).desc(), col(PainBaseline.id).desc())
        .limit(1)
        .scalar_subquery()
    )
    rows = db.execute(  # five columns: more than sqlmodel's typed select takes
        sa_select(
            ExerciseSession, Clinic, latest, col(PatientThreshold.name), col(PatientThreshold.value)
        )
        .select_from(ExerciseSession)
        .outerjoin(Clinic, col(Clinic.id) == patient.clinic_id)
        .outerjoin(PatientThreshold, col(PatientThreshold.patient_id) == patient.id)
        .where(col(ExerciseSession.id) == session_id, col(ExerciseSession.patient_id) == patient.id)
    ).all()
    if not rows:
        return None
    session, clinic, baseline = rows[0][0], rows[0][1], rows[0][2]
    assert isinstance(session, ExerciseSession) and (clinic is None or isinstance(clinic, Clinic))
    own = {str(row[3]): int(row[4]) for row in rows if row[3] is not None}
    limits = cached_limits(content, clinic.slug if clinic else None, own)
    return PainPress(session, None if baseline is None else int(baseline), limits, clinic)


def current_baseline(db: Session, patient: Patient) -> int | None:
    """The patient's usual pain now: the latest reading, or ``None`` before the first."""
    latest = db.exec(
        select(PainBaseline)
        .where(PainBaseline.patient_id == patient.id)
        .order_by(col(PainBaseline.local_date).desc(), col(PainBaseline.id).desc())
    ).first()
    return latest.pain if latest else None


def pain_alert(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    session: ExerciseSession,
    pain: int,
    corrected: bool = True,
    known: PainPress | None = None,
) -> Reply:
    """URGENT when pain is 8 or more, or 3 or more over the baseline; once per session.

    A corrected answer (``/correct``) never raises a second alert: it updates the one this
    session raised, or resolves it when the new answer is below the threshold, and the
    staff the alert reached are told (``corrected_alert``). A first answer (``corrected``
    false) cannot have raised one yet, so the press does not look for it. ``known`` is
    what the press read already (``for_pain_press``): nothing is read again.
    """
    if known is not None:
        baseline, limits = known.baseline, known.limits
    else:
        baseline, limits = current_baseline(db, patient), limits_for(db, content, patient)
    notice = urgent_pain_alert(pain, baseline, limits)
    raised = None
    if corrected:
        raised = db.exec(
            select(Alert).where(
                Alert.session_id == session.id, col(Alert.reason).in_(PAIN_ALERT_REASONS)
            )
        ).first()
    if raised is not None:
        return corrected_alert(db, clock, content, raised, pain, notice)
    if notice is None:
        return Reply()
    messages = alerts.raise_alert(
        db,
        clock,
        content,
        patient,
        level=notice.level,
        reason=notice.reason,
        session_id=session.id,
        pain=pain,
        baseline=baseline if baseline is not None else "-",
    )
    patient_told = Message(patient.chat_id, content.render(patient.language, "pain_high"))
    return Reply(messages=[*messages, patient_told])


def corrected_alert(
    db: Session, clock: Clock, content: Content, alert: Alert, pain: int, notice: Notice | None
) -> Reply:
    """The patient changed the pain answer that raised ``alert``.

    The alert now shows the new score (and the one it replaced). Below the threshold it is
    resolved, so the ladder stops; otherwise it stays as it was. Everyone the alert reached,
    and the clinician, is told in their language, and every copy of it is brought up to date.
    A resolved alert, or the same score again, changes nothing.
    """
    details = json.loads(alert.details or "{}")
    before = details.get("pain")
    if alert.state == AlertState.RESOLVED or before == pain:
        return Reply()
    details["pain"], details["corrected_from"] = pain, before
    alert.details = json.dumps(details, default=str)[:400]
    resolved = notice is None
    now = clock.now()
    if resolved:
        alert.state = AlertState.RESOLVED
        alert.resolved_at = now
        alerts.event(db, clock, alert, AlertEventKind.RESOLVED)
    alerts.event(db, clock, alert, AlertEventKind.PAIN_CORRECTED)
    audit.record(db, clock, AuditAction.ALERT_PAIN_CORRECTED, patient_id=alert.patient_id)
    db.add(alert)
    db.flush()
    told: dict[int, Message] = {}
    for step in range(max(alert.step, 0) + 1):
        for person in recipients(db, alert, step, content).reachable:
            if person.id is None or person.telegram_user_id is None:
                continue
            text = content.render(
                person.language,
                "alert_pain_corrected",
                alert_id=alert.id,
                patient_id=alert.patient_id,
                before=before,
                pain=pain,
                resolved=resolved,
            )
            told[person.id] = Message(person.telegram_user_id, text)
    return Reply(messages=list(told.values()), edits=alert_edits(db, content, alert))


def routine_notices(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    *,
    actions: list[Action],
    today: date,
) -> list[Message]:
    """ROUTINE for two step-downs in a row, or a baseline up 2 points for a week.

    An open notice for the same reason is not raised twice.
    """
    assert patient.id is not None
    readings = [
        BaselineReading(r.local_date, r.pain)
        for r in db.exec(select(PainBaseline).where(PainBaseline.patient_id == patient.id))
    ]
    notice = routine_pain_notice(actions, readings, today, limits_for(db, content, patient))
    if notice is None:
        return []
    still_open = db.exec(
        select(Alert).where(
            Alert.patient_id == patient.id,
            Alert.reason == notice.reason,
            Alert.state != AlertState.RESOLVED,
        )
    ).first()
    if still_open is not None:
        return []
    return alerts.raise_alert(db, clock, content, patient, level=notice.level, reason=notice.reason)
