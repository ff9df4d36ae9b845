"""Finding the people behind a Telegram account."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.content import Content
from bot.db.models import Patient, Staff, StaffRole


@dataclass(frozen=True)
class Visitor:
    """Who sent an update: enough to find or enrol them, and nothing more."""

    telegram_user_id: int
    chat_id: int
    language_code: str | None = None


def patient_by_telegram(db: Session, telegram_user_id: int) -> Patient | None:
    """The patient linked to this Telegram account, if any."""
    return db.exec(select(Patient).where(Patient.telegram_user_id == telegram_user_id)).first()


def linked_staff(db: Session) -> list[Staff]:
    """Every active staff member linked to a Telegram account (whose menu the bot sets)."""
    return list(
        db.exec(select(Staff).where(Staff.active, col(Staff.telegram_user_id).is_not(None))).all()
    )


def staff_by_telegram(db: Session, telegram_user_id: int) -> Staff | None:
    """The active staff member linked to this Telegram account, if any."""
    return db.exec(
        select(Staff).where(Staff.telegram_user_id == telegram_user_id, Staff.active)
    ).first()


def may_handle(staff: Staff, patient: Patient) -> bool:
    """Whether a staff member may see or act on this patient's record.

    An admin may, for any patient of their own clinic; a clinician only for the patients
    assigned to them or for whom they are the backup.
    """
    if staff.clinic_id != patient.clinic_id or not staff.active:
        return False
    if staff.role == StaffRole.ADMIN:
        return True
    return staff.id in (patient.clinician_id, patient.backup_clinician_id)


def clinician_to_tell(db: Session, patient: Patient) -> Staff | None:
    """Who hears about this patient now: their clinician, else their backup.

    Only an active, Telegram-linked person counts, so nothing reaches someone who has left.
    """
    for staff_id in (patient.clinician_id, patient.backup_clinician_id):
        staff = db.get(Staff, staff_id) if staff_id else None
        if staff is not None and staff.active and staff.telegram_user_id is not None:
            return staff
    return None


def patient_number(reference: str) -> int | None:
    """The number in a patient reference as staff type it: ``P-12``, ``p-12`` or ``12``."""
    number = reference.strip().upper().removeprefix("P-")
    return int(number) if number.isdigit() else None


def patient_by_reference(db: Session, reference: str) -> Patient | None:
    """The patient a typed reference names, if it names one (access is checked by callers)."""
    number = patient_number(reference)
    return db.get(Patient, number) if number is not None else None


def language_of(db: Session, content: Content, who: Visitor) -> str:
    """The language to answer ``who`` in: the one they chose here (as a patient or as staff),
    else the one their Telegram reports, else the clinic's default. A French patient never
    gets English because their phone is set to English."""
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is not None:
        return patient.language
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is not None:
        return staff.language
    return content.language_for(who.language_code)
