"""The first messages of an alert, sent with the patient's reply, when one of them fails.

A person who cannot be reached for good (403) is recorded as unreachable and the admins are
told at once, for every tier; a send that failed for a moment (a 500) is retried for that
person, even when the other person of the same step got theirs.
"""

from __future__ import annotations

from datetime import timedelta

from alert_ward import DESK, LEE, PAT, ROY
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.db.models import Alert, AlertEvent, AuditEvent
from bot.demo import Conversation
from emulator.world import World
from scheduler import DueWork, Tick

CHEST_PAIN = "I have chest pain and I feel sweaty"  # EMERGENCY: clinician and backup at once


async def test_an_emergency_whose_clinician_blocked_the_bot_tells_the_admins_at_once(
    world: World, engine: Engine, bot: Tick, seeded: dict[str, int]
) -> None:
    world.add_user(LEE)  # dr-lee never started the bot: every message to them is a 403
    talk = Conversation(world)
    roy_after, desk_after = world.last_message_id(ROY), world.last_message_id(DESK)
    await talk.send(PAT, CHEST_PAIN, "patient", replies=2)
    (to_roy,) = await talk.expect(ROY, roy_after, 1, "backup")
    (notice,) = await talk.expect(DESK, desk_after, 1, "admin")  # no tick needed
    assert "EMERGENCY" in (to_roy.text or "")
    assert "dr-lee" in (notice.text or "") and "could not reach" in (notice.text or "")
    with Session(engine) as db:
        alert = db.exec(select(Alert)).one()
        events = db.exec(select(AlertEvent).where(AlertEvent.alert_id == alert.id)).all()
        audited = db.exec(select(AuditEvent).where(AuditEvent.action == "alert.unreachable"))
        assert [(e.step, e.target_staff_id) for e in events if e.state == "unreachable"] == [
            (0, seeded["dr-lee"])
        ]
        assert [a.staff_id for a in audited] == [seeded["dr-lee"]]


async def test_the_admins_are_told_once_when_the_ladder_later_skips_the_blocked_clinician(
    world: World, clock: ManualClock, bot: Tick
) -> None:
    world.add_user(LEE)
    talk = Conversation(world)
    desk_after = world.last_message_id(DESK)
    await talk.send(PAT, CHEST_PAIN, "patient", replies=2)
    await talk.expect(DESK, desk_after, 1, "admin")
    clock.advance(timedelta(minutes=2))
    await bot()  # the first step's check: dr-lee is known unreachable, nobody is told twice
    assert len([m for m in world.bot_messages(DESK) if "could not reach" in (m.text or "")]) == 1


async def test_a_first_send_that_failed_for_a_moment_is_retried_though_the_backup_got_it(
    world: World, clock: ManualClock, bot: Tick
) -> None:
    world.add_user(LEE, started=True)
    world.inject_fault("sendMessage", "500")  # the first send of the reply: dr-lee's alert
    talk = Conversation(world)
    lee_after, roy_after = world.last_message_id(LEE), world.last_message_id(ROY)
    await talk.send(PAT, CHEST_PAIN, "patient", replies=2)
    await talk.expect(ROY, roy_after, 1, "backup")
    assert world.last_message_id(LEE) == lee_after  # not yet: the 500
    clock.advance(timedelta(seconds=30))
    await bot()  # the outbox row of dr-lee's message, retried
    (to_lee,) = await talk.expect(LEE, lee_after, 1, "clinician")
    assert "EMERGENCY" in (to_lee.text or "")


async def test_a_reply_to_the_patient_that_failed_is_sent_by_the_next_tick_not_dropped(
    world: World, clock: ManualClock, bot: Tick, engine: Engine
) -> None:
    world.inject_fault("sendMessage", "500")  # the checklist's send fails once
    talk = Conversation(world)
    pat_after = world.last_message_id(PAT)
    await world.send_text(PAT, "/warning")
    await world.wait_until(lambda: _waiting_to_retry(engine) or None, 10)
    assert world.bot_messages(PAT) == []  # nothing yet: the send failed
    clock.advance(timedelta(seconds=30))
    await bot()  # the reply's outbox row, retried
    (checklist,) = await talk.expect(PAT, pat_after, 1, "patient")
    assert "911" in (checklist.text or "")


def _waiting_to_retry(engine: Engine) -> bool:
    with Session(engine) as db:
        row = db.exec(select(DueWork).where(DueWork.kind == "send")).first()
        return row is not None and row.status == "pending" and row.last_error is not None


async def test_the_first_steps_check_tells_nobody_twice_while_their_first_message_is_retried(
    world: World, clock: ManualClock, bot: Tick
) -> None:
    world.add_user(LEE, started=True)
    talk = Conversation(world)
    lee_after = world.last_message_id(LEE)
    (checklist,) = await talk.send(PAT, "/warning", "patient")
    data = next(d for text, d in checklist.buttons_flat() if text == "Swollen, painful calf")
    world.inject_fault("sendMessage", "500")  # dr-lee's URGENT alert, sent first
    await world.press_button(PAT, checklist.message_id, data=data)
    await talk.expect(PAT, checklist.message_id, 2, "patient")  # the advice, and "told"
    world.inject_fault("sendMessage", "500", count=2)  # still failing at the first check
    clock.advance(timedelta(seconds=61))
    await bot()  # the outbox retries the alert; the first step's check must not add one
    for _ in range(4):  # the retries' backoff, before the backup's step at 15 minutes
        clock.advance(timedelta(minutes=3))
        await bot()
    to_lee = [m for m in world.bot_messages(LEE) if m.message_id > lee_after]
    assert len([m for m in to_lee if "URGENT" in (m.text or "")]) == 1
