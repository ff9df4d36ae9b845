"""End to end: a patient's week through the real Application and the emulator, driven by the clock.

Nothing here waits on real time: the test moves the clock and runs the same tick the
APScheduler job runs; the patient's presses go through the emulator to the real handlers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from scheduling_world import Scheduling
from sqlmodel import select
from test_patient_schedule import MONDAY_6PM, finish_today

from bot import jobs
from bot.db.models import MorningCheck
from bot.demo import DEMO_TOKEN, live_bot
from bot.services.feedback import checkins
from emulator.records import BotMessage
from emulator.world import World

PAT = 2001


@pytest.fixture
async def live(s: Scheduling, api_schema_path: Path) -> AsyncIterator[World]:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    world.add_user(PAT, "Pat", started=True)
    async with live_bot(world, s.engine, s.clock, s.content) as (_server, application):
        s.tick = jobs.build_tick(application)  # sends through the real bot
        yield world


def starting(world: World, prefix: str) -> list[BotMessage]:
    return [m for m in world.bot_messages(PAT) if (m.text or "").startswith(prefix)]


async def press(world: World, message: BotMessage, label: str) -> str | None:
    data = next(d for text, d in message.buttons_flat() if text == label)
    query = await world.press_button(PAT, message.message_id, data=data)
    return (await world.wait_for_callback_answer(query)).text


async def test_a_patients_week_of_reminders_through_the_emulator(
    s: Scheduling, live: World
) -> None:
    patient_id = s.enrol(days="01234")

    # Monday 18:00: the session arrives with snooze buttons; the patient snoozes it.
    await s.run_until(MONDAY_6PM)
    (reminder,) = starting(live, "Time for today's exercises")
    before = live.version
    assert await press(live, reminder, "In 30 min") == "OK! I'll remind you at 6:30 PM."
    # One message: the snoozes leave it, the session's own buttons stay.
    kept = await live.wait_for_edit(PAT, reminder.message_id, since_version=before)
    assert next(text for text, _ in kept.buttons_flat()) == "Start ▶️"
    assert not [data for _, data in kept.buttons_flat() if data.startswith("snz:")]
    await s.run_until(MONDAY_6PM + timedelta(minutes=30))
    (snoozed,) = starting(live, "Here is the reminder you asked for")
    assert next(text for text, _ in snoozed.buttons_flat()) == "Start today's session"

    # They do the session; so no follow-up comes at 21:00.
    finish_today(s, patient_id)
    await s.run_until(MONDAY_6PM + timedelta(hours=4))
    assert starting(live, "A gentle nudge") == []

    # Tuesday 09:00: has the pain settled? They answer "A bit".
    await s.run_until(MONDAY_6PM + timedelta(hours=15))
    (morning,) = starting(live, "Good morning!")
    assert await press(live, morning, "A bit") == "Saved ✓"
    await live.wait_for_bot_message(PAT, after_message_id=morning.message_id)
    with s.db() as db:
        assert db.exec(select(MorningCheck)).one().settled == "bit"

    # Through to the next Monday: one session a weekday, a nudge each day nothing was done.
    await s.run_until(MONDAY_6PM + timedelta(days=7, minutes=1))
    assert len(starting(live, "Time for today's exercises")) == 6
    assert len(starting(live, "A gentle nudge")) == 4  # Tuesday to Friday

    # The weekly check-in: pain, then the patient's own activities, then their scores.
    (checkin,) = starting(live, "Weekly check-in")
    after = live.last_message_id(PAT)
    assert await press(live, checkin, "4") == "Saved ✓"
    ask = await live.wait_for_bot_message(PAT, after_message_id=after)
    for activity in ("climbing stairs", "gardening", "walking the dog"):
        after = live.last_message_id(PAT)
        await live.send_text(PAT, activity)
        ask = await live.wait_for_bot_message(PAT, after_message_id=after)
    for score in ("3", "6", "8"):
        after = live.last_message_id(PAT)
        assert await press(live, ask, score) == "Saved ✓"
        ask = await live.wait_for_bot_message(PAT, after_message_id=after)
    assert (ask.text or "").startswith("Thank you! Your check-in is saved")
    with s.db() as db:
        (week,) = checkins.trend(db, patient_id)
    assert (week.pain, week.psfs_average) == (4, 5.7)
