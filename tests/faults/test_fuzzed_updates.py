"""Hypothesis draws updates from two clinics' people and strangers, with forged and
well-formed-but-foreign callback data: nothing raises, nothing crosses patients or
clinics, and the DEBUG log holds no typed text and no pressed data.

A small run here (``FUZZ_EXAMPLES`` x up to ``FUZZ_UPDATES`` updates); the probe of issue
11 (2,400 updates) is ``python -m bench.faults.fuzz``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzz_two_clinics import ACTIONS, FuzzedClinics
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.content import Content
from bot.demo import DEMO_TOKEN
from emulator.world import World

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
UPDATES = int(os.environ.get("FUZZ_UPDATES", "12"))


@pytest.fixture(scope="module")
def clinics(
    api_schema_path: Path, tmp_path_factory: pytest.TempPathFactory, content: Content
) -> Iterator[FuzzedClinics]:
    from bot.db import migrate
    from bot.db.engine import make_engine

    engine: Engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.sqlite3'}")
    migrate.upgrade(engine)
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    from alert_ward import MONDAY_9AM

    running = FuzzedClinics(world, engine, ManualClock(MONDAY_9AM), content)
    yield running
    running.close()
    engine.dispose()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(ACTIONS, min_size=1, max_size=UPDATES))
def test_fuzzed_updates_from_two_clinics_raise_nothing_cross_nothing_and_log_nothing(
    clinics: FuzzedClinics, actions: list[tuple[int, str, str, str, str]]
) -> None:
    for action in actions:
        clinics.act(*action)
    assert clinics.figures.problems == []
    assert clinics.figures.errors_logged == 0
    assert clinics.database_problems() == []
    print(clinics.figures.line())
