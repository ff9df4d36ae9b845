"""A clinician's per-patient override of a pain-model threshold (clinical-rules section 3)."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import Clinic, Patient, PatientThreshold, StaffRole
from bot.rules.pain_model import THRESHOLD_NAMES, thresholds_for
from bot.services import audit
from bot.services.alerts.pain_alerts import limits_for
from bot.services.outgoing import Reply
from bot.services.patients import (
    Visitor,
    language_of,
    may_handle,
    patient_by_reference,
    staff_by_telegram,
)

DEFAULT = "default"


def set_threshold(
    db: Session, clock: Clock, content: Content, who: Visitor, args: list[str]
) -> Reply:
    """``/threshold P-12 pain_acceptable_max 4`` (or ``default`` to drop the override).

    ``/threshold P-12`` alone shows the patient's thresholds now. Only the patient's own
    clinician or backup may change them, and every value is checked against the model's
    ranges before it is stored.
    """
    staff = staff_by_telegram(db, who.telegram_user_id)
    lang = language_of(db, content, who)
    patient = patient_by_reference(db, args[0]) if args else None
    if staff is None or staff.role != StaffRole.CLINICIAN or patient is None:
        return _refuse(db, clock, content, who, lang)
    if not may_handle(staff, patient):
        return _refuse(db, clock, content, who, lang)
    if len(args) == 1:
        return Reply().send(who.chat_id, _summary(db, content, patient, lang))
    if len(args) != 3 or args[1] not in THRESHOLD_NAMES:
        names = ", ".join(THRESHOLD_NAMES)
        return Reply().send(who.chat_id, content.render(lang, "threshold_usage", names=names))
    name, value = args[1], args[2]
    row = db.exec(
        select(PatientThreshold).where(
            PatientThreshold.patient_id == patient.id, PatientThreshold.name == name
        )
    ).first()
    if value == DEFAULT:
        if row is not None:
            db.delete(row)
    else:
        try:
            number = int(value)
            own = {**_own(db, patient), name: number}
            clinic_slug = _clinic_slug(db, patient)
            thresholds_for(content.pain_rules, clinic_slug, own)  # refuses out-of-range values
        except ValueError as error:
            text = content.render(lang, "threshold_invalid", problem=str(error))
            return Reply().send(who.chat_id, text)
        assert patient.id is not None
        row = row or PatientThreshold(
            patient_id=patient.id, name=name, value=number, set_at=clock.now()
        )
        row.value, row.set_by_id, row.set_at = number, staff.id, clock.now()
        db.add(row)
    audit.record(db, clock, AuditAction.THRESHOLD_SET, staff_id=staff.id, patient_id=patient.id)
    db.flush()
    return Reply().send(who.chat_id, _summary(db, content, patient, lang))


def _summary(db: Session, content: Content, patient: Patient, lang: str) -> str:
    limits = limits_for(db, content, patient)
    own = _own(db, patient)
    rows = [
        f"{name} = {getattr(limits, name)}{' *' if name in own else ''}" for name in THRESHOLD_NAMES
    ]
    return content.render(lang, "threshold_summary", patient_id=patient.id, rows=rows)


def _own(db: Session, patient: Patient) -> dict[str, int]:
    rows = db.exec(select(PatientThreshold).where(PatientThreshold.patient_id == patient.id))
    return {row.name: row.value for row in rows}


def _clinic_slug(db: Session, patient: Patient) -> str | None:
    clinic = db.get(Clinic, patient.clinic_id)
    return clinic.slug if clinic else None


def _refuse(db: Session, clock: Clock, content: Content, who: Visitor, lang: str) -> Reply:
    audit.denied(db, clock, AuditAction.THRESHOLD_SET, who.telegram_user_id)
    return Reply().send(who.chat_id, content.render(lang, "not_allowed"))
