"""The people of alert tests: a clinician, a backup, an admin and a patient, and a tick whose
outbox stands in for Telegram (a chat in ``blocked`` answers 403)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from ready_patients import ready_patient
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import SessionFactory, session_factory
from bot.db.models import (
    Alert,
    AlertEvent,
    Clinic,
    Patient,
    Staff,
    StaffRole,
)
from bot.services import outbox as outbox_rows
from bot.services.alerts import escalation
from bot.services.alerts.jobs import alert_kinds
from bot.services.outgoing import Message
from bot.services.patients import Visitor
from bot.services.reminders.jobs import routine_kinds
from bot.services.scheduling import planning
from scheduler import Due, DueWork, Kind, Tick, WorkStatus, store
from scheduler.store import RUNNABLE

# Monday 30 November 2026, 09:00 in Ottawa.
MONDAY_9AM = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
LEE, ROY, DESK, PAT = 1001, 1002, 1003, 2001  # clinician, backup, admin, patient
CLINICIAN = Visitor(LEE, LEE)
BACKUP = Visitor(ROY, ROY)
ADMIN = Visitor(DESK, DESK)


@dataclass
class Outbox:
    """Stands in for Telegram: what was sent to whom; blocked chats answer 403.

    Outbox rows (a ladder step's, a reminder's) are sent as the bot sends them
    (``bot.handlers.delivery``): each message's delivery, or its 403, is recorded by the
    same services, and a row is finished once sent. ``crash_before_send`` makes the next
    ``post`` die before it takes its rows, as a process killed right after the commit."""

    messages: list[Message] = field(default_factory=list)
    blocked: set[int] = field(default_factory=set)
    open_db: SessionFactory | None = None
    clock: ManualClock | None = None
    content: Content | None = None
    crash_before_send: bool = False

    async def send(self, messages: Sequence[Message]) -> None:
        self.messages.extend(m for m in messages if m.chat_id not in self.blocked)

    async def reach(self, message: Message) -> bool:
        if message.chat_id in self.blocked:
            return False
        self.messages.append(message)
        return True

    async def post(self, keys: Sequence[str]) -> None:
        """Send committed outbox rows right after their commit."""
        if self.crash_before_send and keys:
            self.crash_before_send = False
            raise Crash("killed after the commit, before the send")
        open_db, clock = self._bound()
        for key in keys:
            with open_db() as db:
                due = store.take(db, key, clock.now(), lease=timedelta(seconds=30), worker="w:s")
            if due is not None:
                await self.send_row(due)
                with open_db() as db:
                    store.finish(db, due, WorkStatus.DONE, clock.now())

    async def send_row(self, due: Due) -> bool:
        """What a claimed outbox row holds (also the tick's retry of a row)."""
        open_db, clock = self._bound()
        assert self.content is not None
        with open_db() as db:
            messages = outbox_rows.decode(store.payload_of(db, due))
        for message in messages:
            reached = await self.reach(message)
            if message.alert_id is None and not message.digest_of:
                continue
            with open_db() as db:
                if reached:
                    escalation.reached(db, clock, message, None)
                    continue
                notices = escalation.could_not_reach(db, clock, self.content, message)
                keys = outbox_rows.enqueue(db, clock, notices)
            await self.post(keys)
        return True

    def _bound(self) -> tuple[SessionFactory, ManualClock]:
        assert self.open_db is not None and self.clock is not None, "make_tick binds them"
        return self.open_db, self.clock

    def to(self, chat_id: int) -> list[Message]:
        return [m for m in self.messages if m.chat_id == chat_id]

    def take(self) -> list[Message]:
        """The messages to staff since the last ``take`` (routine ones to the patient aside)."""
        taken, self.messages = self.messages, []
        return [m for m in taken if m.chat_id != PAT]


class Crash(Exception):
    """The process died (``Outbox.crash_before_send``)."""


@dataclass
class Ward:
    """The clinic, the clock, the outbox and the tick."""

    engine: Engine
    clock: ManualClock
    content: Content
    outbox: Outbox
    tick: Tick
    patient_id: int
    staff: dict[str, int]

    def db(self) -> Session:
        return session_factory(self.engine)()

    def patient(self, db: Session) -> Patient:
        found = db.get(Patient, self.patient_id)
        assert found is not None
        return found

    def alert(self, db: Session) -> Alert:
        return db.exec(select(Alert).order_by(col(Alert.id).desc())).first()  # type: ignore[return-value]

    def history(self, db: Session, alert_id: int) -> list[tuple[str, int | None, int | None]]:
        """(event, step, who: the actor or the person told), in order."""
        events = db.exec(
            select(AlertEvent).where(AlertEvent.alert_id == alert_id).order_by(col(AlertEvent.id))
        ).all()
        return [(e.state, e.step, e.actor_staff_id or e.target_staff_id) for e in events]

    def restart(self) -> None:
        """A new process: a fresh tick on the same database."""
        self.tick = make_tick(self.engine, self.clock, self.content, self.outbox)

    async def run_until(self, moment: datetime) -> None:
        """Move the clock to ``moment``, ticking whenever a row falls due on the way."""
        while (due := self.next_run_at()) is not None and due <= moment:
            self.clock.set(max(due, self.clock.now()))
            await self.tick()
        self.clock.set(max(moment, self.clock.now()))
        await self.tick()

    async def wait(self, **delta: float) -> None:
        await self.run_until(self.clock.now() + timedelta(**delta))

    def next_run_at(self) -> datetime | None:
        with self.db() as db:
            return db.exec(
                select(func.min(DueWork.run_at)).where(col(DueWork.status).in_(RUNNABLE))
            ).one()


def make_tick(engine: Engine, clock: ManualClock, content: Content, outbox: Outbox) -> Tick:
    open_db = session_factory(engine)
    outbox.open_db, outbox.clock, outbox.content = open_db, clock, content
    kinds = routine_kinds(open_db, clock, content, outbox.send, timedelta(hours=2))
    kinds.append(Kind(outbox_rows.KIND, outbox.send_row, grace=None))
    kinds += alert_kinds(open_db, clock, content, outbox.post)
    return Tick(open_db, clock, kinds)


def seed_clinic(
    db: Session, clock: ManualClock, content: Content, *, language: str = "en"
) -> tuple[int, dict[str, int]]:
    """dr-lee (the patient's clinician), dr-roy (their backup), front-desk (admin), a patient."""
    now = clock.now()
    clinic = Clinic(slug="ottawa", name="Ottawa Physio", timezone="America/Toronto", created_at=now)
    db.add(clinic)
    db.flush()
    assert clinic.id is not None
    staff: dict[str, int] = {}
    for handle, role, user_id in (
        ("dr-lee", StaffRole.CLINICIAN, LEE),
        ("dr-roy", StaffRole.CLINICIAN, ROY),
        ("front-desk", StaffRole.ADMIN, DESK),
    ):
        person = Staff(
            clinic_id=clinic.id, role=role, handle=handle, telegram_user_id=user_id, created_at=now
        )
        db.add(person)
        db.flush()
        assert person.id is not None
        staff[handle] = person.id
    assert clinic.id is not None
    patient = ready_patient(
        db,
        clock,
        content,
        clinic_id=clinic.id,
        clinician_id=staff["dr-lee"],
        telegram_id=PAT,
        language=language,
        backup_clinician_id=staff["dr-roy"],
        reminder_time=time(18, 0),
    )
    planning.replan(db, clock, patient)
    return patient.id, staff


def signs_of(alert: Alert) -> list[str]:
    return list(json.loads(alert.details)["signs"])
