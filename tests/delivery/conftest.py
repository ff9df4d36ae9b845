"""The real bot in webhook mode: the emulator POSTs updates to it over loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from webhook_helpers import PATH, SECRET, TOKEN, Hooked

from bot.app import build_application
from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.webhook import Health, WebhookReceiver, register, running
from emulator.server import EmulatorServer, LoopbackServer
from emulator.world import World


@pytest.fixture
async def hooked(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> AsyncIterator[Hooked]:
    world = World(token=TOKEN, schema_path=api_schema_path)
    open_db = session_factory(engine)
    async with EmulatorServer(world) as emulator:
        application = build_application(
            token=TOKEN,
            api_base_url=emulator.base_url,
            open_db=open_db,
            clock=clock,
            content=content,
        )
        async with running(application):
            receiver = WebhookReceiver(
                application,
                path=PATH,
                secret_token=SECRET,
                open_db=open_db,
                health=Health(open_db=open_db, clock=clock, worker=None),
            )
            async with (
                LoopbackServer(receiver.app) as server,
                httpx.AsyncClient(timeout=10.0) as http,
            ):
                url = f"{server.base_url}{PATH}"
                await register(application, url, SECRET)
                try:
                    yield Hooked(world, receiver, url, server.base_url, http, engine, clock)
                finally:
                    await receiver.drain()
