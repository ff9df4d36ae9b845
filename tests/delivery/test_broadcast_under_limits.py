"""The bot's sender against an emulator with Telegram's limits and latency: a broadcast
near the limit with no 429, and an alert that does not wait behind it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Literal

import pytest
from sqlalchemy import Engine
from telegram.ext import CallbackContext

from bot.app import build_application
from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.handlers.delivery import send, send_unprompted
from bot.sender import Priority, Sender
from bot.services.outgoing import Message
from emulator.limits import Limits
from emulator.server import EmulatorServer
from emulator.world import World

TOKEN = "123456:limits"
NURSE = 1
PATIENTS = 90


@pytest.mark.parametrize("model", ["window", "bucket"])
async def test_a_broadcast_runs_near_the_limit_without_429_and_an_alert_jumps_the_queue(
    model: Literal["window", "bucket"],
    api_schema_path: Path,
    engine: Engine,
    clock: ManualClock,
    content: Content,
) -> None:
    limits = Limits(model=model, latency=(0.04, 0.08), seed=11)
    world = World(token=TOKEN, schema_path=api_schema_path, limits=limits)
    for user in range(1, PATIENTS + 2):
        world.add_user(user, started=True)
    async with EmulatorServer(world) as emulator:
        application = build_application(
            token=TOKEN,
            api_base_url=emulator.base_url,
            open_db=session_factory(engine),
            clock=clock,
            content=content,
            sender=Sender(),  # Telegram's limits, as `companion run` has them
        )
        async with application:
            gate = asyncio.Semaphore(16)  # as the tick sends

            async def remind(chat: int) -> None:
                async with gate:
                    await send_unprompted(application, [Message(chat, "Time for exercises")])

            broadcast = asyncio.gather(*(remind(chat) for chat in range(2, PATIENTS + 2)))
            await world.wait_until(lambda: len(limits.accepted) >= 30 or None, 10)
            assert await send(
                CallbackContext(application), Message(NURSE, "Alert: pain 8"), Priority.ALERT
            )
            ahead_of_the_alert = len(limits.accepted) - 1
            await broadcast
    accepted = limits.accepted
    rate = (len(accepted) - 1) / (accepted[-1] - accepted[0])
    assert limits.refused == 0
    assert rate >= 0.9 * limits.per_second, rate  # the benchmark's longer run: 96-97%
    # The alert took the next slot, not the end of the queue (its wait is timed in
    # bench.alert_during_broadcast, not here: no timed assertions in tests).
    assert ahead_of_the_alert < PATIENTS - 16, ahead_of_the_alert
