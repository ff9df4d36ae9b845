"""The people of workspace tests: one clinic with a clinician, a backup and an admin, a
second clinic with its own admin, and patients; the real bot on the emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import time, timedelta
from zoneinfo import ZoneInfo

from ready_patients import ready_patient
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import (
    AuditEvent,
    CheckinStep,
    Clinic,
    ExerciseSession,
    Patient,
    PsfsActivity,
    PsfsScore,
    SessionStep,
    Staff,
    StaffRole,
    ThreadMessage,
    WeeklyCheckin,
)
from bot.demo import DEMO_TOKEN, Conversation, live_bot
from bot.jobs import build_tick
from emulator.records import BotMessage
from emulator.world import World
from scheduler import Tick

LEE, ROY, DESK, OTHER, PAT, PAT2 = 1001, 1002, 1003, 3001, 2001, 2002


@dataclass
class Clinic2:
    """Everything a workspace test touches."""

    world: World
    talk: Conversation
    engine: Engine
    clock: ManualClock
    staff: dict[str, int]
    patient_id: int
    tick: Tick

    async def later(self, **delta: float) -> None:
        """Move the clock on and run the due-work tick once."""
        self.clock.advance(timedelta(**delta))
        await self.tick()

    def db(self) -> Session:
        return Session(self.engine)

    async def press(self, user_id: int, message: BotMessage, label: str) -> str:
        """Press the button whose label starts with ``label``; returns the query id."""
        data = next(d for text, d in message.buttons_flat() if text.startswith(label))
        assert data is not None
        return await self.world.press_button(user_id, message.message_id, data=data)

    async def forge(self, user_id: int, data: str) -> str | None:
        """Press a button with made-up callback data under the user's last bot message, as a
        modified client could; returns the bot's toast."""
        mine = self.world.bot_messages(user_id)
        assert mine, "the forger needs a message of their own to press under"
        stored = self.world.messages[user_id][mine[-1].message_id]
        stored.reply_markup = {"inline_keyboard": [[{"text": "x", "callback_data": data}]]}
        query = await self.world.press_button(user_id, stored.message_id, data=data)
        return (await self.world.wait_for_callback_answer(query)).text

    def thread(self, patient_id: int | None = None) -> list[ThreadMessage]:
        with self.db() as db:
            return list(
                db.exec(
                    select(ThreadMessage)
                    .where(ThreadMessage.patient_id == (patient_id or self.patient_id))
                    .order_by(col(ThreadMessage.id))
                ).all()
            )

    def audit(self, action: str) -> list[AuditEvent]:
        with self.db() as db:
            return list(db.exec(select(AuditEvent).where(AuditEvent.action == action)).all())

    def speak(self, patient_lang: str, staff_lang: str) -> None:
        with self.db() as db:
            for patient in db.exec(select(Patient)).all():
                patient.language = patient_lang
                db.add(patient)
            for staff in db.exec(select(Staff)).all():
                staff.language = staff_lang
                db.add(staff)
            db.commit()


def seed(db: Session, clock: ManualClock, content: Content) -> tuple[int, dict[str, int]]:
    """Ottawa: dr-lee (clinician of P-1), dr-roy (backup), front-desk (admin), P-1 and P-2.
    Gatineau: its own admin, gat-desk, who must see nothing of Ottawa."""
    now = clock.now()
    ottawa = Clinic(
        slug="ottawa",
        name="Ottawa Physio",
        timezone="America/Toronto",
        created_at=now,
        phone="613-555-0100",
    )
    gatineau = Clinic(
        slug="gatineau", name="Physio Gatineau", timezone="America/Toronto", created_at=now
    )
    db.add(ottawa)
    db.add(gatineau)
    db.flush()
    assert ottawa.id is not None and gatineau.id is not None
    staff: dict[str, int] = {}
    for handle, role, user_id, clinic_id in (
        ("dr-lee", StaffRole.CLINICIAN, LEE, ottawa.id),
        ("dr-roy", StaffRole.CLINICIAN, ROY, ottawa.id),
        ("front-desk", StaffRole.ADMIN, DESK, ottawa.id),
        ("gat-desk", StaffRole.ADMIN, OTHER, gatineau.id),
    ):
        person = Staff(
            clinic_id=clinic_id, role=role, handle=handle, telegram_user_id=user_id, created_at=now
        )
        db.add(person)
        db.flush()
        assert person.id is not None
        staff[handle] = person.id
    first = ready_patient(
        db,
        clock,
        content,
        clinic_id=ottawa.id,
        clinician_id=staff["dr-lee"],
        telegram_id=PAT,
        backup_clinician_id=staff["dr-roy"],
        reminder_time=time(18, 0),
    )
    ready_patient(
        db,
        clock,
        content,
        clinic_id=ottawa.id,
        clinician_id=staff["dr-lee"],
        telegram_id=PAT2,
        backup_clinician_id=staff["dr-roy"],
        reminder_time=time(18, 0),
    )
    assert first.id is not None
    return first.id, staff


@asynccontextmanager
async def workspace(
    schema: str, engine: Engine, clock: ManualClock, content: Content
) -> AsyncIterator[Clinic2]:
    world = World(token=DEMO_TOKEN, schema_path=schema)
    for user_id in (LEE, ROY, DESK, OTHER, PAT, PAT2):
        world.add_user(user_id, started=True)
    with Session(engine) as db:
        patient_id, staff = seed(db, clock, content)
    async with live_bot(world, engine, clock, content) as (_, application):
        yield Clinic2(
            world, Conversation(world), engine, clock, staff, patient_id, build_tick(application)
        )


def give_history(
    engine: Engine,
    clock: ManualClock,
    patient_id: int,
    *,
    pains: dict[int, int],
    psfs: list[list[int]] = (),  # type: ignore[assignment]
    enrolled_days_ago: int = 28,
) -> None:
    """Sessions done ``days ago -> pain after it``, and weekly PSFS scores (one list a
    week, oldest first), for a patient enrolled ``enrolled_days_ago`` days ago."""
    now = clock.now()
    with Session(engine) as db:
        patient = db.get(Patient, patient_id)
        assert patient is not None
        patient.created_at = now - timedelta(days=enrolled_days_ago)
        db.add(patient)
        today = now.astimezone(ZoneInfo(patient.timezone)).date()
        for days_ago, pain in pains.items():
            at = now - timedelta(days=days_ago)
            db.add(
                ExerciseSession(
                    patient_id=patient_id,
                    local_date=today - timedelta(days=days_ago),
                    step=SessionStep.COMPLETE,
                    started_at=at,
                    completed_at=at,
                    pain=pain,
                    pain_at=at,
                    difficulty="right",
                    difficulty_at=at,
                )
            )
        activities = []
        for position in range(len(psfs[0]) if psfs else 0):
            activity = PsfsActivity(
                patient_id=patient_id,
                position=position,
                label=f"activity {position}",
                created_at=now,
            )
            db.add(activity)
            db.flush()
            activities.append(activity)
        for week, scores in enumerate(psfs):
            days_ago = 7 * (len(psfs) - week)
            checkin = WeeklyCheckin(
                patient_id=patient_id,
                local_date=today - timedelta(days=days_ago),
                step=CheckinStep.COMPLETE,
                asked_at=now - timedelta(days=days_ago),
                pain=4,
                completed_at=now - timedelta(days=days_ago),
            )
            db.add(checkin)
            db.flush()
            assert checkin.id is not None
            for activity, score in zip(activities, scores, strict=True):
                assert activity.id is not None
                db.add(
                    PsfsScore(checkin_id=checkin.id, activity_id=activity.id, score=score, at=now)
                )
        db.commit()
