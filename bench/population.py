"""A database of N enrolled patients and their planned due work, built fast in bulk.

Patients are spread over reminder times; ``due_now`` of them have their daily session in
the same minute, ``SAME_MINUTE``. The rows are what ``planning.replan`` would plan.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Engine, insert, text, update
from sqlmodel import Session

from bot.content import Content
from bot.db import migrate
from bot.db.engine import make_engine
from bot.db.models import (
    Clinic,
    ExerciseSession,
    OnboardingStep,
    Patient,
    PatientExercise,
    ReadinessCheck,
    SessionStep,
    Staff,
    StaffRole,
)
from bot.rules import schedule
from bot.rules.schedule import Occurrence
from bot.services.scheduling import planning
from scheduler import store

SAME_MINUTE = datetime(2026, 12, 1, 23, 0, tzinfo=UTC)  # Tuesday 18:00 in Ottawa
ENROLLED_AT = SAME_MINUTE - timedelta(days=1, hours=10)
CHUNK = 5000


def build(url: str, content: Content, patients: int, due_now: int) -> Engine:
    """Create and fill the database at ``url``."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as db:
        clinic = Clinic(slug="bench", name="Bench", timezone="America/Toronto",
                        created_at=ENROLLED_AT)  # fmt: skip
        db.add(clinic)
        db.flush()
        staff = Staff(clinic_id=clinic.id or 0, role=StaffRole.CLINICIAN, handle="dr-bench",
                      created_at=ENROLLED_AT)  # fmt: skip
        db.add(staff)
        db.commit()
        clinic_id, staff_id = clinic.id or 0, staff.id or 0
    items = content.programmes["starter"].phases[0].exercises
    for first in range(0, patients, CHUNK):
        numbers = range(first, min(first + CHUNK, patients))
        rows = [_patient(n, clinic_id, staff_id, due_now) for n in numbers]
        with Session(engine) as db:
            db.connection().execute(insert(Patient.__table__), rows)  # type: ignore[attr-defined]
            db.connection().execute(
                insert(PatientExercise.__table__),  # type: ignore[attr-defined]
                [
                    {
                        "patient_id": n + 1,
                        "exercise_id": item.exercise,
                        "level": item.level,
                        "position": position,
                    }
                    for n in numbers
                    for position, item in enumerate(items)
                ],
            )
            db.connection().execute(
                insert(ReadinessCheck.__table__),  # type: ignore[attr-defined]
                [
                    {
                        "patient_id": n + 1,
                        "answers": "nnnnnnn",
                        "started_at": ENROLLED_AT,
                        "completed_at": ENROLLED_AT,
                        "needs_clearance": False,
                        "valid_until": ENROLLED_AT + timedelta(days=365),
                    }
                    for n in numbers
                ],
            )
            planned = [
                planning.planned(row["id"], occurrence)
                for row in rows
                for occurrence in _occurrences(row["reminder_time"])
            ]
            store.add(db, planned, ENROLLED_AT)
            db.commit()
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    return engine


@cache
def at_the_pain_question(
    db: Session, patients: int, local_date: Any, started_at: datetime, nurse: int
) -> None:
    """Patients 1 to ``patients`` each have today's session waiting for their pain answer,
    and every staff member's Telegram is ``nurse`` (who receives the alerts). The caller
    commits."""
    db.connection().execute(
        insert(ExerciseSession.__table__),  # type: ignore[attr-defined]
        [
            {
                "id": n + 1,
                "patient_id": n + 1,
                "local_date": local_date,
                "step": SessionStep.PAIN,
                "started_at": started_at,
            }
            for n in range(patients)
        ],
    )
    db.execute(update(Staff).values(telegram_user_id=nurse))


def _occurrences(reminder: time) -> list[Occurrence]:
    """What replan plans for a patient with this reminder time (all else being equal)."""
    patient = Patient(reminder_time=reminder, timezone="America/Toronto",
                      created_at=ENROLLED_AT, training_days="0123456", clinic_id=0,
                      clinician_id=0, telegram_user_id=0, chat_id=0,
                      programme_id="starter")  # fmt: skip  # never stored
    routine = planning.routine_of(patient)
    assert routine is not None
    return schedule.next_occurrences(routine, SAME_MINUTE - timedelta(minutes=1))


def _patient(n: int, clinic_id: int, staff_id: int, due_now: int) -> dict[str, Any]:
    if n < due_now:
        reminder = time(18, 0)
    else:  # everyone else on the quarter hours from 08:00 to 20:45, never 18:00
        slot = n % 51
        reminder = time(8 + slot // 4, 15 * (slot % 4))
        if reminder == time(18, 0):
            reminder = time(18, 15)
    return {
        "id": n + 1,
        "clinic_id": clinic_id,
        "clinician_id": staff_id,
        "telegram_user_id": 10_000_000 + n,
        "chat_id": 10_000_000 + n,
        "language": "fr" if n % 3 == 0 else "en",
        "timezone": "America/Toronto",
        "onboarding_step": OnboardingStep.ENROLLED,
        "consent_version": "bench",
        "consent_at": ENROLLED_AT,
        "reminder_time": reminder,
        "programme_id": "starter",
        "created_at": ENROLLED_AT,
        "training_days": "0123456",
    }
