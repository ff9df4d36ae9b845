"""When each clinician's weekly digest comes: one row of the due-work table per clinician.

It comes at the time the clinician set with ``/digest`` (Monday 08:00 in the clinic's
timezone unless they change it): one key per clinician and local date, so it is sent once
even with several instances. What the digest says is ``bot/services/staff/digest.py``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot.clock import Clock
from bot.db.models import Clinic, Staff, StaffRole
from bot.rules.schedule import at_local
from scheduler import store
from scheduler.store import Planned

KIND = "staff_digest"  # subject: staff id; one row per clinician and clinic-local date


def next_row(db: Session, staff: Staff, now: datetime) -> Planned | None:
    """The clinician's next digest after ``now``; ``None`` for an admin or someone gone."""
    if staff.role != StaffRole.CLINICIAN or not staff.active or staff.id is None:
        return None
    clinic = db.get(Clinic, staff.clinic_id)
    zone = ZoneInfo(clinic.timezone if clinic else "UTC")
    today = now.astimezone(zone).date()
    day = today + timedelta(days=(staff.digest_weekday - today.weekday()) % 7)
    due = at_local(day, staff.digest_time, zone)
    if due <= now:
        day += timedelta(days=7)
        due = at_local(day, staff.digest_time, zone)
    return Planned(KIND, staff.id, f"{KIND}:{staff.id}:{day.isoformat()}", due)


def plan(db: Session, clock: Clock, staff: Staff) -> None:
    """Make the clinician's next digest row exactly the one their setting says."""
    if staff.id is None:
        return
    row = next_row(db, staff, clock.now())
    store.replace_future(db, staff.id, [KIND], [row] if row else [], clock.now())
    db.flush()


def plan_everyone(db: Session, clock: Clock) -> int:
    """Plan the next digest of every active clinician who has none yet (idempotent)."""
    clinicians = db.exec(select(Staff).where(Staff.role == StaffRole.CLINICIAN, Staff.active)).all()
    rows = [r for s in clinicians if (r := next_row(db, s, clock.now())) is not None]
    store.add(db, rows, clock.now())
    db.flush()
    return len(rows)
