"""Reading the audit trail: who did what to whose record, filtered for an admin."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, type_coerce
from sqlmodel import Session, col, select

from bot.db.models import AuditEvent, Clinic, Patient, Staff
from bot.services.clinics import AdminError, find_clinic

LIMIT = 1000


@dataclass(frozen=True)
class Filters:
    """What to look for; every field is optional. Dates are the clinic's local days."""

    patient_id: int | None = None
    staff_handle: str | None = None
    action: str | None = None  # exact, or a prefix ending in "." (e.g. "alert.")
    since: date | None = None
    until: date | None = None  # inclusive
    limit: int = LIMIT


def search(db: Session, clinic_slug: str | None, filters: Filters) -> list[dict[str, Any]]:
    """The matching audit rows, oldest first, as plain data (no health data is in them)."""
    clinic = find_clinic(db, clinic_slug)
    zone = ZoneInfo(clinic.timezone)
    staff = {s.id: s for s in db.exec(select(Staff).where(Staff.clinic_id == clinic.id))}
    query = select(AuditEvent).order_by(col(AuditEvent.at), col(AuditEvent.id))
    if filters.patient_id is not None:
        query = query.where(AuditEvent.patient_id == filters.patient_id)
    if filters.staff_handle is not None:
        found = [s for s in staff.values() if s.handle == filters.staff_handle]
        if not found:
            raise AdminError("no_staff", handle=filters.staff_handle, clinic=clinic.slug)
        query = query.where(AuditEvent.staff_id == found[0].id)
    if filters.action:
        # Compared as text: a prefix, or an action this version does not know, finds rows
        # (or none) instead of being refused by the enum type.
        action = type_coerce(col(AuditEvent.action), String)
        if filters.action.endswith("."):
            query = query.where(action.startswith(filters.action))
        else:
            query = query.where(action == filters.action)
    if filters.since is not None:
        query = query.where(AuditEvent.at >= _start_of(filters.since, zone))
    if filters.until is not None:
        query = query.where(AuditEvent.at < _start_of(filters.until + timedelta(days=1), zone))
    rows = db.exec(query.limit(filters.limit)).all()
    return [_row(r, staff, clinic) for r in rows if _in_clinic(db, r, staff, clinic)]


def _in_clinic(
    db: Session, row: AuditEvent, staff: dict[int | None, Staff], clinic: Clinic
) -> bool:
    """Rows of this clinic's staff or patients; refused attempts by unknown people too."""
    if row.staff_id is not None:
        return row.staff_id in staff
    if row.patient_id is not None:
        patient = db.get(Patient, row.patient_id)
        return patient is not None and patient.clinic_id == clinic.id
    return True


def _row(row: AuditEvent, staff: dict[int | None, Staff], clinic: Clinic) -> dict[str, Any]:
    person = staff.get(row.staff_id)
    return {
        "at": row.at.astimezone(ZoneInfo(clinic.timezone)).isoformat(timespec="seconds"),
        "action": row.action,
        "outcome": row.outcome,
        "staff": person.handle if person else None,
        "patient": f"P-{row.patient_id}" if row.patient_id is not None else None,
        "telegram_user_id": row.telegram_user_id,
    }


def _start_of(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def as_lines(rows: Sequence[dict[str, Any]]) -> str:
    """The rows as a tab-separated table for people."""
    return "\n".join(
        "\t".join(str(r[k] or "-") for k in ("at", "action", "outcome", "staff", "patient"))
        for r in rows
    )
