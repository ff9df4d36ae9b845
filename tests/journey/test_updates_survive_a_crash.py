"""An update is stored before Telegram is told it arrived, so a crash never loses a press."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select
from telegram import Update

from bot.app import build_application
from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.db.models import Alert, ExerciseSession, ReceivedUpdate
from bot.demo import (
    DEMO_TOKEN,
    PATIENT_USER_ID,
    Conversation,
    finish_exercises,
    live_bot,
    seed_demo_clinic,
)
from emulator.server import EmulatorServer
from emulator.world import World

from journey_steps import enrol_patient, link_clinician  # isort: skip


async def test_a_pain_press_fetched_before_a_crash_is_handled_after_the_restart(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> None:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    codes = seed_demo_clinic(engine, clock, content)
    talk = Conversation(world)

    class Live:  # what the journey steps need
        pass

    live = Live()
    live.world, live.talk, live.codes = world, talk, codes  # type: ignore[attr-defined]
    async with live_bot(world, engine, clock, content):
        await link_clinician(live)
        session = await enrol_patient(live)
        (step,) = await talk.press(PATIENT_USER_ID, session, "Start ▶️", "patient")
        pain = await finish_exercises(talk, step, PATIENT_USER_ID)

    # A bot that fetches updates but dies before handling them: polling confirms the
    # batch with its next getUpdates, so Telegram would never send the press again.
    async with EmulatorServer(world) as server:
        crashing = build_application(
            token=DEMO_TOKEN,
            api_base_url=server.base_url,
            open_db=session_factory(engine),
            clock=clock,
            content=content,
        )
        await crashing.initialize()
        assert crashing.updater is not None
        await crashing.updater.start_polling(poll_interval=0.0, timeout=1)
        data = next(d for label, d in pain.buttons_flat() if label == "9")
        await world.press_button(PATIENT_USER_ID, pain.message_id, data=data)
        await world.wait_for_confirmed_updates()  # the press left Telegram for good
        await crashing.updater.stop()  # the process dies here: nothing handled it
        await crashing.shutdown()
    assert _pain(engine) is None

    nurse_after = world.last_message_id(1001)
    async with live_bot(world, engine, clock, content):
        alert = await world.wait_for_bot_message(1001, after_message_id=nurse_after)
    assert _pain(engine) == 9
    assert "P-" in (alert.text or "")
    with Session(engine) as db:
        assert len(db.exec(select(Alert)).all()) == 1
        stored = db.exec(select(ReceivedUpdate)).all()
    assert stored and all(r.handled_at is not None and r.payload is None for r in stored)


async def test_an_update_delivered_twice_is_handled_once(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> None:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    seed_demo_clinic(engine, clock, content)
    async with live_bot(world, engine, clock, content) as (_server, application):
        await world.send_text(PATIENT_USER_ID, "/help")
        first = await world.wait_for_bot_message(PATIENT_USER_ID, after_message_id=0)
        with Session(engine) as db:
            (row,) = db.exec(select(ReceivedUpdate)).all()
        again = Update.de_json({"update_id": row.update_id, "message": None}, application.bot)
        assert again is not None
        await application.update_queue.put(again)
        await application.update_queue.join()
    assert world.last_message_id(PATIENT_USER_ID) == first.message_id


def _pain(engine: Engine) -> int | None:
    with Session(engine) as db:
        found = db.exec(select(ExerciseSession)).first()
        return None if found is None else found.pain
