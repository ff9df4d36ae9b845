"""The ward's clinic in Telegram: the emulator with its people, the seeded clinic, and the
real bot on them with its tick. Conftests import these fixtures (``tests/alerts``,
``tests/faults``) so every test of alerts through Telegram starts from the same place."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from alert_ward import DESK, PAT, ROY, seed_clinic
from sqlalchemy import Engine
from sqlmodel import Session

from bot.clock import ManualClock
from bot.content import Content
from bot.demo import DEMO_TOKEN, live_bot
from bot.jobs import build_tick
from emulator.world import World
from scheduler import Tick


@pytest.fixture
def world(api_schema_path: Path) -> World:
    """The emulator, where the backup, the admin and the patient have started the bot
    (the clinician, dr-lee, is added by each test as it needs)."""
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    for user_id in (ROY, DESK, PAT):
        world.add_user(user_id, started=True)
    return world


@pytest.fixture
def seeded(engine: Engine, clock: ManualClock, content: Content) -> dict[str, int]:
    """The ward's clinic in the database; its staff ids by handle."""
    with Session(engine) as db:
        _, staff = seed_clinic(db, clock, content)
    return staff


@pytest.fixture
async def bot(
    world: World, engine: Engine, clock: ManualClock, content: Content, seeded: dict[str, int]
) -> AsyncIterator[Tick]:
    """The real bot running on the emulator; the tick, to run by hand as the clock moves."""
    async with live_bot(world, engine, clock, content) as (_, application):
        yield build_tick(application)
