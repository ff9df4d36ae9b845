"""Shared test fixtures: the Bot API schema, a migrated database, a movable clock, content."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.clock import ManualClock
from bot.content import Content, load_content
from bot.db import migrate
from bot.db.engine import make_engine, session_factory

REPO_ROOT = Path(__file__).resolve().parents[1]

# A Monday afternoon in Ottawa (14:00 EST).
START = datetime(2026, 11, 30, 19, 0, tzinfo=UTC)


def bot_api_schema_path() -> Path:
    """The published Bot API schema, read from ``../shared`` beside the repository."""
    override = os.environ.get("BOT_API_SCHEMA")
    if override:
        return Path(override)
    return REPO_ROOT.parent / "shared" / "telegram-bot-api" / "api.json"


@pytest.fixture(scope="session")
def api_schema_path() -> Path:
    path = bot_api_schema_path()
    if not path.is_file():
        pytest.fail(f"The Bot API schema is missing at {path}; tests validate against it.")
    return path


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'companion.sqlite3'}")
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session
