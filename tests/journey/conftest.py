"""The real bot on the local emulator, with every request validated against the Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.content import Content
from bot.demo import DEMO_TOKEN, Conversation, DemoClinic, live_bot, seed_demo_clinic
from emulator.world import World


@dataclass
class Live:
    """Everything a journey test touches: the emulator's people, the database, the clock."""

    world: World
    talk: Conversation
    codes: DemoClinic
    engine: Engine
    clock: ManualClock
    application: Any = None  # the real PTB Application (its bot_data, for a test's sleep)


@pytest.fixture
async def live(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> AsyncIterator[Live]:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    codes = seed_demo_clinic(engine, clock, content)
    async with live_bot(world, engine, clock, content) as (_, application):
        yield Live(world, Conversation(world), codes, engine, clock, application)
