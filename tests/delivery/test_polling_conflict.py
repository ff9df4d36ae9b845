"""Two instances long-polling one bot: each says clearly that several need --webhook."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import Engine
from telegram import Update
from telegram.error import Conflict, TelegramError
from telegram.ext import Application

from bot.app import build_application
from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.handlers.errors import ANOTHER_POLLER, WEBHOOK_SET, conflict_explained
from emulator.server import EmulatorServer
from emulator.world import World

TOKEN = "123456:two-pollers"


class Seen(logging.Handler):
    """Wakes the test when a log line containing ``needle`` is written."""

    def __init__(self, needle: str) -> None:
        super().__init__(level=logging.ERROR)
        self.needle = needle
        self.lines: list[str] = []
        self.found = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        line = record.getMessage()
        self.lines.append(line)
        if self.needle in line:
            self.found.set()


@asynccontextmanager
async def polling(application: Application) -> AsyncIterator[None]:  # type: ignore[type-arg]
    """Poll as ``run_polling`` does: polling errors go to the application's error handlers."""

    def error_callback(error: TelegramError) -> None:
        application.create_task(application.process_error(update=None, error=error))

    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(
            timeout=2, allowed_updates=[Update.MESSAGE], error_callback=error_callback
        )
        try:
            yield
        finally:
            await application.updater.stop()
            await application.stop()


async def test_a_second_polling_instance_is_told_that_several_instances_need_webhook(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> None:
    seen = Seen("companion run --webhook")
    logging.getLogger("bot.handlers.errors").addHandler(seen)
    world = World(token=TOKEN, schema_path=api_schema_path)
    try:
        async with EmulatorServer(world) as emulator:
            first, second = (
                build_application(
                    token=TOKEN,
                    api_base_url=emulator.base_url,
                    open_db=session_factory(engine),
                    clock=clock,
                    content=content,
                )
                for _ in range(2)
            )
            async with polling(first), polling(second):
                await asyncio.wait_for(seen.found.wait(), 20)
    finally:
        logging.getLogger("bot.handlers.errors").removeHandler(seen)
    assert ANOTHER_POLLER in seen.lines
    assert all("Traceback" not in line for line in seen.lines)


def test_a_poll_refused_because_a_webhook_is_set_says_so() -> None:
    error = Conflict(
        "Conflict: can't use getUpdates method while webhook is active; "
        "use deleteWebhook to delete the webhook first"
    )
    assert conflict_explained(error) == WEBHOOK_SET
    assert conflict_explained(Conflict("terminated by other getUpdates request")) == ANOTHER_POLLER
