"""The bot's calls all go through the one sender, each in its lane; the permanent errors
are one list, read the same way by the alert sends and by every other send."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, CallbackContext

from bot.app import build_application
from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.handlers.delivery import send, send_unprompted
from bot.handlers.unreachable import cannot_reach
from bot.sender import Priority, Sender
from bot.services.outgoing import Message
from emulator.server import EmulatorServer
from emulator.world import World

TOKEN = "123456:lanes"
PAT, NURSE, NOBODY = 4242, 777, 999_999


class LaneLog(Sender):
    """The real sender, noting the lane of each call."""

    def __init__(self) -> None:
        super().__init__()
        self.lanes: list[tuple[str, Priority]] = []

    async def process_request(
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> Any:
        self.lanes.append((endpoint, Priority((rate_limit_args or {}).get("priority", 1))))
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


async def alert(application: Application, message: Message) -> bool:  # type: ignore[type-arg]
    """An alert's message, sent as a ladder step's rows are (``bot.jobs``: ``post_alert``):
    ``delivery.send`` in the alert lane; ``False`` when its person cannot be reached."""
    return await send(CallbackContext(application), message, Priority.ALERT)


@pytest.fixture
async def bot_and_lanes(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> AsyncIterator[tuple[World, Application, LaneLog]]:  # type: ignore[type-arg]
    world = World(token=TOKEN, schema_path=api_schema_path)
    world.add_user(PAT, started=True)
    world.add_user(NURSE, "Sam", started=True)
    lanes = LaneLog()
    async with EmulatorServer(world) as emulator:
        application = build_application(
            token=TOKEN,
            api_base_url=emulator.base_url,
            open_db=session_factory(engine),
            clock=clock,
            content=content,
            sender=lanes,
        )
        async with application:
            assert application.bot.rate_limiter is lanes
            lanes.lanes.clear()  # getMe, at start
            yield world, application, lanes


async def test_an_alert_to_a_clinician_goes_in_the_alert_lane(
    bot_and_lanes: tuple[World, Application, LaneLog],  # type: ignore[type-arg]
) -> None:
    world, application, lanes = bot_and_lanes
    assert await alert(application, Message(NURSE, "Alert: pain 8"))
    assert lanes.lanes == [("sendMessage", Priority.ALERT)]
    assert world.bot_messages(NURSE)[0].text == "Alert: pain 8"


async def test_a_scheduled_reminder_goes_in_the_scheduled_lane(
    bot_and_lanes: tuple[World, Application, LaneLog],  # type: ignore[type-arg]
) -> None:
    _world, application, lanes = bot_and_lanes
    await send_unprompted(application, [Message(PAT, "Time for your exercises")])
    assert lanes.lanes == [("sendMessage", Priority.SCHEDULED)]


async def test_a_chat_that_does_not_exist_is_unreachable_for_alerts_and_reminders_alike(
    bot_and_lanes: tuple[World, Application, LaneLog],  # type: ignore[type-arg]
) -> None:
    _world, application, _ = bot_and_lanes
    assert await alert(application, Message(NOBODY, "Alert")) is False
    await send_unprompted(application, [Message(NOBODY, "Reminder")])  # no retry: no raise


async def test_a_chat_that_blocked_the_bot_is_unreachable_for_alerts_and_reminders_alike(
    bot_and_lanes: tuple[World, Application, LaneLog],  # type: ignore[type-arg]
) -> None:
    world, application, _ = bot_and_lanes
    world.inject_fault("sendMessage", "403", count=2)
    assert await alert(application, Message(NURSE, "Alert")) is False
    await send_unprompted(application, [Message(PAT, "Reminder")])


async def test_a_passing_failure_is_raised_so_the_scheduler_tries_again(
    bot_and_lanes: tuple[World, Application, LaneLog],  # type: ignore[type-arg]
) -> None:
    world, application, _ = bot_and_lanes
    world.inject_fault("sendMessage", "500", count=2)
    with pytest.raises(NetworkError):
        await alert(application, Message(NURSE, "Alert"))
    with pytest.raises(NetworkError):
        await send_unprompted(application, [Message(PAT, "Reminder")])


@pytest.mark.parametrize(
    ("error", "final"),
    [
        (Forbidden("Forbidden: bot was blocked by the user"), True),
        (Forbidden("Forbidden: user is deactivated"), True),
        (Forbidden("Forbidden: bot can't initiate conversation with a user"), True),
        (BadRequest("Bad Request: chat not found"), True),
        (BadRequest("Bad Request: PEER_ID_INVALID"), True),
        (BadRequest("Bad Request: message is too long"), False),
        (NetworkError("Internal Server Error"), False),
        (RetryAfter(timedelta(seconds=3)), False),
    ],
)
def test_only_the_errors_that_no_retry_can_fix_count_as_unreachable(
    error: Exception, final: bool
) -> None:
    assert cannot_reach(error) is final  # type: ignore[arg-type]
