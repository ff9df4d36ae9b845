"""Patients to schedule for, made directly in the database, and a tick that records sends.

A module of its own (not conftest) so that tests can import its types by a unique name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from ready_patients import ready_patient
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.db.models import (
    Patient,
)
from bot.services.outgoing import Message
from bot.services.scheduling import planning
from scheduler import DueWork, Tick
from scheduler.store import RUNNABLE

# Monday 30 November 2026, 09:00 in Ottawa.
MONDAY_9AM = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)


@dataclass
class Outbox:
    """Stands in for Telegram: every message the tick sent, in order."""

    messages: list[Message] = field(default_factory=list)

    async def send(self, messages: Sequence[Message]) -> None:
        self.messages.extend(messages)

    def texts(self) -> list[str]:
        return [m.text for m in self.messages]

    def take(self) -> list[str]:
        """The texts sent since the last ``take``."""
        texts, self.messages = self.texts(), []
        return texts


@dataclass
class Scheduling:
    """A clinic, a tick sending into an outbox, and a way to enrol patients."""

    engine: Engine
    clock: ManualClock
    content: Content
    outbox: Outbox
    tick: Tick
    clinic_id: int
    clinician_id: int

    def db(self) -> Session:
        return session_factory(self.engine)()

    def enrol(
        self,
        *,
        zone: str = "America/Toronto",
        at: time = time(18, 0),
        user_id: int = 2001,
        days: str = "0123456",
        language: str = "en",
    ) -> int:
        """An enrolled, consented, ready patient with the starter programme; planned."""
        with self.db() as db:
            patient = ready_patient(
                db,
                self.clock,
                self.content,
                clinic_id=self.clinic_id,
                clinician_id=self.clinician_id,
                telegram_id=user_id,
                language=language,
                timezone=zone,
                reminder_time=at,
                training_days=days,
            )
            planning.replan(db, self.clock, patient)
            return patient.id

    def patient(self, patient_id: int) -> Patient:
        with self.db() as db:
            found = db.get(Patient, patient_id)
            assert found is not None
            return found

    async def run_until(self, moment: datetime) -> None:
        """Move the clock to ``moment``, ticking whenever a row falls due on the way."""
        while (due := self.next_run_at()) is not None and due <= moment:
            self.clock.set(max(due, self.clock.now()))
            await self.tick()
        self.clock.set(max(moment, self.clock.now()))
        await self.tick()

    def next_run_at(self) -> datetime | None:
        with self.db() as db:
            return db.exec(
                select(func.min(DueWork.run_at)).where(col(DueWork.status).in_(RUNNABLE))
            ).one()
