"""403 for each tier: a clinician who blocked the bot (or never started it) is skipped at
once. The next person is told without waiting, every admin is told who could not be
reached, and an ``unreachable`` event names them (docs/alerts.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alert_ward import DESK, LEE, PAT, ROY
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.clock import ManualClock
from bot.db.models import Alert, AlertEvent
from bot.demo import Conversation
from emulator.world import World
from scheduler import Tick

SIGNS = {
    "URGENT": "Swollen, painful calf",  # the short checklist buttons (each sign in full above)
    "EMERGENCY": "Chest pain",
}


def _label(message, starts: str) -> str:  # type: ignore[no-untyped-def]
    return next(text for text, _ in message.buttons_flat() if text.startswith(starts))


@pytest.mark.parametrize("tier", ["URGENT", "EMERGENCY"])
async def test_a_clinician_who_blocked_the_bot_is_skipped_at_once_and_the_admins_are_told(
    tier: str,
    world: World,
    engine: Engine,
    clock: ManualClock,
    seeded: dict[str, int],
    bot: Tick,
) -> None:
    world.add_user(LEE)  # dr-lee never started the bot: every message to them is a 403
    talk = Conversation(world)
    (checklist,) = await talk.send(PAT, "/warning", "patient")
    roy_after, desk_after = world.last_message_id(ROY), world.last_message_id(DESK)
    await talk.press(PAT, checklist, _label(checklist, SIGNS[tier]), "patient", replies=2)
    clock.advance(timedelta(seconds=1))
    await bot()  # the very next tick: nobody waits for the 60-second re-send check

    (to_roy,) = await talk.expect(ROY, roy_after, 1, "backup")
    assert tier in (to_roy.text or "")
    notices = [m.text or "" for m in world.bot_messages(DESK) if m.message_id > desk_after]
    assert any("dr-lee" in text for text in notices), notices
    with Session(engine) as db:
        alert = db.exec(select(Alert)).one()
        trail = db.exec(
            select(AlertEvent).where(AlertEvent.alert_id == alert.id).order_by(col(AlertEvent.id))
        ).all()
    unreachable = [e for e in trail if e.state == "unreachable"]
    assert [e.target_staff_id for e in unreachable] == [seeded["dr-lee"]]
    print(f"403 {tier}: backup told, {len(notices)} admin notice(s), {len(unreachable)} event(s)")
