"""The top of the ladder repeats (by design) until someone acknowledges: a repeat says it is a
reminder to someone already told, never that the alert "now comes to you too". Through the real
bot on the emulator with its tick, in English and French."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alert_ward import DESK, LEE, PAT, ROY
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.db.models import Staff
from bot.demo import Conversation
from emulator.world import World
from scheduler import Tick

DVT_BUTTON = "Swollen, painful calf"
WORDS = {
    "en": ("now comes to you too", "A reminder: you were told of it before"),
    "fr": ("elle vous arrive donc à vous aussi", "Un rappel : vous en avez déjà été avisé·e"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_the_admin_is_reminded_not_escalated_to_again(
    world: World, engine: Engine, clock: ManualClock, seeded: dict[str, int], bot: Tick, lang: str
) -> None:
    with Session(engine) as db:
        desk = db.exec(select(Staff).where(Staff.handle == "front-desk")).one()
        desk.language = lang
        db.add(desk)
        db.commit()
    world.add_user(LEE, started=True)
    talk = Conversation(world)
    (checklist,) = await talk.send(PAT, "/warning", "patient")
    await talk.press(PAT, checklist, DVT_BUTTON, "patient", replies=2)
    roy_after, desk_after = world.last_message_id(ROY), world.last_message_id(DESK)
    clock.advance(timedelta(minutes=15))
    await bot()
    await talk.expect(ROY, roy_after, 1, "backup")
    clock.advance(timedelta(minutes=15))
    await bot()
    (first,) = await talk.expect(DESK, desk_after, 1, "admin")
    escalated, reminder = WORDS[lang]
    assert escalated in (first.text or "")  # the first time, it is new to the admin

    for _ in range(2):  # each repeat of the top step
        desk_after = world.last_message_id(DESK)
        for _minute in range(12):  # the ladder's own wait, whatever it is, up to an hour
            clock.advance(timedelta(minutes=5))
            await bot()
            if world.last_message_id(DESK) != desk_after:
                break
        (again,) = await talk.expect(DESK, desk_after, 1, "admin")
        assert reminder in (again.text or "")
        assert escalated not in (again.text or "")
