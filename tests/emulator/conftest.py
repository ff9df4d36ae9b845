"""Fixtures for the emulator tests: a validating World, its server, a PTB Bot and httpx."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import telegram
from emulator_helpers import NOW, TOKEN

from emulator import EmulatorServer, World


@pytest.fixture
def world(api_schema_path: Path) -> World:
    return World(schema_path=api_schema_path, clock=lambda: NOW)


@pytest.fixture
async def server(world: World) -> AsyncIterator[EmulatorServer]:
    async with EmulatorServer(world) as running:
        yield running


@pytest.fixture
async def bot(server: EmulatorServer) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(TOKEN, base_url=f"{server.base_url}/bot") as real_bot:
        yield real_bot


@pytest.fixture
async def http(server: EmulatorServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10.0) as client:
        yield client
