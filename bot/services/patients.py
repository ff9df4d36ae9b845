"""Finding the people behind a Telegram account."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.db.models import Patient, Staff


def patient_by_telegram(db: Session, telegram_user_id: int) -> Patient | None:
    """The patient linked to this Telegram account, if any."""
    return db.exec(select(Patient).where(Patient.telegram_user_id == telegram_user_id)).first()


def staff_by_telegram(db: Session, telegram_user_id: int) -> Staff | None:
    """The active staff member linked to this Telegram account, if any."""
    return db.exec(
        select(Staff).where(Staff.telegram_user_id == telegram_user_id, Staff.active)
    ).first()
