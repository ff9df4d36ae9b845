"""Shared test fixtures: the Bot API schema, a migrated database, a movable clock, content."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from postgres_database import POSTGRES_URL
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
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


@pytest.fixture(autouse=True, scope="session")
def media_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Drawn pictures go to a folder of the test run, never into the working tree."""
    folder = tmp_path_factory.mktemp("media")
    before = os.environ.get("MEDIA_CACHE_DIR")
    os.environ["MEDIA_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("MEDIA_CACHE_DIR", None)
    else:
        os.environ["MEDIA_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to head by the real migrations, once per test run.

    Each test gets a copy of it (a file copy takes a millisecond; running the migrations
    takes about a second). The migrations themselves are tested on their own
    (tests/test_database.py, tests/test_migration_0009_structure.py)."""
    template = tmp_path_factory.mktemp("migrated") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{template}")
    migrate.upgrade(engine)
    engine.dispose()
    return template


@pytest.fixture
def engine(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Engine]:
    """A database of this test's own, at the head revision."""
    path = tmp_path / "companion.sqlite3"
    shutil.copyfile(migrated_sqlite, path)
    engine = make_engine(f"sqlite:///{path}")
    assert migrate.current_revision(engine) == migrate.head_revision()
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session


class _AsyncioErrors(logging.Handler):
    """Collects what asyncio reports at ERROR: a task exception nobody retrieved, a
    callback that raised. Outside tests these are only a log line; here they fail."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(autouse=True)
def no_unhandled_task_errors() -> Iterator[None]:
    """Fail any test during which asyncio reported an unhandled task exception."""
    collector = _AsyncioErrors()
    asyncio_log = logging.getLogger("asyncio")
    asyncio_log.addHandler(collector)
    # What is alive now (modules, content, the triage model, session fixtures) is set aside
    # from the collector, so that the collection below looks only at what this test made: a
    # full collection of the whole heap costs about a second, a test's own objects almost
    # nothing. A task this test created, and lost with an exception, is among them.
    gc.freeze()
    try:
        yield
        gc.collect()  # "Task exception was never retrieved" is reported on collection
    finally:
        asyncio_log.removeHandler(collector)
    if collector.messages:
        pytest.fail("asyncio reported unhandled errors: " + "; ".join(collector.messages))


@pytest.fixture(autouse=True)
def every_button_the_bot_sends_is_well_formed(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Each button the bot sends must fit its action's shape (``bot.callbacks.SHAPES``):
    a button that does not would be refused as forged when the patient presses it."""
    if "tests/emulator" in str(request.path):  # the emulator's own tests send any data
        yield
        return
    from bot import callbacks
    from emulator.world import World

    sent: set[str] = set()
    touch = World.touch

    def recording(world: World, message: Any) -> None:
        if message.from_bot and isinstance(message.reply_markup, dict):
            for row in message.reply_markup.get("inline_keyboard", []):
                sent.update(b["callback_data"] for b in row if "callback_data" in b)
        touch(world, message)

    monkeypatch.setattr(World, "touch", recording)
    yield
    refused = sorted(data for data in sent if not callbacks.is_well_formed(data))
    assert refused == [], f"buttons the bot sent that its own router refuses: {refused}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, migrated database on the test server, dropped afterwards."""
    assert POSTGRES_URL is not None, "ask for postgres_url only in tests marked needs_postgres"
    name = f"companion_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
