"""The workspace fixture: two clinics and the real bot on the emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from workspace_people import Clinic2, workspace

from bot.clock import ManualClock
from bot.content import Content


@pytest.fixture
async def ws(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> AsyncIterator[Clinic2]:
    async with workspace(str(api_schema_path), engine, clock, content) as found:
        yield found
