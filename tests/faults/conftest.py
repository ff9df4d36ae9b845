"""Fault probes: the real bot on the emulator with Telegram failing in the ways it does.

The people are those of the alert tests (``tests/alerts/alert_ward.py``): dr-lee the
clinician, dr-roy the backup, front-desk the admin and one patient."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "alerts"))
sys.path.insert(0, str(ROOT))  # the bench package: its population of due patients

from alert_ward import DESK, PAT, ROY, seed_clinic  # noqa: E402

from bot.clock import ManualClock  # noqa: E402
from bot.content import Content  # noqa: E402
from bot.demo import DEMO_TOKEN, live_bot  # noqa: E402
from bot.jobs import build_tick  # noqa: E402
from emulator.world import World  # noqa: E402
from scheduler import Tick  # noqa: E402


@pytest.fixture
def world(api_schema_path: Path) -> World:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    for user_id in (ROY, DESK, PAT):
        world.add_user(user_id, started=True)
    return world


@pytest.fixture
def seeded(engine: Engine, clock: ManualClock, content: Content) -> dict[str, int]:
    with Session(engine) as db:
        _, staff = seed_clinic(db, clock, content)
    return staff


@pytest.fixture
async def bot(
    world: World, engine: Engine, clock: ManualClock, content: Content, seeded: dict[str, int]
) -> AsyncIterator[Tick]:
    async with live_bot(world, engine, clock, content) as (_, application):
        yield build_tick(application)
