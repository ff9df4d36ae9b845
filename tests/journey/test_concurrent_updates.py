"""Updates are handled side by side, one at a time per chat, and each marked handled only
once its own handlers are done (polling mode, the real bot on the emulator)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import ReceivedUpdate
from bot.demo import (
    CLINICIAN_USER_ID,
    DEMO_TOKEN,
    PATIENT_USER_ID,
    Conversation,
    finish_exercises,
    live_bot,
    seed_demo_clinic,
)
from bot.update_order import OnePerChat
from emulator.world import World

from journey_steps import enrol_patient, link_clinician  # isort: skip

OTHER_PATIENT = 3001
WITHIN = 10.0


class Gate:
    """Runs before every handler: records who is being handled, and holds chats on hold."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.held: dict[int, asyncio.Event] = {}
        self.inside: set[int] = set()
        self.entered: list[tuple[int, int]] = []  # (chat, update_id), in the order entered
        self.most_inside = 0

    def hold(self, chat: int) -> None:
        self.held[chat] = asyncio.Event()

    def release(self, chat: int) -> None:
        self.held.pop(chat).set()

    async def __call__(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        chat = update.effective_chat.id
        self.entered.append((chat, update.update_id))
        self.inside.add(chat)
        self.most_inside = max(self.most_inside, len(self.inside))
        self.world.notify()
        try:
            if chat in self.held:
                await self.held[chat].wait()
        finally:
            self.inside.discard(chat)
            self.world.notify()

    async def until(self, what: str, found: Any) -> None:
        if await self.world.wait_until(lambda: True if found() else None, WITHIN) is None:
            raise TimeoutError(f"waited {WITHIN}s for {what}; entered: {self.entered}")


@asynccontextmanager
async def gated_bot(
    world: World, engine: Engine, clock: ManualClock, content: Content
) -> AsyncIterator[Gate]:
    async with live_bot(world, engine, clock, content) as (_server, application):
        assert isinstance(application.update_processor, OnePerChat)
        gate = Gate(world)
        application.add_handler(TypeHandler(Update, gate), group=-1)
        try:
            yield gate
        finally:
            for event in gate.held.values():  # never leave an update waiting at the end
                event.set()


def rows(engine: Engine) -> dict[int, ReceivedUpdate]:
    with Session(engine) as db:
        return {row.update_id: row for row in db.exec(select(ReceivedUpdate)).all()}


async def marked(engine: Engine, count: int) -> dict[int, ReceivedUpdate]:
    """The stored updates, once ``count`` of them are marked handled (within a deadline).

    The marking is a database write the emulator does not see, so this looks again
    every 20 ms rather than waiting on the emulator."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WITHIN
    while True:
        found = rows(engine)
        done = sum(row.handled_at is not None for row in found.values())
        if done == count:
            return found
        if loop.time() > deadline:
            raise TimeoutError(f"{done} updates marked handled, not {count}")
        await asyncio.sleep(0.02)


def entered_by(gate: Gate, chat: int) -> list[int]:
    return [update_id for who, update_id in gate.entered if who == chat]


async def test_two_updates_from_one_patient_are_handled_one_after_the_other(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> None:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    seed_demo_clinic(engine, clock, content)
    async with gated_bot(world, engine, clock, content) as gate:
        gate.hold(PATIENT_USER_ID)
        await world.send_text(PATIENT_USER_ID, "/help")
        await world.send_text(PATIENT_USER_ID, "/help")
        await gate.until("the first update", lambda: entered_by(gate, PATIENT_USER_ID))
        # Another chat's update, sent after both, is handled through: so the patient's
        # second update was fetched and dispatched, and it waits for the first.
        await world.send_text(OTHER_PATIENT, "/help")
        await world.wait_for_bot_message(OTHER_PATIENT, after_message_id=0)
        (first,) = entered_by(gate, PATIENT_USER_ID)
        (other,) = entered_by(gate, OTHER_PATIENT)
        waiting = {i: row for i, row in (await marked(engine, 1)).items() if not row.handled_at}
        # The patient's two updates wait, stored with their payloads; the other's is done.
        assert other not in waiting and first in waiting and len(waiting) == 2
        assert all(row.payload is not None for row in waiting.values())
        (second,) = [i for i in waiting if i != first]

        gate.release(PATIENT_USER_ID)
        await gate.until("the second update", lambda: len(entered_by(gate, PATIENT_USER_ID)) == 2)
        assert entered_by(gate, PATIENT_USER_ID) == [first, second]
        done = await marked(engine, 3)
    assert all(row.payload is None for row in done.values())
    assert len(world.bot_messages(PATIENT_USER_ID)) == 2


async def test_updates_from_two_patients_are_handled_at_the_same_time(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> None:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    seed_demo_clinic(engine, clock, content)
    async with gated_bot(world, engine, clock, content) as gate:
        gate.hold(PATIENT_USER_ID)
        gate.hold(OTHER_PATIENT)
        await world.send_text(PATIENT_USER_ID, "/help")
        await world.send_text(OTHER_PATIENT, "/help")
        await gate.until("both patients inside", lambda: len(gate.inside) == 2)
        assert all(row.handled_at is None for row in rows(engine).values())
        gate.release(OTHER_PATIENT)  # the later one finishes first, and is marked first
        await world.wait_for_bot_message(OTHER_PATIENT, after_message_id=0)
        await gate.until("the second patient done", lambda: gate.inside == {PATIENT_USER_ID})
        (later,) = entered_by(gate, OTHER_PATIENT)
        (earlier,) = entered_by(gate, PATIENT_USER_ID)
        first_done = await marked(engine, 1)
        assert first_done[later].handled_at is not None and first_done[earlier].handled_at is None
        gate.release(PATIENT_USER_ID)
        await world.wait_for_bot_message(PATIENT_USER_ID, after_message_id=0)
    assert gate.most_inside == 2


async def test_a_clinicians_press_on_an_alert_is_not_held_up_by_a_slow_patient(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> None:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    codes = seed_demo_clinic(engine, clock, content)
    talk = Conversation(world)

    class Live:  # what the journey steps need
        pass

    live = Live()
    live.world, live.talk, live.codes = world, talk, codes  # type: ignore[attr-defined]
    async with gated_bot(world, engine, clock, content) as gate:
        await link_clinician(live)
        session = await enrol_patient(live)
        (step,) = await talk.press(PATIENT_USER_ID, session, "Start ▶️", "patient")
        pain = await finish_exercises(talk, step, PATIENT_USER_ID)
        nurse_before = world.last_message_id(CLINICIAN_USER_ID)
        nine = next(data for label, data in pain.buttons_flat() if label == "9")
        await world.press_button(PATIENT_USER_ID, pain.message_id, data=nine)
        alert = await world.wait_for_bot_message(
            CLINICIAN_USER_ID, after_message_id=nurse_before, predicate=lambda m: bool(m.buttons)
        )

        gate.hold(OTHER_PATIENT)  # another patient's update is slow to handle
        await world.send_text(OTHER_PATIENT, "/help")
        await gate.until("the slow update", lambda: OTHER_PATIENT in gate.inside)
        acknowledge = next(d for label, d in alert.buttons_flat() if label == "Acknowledge")
        query = await world.press_button(CLINICIAN_USER_ID, alert.message_id, data=acknowledge)
        answer = await world.wait_for_callback_answer(query)
        assert OTHER_PATIENT in gate.inside  # still held while the alert press was answered
        assert answer.text == "Acknowledged. The patient has been told."
        gate.release(OTHER_PATIENT)
        await world.wait_for_bot_message(OTHER_PATIENT, after_message_id=0)
