"""The process dies at each point between "decided" and "sent"; after the restart, either
nothing happened and the patient's button still works, or all of it happened and every
message goes out. A pain of 9 is never stored without its alert.

The faults are injected, never timed: a seam raises ``Died`` at the boundary, and from then
on every database session of that process fails too (it is dead: nothing more is stored,
not even "handled"). The next process starts on the same database and emulator.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

import bot.db.engine
import bot.demo
import bot.handlers.delivery
from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import SessionFactory, session_factory
from bot.db.models import Alert, AlertEvent, ExerciseSession, OnboardingStep, Patient
from bot.demo import (
    BACKUP_USER_ID,
    CLINICIAN_USER_ID,
    DEMO_TOKEN,
    PATIENT_USER_ID,
    Conversation,
    finish_exercises,
    live_bot,
    seed_demo_clinic,
)
from bot.jobs import build_tick
from bot.rules import schedule
from bot.services import outbox
from bot.services.alerts import raising as alerts
from emulator.records import BotMessage
from emulator.world import World
from scheduler import store
from scheduler.models import DueWork, WorkStatus

PAT, LEE, ROY = PATIENT_USER_ID, CLINICIAN_USER_ID, BACKUP_USER_ID
BOUNDARIES = (
    "before the commit",
    "after the commit, before the send",
    "during the send",
    "after the send, before it is marked sent",
)
# Only here did Telegram take a request whose answer was lost: that one message is sent again
# (docs/reliability.md, "What may still repeat"). Before it, the request never left.
REPEATS = BOUNDARIES[3]


def _once(boundary: str) -> int:
    """How many copies of the message whose send dies at ``boundary`` the person gets."""
    return 2 if boundary == REPEATS else 1


class Died(Exception):
    """The process is killed here."""


@dataclass
class Fate:
    """Where this process dies, and whether it has."""

    boundary: str | None = None
    when: Callable[[Session], bool] = lambda _db: True
    chat: int | None = None  # the send that dies ("during" / "after" the send)
    dead: bool = False
    fired: list[str] = field(default_factory=list)

    def die(self, where: str) -> None:
        self.dead = True
        self.fired.append(where)
        raise Died(where)


@pytest.fixture
def fate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Fate]:
    """Install the seams: every one does nothing until its boundary is armed."""
    fate = Fate()
    real_factory = session_factory

    def dying_factory(engine: Engine) -> SessionFactory:
        opened = real_factory(engine)

        def open_db() -> Session:
            if fate.dead:
                raise Died("the process is dead")
            return opened()

        return open_db

    def before_commit(db: Session) -> None:
        if fate.boundary == "before the commit" and not fate.dead and fate.when(db):
            fate.die("before the commit")

    real_take = store.take_to_send

    def take(db: Session, key: str, *args: Any, **kwargs: Any) -> Any:
        if fate.boundary == "after the commit, before the send" and not fate.dead:
            fate.die("after the commit")
        return real_take(db, key, *args, **kwargs)

    real_send = bot.handlers.delivery.send

    async def send(context: Any, message: Any, *args: Any) -> bool:
        mine = fate.chat is None or message.chat_id == fate.chat
        if fate.boundary == "during the send" and mine and not fate.dead:
            fate.die("during the send")  # the request was never answered
        sent = await real_send(context, message, *args)
        if fate.boundary == "after the send, before it is marked sent" and mine and not fate.dead:
            fate.die("after the send")
        return sent

    monkeypatch.setattr(bot.demo, "session_factory", dying_factory)
    monkeypatch.setattr(bot.db.engine, "before_commit", before_commit)
    monkeypatch.setattr(store, "take_to_send", take)
    monkeypatch.setattr(bot.handlers.delivery, "send", send)
    yield fate


@dataclass
class Clinic:
    world: World
    talk: Conversation
    engine: Engine
    clock: ManualClock
    content: Content
    fate: Fate
    app: Any = None

    @asynccontextmanager
    async def process(self) -> AsyncIterator[Any]:
        """One run of the bot; ``fate`` decides where it dies. Yields its tick."""
        async with live_bot(self.world, self.engine, self.clock, self.content) as (_, app):
            self.app = app
            yield build_tick(app)
            self.fate.dead = False  # let PTB stop cleanly; the fault has done its work

    def db(self) -> Session:
        return Session(self.engine)


@pytest.fixture
async def clinic(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content, fate: Fate
) -> Clinic:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    codes = seed_demo_clinic(engine, clock, content)
    c = Clinic(world, Conversation(world), engine, clock, content, fate)
    c.codes = codes  # type: ignore[attr-defined]
    return c


async def _to_reminder_time(c: Clinic) -> BotMessage:
    codes: Any = c.codes  # type: ignore[attr-defined]
    await c.talk.send(LEE, f"/start {codes.staff_code}", "clinician")
    (language,) = await c.talk.send(PAT, f"/start {codes.patient_code}", "patient")
    (consent,) = await c.talk.press(PAT, language, "English", "patient")
    (first,) = await c.talk.press(PAT, consent, "I agree", "patient")
    return await c.talk.answer_all(PAT, first, ["No"] * 7, "patient")


async def _to_pain_question(c: Clinic) -> BotMessage:
    question = await _to_reminder_time(c)
    (enrolled,) = await c.talk.press(PAT, question, "6:00 PM", "patient")
    (usual,) = await c.talk.press(PAT, enrolled, "2", "patient")  # the usual pain, 0-10
    (session,) = await c.talk.press(PAT, usual, "Start today's session", "patient")
    (step,) = await c.talk.press(PAT, session, "Start ▶️", "patient")
    return await finish_exercises(c.talk, step, PAT)


async def _press(c: Clinic, message: BotMessage, label: str) -> None:
    data = next(d for text, d in message.buttons_flat() if text == label)
    await c.world.press_button(PAT, message.message_id, data=data)


async def _until_fired(c: Clinic) -> None:
    """Wait (on an event, with a deadline) for the fault to fire and the update to end."""
    found = await c.world.wait_until(lambda: c.fate.fired or None, 30.0)
    assert found, "the fault never fired"
    await asyncio.wait_for(c.app.update_queue.join(), 30.0)  # the update's handling ended


async def _restart_and_catch_up(c: Clinic, tick: Any) -> None:
    """The next process: what was committed and not sent goes out (the outbox rows after
    their lease, the alert's first-step check), however it was left. The updates stored
    and not handled are replayed at start; they are waited for, so that the test only
    presses again when nothing happened (not while the replayed press is in flight)."""
    await asyncio.wait_for(c.app.update_queue.join(), 30.0)
    c.clock.advance(timedelta(minutes=3))
    await tick()
    await asyncio.wait_for(c.app.update_queue.join(), 30.0)


def _pain(c: Clinic) -> int | None:
    with c.db() as db:
        found = db.exec(select(ExerciseSession)).first()
        return None if found is None else found.pain


def _alerts(c: Clinic) -> int:
    with c.db() as db:
        return len(db.exec(select(Alert)).all())


def _ladder(c: Clinic) -> set[int]:
    """The steps of the one alert's ladder that have a scheduler row."""
    with c.db() as db:
        alert = db.exec(select(Alert)).one()
        rows = db.exec(select(DueWork.key).where(DueWork.kind == alerts.STEP_KIND)).all()
    prefix = f"{alerts.STEP_KIND}:{alert.id}:"
    return {int(key.removeprefix(prefix)) for key in rows if key.startswith(prefix)}


def _unsent(c: Clinic) -> list[DueWork]:
    """Outbox rows still to send, and any that still holds its payload."""
    with c.db() as db:
        return list(
            db.exec(
                select(DueWork).where(
                    DueWork.kind == outbox.KIND,
                    (col(DueWork.status) != WorkStatus.DONE) | col(DueWork.payload).is_not(None),
                )
            )
        )


def _texts(c: Clinic, chat: int, after: int) -> list[str]:
    return [m.text or m.caption or "" for m in c.world.bot_messages(chat) if m.message_id > after]


@pytest.mark.parametrize("boundary", BOUNDARIES)
async def test_a_pain_9_press_is_all_or_nothing_at_every_boundary(
    clinic: Clinic, boundary: str
) -> None:
    c = clinic
    async with c.process():
        pain = await _to_pain_question(c)
    lee_after, pat_after = c.world.last_message_id(LEE), c.world.last_message_id(PAT)

    c.fate.boundary, c.fate.chat = boundary, LEE
    c.fate.when = lambda db: db.exec(select(ExerciseSession.pain)).first() == 9
    async with c.process():
        await _press(c, pain, "9")
        await _until_fired(c)
    # A pain of 9 is never stored without its alert, whatever the boundary.
    assert (_pain(c), _alerts(c)) in ((None, 0), (9, 1))

    c.fate.boundary = None
    async with c.process() as tick:
        await _restart_and_catch_up(c, tick)
        if _pain(c) is None:  # nothing happened: the patient's button still works
            await _press(c, pain, "9")
        await c.world.wait_for_bot_message(LEE, after_message_id=lee_after, timeout=30)
        await c.talk.expect(PAT, pat_after, 1, "patient", match=_asks("How hard"))
    assert (_pain(c), _alerts(c)) == (9, 1)
    assert _ladder(c) == {0, 1}  # the first step's check and the next step, with the alert
    to_lee = [t for t in _texts(c, LEE, lee_after) if "9/10" in t]
    assert len(to_lee) == _once(boundary)  # a send whose answer was lost repeats, once
    assert _unsent(c) == []  # everything went out, and no payload is left behind


@pytest.mark.parametrize("boundary", BOUNDARIES)
async def test_a_warning_sign_is_all_or_nothing_at_every_boundary(
    clinic: Clinic, boundary: str
) -> None:
    c = clinic
    async with c.process():
        await _to_pain_question(c)
    lee_after, pat_after = c.world.last_message_id(LEE), c.world.last_message_id(PAT)

    c.fate.boundary, c.fate.chat = boundary, LEE
    c.fate.when = lambda db: db.exec(select(func.count()).select_from(Alert)).one() > 0
    async with c.process():
        await c.world.send_text(PAT, "I have chest pain and I feel sweaty")
        await _until_fired(c)
    assert _alerts(c) in (0, 1)

    c.fate.boundary = None
    async with c.process() as tick:
        await _restart_and_catch_up(c, tick)
        if _alerts(c) == 0:  # nothing happened: saying it again works
            await c.world.send_text(PAT, "I have chest pain and I feel sweaty")
        await c.world.wait_for_bot_message(LEE, after_message_id=lee_after, timeout=30)
        await c.talk.expect(PAT, pat_after, 1, "patient", match=_asks("911"))
    assert _alerts(c) == 1
    assert _ladder(c) == {0, 1}  # the first step's check, and the next step after its wait
    assert len(_texts(c, LEE, lee_after)) == _once(boundary)  # the EMERGENCY alert
    assert len([t for t in _texts(c, PAT, pat_after) if "911" in t]) == 1
    assert _unsent(c) == []


@pytest.mark.parametrize("boundary", BOUNDARIES)
async def test_enrolment_commits_the_plan_with_enrolled_at_every_boundary(
    clinic: Clinic, boundary: str
) -> None:
    c = clinic
    async with c.process():
        question = await _to_reminder_time(c)
    pat_after = c.world.last_message_id(PAT)

    c.fate.boundary, c.fate.chat = boundary, PAT
    c.fate.when = lambda db: _enrolled(db)
    async with c.process():
        await _press(c, question, "6:00 PM")
        await _until_fired(c)
    with c.db() as db:
        assert _enrolled(db) == _planned(db)  # enrolled with a plan, or neither

    c.fate.boundary = None
    async with c.process() as tick:
        await _restart_and_catch_up(c, tick)
        with c.db() as db:
            enrolled = _enrolled(db)
        if not enrolled:  # nothing happened: the time buttons still work
            await _press(c, question, "6:00 PM")
        await c.talk.expect(PAT, pat_after, 1, "patient", match=_asks("how much pain do you have"))
    with c.db() as db:
        assert _enrolled(db) and _planned(db)
    assert _unsent(c) == []


@pytest.mark.parametrize("boundary", BOUNDARIES)
async def test_a_scheduled_session_is_sent_once_composed_at_every_boundary(
    clinic: Clinic, boundary: str
) -> None:
    c = clinic
    async with c.process():
        question = await _to_reminder_time(c)
        await c.talk.press(PAT, question, "6:00 PM", "patient")
    pat_after = c.world.last_message_id(PAT)
    with c.db() as db:
        due = db.exec(
            select(DueWork.due_at)
            .where(DueWork.subject_id == _patient_id(db), DueWork.kind != outbox.KIND)
            .order_by(col(DueWork.due_at))
        ).first()
    assert due is not None

    c.fate.boundary, c.fate.chat = boundary, PAT
    c.fate.when = lambda db: (
        db.exec(
            select(func.count())
            .select_from(DueWork)
            .where(DueWork.kind == outbox.KIND, DueWork.status == WorkStatus.PENDING)
        ).one()
        > 0
    )
    c.clock.set(due)
    async with c.process() as tick:
        with pytest.raises(Died):
            await tick()  # the tick's handler for the daily row dies at the boundary
    c.fate.boundary = None
    async with c.process() as tick:
        c.clock.advance(timedelta(minutes=3))  # past every lease
        await tick()
        await c.talk.expect(PAT, pat_after, 1, "patient", match=_asks("session"))
    assert len(_texts(c, PAT, pat_after)) == _once(boundary)  # today's session, sent once
    assert _unsent(c) == []


@pytest.mark.parametrize("boundary", BOUNDARIES)
async def test_an_escalation_step_reaches_the_backup_once_at_every_boundary(
    clinic: Clinic, boundary: str
) -> None:
    """Nobody acknowledged the URGENT alert: its ladder's next step (the backup) is decided
    by the tick's handler for the step row, with its message as an outbox row in the same
    commit; the process dies at each boundary, and the restart tells the backup, once."""
    c = clinic
    codes: Any = c.codes  # type: ignore[attr-defined]
    async with c.process() as tick:
        await c.talk.send(ROY, f"/start {codes.backup_code}", "backup")
        pain = await _to_pain_question(c)
        lee_after = c.world.last_message_id(LEE)
        await _press(c, pain, "9")
        await c.world.wait_for_bot_message(LEE, after_message_id=lee_after, timeout=30)
        c.clock.advance(timedelta(minutes=1))
        await tick()  # the first step's check: it went out, nothing to do
    roy_after = c.world.last_message_id(ROY)
    with c.db() as db:
        alert = db.exec(select(Alert)).one()
        step = db.exec(select(DueWork).where(DueWork.key == f"{alerts.STEP_KIND}:{alert.id}:1"))
        c.clock.set(step.one().run_at)

    c.fate.boundary, c.fate.chat = boundary, ROY
    c.fate.when = lambda db: (db.exec(select(Alert.step)).first() or 0) >= 1
    async with c.process() as tick:
        with pytest.raises(Died):
            await tick()  # the tick's handler for the step row dies at the boundary
    with c.db() as db:  # the step and its message: both stored, or neither
        decided = (db.exec(select(Alert.step)).one() or 0) >= 1
        rows = db.exec(select(DueWork).where(col(DueWork.key).startswith("send:alert_step:")))
        assert decided == bool(rows.all())

    c.fate.boundary = None
    async with c.process() as tick:
        c.clock.advance(timedelta(minutes=3))  # past every lease
        await tick()
        await c.world.wait_for_bot_message(ROY, after_message_id=roy_after, timeout=30)
    to_roy = [t for t in _texts(c, ROY, roy_after) if "9/10" in t]
    # Once; twice only when Telegram took the request and its answer was lost.
    assert len(to_roy) == _once(boundary)
    with c.db() as db:
        told = db.exec(
            select(AlertEvent).where(AlertEvent.state == "notified", AlertEvent.step == 1)
        ).all()
        assert len(told) == len(to_roy)
    assert _unsent(c) == []


def _asks(words: str) -> Callable[[BotMessage], bool]:
    def match(message: BotMessage) -> bool:
        text = (message.text or message.caption or "") + " ".join(
            label for label, _ in message.buttons_flat()
        )
        return words in text

    return match


def _patient_id(db: Session) -> int:
    patient = db.exec(select(Patient)).one()
    assert patient.id is not None
    return patient.id


def _enrolled(db: Session) -> bool:
    patient = db.exec(select(Patient)).first()
    return patient is not None and patient.onboarding_step == OnboardingStep.ENROLLED


def _planned(db: Session) -> bool:
    return (
        db.exec(
            select(func.count())
            .select_from(DueWork)
            .where(col(DueWork.kind).in_(schedule.ROUTINE_KINDS))
        ).one()
        > 0
    )
