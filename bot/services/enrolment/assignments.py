"""Who looks after which patient: assigning clinicians and backups, and deactivating staff.

Nothing is reassigned silently: deactivating a clinician lists what they leave behind,
and the admin reassigns each patient.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from bot.clock import Clock
from bot.db.audit_actions import AuditAction
from bot.db.models import Alert, AlertState, InviteCode, Patient, Staff
from bot.services import audit
from bot.services.clinics import AdminError, find_clinic, find_clinician


@dataclass(frozen=True)
class Handover:
    """What a deactivated clinician leaves behind: patients and open alerts to reassign."""

    staff: Staff
    patients: list[Patient]
    open_alerts: list[Alert]


def assign(
    db: Session,
    clock: Clock,
    *,
    clinic_slug: str | None,
    patient_id: int,
    clinician: str,
    backup: str | None = None,
) -> Patient:
    """Assign (or reassign) a patient's clinician, and optionally their backup."""
    clinic = find_clinic(db, clinic_slug)
    patient = db.get(Patient, patient_id)
    if patient is None or patient.clinic_id != clinic.id:
        raise AdminError("no_patient", patient_id=patient_id, clinic=clinic.slug)
    lead = find_clinician(db, clinic, clinician)
    second = find_clinician(db, clinic, backup) if backup else None
    if second is not None and second.id == lead.id:
        raise AdminError("backup_is_lead")
    assert lead.id is not None
    patient.clinician_id = lead.id
    if second is not None:
        patient.backup_clinician_id = second.id
    elif patient.backup_clinician_id == lead.id:
        patient.backup_clinician_id = None  # the backup became the lead: no self-backup
    db.add(patient)
    audit.record(db, clock, AuditAction.PATIENT_ASSIGNED, staff_id=lead.id, patient_id=patient.id)
    db.flush()
    return patient


def set_default_backup(db: Session, clock: Clock, *, clinic_slug: str | None, handle: str) -> Staff:
    """Make ``handle`` the backup for new patients who have none of their own."""
    clinic = find_clinic(db, clinic_slug)
    chosen = find_clinician(db, clinic, handle)
    for staff in db.exec(
        select(Staff).where(Staff.clinic_id == clinic.id, Staff.is_default_backup)
    ):
        staff.is_default_backup = False
        db.add(staff)
    chosen.is_default_backup = True
    db.add(chosen)
    audit.record(db, clock, AuditAction.CLINIC_DEFAULT_BACKUP, staff_id=chosen.id)
    db.flush()
    return chosen


def deactivate(db: Session, clock: Clock, *, clinic_slug: str | None, handle: str) -> Handover:
    """Deactivate a staff account and list the patients and open alerts still on it."""
    clinic = find_clinic(db, clinic_slug)
    staff = db.exec(
        select(Staff).where(Staff.clinic_id == clinic.id, Staff.handle == handle)
    ).first()
    if staff is None:
        raise AdminError("no_staff", handle=handle, clinic=clinic.slug)
    if staff.active:
        now = clock.now()
        staff.active = False
        staff.is_default_backup = False
        staff.deactivated_at = now
        staff.telegram_user_id = None  # their chat gets nothing more; a rehire links afresh
        db.add(staff)
        pending = db.exec(
            select(InviteCode).where(
                or_(InviteCode.staff_id == staff.id, InviteCode.clinician_id == staff.id),
                col(InviteCode.used_at).is_(None),
                col(InviteCode.revoked_at).is_(None),
            )
        )
        for invite in pending:
            invite.revoked_at = now
            db.add(invite)
        audit.record(db, clock, AuditAction.STAFF_DEACTIVATED, staff_id=staff.id)
        db.flush()
    return handover(db, staff)


def handover(db: Session, staff: Staff) -> Handover:
    """The patients (lead or backup) and open alerts that still name ``staff``."""
    patients = db.exec(
        select(Patient)
        .where(or_(Patient.clinician_id == staff.id, Patient.backup_clinician_id == staff.id))
        .order_by(col(Patient.id))
    ).all()
    alerts = db.exec(
        select(Alert)
        .where(Alert.clinician_id == staff.id, Alert.state != AlertState.RESOLVED)
        .order_by(col(Alert.id))
    ).all()
    return Handover(staff, list(patients), list(alerts))


def patients_of(db: Session, staff: Staff) -> list[Patient]:
    """The patients a staff member may see: all of the clinic for an admin, else their own."""
    query = select(Patient).where(Patient.clinic_id == staff.clinic_id)
    if staff.role != "admin":
        query = query.where(
            or_(Patient.clinician_id == staff.id, Patient.backup_clinician_id == staff.id)
        )
    return list(db.exec(query.order_by(col(Patient.id))))
